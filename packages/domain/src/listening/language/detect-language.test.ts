import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from './detect-language.ts';

describe('detectLanguage', () => {
  it('recognizes French from its function words and elisions', () => {
    for (const text of [
      "Je n'ai toujours pas reçu ma commande",
      "C'est la meilleure bougie que j'ai achetée",
      'Le parfum de la collection est trop fort pour moi',
    ]) {
      const guess = detectLanguage(text);
      assert.equal(guess.language, 'fr', text);
      assert.ok(guess.confidence > 0.5, `${text}: ${guess.confidence}`);
    }
  });

  it('recognizes English', () => {
    for (const text of [
      "I still haven't received my order",
      'This is the best candle I have bought this year',
      'The scent of the new collection is too strong for me',
    ]) {
      const guess = detectLanguage(text);
      assert.equal(guess.language, 'en', text);
      assert.ok(guess.confidence > 0.5, `${text}: ${guess.confidence}`);
    }
  });

  it('reports Spanish, German, Italian and non-Latin scripts as other', () => {
    for (const text of [
      'El servicio es muy bueno y la entrega fue rápida',
      'Der Kundenservice ist wirklich gut und sehr schnell',
      'Il profumo è molto buono e anche la consegna',
      'これは素晴らしい製品です',
    ]) {
      assert.equal(detectLanguage(text).language, 'other', text);
    }
  });

  it('ignores mentions, hashtags and links, and has zero confidence without any evidence', () => {
    assert.deepEqual(detectLanguage('@maison_lumiere #bougie https://example.com'), {
      language: 'other',
      confidence: 0,
    });
    assert.deepEqual(detectLanguage(''), { language: 'other', confidence: 0 });
  });

  it('is less confident on a single function word than on a sentence', () => {
    const short = detectLanguage('the');
    const long = detectLanguage('the order was not in the box and they did not answer');
    assert.equal(short.language, 'en');
    assert.ok(short.confidence < long.confidence);
  });
});
