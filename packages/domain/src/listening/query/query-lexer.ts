/** Splits a query into operators, parentheses, phrases, filters and bare words, each with its position. */
import type { QueryFilterField, QueryLimits } from './query-ast.ts';
import { fail } from './query-errors.ts';

export type LexToken =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not'; offset: number; length: number }
  | { type: 'near'; distance: number; offset: number; length: number }
  /** `text` is between the quotes; it starts at `offset + 1`. */
  | { type: 'phrase'; text: string; offset: number; length: number }
  | { type: 'bare'; text: string; offset: number; length: number }
  | { type: 'filter'; field: QueryFilterField; value: string; offset: number; length: number };

const filterFields: readonly QueryFilterField[] = ['lang', 'source', 'author', 'country'];
const filterExamples: Record<QueryFilterField, string> = {
  lang: 'fr',
  source: 'bluesky',
  author: 'maisonlumiere',
  country: 'FR',
};
const whitespace = /\s/;
const filterShape = /^([A-Za-z_]+):/;

function isBoundary(character: string): boolean {
  return whitespace.test(character) || character === '(' || character === ')' || character === '"';
}

/** Reads `"..."` starting at `start` (the opening quote); returns the index after the closing quote. */
function readQuoted(query: string, start: number): { text: string; end: number } {
  const close = query.indexOf('"', start + 1);
  if (close < 0) fail('unterminated_phrase', start, 1);
  return { text: query.slice(start + 1, close), end: close + 1 };
}

function readOperator(run: string, offset: number, limits: QueryLimits): LexToken | undefined {
  if (run === 'AND' || run === 'OR' || run === 'NOT')
    return { type: run === 'AND' ? 'and' : run === 'OR' ? 'or' : 'not', offset, length: run.length };
  if (run !== 'NEAR' && !run.startsWith('NEAR/')) return undefined;
  const digits = run.slice(5);
  if (!/^\d+$/.test(digits)) fail('near_missing_distance', offset, run.length);
  const distance = Number(digits);
  if (distance > limits.maxNearDistance)
    fail('near_distance_too_large', offset, run.length, { distance, max: limits.maxNearDistance });
  return { type: 'near', distance, offset, length: run.length };
}

function readFilter(query: string, run: string, offset: number, runEnd: number): { token: LexToken; end: number } {
  const shape = filterShape.exec(run);
  const name = (shape?.[1] ?? '').toLowerCase();
  const field = filterFields.find((candidate) => candidate === name);
  if (!field) return fail('unknown_filter', offset, name.length + 1, { field: name });
  let value = run.slice(name.length + 1);
  let end = runEnd;
  if (!value && query[runEnd] === '"') {
    const quoted = readQuoted(query, runEnd);
    value = quoted.text.trim();
    end = quoted.end;
  }
  if (!value) fail('empty_filter_value', offset, end - offset, { field, example: filterExamples[field] });
  return { token: { type: 'filter', field, value, offset, length: end - offset }, end };
}

/** Turns the query into tokens; throws a `QueryErrorSignal` on a lexical error. */
export function lexQuery(query: string, limits: QueryLimits): LexToken[] {
  const tokens: LexToken[] = [];
  let index = 0;
  while (index < query.length) {
    const character = query[index] ?? '';
    if (whitespace.test(character)) {
      index += 1;
    } else if (character === '(' || character === ')') {
      tokens.push({ type: character === '(' ? 'lparen' : 'rparen', offset: index, length: 1 });
      index += 1;
    } else if (character === '-' && index + 1 < query.length && !/[\s)]/.test(query[index + 1] ?? '')) {
      // `-spam` is a shorthand for `NOT spam`, as in most listening tools (only at the start of a word).
      tokens.push({ type: 'not', offset: index, length: 1 });
      index += 1;
    } else if (character === '"') {
      const quoted = readQuoted(query, index);
      tokens.push({ type: 'phrase', text: quoted.text, offset: index, length: quoted.end - index });
      index = quoted.end;
    } else {
      let end = index + 1;
      while (end < query.length && !isBoundary(query[end] ?? '')) end += 1;
      const run = query.slice(index, end);
      const operator = readOperator(run, index, limits);
      if (operator) {
        tokens.push(operator);
      } else if (filterShape.test(run)) {
        const filter = readFilter(query, run, index, end);
        tokens.push(filter.token);
        end = filter.end;
      } else {
        tokens.push({ type: 'bare', text: run, offset: index, length: run.length });
      }
      index = end;
    }
  }
  return tokens;
}
