import type { CommandModule } from 'yargs';
import { releaseModuleLoader } from '@go-heavy/config';
import { cliVersion } from '../cli-version.js';
import { exitOnError } from '../exit.js';
import { withHttpOptions, type HttpArgs } from '../http-options.js';
import { withLoadOptions, type LoadArgs } from '../load-options.js';

export interface K8sArgs extends LoadArgs, HttpArgs {
  target: string;
  parallelism?: string;
  image?: string;
  namespace?: string;
  'test-id'?: string;
  'results-pvc'?: string;
  tests: 'configmap' | 'image';
  include?: string[];
  secret?: string;
  'cpu-request'?: string;
  'cpu-limit'?: string;
  'memory-request'?: string;
  'memory-limit'?: string;
  collector?: boolean;
  mix?: string;
  threshold?: string[];
}

/**
 * `go-heavy k8s <target> --parallelism N --results-pvc CLAIM [run flags]`: prints the Kubernetes
 * manifests of a run split into N segments, one pod each (an Indexed Job), with the tests in a
 * ConfigMap or baked into the image; `--collector` prints the Pod that lets `kubectl cp` fetch
 * the segments' results once the Job is done. Nothing is sent to a cluster: pipe it to kubectl.
 */
export const k8sCommand: CommandModule<object, K8sArgs> = {
  command: 'k8s <target>',
  describe: 'Print Kubernetes manifests that run a test as N segments (an Indexed Job), to pipe to kubectl apply',
  builder: (y) =>
    withHttpOptions(withLoadOptions(y))
      .positional('target', { type: 'string', demandOption: true, describe: '<service> or <service>/<workflow>' })
      .option('parallelism', { type: 'string', describe: 'Pods, each running one segment (--segment i/N) of the load', group: 'Kubernetes:' })
      .option('results-pvc', {
        type: 'string',
        describe: 'PersistentVolumeClaim the pods write their results to, under <test-id>/seg-<i>.json (ReadWriteMany when pods may land on several nodes)',
        group: 'Kubernetes:',
      })
      .option('test-id', { type: 'string', describe: 'Id of the test: names the objects and the results folder [default: <service>-<UTC time>]', group: 'Kubernetes:' })
      .option('image', { type: 'string', describe: `Image with go-heavy as its entrypoint [default: go-heavy:${cliVersion()}]`, group: 'Kubernetes:' })
      .option('namespace', { type: 'string', describe: 'Namespace of the objects (default: kubectl’s current one)', group: 'Kubernetes:' })
      .option('tests', {
        type: 'string',
        choices: ['configmap', 'image'],
        default: 'configmap',
        describe: 'Ship the test files in a ConfigMap, or use those baked into the image at /tests',
        group: 'Kubernetes:',
      })
      .option('include', { type: 'string', array: true, describe: 'Also ship this file or folder (data files outside the service folder); repeatable', group: 'Kubernetes:' })
      .option('secret', { type: 'string', describe: "A Secret whose keys become the pods' environment (BASE_URL, tokens): .env files are never shipped", group: 'Kubernetes:' })
      .option('cpu-request', { type: 'string', default: '1', describe: 'CPU each pod requests', group: 'Kubernetes:' })
      .option('memory-request', { type: 'string', default: '512Mi', describe: 'Memory each pod requests', group: 'Kubernetes:' })
      .option('cpu-limit', { type: 'string', describe: 'CPU limit of each pod (none by default: a throttled load generator measures itself)', group: 'Kubernetes:' })
      .option('memory-limit', { type: 'string', describe: 'Memory limit of each pod', group: 'Kubernetes:' })
      .option('collector', { type: 'boolean', describe: 'Print only the Pod that mounts the results claim, for kubectl cp (give the same --test-id)', group: 'Kubernetes:' })
      .option('mix', { type: 'string', describe: 'As for run: weights of the workflows sharing the load', group: 'Load:' })
      .option('threshold', { type: 'string', array: true, describe: 'As for run (repeatable); each segment judges its share, judge the whole on the merged results', group: 'Checks:' }) as never,
  handler: async (args) => {
    try {
      // Imported when it runs: the YAML writer is not loaded for every other command.
      const { k8sManifests } = await import('../k8s/k8s-manifests.js');
      process.stdout.write(await k8sManifests(args, new Date()));
    } catch (err) {
      exitOnError(err);
    } finally {
      await releaseModuleLoader();
    }
  },
};
