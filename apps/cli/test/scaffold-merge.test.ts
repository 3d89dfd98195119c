import fc from 'fast-check';
import { mergeGitignore } from '../src/scaffold/gitignore-merge.js';
import { mergePackageJson } from '../src/scaffold/package-json-merge.js';

const WANTED = { '@go-heavy/config': '^0.1.0', '@go-heavy/core': '^0.1.0', 'go-heavy': '^0.1.0' };

describe('mergePackageJson: adds what is missing by inserting text, never changes what is there', () => {
  it('keeps a 4-space file, its inline array and its other fields byte for byte, adding devDependencies at the end', () => {
    const text = '{\n    "name": "team",\n    "files": ["a", "b"],\n    "dependencies": {\n        "left-pad": "^1.3.0",\n        "@go-heavy/core": "^0.0.9"\n    }\n}\n';
    const merged = mergePackageJson(text, WANTED, 'package.json');
    expect(merged.added).toEqual(['@go-heavy/config', 'go-heavy']);
    expect(merged.kept).toEqual(['@go-heavy/core (dependencies: ^0.0.9)']);
    expect(merged.text).toBe(
      '{\n    "name": "team",\n    "files": ["a", "b"],\n    "dependencies": {\n        "left-pad": "^1.3.0",\n        "@go-heavy/core": "^0.0.9"\n    },\n' +
        '    "devDependencies": {\n        "@go-heavy/config": "^0.1.0",\n        "go-heavy": "^0.1.0"\n    }\n}\n',
    );
  });

  it('appends to an existing devDependencies in its indent (tabs, CRLF), and to an empty one', () => {
    const tabs = '{\r\n\t"name": "x",\r\n\t"devDependencies": {\r\n\t\t"jest": "^29.0.0"\r\n\t}\r\n}\r\n';
    expect(mergePackageJson(tabs, { 'go-heavy': '^0.1.0' }, 'package.json').text).toBe(
      '{\r\n\t"name": "x",\r\n\t"devDependencies": {\r\n\t\t"jest": "^29.0.0",\r\n\t\t"go-heavy": "^0.1.0"\r\n\t}\r\n}\r\n',
    );
    const empty = '{\n  "name": "x",\n  "devDependencies": {}\n}\n';
    expect(mergePackageJson(empty, { 'go-heavy': '^0.1.0' }, 'package.json').text).toBe('{\n  "name": "x",\n  "devDependencies": {\n    "go-heavy": "^0.1.0"\n  }\n}\n');
  });

  it('writes a one-line file on one line, and changes nothing when every package is listed', () => {
    expect(mergePackageJson('{"name":"x"}', { 'go-heavy': '^0.1.0' }, 'package.json').text).toBe('{"name":"x","devDependencies":{"go-heavy":"^0.1.0"}}');
    const all = '{ "devDependencies": { "go-heavy": "1.0.0" }, "dependencies": { "@go-heavy/core": "*", "@go-heavy/config": "file:../config" } }';
    expect(mergePackageJson(all, WANTED, 'package.json')).toEqual({
      text: all,
      added: [],
      kept: ['@go-heavy/config (dependencies: file:../config)', '@go-heavy/core (dependencies: *)', 'go-heavy (devDependencies: 1.0.0)'],
    });
  });

  it('names the file and what was expected for a package.json it cannot add to', () => {
    expect(() => mergePackageJson('{ "name": ', WANTED, 'pkg/package.json')).toThrow(/^pkg\/package\.json: not valid JSON \(.*\): fix it, or move it away and run go-heavy init again$/);
    expect(() => mergePackageJson('[]', WANTED, 'package.json')).toThrow('package.json: expected a JSON object, as npm writes');
    expect(() => mergePackageJson('{"devDependencies": ["go-heavy"]}', WANTED, 'package.json')).toThrow('package.json: devDependencies: expected an object of package names and versions');
  });

  it('for any package.json in any indent: the result parses to the old one plus the missing packages, and the old text is all still there', () => {
    const json = fc.jsonValue({ maxDepth: 2 });
    const deps = fc.dictionary(fc.constantFrom('left-pad', 'go-heavy', '@go-heavy/core', 'jest'), fc.constantFrom('^1.0.0', '*'));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), json, { maxKeys: 5 }), fc.option(deps), fc.option(deps), fc.constantFrom(0, 2, 4, '\t'), (fields, dependencies, dev, indent) => {
        const pkg: Record<string, unknown> = { ...fields };
        delete pkg.devDependencies;
        delete pkg.dependencies;
        if (dependencies) pkg.dependencies = dependencies;
        if (dev) pkg.devDependencies = dev;
        const text = JSON.stringify(pkg, null, indent) + '\n';
        const merged = mergePackageJson(text, WANTED, 'package.json');
        const listed = (name: string) => (dependencies && name in dependencies) || (dev && name in dev);
        const missing = Object.keys(WANTED).filter((name) => !listed(name));
        expect(merged.added).toEqual(missing);
        // As JSON reads it back (-0 is written 0).
        const original = JSON.parse(text) as Record<string, unknown>;
        const expected = missing.length === 0 ? original : { ...original, devDependencies: { ...dev, ...Object.fromEntries(missing.map((n) => [n, WANTED[n as keyof typeof WANTED]])) } };
        expect(JSON.parse(merged.text)).toEqual(expected);
        // Insertions only: the old text is still there, every character in order.
        expect(isSubsequence(text, merged.text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** Whether `a` is `b` with characters taken out, nothing changed or moved. */
function isSubsequence(a: string, b: string): boolean {
  let at = 0;
  for (const c of b) if (at < a.length && c === a[at]) at++;
  return at === a.length;
}

describe('mergeGitignore', () => {
  it('writes the entries to a new file, appends only the missing ones to an existing one, in its line ends', () => {
    expect(mergeGitignore(undefined)).toEqual({ text: '.env\n.go-heavy/\nnode_modules/\n', added: ['.env', '.go-heavy/', 'node_modules/'] });
    expect(mergeGitignore('/node_modules\ndist')).toEqual({ text: '/node_modules\ndist\n# go-heavy\n.env\n.go-heavy/\n', added: ['.env', '.go-heavy/'] });
    expect(mergeGitignore('.env\r\n.go-heavy\r\n')).toEqual({ text: '.env\r\n.go-heavy\r\n# go-heavy\r\nnode_modules/\r\n', added: ['node_modules/'] });
    expect(mergeGitignore('.env\n/.go-heavy/\nnode_modules\n')).toEqual({ text: '.env\n/.go-heavy/\nnode_modules\n', added: [] });
  });
});
