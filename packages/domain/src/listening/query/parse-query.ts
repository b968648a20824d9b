/**
 * The listening query parser. Grammar, loosest first (so NEAR binds tightest, then NOT, then AND, then OR):
 *   query   = or
 *   or      = and { "OR" and }
 *   and     = unary { ["AND"] unary }          adjacent operands are ANDed
 *   unary   = "NOT" unary | near
 *   near    = primary { "NEAR/n" primary }     sides: terms, phrases, or groups of them joined by OR
 *   primary = "(" or ")" | "phrase" | filter | term
 */
import {
  defaultQueryLimits,
  type ParseQueryResult,
  type QueryFilterField,
  type QueryFilterNode,
  type QueryLimits,
  type QueryNode,
  type QueryPositionalNode,
  type QueryTermNode,
} from './query-ast.ts';
import { fail, QueryErrorSignal, queryError } from './query-errors.ts';
import { lexQuery, type LexToken } from './query-lexer.ts';
import { normalizeListeningText, tokenizeNormalizedText } from './text-tokens.ts';

const wordEnd = /[\p{L}\p{N}_]$/u;

const filterValueRules: Record<QueryFilterField, { pattern: RegExp; expected: string }> = {
  lang: { pattern: /^[a-z]{2,3}$/, expected: 'a 2- or 3-letter language code such as fr or en' },
  country: { pattern: /^[a-z]{2}$/, expected: 'a 2-letter country code such as FR' },
  source: { pattern: /^[a-z0-9][a-z0-9_.-]*$/, expected: 'a source name such as x, bluesky or reddit' },
  author: { pattern: /^[^\s].*$/, expected: 'a handle such as @maisonlumiere' },
};

/** Normalizes a filter value the way the matcher normalizes the mention's field. */
export function normalizeFilterValue(field: QueryFilterField, value: string): string {
  // Most values ("fr", "bluesky", "user42") are already normalized: no need to pay for the full path.
  if (/^[a-z0-9][a-z0-9.]*$/.test(value)) return value;
  const normalized = normalizeListeningText(value.trim());
  if (field === 'author') return normalized.replace(/^[@\uff20]/, '');
  if (field === 'lang') return normalized.split(/[-_]/)[0] ?? '';
  return normalized;
}

/** The terms of one whitespace-free chunk of a phrase or a bare word; a trailing `*` makes the last a prefix. */
function termsOfChunk(chunk: string, offset: number, limits: QueryLimits): QueryTermNode[] {
  const star = chunk.indexOf('*');
  const isPrefix = star >= 0;
  if (isPrefix && (star !== chunk.length - 1 || !wordEnd.test(chunk.slice(0, -1))))
    fail('wildcard_position', offset + star, 1);
  const body = isPrefix ? chunk.slice(0, -1) : chunk;
  const tokens = tokenizeNormalizedText(normalizeListeningText(body)).filter((token) => token.kind !== 'url');
  if (tokens.length === 0) {
    if (isPrefix) fail('wildcard_too_short', offset, chunk.length, { min: limits.minWildcardPrefix });
    fail('empty_term', offset, chunk.length, { text: chunk });
  }
  return tokens.map((token, index): QueryTermNode => {
    const prefix = isPrefix && index === tokens.length - 1;
    if (prefix && token.kind === 'emoji') fail('wildcard_position', offset + chunk.length - 1, 1);
    if (prefix && token.value.length < limits.minWildcardPrefix)
      fail('wildcard_too_short', offset, chunk.length, { min: limits.minWildcardPrefix });
    const kind = token.kind === 'url' ? 'word' : token.kind;
    return { type: 'term', kind, value: token.value, prefix, offset, length: chunk.length };
  });
}

type Parser = { tokens: LexToken[]; position: number; terms: number; limits: QueryLimits };

function peek(parser: Parser): LexToken | undefined {
  return parser.tokens[parser.position];
}

function startsOperand(token: LexToken | undefined): boolean {
  return (
    token !== undefined &&
    (token.type === 'lparen' ||
      token.type === 'not' ||
      token.type === 'phrase' ||
      token.type === 'bare' ||
      token.type === 'filter')
  );
}

function operatorName(token: LexToken): string {
  return token.type === 'near' ? `NEAR/${token.distance}` : token.type.toUpperCase();
}

function countTerms(parser: Parser, count: number, offset: number, length: number): void {
  parser.terms += count;
  if (parser.terms > parser.limits.maxTerms) fail('too_many_terms', offset, length, { max: parser.limits.maxTerms });
}

function span(first: { offset: number }, last: { offset: number; length: number }) {
  return { offset: first.offset, length: last.offset + last.length - first.offset };
}

function isPositional(node: QueryNode): node is QueryPositionalNode {
  if (node.type === 'or') return node.children.every(isPositional);
  return node.type === 'term' || node.type === 'phrase' || node.type === 'near';
}

function phraseOrTerm(terms: QueryTermNode[], offset: number, length: number, parser: Parser): QueryNode {
  if (terms.length > parser.limits.maxPhraseWords)
    fail('phrase_too_long', offset, length, { max: parser.limits.maxPhraseWords });
  countTerms(parser, terms.length, offset, length);
  const only = terms[0];
  return terms.length === 1 && only ? only : { type: 'phrase', terms, offset, length };
}

function parsePhrase(token: Extract<LexToken, { type: 'phrase' }>, parser: Parser): QueryNode {
  const terms: QueryTermNode[] = [];
  for (const chunk of token.text.matchAll(/\S+/g))
    terms.push(...termsOfChunk(chunk[0], token.offset + 1 + chunk.index, parser.limits));
  if (terms.length === 0) fail('empty_phrase', token.offset, token.length);
  return phraseOrTerm(terms, token.offset, token.length, parser);
}

function parseFilter(token: Extract<LexToken, { type: 'filter' }>, parser: Parser): QueryFilterNode {
  const value = normalizeFilterValue(token.field, token.value);
  const rule = filterValueRules[token.field];
  if (!rule.pattern.test(value))
    fail('invalid_filter_value', token.offset, token.length, {
      field: token.field,
      value: token.value,
      expected: rule.expected,
    });
  countTerms(parser, 1, token.offset, token.length);
  return { type: 'filter', field: token.field, value, offset: token.offset, length: token.length };
}

function parsePrimary(parser: Parser, depth: number): QueryNode {
  const token = peek(parser);
  if (!token) throw new Error('parsePrimary called at the end of the query');
  parser.position += 1;
  switch (token.type) {
    case 'lparen': {
      if (depth + 1 > parser.limits.maxDepth)
        fail('too_deeply_nested', token.offset, 1, { max: parser.limits.maxDepth });
      if (peek(parser)?.type === 'rparen') fail('empty_group', token.offset, 2);
      const inner = parseOr(parser, depth + 1);
      const close = peek(parser);
      if (close?.type !== 'rparen') fail('unclosed_parenthesis', token.offset, 1);
      parser.position += 1;
      return inner;
    }
    case 'rparen':
      return fail('unexpected_closing_parenthesis', token.offset, 1);
    case 'phrase':
      return parsePhrase(token, parser);
    case 'bare':
      return phraseOrTerm(termsOfChunk(token.text, token.offset, parser.limits), token.offset, token.length, parser);
    case 'filter':
      return parseFilter(token, parser);
    default:
      return fail('dangling_operator', token.offset, token.length, { operator: operatorName(token) });
  }
}

function parseNear(parser: Parser, depth: number): QueryNode {
  let left = parsePrimary(parser, depth);
  for (let operator = peek(parser); operator?.type === 'near'; operator = peek(parser)) {
    parser.position += 1;
    const next = peek(parser);
    if (!startsOperand(next))
      fail('dangling_operator', operator.offset, operator.length, { operator: operatorName(operator) });
    if (next?.type === 'not') fail('near_operand', next.offset, next.length);
    const right = parsePrimary(parser, depth);
    if (!isPositional(left)) fail('near_operand', left.offset, left.length);
    if (!isPositional(right)) fail('near_operand', right.offset, right.length);
    left = { type: 'near', distance: operator.distance, left, right, ...span(left, right) };
  }
  return left;
}

function parseUnary(parser: Parser, depth: number): QueryNode {
  const operator = peek(parser);
  if (operator?.type !== 'not') return parseNear(parser, depth);
  parser.position += 1;
  if (!startsOperand(peek(parser))) fail('dangling_operator', operator.offset, operator.length, { operator: 'NOT' });
  if (depth + 1 > parser.limits.maxDepth)
    fail('too_deeply_nested', operator.offset, 3, { max: parser.limits.maxDepth });
  const child = parseUnary(parser, depth + 1);
  return { type: 'not', child, ...span(operator, child) };
}

function parseAnd(parser: Parser, depth: number): QueryNode {
  const children = [parseUnary(parser, depth)];
  for (;;) {
    const next = peek(parser);
    if (next?.type === 'and') {
      parser.position += 1;
      if (!startsOperand(peek(parser))) fail('dangling_operator', next.offset, next.length, { operator: 'AND' });
    } else if (!startsOperand(next)) break;
    children.push(parseUnary(parser, depth));
  }
  const [first] = children;
  const last = children[children.length - 1];
  if (children.length === 1 && first) return first;
  return { type: 'and', children, ...span(first!, last!) };
}

function parseOr(parser: Parser, depth: number): QueryNode {
  const children = [parseAnd(parser, depth)];
  for (let next = peek(parser); next?.type === 'or'; next = peek(parser)) {
    parser.position += 1;
    if (!startsOperand(peek(parser))) fail('dangling_operator', next.offset, next.length, { operator: 'OR' });
    children.push(parseAnd(parser, depth));
  }
  const [first] = children;
  const last = children[children.length - 1];
  if (children.length === 1 && first) return first;
  return { type: 'or', children, ...span(first!, last!) };
}

/**
 * Parses a listening query; never throws on bad input: errors come back with their position.
 * @example parseQuery('"maison lumière" OR lumi* NOT lang:de') // { ok: true, query: { type: 'or', ... } }
 */
export function parseQuery(text: string, limits: QueryLimits = defaultQueryLimits): ParseQueryResult {
  if (text.length > limits.maxLength)
    return {
      ok: false,
      error: queryError('query_too_long', limits.maxLength, text.length - limits.maxLength, { max: limits.maxLength }),
    };
  try {
    const parser: Parser = { tokens: lexQuery(text, limits), position: 0, terms: 0, limits };
    if (parser.tokens.length === 0) fail('empty_query', 0, text.length);
    const query = parseOr(parser, 0);
    const rest = peek(parser);
    if (rest) fail('unexpected_closing_parenthesis', rest.offset, rest.length);
    return { ok: true, query, termCount: parser.terms };
  } catch (error) {
    if (error instanceof QueryErrorSignal) return { ok: false, error: error.error };
    throw error;
  }
}
