import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDataFileError, type DataFiles } from '@go-heavy/core';
import { DataStore, WorkflowData } from '../src/data/data-store.js';

describe('ctx.data (WorkflowData over a DataStore)', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-data-'));
  const service = path.join(root, 'services', 'shop');
  const files: Record<string, string> = {
    'users.csv': 'username,password\nana,a1\n\nbob,"b,2"\r\ncy,"say ""hi"""\n',
    'semi.csv': '\uFEFFsku;qty\nA-1;3\n',
    'plain.csv': 'lamp,1\nmug,2\n',
    'ragged.csv': 'a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n15,16\n17,18\n19,20\n21,22,23\n',
    'quote.csv': 'a,b\n1,"open\n',
    'dupe.csv': '\n\nid,name,id\n1,x,2\n',
    'noname.csv': 'id,,name\n1,2,3\n',
    'items.json': '{ "items": [{ "sku": "A" }, { "sku": "B" }], "owner": { "name": "shop" } }',
    'list.json': '[1, 2, 3]',
    'broken.json': '{\n  "a": 1,\n  "b": 2,\n}\n',
    'terms.txt': 'lamp\r\n\nmug\n  \ngarden\n',
  };
  beforeAll(() => {
    mkdirSync(service, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(service, name), text);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const workflowFile = () => path.join(service, 'checkout.ts');
  const fresh = (onStop?: (reason: string) => void): DataFiles => new WorkflowData(new DataStore(onStop), workflowFile());
  const display = (name: string) => path.relative(process.cwd(), path.join(service, name));
  const errorOf = (fn: () => unknown): Error => {
    try {
      fn();
    } catch (err) {
      expect(isDataFileError(err)).toBe(true);
      return err as Error;
    }
    throw new Error('expected a DataFileError');
  };

  it("reads paths relative to the workflow's file, whatever the current folder", () => {
    const cwd = process.cwd();
    process.chdir(os.tmpdir());
    try {
      expect(fresh().csv('users.csv').all).toEqual([
        { username: 'ana', password: 'a1' },
        { username: 'bob', password: 'b,2' },
        { username: 'cy', password: 'say "hi"' },
      ]);
      expect(fresh().csv(path.join(service, 'users.csv')).length).toBe(3);
    } finally {
      process.chdir(cwd);
    }
  });

  it('parses CSV with a delimiter (BOM dropped) and without a header row', () => {
    const data = fresh();
    expect(data.csv('semi.csv', { delimiter: ';' }).all).toEqual([{ sku: 'A-1', qty: '3' }]);
    expect(data.csv('plain.csv', { header: false }).all).toEqual([
      ['lamp', '1'],
      ['mug', '2'],
    ]);
  });

  it('reads each file once per test and shares one frozen value and one set of pickers with every workflow', () => {
    const store = new DataStore();
    const a: DataFiles = new WorkflowData(store, workflowFile());
    const b: DataFiles = new WorkflowData(store, path.join(service, 'search.ts'));
    const users = a.csv('users.csv');
    expect(b.csv('./users.csv')).toBe(users);
    expect(a.csv('users.csv')).toBe(users);
    const json = a.json<{ items: { sku: string }[] }>('items.json');
    // Changing the file during the test changes nothing: it was read once.
    writeFileSync(path.join(service, 'items.json'), '{}');
    try {
      expect(b.json('items.json')).toBe(json);
    } finally {
      writeFileSync(path.join(service, 'items.json'), files['items.json']!);
    }
    expect(Object.isFrozen(users.all) && users.all.every((row) => Object.isFrozen(row))).toBe(true);
    expect(Object.isFrozen(json) && Object.isFrozen(json.items) && Object.isFrozen(json.items[0])).toBe(true);
    expect(() => {
      (users.all[0] as Record<string, string>).username = 'mallory';
    }).toThrow(TypeError);
    // The same file read another way is parsed apart; the pickers follow the options.
    expect(a.csv('users.csv', { onEnd: 'stop' })).not.toBe(users);
    expect(a.csv('users.csv', { onEnd: 'stop' }).all).toBe(users.all);
    expect(a.csv('users.csv', { header: false }).length).toBe(4);
    // A fresh test reads the file again.
    expect(fresh().csv('users.csv')).not.toBe(users);
  });

  it("init's data crosses to worker threads: rows as plain data, the rest untouched, frozen data not copied", () => {
    const main = new DataStore(undefined, { index: 0, count: 1 });
    const data: DataFiles = new WorkflowData(main, workflowFile());
    const users = data.csv('users.csv');
    const json = data.json<{ items: { sku: string }[] }>('items.json');
    const own = data.rows([10, 20, 30, 40]);
    expect(users.unique().username).toBe('ana');
    expect([own.unique(), own.unique()]).toEqual([10, 20]);
    const returned = { users, json, list: [users, 1], byName: new Map([['own', own]]), when: new Date(0) };
    const portable = main.toPortable(returned) as Record<string, unknown>;
    // Copied only where rows were: the caller's object and the frozen JSON are as they were.
    expect(returned.users).toBe(users);
    expect(portable.json).toBe(json);
    expect(portable.when).toBe(returned.when);
    const clone = structuredClone({ portable, positions: main.positions() });
    // A worker (share 1 of 2) carries on after the rows init took: position 1 + 1 + 2k.
    const worker = new DataStore(undefined, { index: 1, count: 2 });
    worker.carryOn(clone.positions);
    const back = worker.fromPortable(clone.portable) as typeof returned;
    expect(back.list[0]).toBe(back.users);
    expect(new WorkflowData(worker, workflowFile()).csv('users.csv')).toBe(back.users);
    expect(Object.isFrozen(back.users.all)).toBe(true);
    expect(back.users.unique().username).toBe('cy');
    expect(errorOf(() => back.users.unique()).message).toBe(`${display('users.csv')}: unique(): segment 1/2 used all its 1 rows (the 3 rows are dealt out in turn to 2 segments)`);
    expect(back.byName.get('own')!.unique()).toBe(40);
    expect(back.when).toEqual(new Date(0));
  });

  it('shares the positions of next() and unique() between calls and workflows', () => {
    const store = new DataStore();
    const a: DataFiles = new WorkflowData(store, workflowFile());
    const b: DataFiles = new WorkflowData(store, workflowFile());
    expect([a.csv('users.csv').unique().username, b.csv('users.csv').unique().username, a.csv('users.csv').unique().username]).toEqual(['ana', 'bob', 'cy']);
    expect(errorOf(() => b.csv('users.csv').unique()).message).toBe(`${display('users.csv')}: unique(): all 3 rows were used`);
  });

  it('reads text, lines and JSON', () => {
    const data = fresh();
    expect(data.text('terms.txt')).toBe(files['terms.txt']);
    expect(data.lines('terms.txt').all).toEqual(['lamp', 'mug', 'garden']);
    expect(data.json('list.json')).toEqual([1, 2, 3]);
    const items = data.json<{ items: readonly { sku: string }[] }>('items.json').items;
    // Rows over an array found in a JSON file: the same pickers each time.
    expect(data.rows(items)).toBe(data.rows(items));
    expect(data.rows(items).next().sku).toBe('A');
    expect(data.rows(items).next().sku).toBe('B');
    // A caller's own array is copied, not frozen under its feet.
    const mine = ['x', 'y'];
    expect(data.rows(mine).unique()).toBe('x');
    expect(data.rows(mine).unique()).toBe('y');
    expect(Object.isFrozen(mine)).toBe(false);
  });

  it('names the file and the line of what is wrong in it', () => {
    const data = fresh();
    expect(errorOf(() => data.csv('ragged.csv')).message).toBe(`${display('ragged.csv')}:12: Invalid Record Length: columns length is 2, got 3`);
    expect(errorOf(() => data.csv('quote.csv')).message).toMatch(new RegExp(`^${escape(display('quote.csv'))}:2: Quote Not Closed`));
    expect(errorOf(() => data.csv('dupe.csv')).message).toBe(`${display('dupe.csv')}:3: the header row names the column "id" twice`);
    expect(errorOf(() => data.csv('noname.csv')).message).toBe(`${display('noname.csv')}:1: column 2 of the header row has no name (or pass { header: false })`);
    expect(errorOf(() => data.json('broken.json')).message).toMatch(new RegExp(`^${escape(display('broken.json'))}:4: invalid JSON: `));
    expect(errorOf(() => data.csv('missing.csv')).message).toBe(`${display('missing.csv')}: no such file`);
    expect(errorOf(() => data.text('.')).message).toBe(`${display('')}: a folder, not a file`);
  });

  it('tries a bad file once per test: every later ask gets the same error without reading it again', () => {
    const data = fresh();
    const first = errorOf(() => data.csv('ragged.csv'));
    writeFileSync(path.join(service, 'ragged.csv'), 'a,b\n1,2\n');
    try {
      expect(errorOf(() => data.csv('ragged.csv'))).toBe(first);
      // A new test reads it again.
      expect(fresh().csv('ragged.csv').length).toBe(1);
    } finally {
      writeFileSync(path.join(service, 'ragged.csv'), files['ragged.csv']!);
    }
  });

  it('names the option that is wrong', () => {
    const data = fresh();
    expect(errorOf(() => data.csv('users.csv', { onEnd: 'loop' as never })).message).toBe(`ctx.data.csv('users.csv'): onEnd: expected one of 'wrap', 'stop', 'fail', got "loop"`);
    expect(errorOf(() => data.csv('users.csv', { delimiter: '' })).message).toBe(`ctx.data.csv('users.csv'): delimiter: expected one or more characters, got ""`);
    expect(errorOf(() => data.csv('users.csv', { columns: true } as never)).message).toBe(`ctx.data.csv('users.csv'): unknown option "columns": expected delimiter, header, onEnd`);
    expect(errorOf(() => data.rows('abc' as never)).message).toBe('ctx.data.rows(): expected an array, got string');
  });

  it("tells the test to stop once when rows opened with onEnd 'stop' run out", () => {
    const reasons: string[] = [];
    const data = fresh((reason) => reasons.push(reason));
    const rows = data.lines('terms.txt', { onEnd: 'stop' });
    for (let i = 0; i < 3; i++) rows.next();
    for (let i = 0; i < 3; i++) expect((errorOf(() => rows.next()) as unknown as { endOfData: boolean }).endOfData).toBe(true);
    expect(reasons).toEqual([`${display('terms.txt')}: next(): all 3 rows were used (onEnd: 'stop'): the test stops`]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
