import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListeningMention } from './query-ast.ts';
import { compileQueries, InvalidQueriesError } from './compile-queries.ts';
import { matchesPreparedMention, prepareMention } from './match-query.ts';
import { parseQuery } from './parse-query.ts';

/** mulberry32: a small seeded generator, so the random cases are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A small vocabulary, so random queries and random mentions meet often; spellings vary in case and accents.
const words = [
  'lumière',
  'Lumiere',
  'bougie',
  'bougies',
  'parfum',
  'maison',
  'candle',
  'cassée',
  'retard',
  "l'hôtel",
  'Hotel',
];
const fields = { language: ['fr', 'en', 'fr-CA'], source: ['x', 'bluesky', 'reddit'], country: ['FR', 'BE', 'US'] };

function generators(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  function term(): string {
    const roll = random();
    if (roll < 0.5) return pick(words);
    if (roll < 0.62)
      return `${pick(words.filter((word) => !word.includes("'"))).slice(0, 3 + Math.floor(random() * 3))}*`;
    if (roll < 0.72) return `#${pick(words)}`;
    if (roll < 0.78) return `@${pick(['maisonlumiere', 'jeand'])}`;
    if (roll < 0.82) return '👎';
    return `"${pick(words)} ${pick(words)}${random() < 0.2 ? '*' : ''}"`;
  }

  function positional(depth: number): string {
    const roll = random();
    if (depth > 1 || roll < 0.6) return term();
    if (roll < 0.8) return `(${positional(depth + 1)} OR ${positional(depth + 1)})`;
    return `(${positional(depth + 1)} NEAR/${Math.floor(random() * 4)} ${positional(depth + 1)})`;
  }

  function query(depth = 0): string {
    const roll = random();
    if (depth >= 3 || roll < 0.3) return positional(depth);
    if (roll < 0.4) return random() < 0.5 ? `lang:${pick(['fr', 'en'])}` : `source:${pick(fields.source)}`;
    if (roll < 0.55) return `NOT ${query(depth + 1)}`;
    if (roll < 0.7) return `${positional(depth)} NEAR/${Math.floor(random() * 4)} ${positional(depth)}`;
    if (roll < 0.85) return `(${query(depth + 1)} ${pick(['AND', ''])} ${query(depth + 1)})`;
    return `(${query(depth + 1)} OR ${query(depth + 1)})`;
  }

  function mention(id: number): ListeningMention {
    const parts: string[] = [];
    const length = 1 + Math.floor(random() * 14);
    for (let index = 0; index < length; index += 1) {
      const roll = random();
      if (roll < 0.7) parts.push(pick(words));
      else if (roll < 0.78) parts.push(`#${pick(words)}`);
      else if (roll < 0.83) parts.push(`@${pick(['MaisonLumiere', 'jeand', 'autre'])}`);
      else if (roll < 0.86) parts.push('👎🏽');
      else if (roll < 0.88) parts.push('https://lumiere.fr/bougie');
      else parts.push(pick(['de', 'la', "l'", 'et', '!', '...', 'très']));
    }
    return {
      id: `m${id}`,
      text: parts.join(random() < 0.8 ? ' ' : '  '),
      ...(random() < 0.8 ? { language: pick(fields.language) } : {}),
      ...(random() < 0.8 ? { source: pick(fields.source) } : {}),
      ...(random() < 0.5 ? { country: pick(fields.country) } : {}),
    };
  }

  return { query, mention };
}

describe('compileQueries', () => {
  it('agrees with the naive matcher on 400 random queries x 400 random mentions', () => {
    const random = seededRandom(20261128);
    const generate = generators(random);
    const queries = Array.from({ length: 400 }, (_, index) => {
      const text = generate.query();
      const result = parseQuery(text);
      assert.ok(result.ok, `generated query "${text}" should parse: ${result.ok ? '' : result.error.message}`);
      return { id: `q${index}`, text, tree: result.query };
    });
    const matcher = compileQueries(queries.map((query) => ({ id: query.id, query: query.text })));
    let matchedPairs = 0;
    for (let index = 0; index < 400; index += 1) {
      const mention = generate.mention(index);
      const prepared = prepareMention(mention);
      const expected = queries.filter((query) => matchesPreparedMention(query.tree, prepared)).map((query) => query.id);
      assert.deepEqual(matcher.match(mention), expected, `mention "${mention.text}"`);
      matchedPairs += expected.length;
    }
    // Guards the test itself: matches must be neither absent nor universal for the comparison to mean something.
    assert.ok(matchedPairs > 400 * 400 * 0.05 && matchedPairs < 400 * 400 * 0.8, `matched pairs: ${matchedPairs}`);
  });

  it('returns ids in the order the queries were given', () => {
    const matcher = compileQueries([
      { id: 'z', query: 'bougie' },
      { id: 'a', query: 'parfum' },
      { id: 'm', query: 'bougie parfum' },
    ]);
    assert.deepEqual(matcher.match({ id: '1', text: 'parfum et bougie' }), ['z', 'a', 'm']);
    assert.equal(matcher.size, 3);
  });

  it('evaluates queries that need no term (pure NOT, filters) on every mention', () => {
    const matcher = compileQueries([
      { id: 'not-spam', query: 'NOT spam' },
      { id: 'french', query: 'lang:fr' },
      { id: 'french-or-candle', query: 'lang:fr OR candle' },
      { id: 'brand', query: 'lumiere' },
    ]);
    assert.deepEqual(matcher.match({ id: '1', text: 'rien', language: 'fr' }), [
      'not-spam',
      'french',
      'french-or-candle',
    ]);
    assert.deepEqual(matcher.match({ id: '2', text: 'spam candle', language: 'en' }), ['french-or-candle']);
    assert.deepEqual(matcher.match({ id: '3', text: 'lumière', language: 'de' }), ['not-spam', 'brand']);
  });

  it('accepts parsed trees as well as text', () => {
    const tree = parseQuery('"maison lumière"');
    assert.ok(tree.ok);
    const matcher = compileQueries([{ id: 'tree', query: tree.query }]);
    assert.deepEqual(matcher.match({ id: '1', text: 'Maison Lumière' }), ['tree']);
  });

  it('throws InvalidQueriesError listing every invalid query with its position', () => {
    assert.throws(
      () =>
        compileQueries([
          { id: 'ok', query: 'bougie' },
          { id: 'bad-paren', query: '(bougie' },
          { id: 'bad-near', query: 'a NEAR b' },
        ]),
      (error: unknown) => {
        assert.ok(error instanceof InvalidQueriesError);
        assert.deepEqual(
          error.failures.map((failure) => [failure.id, failure.error.code, failure.error.offset]),
          [
            ['bad-paren', 'unclosed_parenthesis', 0],
            ['bad-near', 'near_missing_distance', 2],
          ],
        );
        return true;
      },
    );
  });

  it('refuses two queries with the same id', () => {
    assert.throws(
      () =>
        compileQueries([
          { id: 'a', query: 'x' },
          { id: 'a', query: 'y' },
        ]),
      /same id|the id "a"/,
    );
  });
});
