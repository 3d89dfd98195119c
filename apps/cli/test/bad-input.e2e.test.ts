// Every flag of every command with a bad value, through the built CLI: one line naming the flag,
// file or field and what was expected, exit code 2, nothing on stdout, no stack trace, and soon.
// Adding a case is one row: [the command line after `go-heavy`, the line after `go-heavy: `
// (a string must match whole, a RegExp may match part), optionally extra environment].
// Rows run from a throwaway project (cwd), whose services/api has a BASE_URL nothing listens on.
// Config-file fields are checked row by row in packages/config/test/bad-config.test.ts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, type CliResult } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startTarget } from './support/target.js';

type Row = [args: string[], message: string | RegExp, env?: Record<string, string>];

const OK = `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/fast'); } });\n`;
const NOTHING_LISTENS = 'BASE_URL=http://127.0.0.1:9\n';
const OPENAPI = `openapi: 3.0.3
info: { title: items, version: '1' }
paths:
  /items:
    get:
      tags: [items]
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
    Thing: { type: object }
`;
const run = (...args: string[]) => ['run', 'api/ok', ...args];
const withLog = (...args: string[]) => run('--log-requests', 'out/requests.ndjson', ...args);
const NUMBER = 'expected a whole number >= 1';
const DURATION = 'expected a duration like 10s, 500ms or 1m30s';
const RATE = 'expected a rate like 100, 100/s or 600/m';
const SIZE = 'expected a size above zero like 64MB, 512KiB or a number of bytes';

const RUN_ROWS: Row[] = [
  // The target and the project.
  [run('--workers', '0'), '--workers: expected a whole number from 1 to 1024 or auto, got "0"'],
  [run('--workers', 'lots'), '--workers: expected a whole number from 1 to 1024 or auto, got "lots"'],
  [run('--segment', '3/3'), '--segment: expected i/N with 0 <= i < N (0-based, as Kubernetes\' JOB_COMPLETION_INDEX), e.g. 1/3, got "3/3"'],
  [run('--segment', 'half'), '--segment: expected i/N with 0 <= i < N (0-based, as Kubernetes\' JOB_COMPLETION_INDEX), e.g. 1/3, got "half"'],
  [run('--test-id', 'a_b!'), /^--test-id: expected letters, digits/],
  [run('--segment', '1/2', '--rate', '5', '--max-users', '1', '--duration', '1s'), '--segment 1/2: api/ok: max-users 1 cannot be shared by 2 segments (at least 1 each)'],
  [['merge', 'a.json'], '--out: expected the file to write the merged results to, e.g. --out total.json'],
  [['run', 'nope'], 'unknown service "nope" in @root/services: expected one of api, badconfig, badenv, badurl, configsyntax, configthrows, mixedstages, nobase'],
  [['run', 'api/nope'], 'unknown workflow "nope" in service "api": expected one of broken, ok, throws'],
  [['run', 'api/broken'], /^services\/api\/broken\.ts:2:\d+: /],
  [['run', 'api/nodefault'], /^services\/api\/nodefault\.ts: no default export: expected `export default workflow/],
  [['run', 'api/throws'], 'services/api/throws.ts: failed to load: no workflow for you'],
  [['run', './services/api/missing.ts'], 'workflow file not found: ./services/api/missing.ts'],
  [['run', 'nobase'], /^service "nobase": BASE_URL is not set: expected it in .* or the environment$/],
  [['run', 'badurl'], 'service "badurl": BASE_URL "localhost:8080" must start with http:// or https://'],
  [['run', 'badenv'], 'services/badenv/env.default:2: expected KEY=value (or a # comment), got "PASSWORD secret"'],
  [['run', 'badconfig'], /^services\/badconfig\/heavy\.config\.ts: unknown key "usres": expected one of users, rate, /],
  [['run', 'configsyntax'], /^\S*services\/configsyntax\/heavy\.config\.ts:1:\d+: /],
  [['run', 'configthrows'], 'services/configthrows/heavy.config.ts: failed to load: no config for you'],
  [['run', 'api', '--root', 'nope'], 'no services/ folder in @root/nope: expected services/<service>/<workflow>.ts (set --root DIR)'],
  [['run', 'api', '--root', 'services/api/env.default'], /^no services\/ folder in @root\/services\/api\/env\.default: /],
  [['run', 'api/ok.ts'], "workflow file not found: api/ok.ts: did you mean api/ok? (a workflow is named <service>/<workflow>, without the file's extension)"],
  [['run'], 'run: expected a service or service/workflow, e.g. go-heavy run shop'],
  [['run', 'api/ok', 'extra'], 'unexpected argument "extra": go-heavy run takes one; options start with --'],
  [run('--usres', '3'), '--usres: unknown option: did you mean --users?'],
  [run('--user', '5'), '--user: unknown option: did you mean --users?'],
  [run('--dration', '5s'), '--dration: unknown option: did you mean --duration?'],
  [run('--frobnicate'), '--frobnicate: unknown option: go-heavy run --help lists them'],
  [run('--max-usrs', '3'), '--max-usrs: unknown option: did you mean --max-users?'],
  // Load flags.
  [run('--users', '0'), `--users: ${NUMBER}, got "0"`],
  [run('--users', '-1'), `--users: ${NUMBER}, got "-1"`],
  [run('--users', '1.5'), `--users: ${NUMBER}, got "1.5"`],
  [run('--users', 'many'), `--users: ${NUMBER}, got "many"`],
  [run('--users'), `--users: ${NUMBER}, got ""`],
  [run('--rate', '0'), `--rate: ${RATE}, got "0"`],
  [run('--rate', '-1'), `--rate: ${RATE}, got "-1"`],
  [run('--rate', 'fast'), `--rate: ${RATE}, got "fast"`],
  [run('--rate', '10/d'), `--rate: ${RATE}, got "10/d"`],
  [run('--users', '5', '--rate', '5'), '--users and --rate cannot be used together: --users is the closed model, --rate the open model'],
  [run('--rate', '5', '--max-users', '0'), `--max-users: ${NUMBER}, got "0"`],
  [run('--rate', '5', '--max-users', 'lots'), `--max-users: ${NUMBER}, got "lots"`],
  [run('--max-users', '5'), '--max-users: only for the open model (--rate, stages written as rates like 10s:50/s, or --shape gaussian)'],
  [run('--duration', '0'), '--duration: expected a duration above zero like 30s, got "0": a run needs time to send load; to run a fixed number of iterations, set --iterations instead'],
  [run('--duration', 'abc'), `--duration: ${DURATION}, got "abc"`],
  [run('--duration', '10'), `--duration: ${DURATION}, got "10" (a number other than 0 needs a unit)`],
  [run('--duration', '10d'), `--duration: ${DURATION}, got "10d"`],
  [run('--duration', '-5s'), '--duration: got "-5s", which starts with - and reads as flags: a negative value is never valid here'],
  [run('--duration=-5s'), `--duration: ${DURATION}, got "-5s"`],
  [run('--iterations', '0'), `--iterations: ${NUMBER}, got "0"`],
  [run('--iterations', '1.5'), `--iterations: ${NUMBER}, got "1.5"`],
  [run('--iterations', '1e3'), `--iterations: ${NUMBER}, got "1e3"`],
  [run('--ramp-up', 'slowly', '--duration', '10s'), `--ramp-up: ${DURATION}, got "slowly"`],
  [run('--ramp-up', '20s', '--duration', '10s'), '--ramp-up 20s is longer than --duration 10s'],
  [run('--ramp-up', '5s', '--stages', '10s:5'), '--ramp-up and --stages cannot be used together: each one sets how the level changes over time'],
  [run('--stages', 'x'), '--stages: part 1 "x": expected duration:target like 30s:200'],
  [run('--stages', '10s:5,x'), '--stages: part 2 "x": expected duration:target like 30s:200'],
  [run('--stages', '10s:-1'), '--stages: part 1 "10s:-1": expected the target to be a whole number of users >= 0'],
  [run('--stages', '10s:0'), '--stages: every target is 0, so nothing would run'],
  [run('--stages', ''), '--stages: expected stages like 10s:50,30s:200,10s:0, got ""'],
  [run('--stages', '5s:10,5s:10/s'), '--stages: part 1 "5s:10" is a number of users and part 2 "5s:10/s" a rate: expected every target as users (like 10s:50) or every one as a rate (like 10s:50/s)'],
  [
    ['run', 'mixedstages'],
    'services/mixedstages/heavy.config.ts: stages: part 1 "5s:10" is a number of users and part 2 "5s:10/s" a rate: expected every target as users (like 10s:50) or every one as a rate (like 10s:50/s)',
  ],
  [run('--shape', 'square'), '--shape: expected gaussian, got "square"'],
  [run('--shape', 'gaussian'), '--shape gaussian needs --volume, --peak, --stddev and --duration'],
  [run('--shape', 'gaussian', '--volume', '0', '--peak', '5s', '--stddev', '1s', '--duration', '10s'), `--volume: ${NUMBER}, got "0"`],
  [run('--volume', '100'), '--volume: only with --shape gaussian'],
  [run('--shape', 'gaussian', '--volume', '10', '--peak', 'noon', '--stddev', '1s', '--duration', '10s'), `--peak: ${DURATION}, got "noon"`],
  [run('--shape', 'gaussian', '--volume', '10', '--peak', '20s', '--stddev', '1s', '--duration', '10s'), '--peak 20s is past the end of --duration 10s'],
  [
    run('--shape', 'gaussian', '--volume', '10', '--peak', '5s', '--stddev', '0', '--duration', '10s'),
    '--stddev: expected a duration above zero like 30s, got "0": it is the spread of the bell curve',
  ],
  [run('--unique-users', '0'), `--unique-users: ${NUMBER}, got "0"`],
  [run('--users', '5', '--unique-users', '2'), '--unique-users 2 is fewer than --users 5: each user needs its own identity'],
  [run('--rate', '5', '--jitter', '150%'), '--jitter: expected a fraction from 0 to 1 or a percentage like 20%, got "150%"'],
  [run('--rate', '5', '--jitter', 'some'), '--jitter: expected a fraction from 0 to 1 or a percentage like 20%, got "some"'],
  [run('--jitter', '10%'), '--jitter: only for the open model (--rate, stages written as rates like 10s:50/s, or --shape gaussian)'],
  [run('--rate', '5', '--distribution', 'poisson'), '--distribution: expected regular or random, got "poisson"'],
  [run('--mix', 'nope=1'), '--mix: unknown workflow "nope": expected one of ok'],
  [run('--mix', 'ok'), '--mix: "ok": expected name=weight pairs of this run\'s workflows (ok), like ok=3'],
  [run('--mix', 'ok=-1'), '--mix: ok: expected a weight, a number >= 0 (0 leaves the workflow out), got -1'],
  [run('--mix', 'ok=0'), '--mix: every weight is 0, so nothing would run: give at least one workflow a weight above 0'],
  [run('--distribution', 'random'), '--distribution: only for the open model (--rate, stages written as rates like 10s:50/s, or --shape gaussian)'],
  [run('--profile', 'missing.yaml'), '--profile: cannot read "missing.yaml": no such file'],
  [run('--profile', 'nope'), '--profile: no profile file or named profile "nope": expected a .yaml file or one of the `profiles` of heavy.config.ts (none defined)'],
  [run('--profile', 'profiles/typo.yaml'), /^profiles\/typo\.yaml:2: usres: unknown key, expected one of users, rate, /],
  [run('--profile', 'profiles/syntax.yaml'), /^profiles\/syntax\.yaml:\d+: invalid YAML: /],
  [run('--profile', 'profiles/list.yaml'), 'profiles/list.yaml:1: expected load settings as key: value lines, got a list'],
  [
    run('--profile', 'profiles/zero.yaml'),
    'profiles/zero.yaml:1: duration: expected a duration above zero like 30s, got 0: a run needs time to send load; to run a fixed number of iterations, set iterations instead',
  ],
  // Timing flags: 0 is fine for --warmup and --graceful-stop, not for --timeout.
  [run('--warmup', 'a bit', '--duration', '5s'), `--warmup: ${DURATION}, got "a bit"`],
  [run('--warmup', '2', '--duration', '5s'), `--warmup: ${DURATION}, got "2" (a number other than 0 needs a unit)`],
  [run('--iterations', '5', '--warmup', '2s'), '--warmup: a warm-up runs before a duration, and this run has none (it is limited by iterations): set --duration too, or leave the warm-up out'],
  [run('--graceful-stop', 'soon'), `--graceful-stop: ${DURATION}, got "soon"`],
  [run('--timeout', '0'), '--timeout: expected a duration above zero like 30s, got "0": it is how long one request may take before it fails'],
  [run('--timeout', '5d'), `--timeout: ${DURATION}, got "5d"`],
  [run('--iteration-timeout', 'soon'), `--iteration-timeout: ${DURATION}, got "soon"`],
  [run('--iteration-timeout=-2s'), `--iteration-timeout: ${DURATION}, got "-2s"`],
  [run('--iteration-timeout', '10'), `--iteration-timeout: ${DURATION}, got "10" (a number other than 0 needs a unit)`],
  // Output paths: each one checked before anything runs, never a hang (recursive mkdir under /proc never returns).
  [run('--out', 'services/api/env.default/results.json'), /^--out: cannot write services\/api\/env\.default\/results\.json: @root\/services\/api\/env\.default is a file, not a folder$/],
  [run('--out', 'services'), '--out: cannot write services: @root/services is a folder'],
  [run('--out', ''), '--out: expected a file path, like results.json, got ""'],
  [run('--out', '/proc/go-heavy-x/y.json'), '--out: cannot write /proc/go-heavy-x/y.json: cannot create the folder /proc/go-heavy-x: this file system does not take new files or folders (ENOENT)'],
  [run('--out', '/proc/self/go-heavy.json'), '--out: cannot write /proc/self/go-heavy.json: cannot create files in /proc/self: this file system does not take new files or folders (ENOENT)'],
  [run('--out', '/sys/go-heavy-x/y.json'), '--out: cannot write /sys/go-heavy-x/y.json: cannot create the folder /sys/go-heavy-x: not permitted here (EPERM)'],
  [run('--html', 'services'), '--html: cannot write services: @root/services is a folder'],
  [run('--html', '/proc/go-heavy-x/report.html'), /^--html: cannot write \/proc\/go-heavy-x\/report\.html: cannot create the folder \/proc\/go-heavy-x: /],
  [run('--junit', 'services'), '--junit: cannot write services: @root/services is a folder'],
  [run('--junit', ''), '--junit: expected a file path, like results.json, got ""'],
  [run('--reporter', 'junit', '--reporter', 'nope-junit'), /^reporter "nope-junit" \(--reporter\): not a built-in \(console, json, html, junit\) and not an installed package/],
  [run('--history', '/proc/go-heavy-x/history.db'), /^--history: cannot write \/proc\/go-heavy-x\/history\.db: cannot create the folder \/proc\/go-heavy-x: /],
  [run('--history', 'services/api/env.default/h.db'), /^--history: cannot write .*env\.default is a file, not a folder$/],
  [run('--history', ''), '--history: expected a file path, like results.json, got ""'],
  [run('--log-requests', '/proc/go-heavy-x/requests.ndjson'), /^--log-requests: cannot write \/proc\/go-heavy-x\/requests\.ndjson: cannot create the folder \/proc\/go-heavy-x: /],
  [run('--log-requests', '/proc/self/requests.ndjson'), /^--log-requests: cannot write \/proc\/self\/requests\.ndjson: cannot create files in \/proc\/self: /],
  [run('--log-requests', ''), '--log-requests: expected a file to write, got ""'],
  [run(), /^GO_HEAVY_LOG_FILE: cannot write \/proc\/go-heavy-x\/go-heavy\.log: cannot create the folder \/proc\/go-heavy-x: /, { GO_HEAVY_LOG_FILE: '/proc/go-heavy-x/go-heavy.log' }],
  // f1's names: read when go-heavy's is not set, named in the message; go-heavy's wins when both are.
  [run(), /^LOG_FILE_PATH: cannot write \/proc\/go-heavy-x\/f1\.log: cannot create the folder \/proc\/go-heavy-x: /, { LOG_FILE_PATH: '/proc/go-heavy-x/f1.log' }],
  [run(), /^GO_HEAVY_LOG_FILE: cannot write \/proc\/go-heavy-y\/own\.log: /, { GO_HEAVY_LOG_FILE: '/proc/go-heavy-y/own.log', LOG_FILE_PATH: '/proc/go-heavy-x/f1.log' }],
  // Request log.
  [withLog('--log-requests-sample', '2'), '--log-requests-sample: expected a share above 0 and at most 1, such as 0.1 or 10%, got "2"'],
  [withLog('--log-requests-sample', '0'), '--log-requests-sample: expected a share above 0 and at most 1, such as 0.1 or 10%, got "0"'],
  [withLog('--log-requests-sample', 'some'), '--log-requests-sample: expected a share above 0 and at most 1, such as 0.1 or 10%, got "some"'],
  [withLog('--log-body-limit', '-1'), '--log-body-limit: expected a whole number of bytes, 0 or more, got "-1"'],
  [withLog('--log-body-limit', '4k'), '--log-body-limit: expected a whole number of bytes, 0 or more, got "4k"'],
  [run('--log-failed-only'), '--log-failed-only: only means something with --log-requests FILE'],
  [run('--log-requests-sample', '0.5'), '--log-requests-sample: only means something with --log-requests FILE'],
  // Output and the rest.
  [run('--report', 'short'), '--report: expected summary or full, got "short"'],
  [run('--full', '--report', 'summary'), '--full and --report summary disagree: give one of them'],
  [run('--quiet=maybe'), '--quiet: a switch: expected --quiet alone (or =true, =false), got "maybe"'],
  [run('--verbose=yes'), '--verbose: a switch: expected --verbose alone (or =true, =false), got "yes"'],
  [run('--dashboard=on'), '--dashboard: a switch: expected --dashboard alone (or =true, =false), got "on"'],
  [run('--show-secrets=1'), '--show-secrets: a switch: expected --show-secrets alone (or =true, =false), got "1"'],
  // HTTP flags.
  [run('--insecure=maybe'), '--insecure: a switch: expected --insecure alone (or =true, =false), got "maybe"'],
  [run('--discard-response-bodies=x'), '--discard-response-bodies: a switch: expected --discard-response-bodies alone (or =true, =false), got "x"'],
  [run('--max-response-size', 'abc'), `--max-response-size: ${SIZE}, got "abc"`],
  [run('--max-response-size', '0'), `--max-response-size: ${SIZE}, got "0"`],
  [run('--max-response-size', '10XB'), `--max-response-size: ${SIZE}, got "10XB"`],
  [run('--max-response-size=-1'), `--max-response-size: ${SIZE}, got "-1"`],
  [run('--max-redirects=-1'), '--max-redirects: expected a whole number >= 0, got "-1"'],
  [run('--max-redirects', 'many'), '--max-redirects: expected a whole number >= 0, got "many"'],
  [run('--max-redirects', '2.5'), '--max-redirects: expected a whole number >= 0, got "2.5"'],
  [['run', 'api/ok', '--root', 'redirects'], 'redirects/services/api/heavy.config.ts: maxRedirects: expected a whole number >= 0, got -1'],
  [run('--dashboard-port', '70000'), '--dashboard-port: expected a port from 0 to 65535 (0 takes a free one), got "70000"'],
  [run('--dashboard-port', 'any'), '--dashboard-port: expected a port from 0 to 65535 (0 takes a free one), got "any"'],
  [run('--threshold', 'nonsense'), /^--threshold: threshold "nonsense": expected "<workflow> \[> <step> \[> <METHOD> <endpoint>\]\] <stat> <op> <value>"/],
  [run('--threshold', 'api/ok p42 < 10ms'), /^--threshold: .*p42/],
  [run('--threshold', 'api/okk p95 < 10ms'), '--threshold: threshold "api/okk p95 < 10ms" names workflow "api/okk", which does not exist: expected one of api/broken, api/ok, api/throws'],
  [run('--threshold', 'apii/ok p95 < 10ms'), /^--threshold: threshold "apii\/ok p95 < 10ms" names workflow "apii\/ok", which does not exist: there is no service "apii" \(services: api, /],
  [run('--threshold', 'api/ok checks > 0.99'), '--threshold: threshold "api/ok checks > 0.99": checks is the percentage of checks passed: expected a value like 99%'],
  [run('--threshold', 'api/ok p95{ok} < 10ms'), /^--threshold: threshold "api\/ok p95\{ok\} < 10ms": unknown filter "\{ok\}": expected \{all\} after a latency stat/],
  [
    run('--threshold', 'api/ok metric:queue depth p95 < 10ms'),
    `--threshold: threshold "api/ok metric:queue depth p95 < 10ms": metric:queue depth p95 is in the metric's own unit: expected a value without ms or s`,
  ],
  [run('--threshold', 'metric:orders total > 1'), /^--threshold: threshold "metric:orders total > 1": expected "\[<workflow> \[> <step>\]\] metric:<name> <stat> <op> <value>"/],
  [
    run('--threshold', 'api/ok > s > GET /x {kind=a,=b} p95 < 1s'),
    `--threshold: threshold "api/ok > s > GET /x {kind=a,=b} p95 < 1s": expected the request's tags as "<METHOD> <endpoint> {key=value,…}", like "GET /search {kind=search}", got "/x {kind=a,=b}"`,
  ],
  [run('--tag', 'novalue'), '--tag: expected key=value, like env=staging, got "novalue"'],
  [run('--tag', '=staging'), '--tag: expected key=value, like env=staging, got "=staging"'],
  [
    run('--reporter', 'go-heavy-reporter-that-does-not-exist'),
    /^reporter "go-heavy-reporter-that-does-not-exist" \(--reporter\): not a built-in \(console, json, html, junit\) and not an installed package/,
  ],
  [run('--prometheus-pushgateway', '::'), '--prometheus-pushgateway: expected host:port or an http(s) URL such as localhost:9091, got "::"'],
  [run('--prometheus-pushgateway', 'ftp://gateway:9091'), /^--prometheus-pushgateway: expected host:port or an http\(s\) URL such as localhost:9091, got "ftp:\/\/gateway:9091"/],
  [run(), 'GO_HEAVY_PROMETHEUS_PUSHGATEWAY: expected host:port or an http(s) URL such as localhost:9091, got "::"', { GO_HEAVY_PROMETHEUS_PUSHGATEWAY: '::' }],
  [run(), 'PROMETHEUS_PUSH_GATEWAY: expected host:port or an http(s) URL such as localhost:9091, got "::"', { PROMETHEUS_PUSH_GATEWAY: '::' }],
  [run(), 'GO_HEAVY_PROMETHEUS_PUSHGATEWAY: expected host:port or an http(s) URL such as localhost:9091, got ":::"', { GO_HEAVY_PROMETHEUS_PUSHGATEWAY: ':::', PROMETHEUS_PUSH_GATEWAY: '::' }],
  [run(), 'GO_HEAVY_LOG_LEVEL: expected one of debug, info, warn, error, got "loud"', { GO_HEAVY_LOG_LEVEL: 'loud' }],
  [run(), 'GO_HEAVY_LOG_FORMAT: expected text or json, got "xml"', { GO_HEAVY_LOG_FORMAT: 'xml' }],
];

const CHART_ROWS: Row[] = [
  [['chart', '--users', '3', '--max-users', '5'], '--max-users: only for the open model (--rate, stages written as rates like 10s:50/s, or --shape gaussian)'],
  [['chart', '--rate', 'lots'], `--rate: ${RATE}, got "lots"`],
  [['chart', '--stages', '10s:50/s,x'], '--stages: part 2 "x": expected duration:target like 30s:200'],
  [['chart', 'nope'], 'unknown service "nope" in @root/services: expected one of api, badconfig, badenv, badurl, configsyntax, configthrows, mixedstages, nobase'],
  [['chart', 'api/nope'], 'unknown workflow "nope" in service "api": expected one of broken, ok, throws'],
  [['chart', 'api/ok.ts'], "workflow file not found: api/ok.ts: did you mean api/ok? (a workflow is named <service>/<workflow>, without the file's extension)"],
  [['chart', '--stages', '5s:10/s,5s:10'], /^--stages: part 2 "5s:10" is a number of users and part 1 "5s:10\/s" a rate: /],
  [['chart', '--user', '5'], '--user: unknown option: did you mean --users?'],
  [['chart', 'badconfig'], /^services\/badconfig\/heavy\.config\.ts: unknown key "usres"/],
  [['chart', '--duration', '0'], /^--duration: expected a duration above zero like 30s, got "0"/],
];

const REPORT_ROWS: Row[] = [
  [['report'], 'report: expected a results file written by go-heavy run --out, e.g. go-heavy report results.json'],
  [['report', 'results/ok.json', '--report', 'short'], '--report: expected summary or full, got "short"'],
  [['report', 'results/ok.json', '--no-full', '--report', 'full'], '--no-full and --report full disagree: give one of them'],
  [['report', 'results/nope.json'], 'results/nope.json: no such file: expected a results file written by `go-heavy run --out FILE`'],
  [['report', 'results'], 'results: is a folder: expected a results file written by `go-heavy run --out FILE`'],
  [['report', 'results/text.json'], /^results\/text\.json: not JSON: /],
  [['report', 'results/package.json'], 'results/package.json: not a go-heavy results file: expected an object with schemaVersion, testId, summary and workflows'],
  [['report', 'results/v99.json'], 'results/v99.json: schemaVersion 99: expected 1 (written by a newer go-heavy: upgrade to read it)'],
  [['report', 'results/p50.json'], 'results/p50.json: /workflows/0/latencyMs/p50 must be number, got "fast"'],
  [['report', 'results/no-steps.json'], 'results/no-steps.json: /workflows/0/steps is missing'],
  [['report', 'results/negative.json'], 'results/negative.json: /summary/requests must be >= 0, got -3'],
  [['report', 'results/model.json'], 'results/model.json: /load/model must be one of "closed", "open", got "half-open"'],
  [['report', 'results/extra.json'], 'results/extra.json: /workflows/0/colour: unknown field (not in the results schema)'],
  [['report', 'results/started.json'], 'results/started.json: /startedAt must be ISO 8601, UTC, got "yesterday"'],
  [['report', 'results/ok.json', '--html', 'services'], '--html: cannot write services: @root/services is a folder'],
  [['report', 'results/ok.json', '--html', '/proc/go-heavy-x/r.html'], /^--html: cannot write \/proc\/go-heavy-x\/r\.html: cannot create the folder/],
  [['report', 'results/ok.json', '--junit', 'services'], '--junit: cannot write services: @root/services is a folder'],
  [['report', 'results/ok.json', '--full=x'], '--full: a switch: expected --full alone (or =true, =false), got "x"'],
];

const SERVE_ROWS: Row[] = [
  [['serve'], 'serve: expected a folder of results files, e.g. go-heavy serve results'],
  [['serve', 'nope'], 'nope: no such folder: expected the folder holding results files written by `go-heavy run --out`'],
  [['serve', 'results/ok.json'], 'results/ok.json: not a folder: expected the folder holding results files (to read one file, use `go-heavy report results/ok.json`)'],
  [['serve', 'results', '--port', '70000'], '--port: expected a port from 0 to 65535 (0 takes a free one), got "70000"'],
  [['serve', 'results', '--port', 'any'], '--port: expected a port from 0 to 65535 (0 takes a free one), got "any"'],
  [['serve', 'results', '--host', ''], '--host: expected an address to listen on such as 127.0.0.1, got ""'],
  [['serve', 'results', '--host', '10.255.255.1'], 'cannot listen on 10.255.255.1:0: no such address on this machine'],
];

const HISTORY_ROWS: Row[] = [
  [['history'], 'history: expected a service, e.g. go-heavy history shop'],
  [['history', 'api', '--stat', 'p42'], '--stat: expected one of p50, p90, p95, p99, max, min, avg, error-rate, runs/s, runs, got "p42"'],
  [['history', 'api', '--last', '0'], '--last: expected a whole number >= 1, got 0'],
  [['history', 'api', '--last', 'x'], '--last: expected a whole number >= 1, got something that is not a number'],
  [['history', 'api', '--window', '0'], '--window: expected a whole number >= 1, got 0'],
  [['history', 'api', '--tolerance', '-1'], '--tolerance: expected a percentage >= 0, got -1'],
  [['history', 'api', '--html', ''], '--html: expected a file path, like trend.html'],
  [['history', 'api', '--html', '/proc/go-heavy-x/trend.html'], /^--html: cannot write \/proc\/go-heavy-x\/trend\.html: cannot create the folder/],
  [['history', 'api', '--tag', 'novalue'], '--tag: expected key=value, like env=staging, got "novalue"'],
  [['history', 'api'], 'no history in @root/.go-heavy/history.ndjson: expected the file `go-heavy run` records runs in (run `go-heavy run api` first, or name the file with --history)'],
  [['history', 'api', '--history', '/proc/go-heavy-x/history.db'], /^no history in \/proc\/go-heavy-x\/history\.db: /],
];

// Rows fail before anything is written: a row that wrote would change the project the others run in.
const NAME = 'expected lower-case letters, digits, - and _, starting with a letter (like shop or browse-and-buy)';
const INIT_ROWS: Row[] = [
  [['init', '--service', 'Shop'], `--service: ${NAME}, got "Shop"`],
  [['init', '--service', '1st'], `--service: ${NAME}, got "1st"`],
  [['init', '--service', 'node_modules'], '--service: "node_modules" is reserved (npm\'s folder): choose another name'],
  [['init', '--service', 'a'.repeat(65)], '--service: expected at most 64 characters, got 65'],
  [['init', '--base-url', 'localhost:3000'], '--base-url: expected an http:// or https:// URL like http://localhost:3000, got "localhost:3000"'],
  [['init', '--base-url', 'ftp://host'], '--base-url: expected an http:// or https:// URL like http://localhost:3000, got "ftp://host"'],
  [['init', 'services/api/env.default'], 'init services/api/env.default: is a file: expected a folder to set up (created when missing)'],
  [['init', ''], 'init: expected a folder to set up, got ""'],
  [['init', '/proc/go-heavy-x'], 'init /proc/go-heavy-x: cannot create the folder /proc/go-heavy-x: this file system does not take new files or folders (ENOENT)'],
  [['init', '/proc/self'], 'cannot write /proc/self/package.json: this file system does not take new files or folders (ENOENT)'],
  [['init', 'results', '--force=yes'], '--force: a switch: expected --force alone (or =true, =false), got "yes"'],
  [['init', '--servcie', 'x'], '--servcie: unknown option: did you mean --service?'],
  [['init', 'a', 'b'], 'unexpected argument "b": go-heavy init takes one; options start with --'],
];

const NEW_ROWS: Row[] = [
  [['new'], 'new: expected service <name> or workflow <service>/<workflow>, e.g. go-heavy new service shop'],
  [['new', 'thing', 'x'], 'new: expected service or workflow, got "thing"'],
  [['new', 'service'], 'new service: expected a name, e.g. go-heavy new service shop'],
  [['new', 'workflow'], 'new workflow: expected <service>/<workflow>, e.g. go-heavy new workflow shop/checkout'],
  [['new', 'service', 'Bad Name'], `service name: ${NAME}, got "Bad Name"`],
  [['new', 'service', 'node_modules'], 'service name: "node_modules" is reserved (npm\'s folder): choose another name'],
  [['new', 'service', 'api'], 'service "api" exists: services/api (choose another name, or --force to write its files anew)'],
  [['new', 'service', 'fresh', '--base-url', 'ftp://x'], '--base-url: expected an http:// or https:// URL like http://localhost:3000, got "ftp://x"'],
  [['new', 'service', 'fresh', '--root', 'nope'], 'no services/ folder in @root/nope: expected services/<service>/<workflow>.ts (set --root DIR)'],
  [['new', 'workflow', 'api'], 'new workflow: expected <service>/<workflow>, e.g. go-heavy new workflow shop/checkout, got "api"'],
  [['new', 'workflow', 'api/x/y'], 'new workflow: expected <service>/<workflow>, e.g. go-heavy new workflow shop/checkout, got "api/x/y"'],
  [['new', 'workflow', 'api/Checkout'], `workflow name: ${NAME}, got "Checkout"`],
  [['new', 'workflow', 'API/checkout'], `service name: ${NAME}, got "API"`],
  [['new', 'workflow', 'api/ok'], 'workflow "api/ok" exists: services/api/ok.ts (choose another name, or --force to overwrite it)'],
  [['new', 'workflow', 'nope/x'], /^unknown service "nope" in services: expected one of api, badconfig, .* \(go-heavy new service nope creates it\)$/],
  [['new', 'workflow', 'api/x', '--base-url', 'http://a'], "--base-url: only for new service: a workflow uses its service's BASE_URL (services/<service>/env.default)"],
  [['new', 'service', 'fresh', '--bse-url', 'http://a'], '--bse-url: unknown option: did you mean --base-url?'],
];

const GENERATE = (spec: string, ...args: string[]) => ['generate', 'openapi', spec, '--service', 'gen', ...args];
const GENERATE_ROWS: Row[] = [
  [['generate'], 'generate: expected what to generate from and its file, e.g. go-heavy generate openapi spec.yaml --service shop'],
  [['generate', 'openapi'], 'generate: expected what to generate from and its file, e.g. go-heavy generate openapi spec.yaml --service shop'],
  [['generate', 'openapi', 'specs/ok.yaml'], '--service: required: the service to write, e.g. --service shop (writes services/shop/)'],
  [GENERATE('specs/ok.yaml').slice(0, 4).concat('../up'), '--service: expected a folder name (letters, digits, ., _ and -), got "../up"'],
  [GENERATE('specs/ok.yaml', '--tags', 'nope'), '--tags: tag "nope" is not used by ok.yaml: expected one of "items"'],
  [GENERATE('specs/missing.yaml'), 'specs/missing.yaml: no such file: expected an OpenAPI spec in YAML or JSON'],
  [GENERATE('specs/bad-yaml.yaml'), /^specs\/bad-yaml\.yaml: line 7, column \d+ \(in #\/paths\/~1items\/get\/responses\): invalid YAML: /],
  [GENERATE('specs/dangling.yaml'), 'specs/dangling.yaml: #/paths/~1items/get/responses/200/content/application~1json/schema/$ref: $ref "#/components/schemas/Item" points to nothing in the spec'],
  [GENERATE('specs/v4.yaml'), 'specs/v4.yaml: #/openapi: unsupported version "4.0.0": expected openapi 3.0.x or 3.1.x (as a string), or swagger "2.0"'],
  [GENERATE('specs/swagger12.json'), 'specs/swagger12.json: #/swagger: unsupported version "1.2": expected swagger "2.0", or openapi 3.0.x or 3.1.x'],
  [GENERATE('specs/invalid.yaml'), /^specs\/invalid\.yaml: #\/paths\/~1items\/get\/responses\/200: invalid: /],
];

const DIFF_ROWS: Row[] = [
  [['diff', 'results/ok.json'], 'diff: expected two results files, the baseline then the candidate, e.g. go-heavy diff a.json b.json (or with --history two runs, e.g. shop@-2 shop@-1)'],
  [['diff', 'results/ok.json', 'results/nope.json'], 'results/nope.json: no such file: expected a results file written by `go-heavy run --out FILE`'],
  [['diff', 'results/ok.json', 'results/p50.json'], /^results\/p50\.json: \/workflows\/0\/latencyMs\/p50 /],
  [
    ['diff', 'results/ok.json', 'results/ok.json', '--fail-on', 'p95 10%'],
    '--fail-on: expected "<stat> <+|-><amount><unit>", like "p95 +10%", "p99 +20ms", "error-rate +1pp" or "runs/s -5%", got "p95 10%"',
  ],
  [['diff', 'results/ok.json', 'results/ok.json', '--fail-on', 'p95 -10%'], '--fail-on: "p95 -10%": p95 gets worse as it rises: expected "p95 +10%"'],
  [['diff', 'results/ok.json', 'results/ok.json', '--fail-on', 'p42 +1%'], /^--fail-on: unknown statistic "p42" in "p42 \+1%": expected one of runs, runs\/s, error-rate, min, avg, max, p10, /],
  [['diff', 'results/ok.json', 'results/ok.json', '--fail-on', 'error-rate +2ms'], '--fail-on: "error-rate +2ms": ms is a latency\'s unit: expected pp or % for error-rate'],
  [['diff', 'results/ok.json', 'results/ok.json', '--requests', 'results/a.ndjson'], "--requests: expected two request logs after it, a's then b's: --requests a.ndjson b.ndjson"],
  [
    ['diff', 'results/ok.json', 'results/ok.json', '--requests', 'results/a.ndjson', 'results/b.ndjson'],
    '--requests: results/a.ndjson: no such file: expected a request log written by `go-heavy run --log-requests FILE`',
  ],
  [['diff', 'results/ok.json', 'results/ok.json', '--requests-limit', '-1'], '--requests-limit: expected a whole number >= 0, got -1'],
  [['diff', 'results/ok.json', 'results/ok.json', '--html', ''], '--html: expected a file path, like results.json, got ""'],
  [['diff', 'results/ok.json', 'results/ok.json', '--history-file', 'h.ndjson'], '--history-file: only with --history, which reads a and b from the history'],
  [['diff', '--history', 'api@-1', 'api@-2'], '--history: no history in @root/.go-heavy/history.ndjson: expected the file `go-heavy run` records runs in (name it with --history-file)'],
];

const EXPLORE_ROWS: Row[] = [
  [['explore'], 'explore: expected a results file written by go-heavy run --out, e.g. go-heavy explore results.json'],
  [['explore', 'results/nope.json'], 'results/nope.json: no such file: expected a results file written by `go-heavy run --out FILE`'],
  [['explore', 'results/ok.json', '--eval', ''], '--eval: expected an expression, like "requests.count()"'],
  [['explore', 'results/ok.json', '--eval', 'requests.find({'], /^--eval: SyntaxError: /],
  [['explore', 'results/ok.json', '--eval', 'log.count()'], '--eval: log: no request log to query: name it with --requests FILE (go-heavy run --log-requests FILE writes one)'],
  [['explore', 'results/ok.json', '--eval', 'requests.find({ runs: { $bogus: 1 } }).count()'], /^--eval: Error: .*\$bogus/],
  [['explore', 'results/ok.json', '--requests', 'results/a.ndjson'], '--requests: results/a.ndjson: no such file: expected a request log written by `go-heavy run --log-requests FILE`'],
  [['explore', 'results/ok.json', '--requests', 'a.ndjson', '--requests', 'b.ndjson'], "--requests: expected one request log (the run's own), got 2"],
];

const UI_ROWS: Row[] = [
  [['ui', '--root', 'nope'], /^--root: no services\/ folder in .*nope: expected services\/<service>\/<workflow>\.ts \(set --root DIR\)$/],
  [['ui', '--port', '70000'], '--port: expected a port from 0 to 65535 (0 takes a free one), got "70000"'],
  [['ui', '--port', 'any'], '--port: expected a port from 0 to 65535 (0 takes a free one), got "any"'],
  [['ui', '--host', ''], '--host: expected an address to listen on such as 127.0.0.1, got ""'],
  [['ui', '--host', '10.255.255.1'], 'cannot listen on 10.255.255.1:0: no such address on this machine'],
  [['ui', '--results', '../elsewhere'], /^--results: expected a folder inside the root \(.*\), got "\.\.\/elsewhere": the UI writes nothing outside it$/],
  [['ui', '--results', ''], '--results: expected a folder of results files inside the root, like results, got ""'],
  [['ui', 'shop'], 'unexpected argument "shop": go-heavy ui takes none; the project is --root DIR (default .), and its services are picked in the page'],
];

const k8s = (...args: string[]) => ['k8s', 'api/ok', '--parallelism', '2', '--results-pvc', 'load-results', ...args];
const K8S_NAME = "expected lower-case letters, digits and '-', starting and ending with a letter or digit";
const K8S_ROWS: Row[] = [
  [['k8s'], 'k8s: expected a service or service/workflow, e.g. go-heavy k8s shop --parallelism 4 --results-pvc load-results'],
  [['k8s', 'api', '--results-pvc', 'r'], '--parallelism: expected a whole number from 1 to 1000, got ""'],
  [['k8s', 'api', '--results-pvc', 'r', '--parallelism', '0'], '--parallelism: expected a whole number from 1 to 1000, got "0"'],
  [['k8s', 'api', '--results-pvc', 'r', '--parallelism', 'four'], '--parallelism: expected a whole number from 1 to 1000, got "four"'],
  [['k8s', 'api', '--parallelism', '2'], '--results-pvc: expected the name of a PersistentVolumeClaim for the segments to write their results to (ReadWriteMany when pods may land on several nodes)'],
  [k8s('--results-pvc', 'Load_Results'), `--results-pvc: ${K8S_NAME}, at most 253 characters (a Kubernetes name), got "Load_Results"`],
  [k8s('--namespace', 'Prod!'), `--namespace: ${K8S_NAME}, at most 63 characters (a Kubernetes name), got "Prod!"`],
  [k8s('--test-id', 'x'.repeat(41)), `--test-id: ${K8S_NAME}, at most 40 characters (a Kubernetes name), got "${'x'.repeat(41)}"`],
  [k8s('--secret', 'Api-Env'), `--secret: ${K8S_NAME}, at most 253 characters (a Kubernetes name), got "Api-Env"`],
  [k8s('--cpu-request', 'lots'), '--cpu-request: expected a Kubernetes quantity like 500m or 2, got "lots"'],
  [k8s('--memory-limit', '1GB'), '--memory-limit: expected a Kubernetes quantity like 512Mi or 2Gi, got "1GB"'],
  [k8s('--image', 'my image'), '--image: expected an image such as registry.example.com/go-heavy:0.1.0, got "my image"'],
  [k8s('--tests', 'git'), '--tests: expected configmap or image, got "git"'],
  [k8s('--include', 'nope'), /^--include: no file or folder nope under @root/],
  [k8s('--collector'), "--collector: expected --test-id, the id the Job's pods wrote their results under"],
  [k8s('--users', 'many'), /^--users: /],
  [
    ['k8s', './services/api/ok.ts', '--parallelism', '2', '--results-pvc', 'r'],
    'k8s: expected <service> or <service>/<workflow> (the pods run it from their own copy of the project), got "./services/api/ok.ts"',
  ],
  [['k8s', 'api/nope', '--parallelism', '2', '--results-pvc', 'r'], 'unknown workflow "nope" in service "api": expected one of broken, ok, throws'],
  [k8s('--paralelism', '3'), '--paralelism: unknown option: did you mean --parallelism?'],
];

const OTHER_ROWS: Row[] = [
  [[], 'expected a command: run, chart, check, report, serve, ui, history, init, new, generate, diff, explore, merge or k8s'],
  [['bogus'], 'unknown command "bogus": expected run, chart, check, report, serve, ui, history, init, new, generate, diff, explore, merge or k8s'],
  [['rnu', 'api'], 'unknown command "rnu": did you mean run? expected run, chart, check, report, serve, ui, history, init, new, generate, diff, explore, merge or k8s'],
  [['int'], 'unknown command "int": did you mean init? expected run, chart, check, report, serve, ui, history, init, new, generate, diff, explore, merge or k8s'],
];

const ROWS = [
  ...RUN_ROWS,
  ...CHART_ROWS,
  ...REPORT_ROWS,
  ...SERVE_ROWS,
  ...UI_ROWS,
  ...HISTORY_ROWS,
  ...INIT_ROWS,
  ...NEW_ROWS,
  ...GENERATE_ROWS,
  ...DIFF_ROWS,
  ...EXPLORE_ROWS,
  ...K8S_ROWS,
  ...OTHER_ROWS,
];

/** Rows run this many at a time: the machine may have 2 cores shared with others. */
const PARALLEL = 4;
/** A row that takes longer than this hangs: it is killed and fails. Bad input is answered at once. */
const ROW_TIMEOUT_MS = 20_000;

describe('bad input: one clear line naming the flag, file or field, exit code 2', () => {
  const project = makeProject({
    'services/api/env.default': NOTHING_LISTENS,
    'services/api/ok.ts': OK,
    'services/api/broken.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ run(ctx) { const = 1 } });\n`,
    'services/api/nodefault.ts': 'export const x = 1;\n',
    'services/api/throws.ts': "throw new Error('no workflow for you');\n",
    'services/nobase/ok.ts': OK,
    'services/badurl/env.default': 'BASE_URL=localhost:8080\n',
    'services/badurl/ok.ts': OK,
    'services/badenv/env.default': `${NOTHING_LISTENS}PASSWORD secret\n`,
    'services/badenv/ok.ts': OK,
    'services/badconfig/heavy.config.ts': 'export default { usres: 3 };\n',
    'services/badconfig/env.default': NOTHING_LISTENS,
    'services/badconfig/ok.ts': OK,
    'services/configsyntax/heavy.config.ts': 'export default { users: 2 ;\n',
    'services/configsyntax/env.default': NOTHING_LISTENS,
    'services/configsyntax/ok.ts': OK,
    'services/configthrows/heavy.config.ts': "throw new Error('no config for you');\n",
    'services/configthrows/env.default': NOTHING_LISTENS,
    'services/configthrows/ok.ts': OK,
    // A project of its own (--root redirects): another service here would change the rows that list them.
    'redirects/services/api/heavy.config.ts': 'export default { maxRedirects: -1 };\n',
    'redirects/services/api/env.default': NOTHING_LISTENS,
    'redirects/services/api/ok.ts': OK,
    'services/mixedstages/heavy.config.ts': "export default { stages: '5s:10,5s:10/s' };\n",
    'services/mixedstages/env.default': NOTHING_LISTENS,
    'services/mixedstages/ok.ts': OK,
    'profiles/typo.yaml': 'rate: 10/s\nusres: 3\nduration: 5s\n',
    'profiles/many.yaml': 'rate: -1\nusres: 3\nduration: abc\n',
    'profiles/syntax.yaml': 'rate: [10\nduration: 5s\n',
    'profiles/list.yaml': '- rate: 10\n',
    'profiles/zero.yaml': 'duration: 0\n',
    'results/text.json': 'go-heavy summary\n  Test ID 1234\n',
    'results/package.json': '{ "name": "x" }\n',
    // OpenAPI specs, one broken each way (generate writes nowhere: each row fails before writing).
    'specs/ok.yaml': OPENAPI,
    'specs/bad-yaml.yaml': OPENAPI.replace('      responses:', '      responses: [oops'),
    'specs/dangling.yaml': OPENAPI.replace('#/components/schemas/Thing', '#/components/schemas/Item'),
    'specs/v4.yaml': OPENAPI.replace('openapi: 3.0.3', 'openapi: 4.0.0'),
    'specs/swagger12.json': JSON.stringify({ swagger: '1.2', info: { title: 'old', version: '1' }, paths: {} }),
    'specs/invalid.yaml': OPENAPI.replace('          description: OK\n', ''),
  });
  const results = new Map<Row, CliResult & { ms: number }>();

  beforeAll(async () => {
    // One real run gives a results file that matches the schema; each bad one breaks one field.
    const target = await startTarget();
    try {
      const ok = await runCli(['run', 'api/ok', '--iterations', '2', '--quiet', '--no-history', '--out', 'results/ok.json'], { cwd: project.root, env: { BASE_URL: target.url } });
      expect(ok.code).toBe(0);
    } finally {
      await target.close();
    }
    const good = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(path.join(project.root, 'results/ok.json'), 'utf8')));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- writes fields of the wrong type on purpose
    const broken = (name: string, change: (r: Record<string, any>) => void) => {
      const copy = structuredClone(good);
      change(copy);
      writeFileSync(path.join(project.root, 'results', name), JSON.stringify(copy));
    };
    broken('v99.json', (r) => (r.schemaVersion = 99));
    broken('p50.json', (r) => (r.workflows[0].latencyMs.p50 = 'fast'));
    broken('no-steps.json', (r) => delete r.workflows[0].steps);
    broken('negative.json', (r) => (r.summary.requests = -3));
    broken('model.json', (r) => (r.load.model = 'half-open'));
    broken('extra.json', (r) => (r.workflows[0].colour = 'red'));
    broken('started.json', (r) => (r.startedAt = 'yesterday'));

    const queue = [...ROWS];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let row = queue.shift(); row !== undefined; row = queue.shift()) {
          const started = Date.now();
          const res = await runCli(row[0], { cwd: project.root, env: row[2], timeoutMs: ROW_TIMEOUT_MS });
          results.set(row, { ...res, ms: Date.now() - started });
        }
      }),
    );
  }, 180_000);
  afterAll(() => project.remove());

  it.each(ROWS.map((row) => [row[0].join(' ') + (row[2] ? ` (${Object.keys(row[2]).join(', ')})` : ''), row] as const))('go-heavy %s', (_name, row) => {
    const res = results.get(row)!;
    expect({ code: res.code, signal: res.signal, stdout: res.stdout }).toEqual({ code: 2, signal: null, stdout: '' });
    // Answered at once: a generous bound for a slow, shared machine; a hang is killed at ROW_TIMEOUT_MS.
    expect(res.ms).toBeLessThan(15_000);
    const lines = res.stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(/^go-heavy: /);
    const line = lines[0]!.slice('go-heavy: '.length).split(project.root).join('@root');
    if (typeof row[1] === 'string') expect(line).toBe(row[1]);
    else expect(line).toMatch(row[1]);
  });

  it('reports every problem of a profile file at once, one prefixed line each, exit code 2', async () => {
    const res = await runCli(run('--profile', 'profiles/many.yaml'), { cwd: project.root });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^go-heavy: profiles\/many\.yaml:1: rate: expected a rate/),
      expect.stringMatching(/^go-heavy: profiles\/many\.yaml:2: usres: unknown key/),
      expect.stringMatching(/^go-heavy: profiles\/many\.yaml:3: duration: expected a duration/),
    ]);
  });
});
