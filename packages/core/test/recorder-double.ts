import type {
  CustomMetricKind,
  CustomMetricSink,
  CookieJar,
  HttpClient,
  HttpClientProvider,
  LiveView,
  MetricsRecorder,
  RequestScope,
  RunMeta,
  RunResult,
  StepMetrics,
  WorkflowMetrics,
} from '@go-heavy/core';

/**
 * A recorder that keeps plain counts, standing in for @go-heavy/metrics (which core must not
 * import) so the engine's bookkeeping can be checked exactly.
 */
export class CountingRecorder implements MetricsRecorder {
  readonly workflows = new Map<string, CountingWorkflow>();
  requestCount = 0;
  iterationCount = 0;
  samples = 0;
  readonly lags: number[] = [];

  workflow(name: string): CountingWorkflow {
    let wf = this.workflows.get(name);
    if (!wf) this.workflows.set(name, (wf = new CountingWorkflow(name, this)));
    return wf;
  }

  sample(users: number) {
    this.samples++;
    return { t: this.samples, started: 0, dropped: 0, iterations: 0, failed: 0, requests: 0, errors: 0, p50: 0, p99: 0, max: 0, users };
  }

  /** Enough of a RunResult for the engine's own reading (thresholds), plus the raw counts. */
  snapshots = 0;

  snapshot(meta: RunMeta): RunResult {
    this.snapshots++;
    return this.build(meta);
  }

  private build(meta: RunMeta): RunResult {
    const workflows = [...this.workflows.values()].map((wf) => ({
      ...wf,
      name: wf.name,
      runs: wf.ok + wf.failed,
      succeeded: wf.ok,
      failed: wf.failed,
      steps: [],
    }));
    const failed = workflows.reduce((n, w) => n + w.failed, 0);
    const succeeded = workflows.reduce((n, w) => n + w.succeeded, 0);
    const summary = {
      workflowsSucceeded: succeeded,
      workflowsFailed: failed,
      workflowsInterrupted: 0,
      requests: this.requestCount,
      droppedIterations: 0,
      interrupted: meta.interrupted,
      abortedBy: null,
    };
    return { meta, summary, workflows, thresholds: [] } as unknown as RunResult;
  }

  /** Counted, so tests can tell how often the engine built a view and a snapshot. */
  views = 0;

  view(meta: RunMeta): LiveView {
    this.views++;
    return this.build(meta);
  }
}

class CountingWorkflow implements WorkflowMetrics {
  ok = 0;
  /** Each recorded iteration's time, in order. */
  readonly iterationMs: number[] = [];
  failed = 0;
  interrupted = 0;
  dropped = 0;
  readonly reasons: string[] = [];
  readonly checks: Array<[string, boolean]> = [];
  readonly steps = new Map<string, CountingStep>();
  constructor(
    readonly name: string,
    private readonly recorder: CountingRecorder,
  ) {}
  step(name: string): CountingStep {
    let step = this.steps.get(name);
    if (!step) this.steps.set(name, (step = new CountingStep(name, this.recorder)));
    return step;
  }
  recordIteration(ms: number, ok: boolean, reason?: string): void {
    this.iterationMs.push(ms);
    this.recorder.iterationCount++;
    if (ok) this.ok++;
    else {
      this.failed++;
      this.reasons.push(reason ?? '?');
    }
  }
  recordInterrupted(): void {
    this.recorder.iterationCount++;
    this.interrupted++;
  }
  recordDropped(): void {
    this.dropped++;
  }
  recordStart(lagMs: number): void {
    this.recorder.lags.push(lagMs);
  }
  recordCheck(name: string, ok: boolean): void {
    this.checks.push([name, ok]);
  }
}

class CountingStep implements StepMetrics {
  ok = 0;
  failed = 0;
  readonly requests: string[] = [];
  /** Custom metric values added in this step, as `kind name value`. */
  readonly metricValues: string[] = [];
  /** Sinks handed out, by `kind name`: the engine must resolve each once per step. */
  readonly sinks = new Map<string, CustomMetricSink>();
  constructor(
    readonly name: string,
    private readonly recorder: CountingRecorder,
  ) {}
  metric(kind: CustomMetricKind, name: string): CustomMetricSink {
    const key = `${kind} ${name}`;
    let sink = this.sinks.get(key);
    if (sink === undefined) {
      sink = { add: (value: number) => void this.metricValues.push(`${key} ${value}`) };
      this.sinks.set(key, sink);
    }
    return sink;
  }
  /** Each request as recorded: its latency and outcome (a status, `ok` without one, or `! category`). */
  readonly outcomes: Array<{ request: string; ms: number; outcome: string }> = [];
  request(method: string, endpoint: string) {
    return {
      recordSuccess: (ms: number) => {
        this.recorder.requestCount++;
        this.requests.push(`${method} ${endpoint}`);
        this.outcomes.push({ request: `${method} ${endpoint}`, ms, outcome: 'ok' });
      },
      recordResponse: () => {
        this.recorder.requestCount++;
        this.requests.push(`${method} ${endpoint}`);
      },
      recordError: (ms: number, category: string) => {
        this.recorder.requestCount++;
        this.requests.push(`${method} ${endpoint} !`);
        this.outcomes.push({ request: `${method} ${endpoint}`, ms, outcome: `! ${category}` });
      },
      // A retry is not a request of its own: nothing to count here.
      recordRetry: () => {},
    };
  }
  record(_ms: number, ok: boolean): void {
    if (ok) this.ok++;
    else this.failed++;
  }
}

/**
 * A client that records a request per call under the scope's current step and answers 200
 * without I/O. Core's tests check the engine's bookkeeping; real HTTP is tested in http-client
 * and end to end in the CLI.
 */
export function inMemoryHttp(): HttpClientProvider & { closed: Array<boolean>; jars: number } {
  const closed: boolean[] = [];
  const provider = {
    closed,
    jars: 0,
    createCookieJar(): CookieJar {
      provider.jars++;
      return { header: () => undefined, store: () => {}, clear: () => {} };
    },
    forScope(scope: RequestScope): HttpClient {
      const call = async (method: string, url: string) => {
        scope.step.request(method, url).recordResponse(0, 200);
        return { status: 200, headers: {}, body: '', json: () => ({}), url, latencyMs: 0 } as never;
      };
      return {
        get: (url) => call('GET', url),
        delete: (url) => call('DELETE', url),
        post: (url) => call('POST', url),
        put: (url) => call('PUT', url),
        patch: (url) => call('PATCH', url),
        request: (o) => call(o.method, o.url),
      };
    },
    async close(options?: { force?: boolean }) {
      closed.push(Boolean(options?.force));
    },
  };
  return provider;
}
