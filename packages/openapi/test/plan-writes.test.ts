import { fileState, planWrites } from '../src/index.js';
import { stamp } from '../src/generated-header.js';

const generated = (body: string) => stamp(`// header\n// go-heavy-openapi-sha256: 0000000000000000\n${body}`);

describe('the hash in a generated file tells an edited file from one as generated', () => {
  it('stamps the hash of the content without its hash line, and reads it back', () => {
    const file = generated('export const x = 1;\n');
    expect(file).toMatch(/^\/\/ go-heavy-openapi-sha256: [0-9a-f]{16}$/m);
    expect(file).not.toContain('0000000000000000');
    expect(fileState(file).kind).toBe('as-generated');
    expect(fileState(file.replace('x = 1', 'x = 2')).kind).toBe('edited');
    expect(fileState('export const x = 1;\n')).toEqual({ kind: 'foreign' });
  });

  it('plans each file from what is on disk', () => {
    const v1 = generated('const a = 1;\n');
    const v2 = generated('const a = 2;\n');
    const edited = v1.replace('const a = 1;', 'const a = 1; // mine');
    const disk: Record<string, string> = { 'same.ts': v1, 'old.ts': v1, 'edited-same.ts': edited, 'edited-changed.ts': edited, 'mine.ts': 'hand written\n' };
    const files = [
      { path: 'new.ts', content: v1 },
      { path: 'same.ts', content: v1 },
      { path: 'old.ts', content: v2 },
      { path: 'edited-same.ts', content: v1 },
      { path: 'edited-changed.ts', content: v2 },
      { path: 'mine.ts', content: v1 },
    ];
    const actions = (force: boolean) => planWrites(files, (p) => disk[p], force).map((f) => [f.path, f.action]);
    expect(actions(false)).toEqual([
      ['new.ts', 'create'],
      ['same.ts', 'unchanged'],
      ['old.ts', 'update'],
      ['edited-same.ts', 'keep-edited'],
      ['edited-changed.ts', 'refuse-edited'],
      ['mine.ts', 'refuse-foreign'],
    ]);
    expect(actions(true).map(([, a]) => a)).toEqual(['create', 'unchanged', 'update', 'overwrite', 'overwrite', 'overwrite']);
  });
});
