import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeListeningText, tokenizeListeningText, tokenizeNormalizedText } from './text-tokens.ts';

describe('tokenizeListeningText', () => {
  it('lowercases, strips accents and reads French elisions', () => {
    assert.deepEqual(
      tokenizeListeningText("L'Hôtel d’Éole: ÉOLIENNES, jusqu'à aujourd'hui").map((token) => token.value),
      ['hotel', 'eole', 'eoliennes', 'a', "aujourd'hui"],
    );
  });
  it('keeps URLs as one token and emoji as tokens without skin tones', () => {
    assert.deepEqual(
      tokenizeListeningText('top 👍🏽 https://lumiere.fr/bougie?utm=x fin').map(
        (token) => `${token.kind}:${token.value}`,
      ),
      ['word:top', 'emoji:👍', 'url:https://lumiere.fr/bougie?utm=x', 'word:fin'],
    );
  });
  it('does not read an e-mail address as a handle', () => {
    assert.deepEqual(
      tokenizeListeningText('contact@lumiere.fr').map((token) => token.kind),
      ['word', 'word', 'word'],
    );
  });
});

// The scanner's rules, written as one regular expression: the slow, obvious statement the scanner must agree with.
const rulesPattern =
  /(https?:\/\/[^\s<>"]+|www\.[^\s<>"]+)|(?<![\p{L}\p{N}_])[#\uff03]([\p{L}\p{N}_]+)|(?<![\p{L}\p{N}_])[@\uff20]([\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*)|([\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*)|(\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*)/gu;
const elisions = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

function tokensByPattern(text: string): string[] {
  const tokens: string[] = [];
  for (const found of text.matchAll(rulesPattern)) {
    if (found[4] !== undefined) {
      let word = found[4];
      for (let cut = word.indexOf("'"); cut > 0 && elisions.has(word.slice(0, cut)); cut = word.indexOf("'"))
        word = word.slice(cut + 1);
      if (word.endsWith("'s")) word = word.slice(0, -2);
      if (word) tokens.push(`word:${word}`);
    } else if (found[2] !== undefined) tokens.push(`hashtag:${found[2]}`);
    else if (found[3] !== undefined) tokens.push(`mention:${found[3]}`);
    else if (found[5] !== undefined) tokens.push(`emoji:${found[5]}`);
    else tokens.push(`url:${found[1]}`);
  }
  return tokens;
}

describe('the token scanner', () => {
  it('agrees with the rules pattern on 3,000 random strings of tricky characters', () => {
    let state = 42;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const pieces = [
      'a',
      'é',
      'z',
      '1',
      '_',
      "'",
      "l'",
      'qu',
      "'s",
      '-',
      '.',
      ' ',
      '  ',
      '#',
      '@',
      '＃',
      'http://',
      'https://x',
      'www.',
      'h',
      'w',
      '"',
      '<',
      '👍',
      '\u200d',
      '🕯',
      '©',
      '!',
      ',',
      '𝒜',
      '中',
      '\n',
      'œ',
    ];
    for (let round = 0; round < 3000; round += 1) {
      const text = normalizeListeningText(
        Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(
          '',
        ),
      );
      assert.deepEqual(
        tokenizeNormalizedText(text).map((token) => `${token.kind}:${token.value}`),
        tokensByPattern(text),
        JSON.stringify(text),
      );
    }
  });
});

describe('normalizeListeningText', () => {
  // The definition: the whole text through NFD, lower case, combining marks dropped, then the rare replacements.
  const reference = (text: string) =>
    text
      .normalize('NFD')
      .toLowerCase()
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[œæß]/g, (letter) => ({ œ: 'oe', æ: 'ae', ß: 'ss' })[letter] ?? letter)
      .replace(/[\u2019\u02bc\u2018\u00b4]/g, "'")
      .replace(/\ufe0e|\ufe0f|[\u{1f3fb}-\u{1f3ff}]/gu, '');

  it('folds character by character exactly as the whole-text definition (seeded random texts)', () => {
    let state = 7;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const pieces = [
      ...`a E é É e\u0301 \u0301 \u0316 \u0334 \u05b0 Σ ΑΣ ς İ ǅ Ⅷ œ Æ ß ẞ ’ ʼ ´ \ufe0f 🏽 👍 \u200d 한 \u0344 \u0f73
        \ud800 か\u3099 x #`.split(/\s+/u),
      ' ',
    ];
    for (let round = 0; round < 20_000; round += 1) {
      let text = '';
      const length = Math.floor(random() * 10);
      for (let index = 0; index < length; index += 1) {
        const roll = random();
        text +=
          roll < 0.75
            ? pieces[Math.floor(random() * pieces.length)]
            : roll < 0.95
              ? String.fromCharCode(Math.floor(random() * 0x10000))
              : String.fromCodePoint(0x10000 + Math.floor(random() * 0x30000));
      }
      assert.equal(normalizeListeningText(text), reference(text), JSON.stringify(text));
    }
  });
});
