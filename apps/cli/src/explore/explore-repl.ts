import repl from 'node:repl';
import { Collection } from './collection.js';
import { fieldNames, type ExploreContext } from './explore-context.js';
import { renderValue } from './render-docs.js';

const METHODS = ['find(', 'findOne(', 'count(', 'countDocuments(', 'distinct(', 'aggregate('];
const CURSOR_METHODS = ['sort(', 'skip(', 'limit(', 'count()', 'toArray()'];
const OPERATORS = [
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$regex',
  '$and',
  '$or',
  '$not',
  '$nor',
  '$elemMatch',
  '$size',
  '$match',
  '$group',
  '$sort',
  '$limit',
  '$skip',
  '$project',
  '$count',
  '$sum',
  '$avg',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$first',
  '$last',
  '$unwind',
];

/** What `.help` prints. */
export function helpText(context: ExploreContext): string {
  const names = Object.keys(context).filter((k) => context[k as keyof ExploreContext] instanceof Collection);
  return [
    `Collections: ${names.join(', ')}  (db.<name> works too)`,
    '  workflows, steps, requests  the statistics rows of the results (runs, failed, errorRate, ratePerSec, latencyMs.p95, statusCodes…)',
    '  log                         the request log, one document per request (status, method, url, endpoint, latencyMs, responseBody…)',
    "Queries, in MongoDB's language (mingo):",
    '  requests.find({ "latencyMs.p95": { $gt: 50 } }, { name: 1, "latencyMs.p95": 1 }).sort({ "latencyMs.p95": -1 }).limit(5)',
    '  log.count({ status: { $gte: 500 } })',
    '  log.distinct("status")',
    '  log.aggregate([{ $group: { _id: "$endpoint", n: { $sum: 1 }, slowest: { $max: "$latencyMs" } } }, { $sort: { n: -1 } }])',
    '  log.findOne({ status: 503 })',
    'A cursor prints its first 20 documents as a table; .toArray() gives them all. Tab completes names and fields.',
    '.exit or Ctrl-D leaves.',
  ].join('\n');
}

/** Opens the REPL on `context`; resolves when it is left. */
export function startRepl(context: ExploreContext, options: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; width: number; color: boolean; terminal: boolean }): Promise<void> {
  const collections = Object.entries(context).filter((entry): entry is [string, Collection] => entry[1] instanceof Collection);
  const fields = [...new Set(collections.flatMap(([, c]) => fieldNames(c)))].sort();
  const server = repl.start({
    prompt: 'go-heavy> ',
    input: options.input,
    output: options.output,
    terminal: options.terminal,
    useGlobal: false,
    ignoreUndefined: true,
    writer: (value: unknown) => {
      try {
        return renderValue(value, options.width, options.color);
      } catch (err) {
        return `error: ${err instanceof Error ? err.message : String(err)}`;
      }
    },
    completer: (line: string): [string[], string] =>
      complete(
        line,
        collections.map(([name]) => name),
        fields,
      ),
  });
  Object.assign(server.context, context);
  server.defineCommand('help', {
    help: 'How to query the collections',
    action() {
      this.output.write(`${helpText(context)}\n`);
      this.displayPrompt();
    },
  });
  return new Promise((resolve) => server.on('exit', () => resolve()));
}

/** Tab completion: a collection's methods after `name.`, a cursor's after `).`, else names, fields and operators. */
export function complete(line: string, collections: readonly string[], fields: readonly string[]): [string[], string] {
  const member = /\b([A-Za-z_$][\w$]*)\.([\w$]*)$/.exec(line);
  if (member && (collections.includes(member[1]!) || member[1] === 'db')) {
    const options = member[1] === 'db' ? [...collections, 'getCollectionNames()'] : METHODS;
    return [options.filter((m) => m.startsWith(member[2]!)), member[2]!];
  }
  const chained = /\)\.([\w$]*)$/.exec(line);
  if (chained) return [CURSOR_METHODS.filter((m) => m.startsWith(chained[1]!)), chained[1]!];
  const token = /[\w$.]*$/.exec(line)![0];
  const pool = token.startsWith('$') ? OPERATORS : [...collections, 'db', ...fields];
  return [pool.filter((c) => c.startsWith(token)), token];
}
