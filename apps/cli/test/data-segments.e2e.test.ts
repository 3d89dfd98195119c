// ctx.data rows shared by the shares of one test: worker threads (--workers) and --segment
// processes each take their turns of the whole test's unique() rows, so a real server sees every
// row id once across all of them, and a share whose rows are spent says which share it is.
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const ROWS = 30;
const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${String(i).padStart(2, '0')}`);

// Opened in run, as a workflow may: every share opens the file itself.
const TAKE = `import { workflow } from '@go-heavy/core';

export default workflow({
  async run(ctx) {
    const row = ctx.data.csv<{ id: string }>('ids.csv').unique();
    const res = await ctx.http.get(\`/fast?id=\${row.id}&user=\${ctx.user.id}\`);
    ctx.check(res.status === 200, 'taken');
  },
});
`;

// Opened in init and returned, as docs/writing-workflows.md shows; init takes a row itself.
const FROM_INIT = `import { workflow, type Rows } from '@go-heavy/core';

export default workflow<{ ids: Rows<{ id: string }> }>({
  async init(ctx) {
    const ids = ctx.data.csv<{ id: string }>('ids.csv');
    await ctx.http.get(\`/fast?id=\${ids.unique().id}&in=init\`);
    return { ids };
  },
  async run(ctx, { ids }) {
    await ctx.http.get(\`/fast?id=\${ids.unique().id}\`);
  },
});
`;

describe('ctx.data unique() rows across --workers and --segment shares', () => {
  const project = makeProject({
    'services/rows/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    'services/rows/ids.csv': `id\n${ids(ROWS).join('\n')}\n`,
    'services/rows/take.ts': TAKE,
    'services/init/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    'services/init/ids.csv': `id\n${ids(ROWS).join('\n')}\n`,
    'services/init/from-init.ts': FROM_INIT,
    'services/few/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    'services/few/ids.csv': `id\n${ids(5).join('\n')}\n`,
    'services/few/take.ts': TAKE,
  });
  afterAll(() => project.remove());

  const out = (name: string) => path.join(project.root, name);
  const run = (service: string, url: string, extra: string[]) => runCli(['run', service, '--root', project.root, '--no-history', '--quiet', ...extra], { env: { BASE_URL: url }, timeoutMs: 60_000 });
  const idsSeen = (target: Awaited<ReturnType<typeof startTarget>>) => target.stats.seen.map((r) => new URL(r.url, 'http://x').searchParams.get('id')!);

  it('--workers 2: the server sees each of the 30 rows exactly once', async () => {
    const target = await startTarget();
    try {
      const res = await run('rows', target.url, ['--users', '4', '--iterations', String(ROWS), '--workers', '2', '--out', out('workers.json')]);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const seen = idsSeen(target);
      expect(seen).toHaveLength(ROWS);
      expect(new Set(seen).size).toBe(ROWS);
      expect(seen.sort()).toEqual(ids(ROWS));
      const result = readResults(out('workers.json'));
      expect(result.workers).toBe(2);
      expect([result.workflows[0]!.succeeded, result.workflows[0]!.failed]).toEqual([ROWS, 0]);
    } finally {
      await target.close();
    }
  });

  it('--workers 2 with rows returned from init: they reach the workers, which carry on after the row init took', async () => {
    const target = await startTarget();
    try {
      const res = await run('init', target.url, ['--users', '4', '--iterations', String(ROWS - 1), '--workers', '2', '--out', out('from-init.json')]);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const seen = idsSeen(target);
      expect(seen[0]).toBe('id00');
      expect(seen.sort()).toEqual(ids(ROWS));
      expect(readResults(out('from-init.json')).workflows[0]!.failed).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('two --segment processes, the first on 2 workers: three shares, each row once, none repeated', async () => {
    const target = await startTarget();
    try {
      const both = await Promise.all([
        run('rows', target.url, ['--users', '4', '--iterations', String(ROWS), '--segment', '0/2', '--workers', '2', '--test-id', 'rows-1', '--out', out('seg-0.json')]),
        run('rows', target.url, ['--users', '4', '--iterations', String(ROWS), '--segment', '1/2', '--test-id', 'rows-1', '--out', out('seg-1.json')]),
      ]);
      for (const res of both) {
        expect(res.stderr).toBe('');
        expect(res.code).toBe(0);
      }
      const seen = idsSeen(target);
      expect(seen).toHaveLength(ROWS);
      expect(seen.sort()).toEqual(ids(ROWS));
      // Segment 1/2 took the odd rows; segment 0/2's workers (0/4 and 2/4) the even ones.
      const bySegment = (file: string) => readResults(out(file)).workflows[0]!.succeeded;
      expect([bySegment('seg-0.json'), bySegment('seg-1.json')]).toEqual([15, 15]);
    } finally {
      await target.close();
    }
  });

  it('a share whose rows are spent fails the iterations that ask, naming the file and the segment', async () => {
    const target = await startTarget();
    try {
      // 5 rows over 2 workers: worker 0 takes rows 0, 2, 4 and worker 1 rows 1, 3; 3 iterations each.
      const res = await run('few', target.url, ['--users', '2', '--iterations', '6', '--workers', '2', '--out', out('few.json')]);
      expect(res.code).toBe(0);
      expect(idsSeen(target).sort()).toEqual(ids(5));
      const wf = readResults(out('few.json')).workflows[0]!;
      expect([wf.runs, wf.succeeded, wf.failed]).toEqual([6, 5, 1]);
      // The CLI runs in this folder: messages show files relative to it.
      const file = path.relative(process.cwd(), path.join(project.root, 'services/few/ids.csv'));
      expect(wf.failureReasons).toEqual({ [`DataFileError: ${file}: unique(): segment 1/2 used all its 2 rows (the 5 rows are dealt out in turn to 2 segments)`]: 1 });
    } finally {
      await target.close();
    }
  });
});
