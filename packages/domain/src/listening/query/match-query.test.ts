import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListeningMention } from './query-ast.ts';
import { compileQueries } from './compile-queries.ts';
import { matchesQuery } from './match-query.ts';
import { parseQuery } from './parse-query.ts';

function mention(text: string, fields: Partial<ListeningMention> = {}): ListeningMention {
  return { id: 'm', text, ...fields };
}

/** Checks one query against one text with both matchers, which must agree. */
function matches(query: string, text: string, fields: Partial<ListeningMention> = {}): boolean {
  const result = parseQuery(query);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const naive = matchesQuery(result.query, mention(text, fields));
  const compiled = compileQueries([{ id: 'q', query }]).match(mention(text, fields)).length === 1;
  assert.equal(compiled, naive, `compiled and naive disagree on ${query} / ${text}`);
  return naive;
}

describe('matching: each operator', () => {
  it('matches a word case- and accent-insensitively, in both directions', () => {
    assert.equal(matches('éoliennes', 'Les EOLIENNES de Fécamp'), true);
    assert.equal(matches('eoliennes', 'Les éoliennes de Fécamp'), true);
    assert.equal(matches('eolienne', 'Les éoliennes de Fécamp'), false);
  });
  it('matches a word after an elision', () => assert.equal(matches('hotel', "Séjour à l'hôtel Lumière"), true));
  it('AND needs both', () => {
    assert.equal(matches('bougie AND parfum', 'une bougie au parfum de figue'), true);
    assert.equal(matches('bougie parfum', 'une bougie sans odeur'), false);
  });
  it('OR needs one', () => {
    assert.equal(matches('bougie OR candle', 'this candle is lovely'), true);
    assert.equal(matches('bougie OR candle', 'a lamp'), false);
  });
  it('NOT excludes, also alone', () => {
    assert.equal(matches('bougie NOT promo', 'bougie en promo'), false);
    assert.equal(matches('bougie -promo', 'bougie parfumée'), true);
    assert.equal(matches('NOT promo', 'rien à voir'), true);
    assert.equal(matches('NOT promo', 'grosse promo'), false);
  });
  it('phrases need the words in order and adjacent', () => {
    assert.equal(matches('"maison lumière"', 'J’adore Maison Lumière !'), true);
    assert.equal(matches('"maison lumière"', 'la lumière de la maison'), false);
    assert.equal(matches('"maison lumière"', 'maison de lumière'), false);
    assert.equal(matches('porte-parole', 'le porte parole a parlé'), true);
  });
  it('NEAR/n allows at most n words between, in either order, with distinct tokens', () => {
    assert.equal(matches('bougie NEAR/2 cassée', 'ma bougie est arrivée cassée'), true);
    assert.equal(matches('bougie NEAR/1 cassée', 'ma bougie est arrivée cassée'), false);
    assert.equal(matches('cassée NEAR/2 bougie', 'ma bougie est arrivée cassée'), true);
    assert.equal(matches('bougie NEAR/0 bougie*', 'bougie'), false);
    assert.equal(matches('bougie NEAR/0 bougie*', 'bougie bougies'), true);
  });
  it('NEAR measures from the ends of phrases and chains left to right', () => {
    assert.equal(matches('"maison lumiere" NEAR/1 retard', 'retard de maison lumiere'), true);
    assert.equal(matches('"maison lumiere" NEAR/0 retard', 'retard de maison lumiere'), false);
    assert.equal(matches('(colis OR livraison) NEAR/2 retard', 'la livraison en retard'), true);
    assert.equal(matches('a NEAR/0 b NEAR/0 c', 'c a b'), true);
    assert.equal(matches('a NEAR/0 b NEAR/0 c', 'a b x c'), false);
  });
  it('wildcards match word prefixes and hashtag bodies', () => {
    assert.equal(matches('lumi*', 'quelle luminosité'), true);
    assert.equal(matches('lumi*', '#LumiereDuSoir'), true);
    assert.equal(matches('lumi*', 'la lune'), false);
    assert.equal(matches('#lumi*', 'lumineux'), false);
    assert.equal(matches('"maison lumi*"', 'Maison Lumière'), true);
  });
  it('a plain term matches a hashtag; a #hashtag matches only the hashtag', () => {
    assert.equal(matches('lumiere', 'vive #Lumière'), true);
    assert.equal(matches('#lumiere', 'vive la lumière'), false);
    assert.equal(matches('#lumiere', 'vive #LUMIÈRE'), true);
  });
  it('an @handle matches only the handle, and a plain term does not match a handle', () => {
    assert.equal(matches('@maisonlumiere', 'merci @MaisonLumiere !'), true);
    assert.equal(matches('maisonlumiere', 'merci @MaisonLumiere !'), false);
    assert.equal(matches('@maisonlumiere', 'maisonlumiere'), false);
  });
  it('emoji terms match the emoji whatever the skin tone', () => assert.equal(matches('👎', 'bof 👎🏻'), true));
  it('URLs are not searched', () => assert.equal(matches('bougie', 'https://lumiere.fr/bougie'), false));
  it('filters read the mention fields, case-insensitively, lang by its primary subtag', () => {
    assert.equal(matches('bougie lang:fr', 'bougie', { language: 'fr-CA' }), true);
    assert.equal(matches('bougie lang:fr', 'bougie', { language: 'en' }), false);
    assert.equal(matches('bougie lang:fr', 'bougie'), false);
    assert.equal(matches('source:bluesky', 'x', { source: 'Bluesky' }), true);
    assert.equal(matches('author:@jeand', 'x', { author: 'JeanD' }), true);
    assert.equal(matches('country:FR', 'x', { country: 'fr' }), true);
    assert.equal(matches('NOT source:reddit', 'x', { source: 'reddit' }), false);
  });
});
