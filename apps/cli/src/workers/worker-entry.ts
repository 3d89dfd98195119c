// One worker thread of `go-heavy run --workers N`: runs the engine on its share of the load
// (a segment of the test) and reports to the main thread. Loaded by dist/worker.js.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { createRedactor, Engine, isWorkflow, NO_REDACTION, type PlannedWorkflow, type Reporter, type RunPlan } from '@go-heavy/core';
import { createHttpClient, createNdjsonRequestLog } from '@go-heavy/http-client';
import { createRecorder } from '@go-heavy/metrics';
import { catchStrayErrors } from '../stray-errors.js';
import { STATE_EVERY_S, type MainMessage, type WorkerMessage, type WorkerSetup, type WorkerState } from './protocol.js';

const port = parentPort!;
const post = (message: WorkerMessage): void => port.postMessage(message);
// As on one thread, an error no iteration awaited is told and the run goes on.
catchStrayErrors((line) => post({ type: 'stderr', line }));
/** The engine once built: what a dying worker reports. */
let running: Engine | undefined;
let finished = false;

function stateOf(engine: Engine | undefined): Partial<WorkerState> {
  if (engine === undefined) return {};
  try {
    return { snapshot: engine.snapshotSoFar(), unfinished: engine.unfinished() };
  } catch {
    return {};
  }
}

// `process.exit()` in a workflow ends this thread only: its last words carry what it did.
process.on('exit', (code) => {
  if (!finished) post({ type: 'failed', message: `exited with code ${code} (process.exit in a workflow?)`, ...stateOf(running) });
});

async function main(setup: WorkerSetup): Promise<void> {
  // The bundles the main thread compiled: required, not bundled again.
  const workflows: PlannedWorkflow[] = setup.plan.workflows.map(({ bundle, ...wf }) => {
    const definition = (createRequire(bundle)(bundle) as { default?: unknown }).default;
    if (!isWorkflow(definition)) throw new Error(`${wf.file}: its bundle holds no workflow`);
    return { ...wf, definition };
  });
  const plan: RunPlan = { ...setup.plan, workflows };
  const redactor = setup.secrets.length > 0 ? createRedactor(setup.secrets) : NO_REDACTION;
  const shared = setup.requestLog;
  // Without --log-requests the client has no log, and its requests do no log work at all.
  const requestLog = shared && createNdjsonRequestLog({ ...shared.log, append: true });
  const http = createHttpClient({
    ...setup.http,
    ...(shared && { requestLog, requestIdHeader: shared.requestIdHeader, requestIdPrefix: shared.requestIdPrefix }),
    warn: (message) => post({ type: 'warn', message }),
  });
  const levels = new Set(setup.logLevels);
  let ticks = 0;
  const reporter: Reporter = {
    name: 'worker',
    onStart: (info) => post({ type: 'started', load: info.load }),
    // Its state too, not only counts (a worker killed for its memory says nothing more): each
    // second when a live consumer reads it, else every few seconds; its timeline stays behind
    // (the main thread has the points), so that what crosses does not grow with the run.
    onProgress: (u) => {
      const state = setup.live || ++ticks % STATE_EVERY_S === 0 ? { snapshot: { ...u.snapshot(), timeline: [] }, unfinished: engine.unfinished() } : {};
      post({ type: 'progress', succeeded: u.succeeded, failed: u.failed, dropped: u.dropped, requests: u.requests, point: u.point, ...state });
    },
  };
  const engine = new Engine(plan, {
    http,
    createRecorder: () => createRecorder({ redactor }),
    reporters: [reporter],
    testId: setup.testId,
    initData: setup.initData,
    warn: (message) => post({ type: 'warn', message }),
    log: { enabled: (level) => levels.has(level), write: (level, message, fields) => post({ type: 'log', level, message, fields }) },
  });
  running = engine;
  port.on('message', (m: MainMessage) => (m.type === 'stop' ? engine.stop() : engine.abort()));
  try {
    const result = await engine.run();
    finished = true;
    post({ type: 'result', result });
  } finally {
    await http.close();
    if (requestLog) post({ type: 'requestLog', stats: await requestLog.close() });
    port.close();
  }
}

main(workerData as WorkerSetup).catch((err: unknown) => {
  finished = true;
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err), ...stateOf(running) });
  port.close();
});
