import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultQueryLimits, type QueryErrorCode, type QueryNode } from './query-ast.ts';
import { parseQuery } from './parse-query.ts';

/** A compact rendering of a tree, to state the expected shape in one line. */
function show(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return `${node.kind === 'hashtag' ? '#' : node.kind === 'mention' ? '@' : ''}${node.value}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `"${node.terms.map(show).join(' ')}"`;
    case 'near':
      return `(${show(node.left)} NEAR/${node.distance} ${show(node.right)})`;
    case 'filter':
      return `${node.field}:${node.value}`;
    case 'not':
      return `NOT ${show(node.child)}`;
    case 'and':
    case 'or':
      return `(${node.children.map(show).join(node.type === 'and' ? ' AND ' : ' OR ')})`;
  }
}

function parsed(text: string): string {
  const result = parseQuery(text);
  assert.ok(result.ok, `expected "${text}" to parse: ${result.ok ? '' : result.error.message}`);
  return show(result.query);
}

function failure(text: string, code: QueryErrorCode, offset: number, length?: number): void {
  const result = parseQuery(text);
  assert.equal(result.ok, false, `expected "${text}" to fail with ${code}`);
  if (result.ok) return;
  assert.equal(result.error.code, code, `${text}: ${result.error.message}`);
  assert.equal(result.error.offset, offset, `${text}: offset of ${code}`);
  if (length !== undefined) assert.equal(result.error.length, length, `${text}: length of ${code}`);
  assert.ok(result.error.message.length > 10, 'has a human message');
}

describe('parseQuery: operators', () => {
  it('reads AND, OR and NOT, uppercase only (lowercase ones are words)', () => {
    assert.equal(parsed('bougie AND parfum'), '(bougie AND parfum)');
    assert.equal(parsed('bougie OR parfum'), '(bougie OR parfum)');
    assert.equal(parsed('NOT promo'), 'NOT promo');
    assert.equal(parsed('candle and not soap'), '(candle AND and AND not AND soap)');
  });

  it('ANDs adjacent operands implicitly', () => {
    assert.equal(parsed('maison lumiere'), '(maison AND lumiere)');
    assert.equal(parsed('bougie NOT promo'), '(bougie AND NOT promo)');
  });

  it('reads -term as NOT term at the start of a word only', () => {
    assert.equal(parsed('bougie -promo'), '(bougie AND NOT promo)');
    assert.equal(parsed('porte-parole'), '"porte parole"');
    assert.equal(parsed('-(a OR b) c'), '(NOT (a OR b) AND c)');
  });

  it('binds NEAR tighter than NOT, NOT tighter than AND, AND tighter than OR', () => {
    assert.equal(parsed('a OR b AND c'), '(a OR (b AND c))');
    assert.equal(parsed('a b OR c d'), '((a AND b) OR (c AND d))');
    assert.equal(parsed('NOT a AND b'), '(NOT a AND b)');
    assert.equal(parsed('NOT a NEAR/2 b'), 'NOT (a NEAR/2 b)');
    assert.equal(parsed('a NEAR/1 b OR c'), '((a NEAR/1 b) OR c)');
  });

  it('groups with parentheses', () => {
    assert.equal(parsed('(a OR b) AND c'), '((a OR b) AND c)');
    assert.equal(parsed('((a))'), 'a');
  });

  it('reads exact phrases, normalized', () => {
    assert.equal(parsed('"Maison Lumière"'), '"maison lumiere"');
    assert.equal(parsed('"l\'Hôtel"'), 'hotel');
  });

  it('reads NEAR/n with terms, phrases and OR groups on each side, chained to the left', () => {
    assert.equal(parsed('bougie NEAR/3 "maison lumiere"'), '(bougie NEAR/3 "maison lumiere")');
    assert.equal(parsed('(odeur OR parfum) NEAR/0 lumi*'), '((odeur OR parfum) NEAR/0 lumi*)');
    assert.equal(parsed('a NEAR/2 b NEAR/5 c'), '((a NEAR/2 b) NEAR/5 c)');
  });

  it('reads trailing wildcards on words, hashtags, handles and the last word of a phrase', () => {
    assert.equal(parsed('lumi*'), 'lumi*');
    assert.equal(parsed('#lumi*'), '#lumi*');
    assert.equal(parsed('@maison*'), '@maison*');
    assert.equal(parsed('"maison lum*"'), '"maison lum*"');
  });

  it('reads #hashtags, @handles and emoji as their own kinds of term', () => {
    assert.equal(parsed('#MaisonLumière @Maison_Lumiere'), '(#maisonlumiere AND @maison_lumiere)');
    const emoji = parseQuery('😡');
    assert.ok(emoji.ok && emoji.query.type === 'term' && emoji.query.kind === 'emoji');
  });

  it('reads the four filters, normalizing their values', () => {
    assert.equal(
      parsed('lang:FR source:Bluesky author:@JeanD country:fr'),
      '(lang:fr AND source:bluesky AND author:jeand AND country:fr)',
    );
    assert.equal(parsed('author:"Jean Dupont"'), 'author:jean dupont');
    assert.equal(parsed('lang:fr-CA'), 'lang:fr');
  });

  it('keeps the position of every node in the query text', () => {
    const result = parseQuery('bougie OR "maison lumière"');
    assert.ok(result.ok && result.query.type === 'or');
    const [term, phrase] = result.query.children;
    assert.deepEqual([term?.offset, term?.length, phrase?.offset, phrase?.length], [0, 6, 10, 16]);
    assert.equal(result.termCount, 3);
  });
});

describe('parseQuery: errors with their position', () => {
  it('rejects an empty query', () => failure('   ', 'empty_query', 0));
  it('rejects an unclosed parenthesis at the "("', () => failure('bougie AND (a OR b', 'unclosed_parenthesis', 11, 1));
  it('rejects a stray ")" at its position', () => failure('a OR b) c', 'unexpected_closing_parenthesis', 6, 1));
  it('rejects empty parentheses', () => failure('a ()', 'empty_group', 2, 2));
  it('rejects a dangling OR at the end', () => failure('bougie OR', 'dangling_operator', 7, 2));
  it('rejects a dangling AND at the start', () => failure('AND bougie', 'dangling_operator', 0, 3));
  it('rejects two operators in a row at the first', () => failure('a AND OR b', 'dangling_operator', 2, 3));
  it('rejects NOT with nothing after', () => failure('a NOT', 'dangling_operator', 2, 3));
  it('rejects an operator before ")"', () => failure('(a OR) b', 'dangling_operator', 3, 2));
  it('rejects NEAR without a right side', () => failure('a NEAR/3', 'dangling_operator', 2, 6));
  it('rejects an unterminated phrase at its opening quote', () =>
    failure('a "maison lumiere', 'unterminated_phrase', 2, 1));
  it('rejects an empty phrase', () => failure('a "  "', 'empty_phrase', 2, 4));
  it('rejects a phrase of punctuation only', () => failure('"!!!"', 'empty_term', 1, 3));
  it('rejects NEAR without a number', () => {
    failure('a NEAR b', 'near_missing_distance', 2, 4);
    failure('a NEAR/x b', 'near_missing_distance', 2, 6);
  });
  it('rejects a NEAR distance above the limit', () => failure('a NEAR/101 b', 'near_distance_too_large', 2, 8));
  it('rejects filters, AND and NOT as NEAR sides, pointing at the side', () => {
    failure('lang:fr NEAR/2 b', 'near_operand', 0, 7);
    failure('a NEAR/2 (b c)', 'near_operand', 10, 3);
    failure('a NEAR/2 NOT b', 'near_operand', 9, 3);
  });
  it('rejects an unknown filter, naming it', () => {
    failure('bougie langue:fr', 'unknown_filter', 7, 7);
    const result = parseQuery('https://example.com');
    assert.ok(!result.ok && result.error.params.field === 'https');
  });
  it('rejects a filter without a value', () => failure('a lang:', 'empty_filter_value', 2));
  it('rejects an invalid language or country code', () => {
    failure('lang:french', 'invalid_filter_value', 0);
    failure('a country:FRA', 'invalid_filter_value', 2);
  });
  it('rejects wildcards shorter than three characters, protecting the prefix table', () => {
    failure('ab*', 'wildcard_too_short', 0, 3);
    failure('x OR #a*', 'wildcard_too_short', 5);
    failure('"maison l*"', 'wildcard_too_short', 8);
  });
  it('rejects wildcards elsewhere than at the end of a word', () => {
    failure('lu*ere', 'wildcard_position', 2, 1);
    failure('a *tion', 'wildcard_position', 2, 1);
    failure('*', 'wildcard_position', 0, 1);
  });
  it('rejects a query over the length limit at the limit', () =>
    failure('a '.repeat(defaultQueryLimits.maxLength), 'query_too_long', defaultQueryLimits.maxLength));
  it('rejects the term past the term limit', () => {
    const words = Array.from({ length: 251 }, (_, index) => `w${index}`);
    failure(words.join(' OR '), 'too_many_terms', words.slice(0, 250).join(' OR ').length + 4);
  });
  it('rejects phrases longer than the phrase limit', () => failure(`"${'mot '.repeat(17)}"`, 'phrase_too_long', 0));
  it('rejects nesting deeper than the limit at the first "(" too deep', () =>
    failure('('.repeat(33) + 'a' + ')'.repeat(33), 'too_deeply_nested', 32, 1));
  it('accepts custom limits', () => {
    const result = parseQuery('ab*', { ...defaultQueryLimits, minWildcardPrefix: 2 });
    assert.ok(result.ok);
  });
});
