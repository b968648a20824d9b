import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { compileQueries, parseQuery, type ListeningMention, type QueryError } from '@sillage/domain';
import type { Command } from '../commands.ts';
import { UsageError } from '../usage-error.ts';

type QueryId = string | number;
type QueryEntry = { id: QueryId; query: string };

const optionalFields = ['language', 'source', 'author', 'country'] as const;

function isId(value: unknown): value is QueryId {
  return (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value));
}

function readQueries(file: string): QueryEntry[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--queries: cannot read ${file} (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new UsageError(`--queries: ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`--queries: ${file} must hold a JSON array of {"id", "query"}`);
  const seen = new Set<string>();
  return parsed.map((item: unknown, index): QueryEntry => {
    const entry = item as Partial<Record<'id' | 'query', unknown>> | null;
    if (typeof entry !== 'object' || entry === null || !isId(entry.id) || typeof entry.query !== 'string')
      throw new UsageError(
        `--queries: item ${index + 1} of ${file} needs an "id" (string or number) and a "query" (string)`,
      );
    if (seen.has(String(entry.id)))
      throw new UsageError(`--queries: two queries have the id ${JSON.stringify(entry.id)}`);
    seen.add(String(entry.id));
    return { id: entry.id, query: entry.query };
  });
}

/** One bad query, with a caret line under the place of the error. */
function describeFailure(entry: QueryEntry, error: QueryError): string {
  const marker = ' '.repeat(error.offset) + '^'.repeat(Math.max(1, Math.min(error.length, 80)));
  const shown = entry.query.length > 200 ? `${entry.query.slice(0, 200)}…` : entry.query;
  const lines = [`  query ${JSON.stringify(entry.id)} at position ${error.offset}: ${error.message} [${error.code}]`];
  if (error.offset <= 200) lines.push(`    ${shown}`, `    ${marker}`);
  return lines.join('\n');
}

function readMention(line: string, lineNumber: number, inputName: string): ListeningMention & { rawId: QueryId } {
  const where = `${inputName} line ${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new UsageError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${where}: expected a JSON object such as {"id": "1", "text": "..."}`);
  const record = value as Record<string, unknown>;
  if (!isId(record.id)) throw new UsageError(`${where}: "id" must be a non-empty string or a number`);
  if (typeof record.text !== 'string') throw new UsageError(`${where}: "text" must be a string`);
  const mention: ListeningMention & { rawId: QueryId } = { id: String(record.id), rawId: record.id, text: record.text };
  for (const field of optionalFields) {
    const fieldValue = record[field];
    if (fieldValue === undefined || fieldValue === null) continue;
    if (typeof fieldValue !== 'string') throw new UsageError(`${where}: "${field}" must be a string when present`);
    mention[field] = fieldValue;
  }
  return mention;
}

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

export const matchCommand: Command = {
  name: 'match',
  summary: 'Match mentions (JSONL) against listening queries; one {"id","queries"} line per mention',
  options: {
    queries: { type: 'string', description: 'JSON file: an array of {"id", "query"} (required)' },
    input: {
      type: 'string',
      description: 'JSONL file of mentions {"id","text","language?","source?","author?","country?"} (default stdin)',
    },
  },
  async run(values) {
    if (typeof values.queries !== 'string' || !values.queries)
      throw new UsageError('--queries <file.json> is required: an array of {"id", "query"}');
    const entries = readQueries(values.queries);
    const failures = entries.flatMap((entry) => {
      const result = parseQuery(entry.query);
      return result.ok ? [] : [describeFailure(entry, result.error)];
    });
    if (failures.length) {
      const count = failures.length === 1 ? '1 invalid query' : `${failures.length} invalid queries`;
      process.stderr.write(`sillage listening match: ${count} in ${values.queries}:\n${failures.join('\n')}\n`);
      return 2;
    }
    // Compiled under their position, so numeric and string ids come back exactly as given.
    const matcher = compileQueries(entries.map((entry, index) => ({ id: String(index), query: entry.query })));

    const inputName = typeof values.input === 'string' && values.input !== '-' ? values.input : 'stdin';
    let input: Readable = process.stdin;
    if (inputName !== 'stdin') {
      input = createReadStream(inputName, { encoding: 'utf8' });
      await new Promise<void>((resolve, reject) => {
        input.once('open', () => resolve());
        input.once('error', (error) => reject(new UsageError(`--input: cannot read ${inputName} (${error.message})`)));
      });
    }
    let lineNumber = 0;
    let pending = '';
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNumber += 1;
      if (!line.trim()) continue;
      const mention = readMention(line, lineNumber, inputName);
      const queries = matcher.match(mention).map((index) => entries[Number(index)]!.id);
      pending += JSON.stringify({ id: mention.rawId, queries }) + '\n';
      if (pending.length > 65536) {
        await write(pending);
        pending = '';
      }
    }
    if (pending) await write(pending);
    return 0;
  },
};
