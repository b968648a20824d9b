import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldAccents, tokenize } from './tokenize.ts';

const texts = (text: string) => tokenize(text).map((token) => token.text);

describe('tokenize', () => {
  it("splits French elisions off the word they stick to: l', d', j', qu', n'", () => {
    assert.deepEqual(texts("J'adore l'odeur d'ici qu'il n'aime pas"), [
      "j'",
      'adore',
      "l'",
      'odeur',
      "d'",
      'ici',
      "qu'",
      'il',
      "n'",
      'aime',
      'pas',
    ]);
  });

  it('treats the typographic apostrophe like the straight one', () => {
    assert.deepEqual(texts('L’été j’adore'), ["l'", 'été', "j'", 'adore']);
  });

  it("keeps English contractions whole so that n't is recognizable", () => {
    assert.deepEqual(texts("I don't like it"), ['i', "don't", 'like', 'it']);
  });

  it('splits hashtags on case changes and marks their words', () => {
    const tokens = tokenize('#ServiceClientNul');
    assert.deepEqual(
      tokens.map((token) => [token.text, token.hashtag]),
      [
        ['service', true],
        ['client', true],
        ['nul', true],
      ],
    );
  });

  it('drops URLs and @mentions', () => {
    assert.deepEqual(texts('@maison_lumiere voir https://example.com/a?b=1 merci'), ['voir', 'merci']);
  });

  it('recognizes emoji, emoticons and runs of ! and ?', () => {
    assert.deepEqual(
      tokenize('super :) 😍 <3 !!! ??').map((token) => [token.kind, token.text]),
      [
        ['word', 'super'],
        ['emoticon', ':)'],
        ['emoji', '😍'],
        ['emoticon', '<3'],
        ['exclamation', '!!!'],
        ['question', '??'],
      ],
    );
  });

  it('does not read the end of a word and a bracket as an emoticon', () => {
    assert.deepEqual(
      tokenize('(voir box)').map((token) => token.kind),
      ['word', 'word'],
    );
  });

  it('marks words written in capitals, and shortens letters repeated three times or more', () => {
    const [first, second] = tokenize('GREAT soooo');
    assert.equal(first?.shouted, true);
    assert.equal(second?.text, 'soo');
    assert.equal(second?.shouted, false);
  });

  it('folds accents for French lexicon lookups', () => {
    assert.equal(foldAccents('déçue'), 'decue');
    assert.equal(foldAccents('plain'), 'plain');
  });
});
