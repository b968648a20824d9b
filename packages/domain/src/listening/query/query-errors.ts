import type { QueryError, QueryErrorCode } from './query-ast.ts';

type Params = Record<string, string | number>;

// English wording for logs and the command line; the web app translates `code` with `params` instead.
const messages: Record<QueryErrorCode, (params: Params) => string> = {
  empty_query: () => 'The query is empty: write at least one term, phrase or filter.',
  query_too_long: (p) => `The query is longer than ${p.max} characters: split it into several queries.`,
  too_many_terms: (p) => `The query has more than ${p.max} terms: split it into several queries.`,
  too_deeply_nested: (p) => `Parentheses and NOTs are nested more than ${p.max} deep: simplify the query.`,
  unclosed_parenthesis: () => 'This "(" is never closed: add a ")".',
  unexpected_closing_parenthesis: () => 'This ")" closes nothing: remove it or add the matching "(".',
  empty_group: () => 'Empty parentheses: put a term inside or remove them.',
  dangling_operator: (p) => `${p.operator} is missing an operand: put a term on each side (NOT needs one after).`,
  unterminated_phrase: () => 'This phrase has no closing quote: add a " at its end.',
  empty_phrase: () => 'This phrase holds no word: write words between the quotes or remove them.',
  phrase_too_long: (p) => `A phrase may hold at most ${p.max} words: shorten it or use NEAR.`,
  empty_term: (p) =>
    `"${p.text}" holds nothing searchable (punctuation and URLs are not indexed): use words, #hashtags or @handles.`,
  near_missing_distance: () => 'NEAR needs a distance in words, written NEAR/3 for example.',
  near_distance_too_large: (p) => `NEAR/${p.distance} is too far: the largest distance is ${p.max} words.`,
  near_operand: () =>
    'NEAR relates terms, phrases or groups of them joined by OR: filters, NOT and AND cannot be one of its sides.',
  wildcard_position: () => 'A wildcard "*" goes only at the end of a word, as in lumi*.',
  wildcard_too_short: (p) =>
    `A wildcard needs at least ${p.min} characters before the "*" (a shorter prefix matches too many words to stay fast).`,
  unknown_filter: (p) => `Unknown filter "${p.field}:": use lang:, source:, author: or country:.`,
  empty_filter_value: (p) => `The filter ${p.field}: needs a value, as in ${p.field}:${p.example}.`,
  invalid_filter_value: (p) => `"${p.value}" is not a valid ${p.field}: value: expected ${p.expected}.`,
};

/** Builds a `QueryError` with its English message. */
export function queryError(code: QueryErrorCode, offset: number, length: number, params: Params = {}): QueryError {
  return { code, message: messages[code](params), params, offset, length: Math.max(0, length) };
}

/** Thrown inside the parser and turned into a result at its edge. */
export class QueryErrorSignal extends Error {
  readonly error: QueryError;
  constructor(error: QueryError) {
    super(error.message);
    this.error = error;
  }
}

export function fail(code: QueryErrorCode, offset: number, length: number, params: Params = {}): never {
  throw new QueryErrorSignal(queryError(code, offset, length, params));
}
