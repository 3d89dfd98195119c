// Which young generation the worker threads of --workers get: the maximum this Node was given
// (the launcher's flag, or the user's NODE_OPTIONS), else the launcher's; a user's own minimum
// is left as it is.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sizeWorkerYoungGeneration, WORKER_SEMI_SPACE_MB } from '../src/workers/worker-heap.js';

describe('sizeWorkerYoungGeneration', () => {
  it('takes the maximum Node was started with, in either spelling, or from NODE_OPTIONS', () => {
    expect(sizeWorkerYoungGeneration(['--max-semi-space-size=8', '--no-memory-reducer'], '')).toBe(8);
    expect(sizeWorkerYoungGeneration(['--max_semi_space_size=4'], '')).toBe(4);
    expect(sizeWorkerYoungGeneration(['--max-semi-space-size', '16'], '')).toBe(16);
    expect(sizeWorkerYoungGeneration([], '--enable-source-maps  --max-semi-space-size=6')).toBe(6);
  });

  it("is the launcher's size when Node was given none", () => {
    expect(sizeWorkerYoungGeneration(['--stack-size=900'], '')).toBe(WORKER_SEMI_SPACE_MB);
    // The launcher's own flag: a worker's young generation is no bigger than one thread's can get.
    expect(readFileSync(path.join(__dirname, '..', 'bin', 'go-heavy.js'), 'utf8')).toContain(`'--max-semi-space-size=${WORKER_SEMI_SPACE_MB}'`);
  });

  it('leaves the young generation alone when the user set its minimum', () => {
    expect(sizeWorkerYoungGeneration(['--max-semi-space-size=8', '--min-semi-space-size=1'], '')).toBeNull();
  });
});
