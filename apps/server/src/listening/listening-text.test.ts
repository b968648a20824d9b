import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearDuplicateKey } from './near-duplicate-key.ts';
import { topTermsAndHashtags } from './top-terms.ts';

describe('near-duplicate keys', () => {
  it('gives a repost, another handle, another link and other punctuation the same key', () => {
    const original = 'Livraison en RETARD chez Maison Lumière !! @maisonlumiere https://t.co/abc';
    assert.equal(nearDuplicateKey(`RT @ana_92: ${original}`), nearDuplicateKey(original));
    assert.equal(
      nearDuplicateKey('livraison en retard chez maison lumiere @someone_else https://bit.ly/x 😡'),
      nearDuplicateKey(original),
    );
  });

  it('tells different texts apart', () => {
    assert.notEqual(nearDuplicateKey('Livraison en retard'), nearDuplicateKey('Livraison à l’heure'));
  });
});

describe('top terms and hashtags', () => {
  it('counts each word once per text, without function words, handles, links or short words', () => {
    const top = topTermsAndHashtags(
      [
        'La livraison est en retard, retard, retard ! #colis @maisonlumiere',
        'Encore du retard pour ma livraison https://t.co/x #colis #livraison',
        'The delivery is late',
      ],
      3,
    );
    assert.deepEqual(top.terms, [
      { term: 'livraison', mentions: 2 },
      { term: 'retard', mentions: 2 },
      { term: 'delivery', mentions: 1 },
    ]);
    assert.deepEqual(top.hashtags, [
      { hashtag: 'colis', mentions: 2 },
      { hashtag: 'livraison', mentions: 1 },
    ]);
  });
});
