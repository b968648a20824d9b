import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldAccents, tokenize, type Token } from './tokenize.ts';

// The tokenizer's rules written as one regular expression (how it was first implemented): the hand-written
// scanner must cut every text exactly as this does.
const referencePattern = new RegExp(
  [
    String.raw`(https?:\/\/\S+|www\.\S+|\bhttp\b)`,
    String.raw`(@[\p{L}\p{N}_]+)`,
    String.raw`(#[\p{L}\p{N}_]+)`,
    String.raw`((?<![\p{L}\p{N}])(?:[:;=][-'^o]?[()[\]dDpP/\\|*}{@3oO]+|<3+|[)(][-']?[:;=]|\^\^|\^_\^|x[dD](?![\p{L}])))`,
    String.raw`([\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)`,
    String.raw`(\p{Extended_Pictographic})`,
    String.raw`(!+)`,
    String.raw`(\?+)`,
    String.raw`([.;,:…]+)`,
  ].join('|'),
  'gu',
);
const referenceElisions = new Set([
  'l',
  'd',
  'j',
  'qu',
  'n',
  'c',
  'm',
  't',
  's',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
]);
type ReferenceToken = Omit<Token, 'entry'>;

function referenceWord(tokens: ReferenceToken[], raw: string, hashtag: boolean): void {
  const normalized = raw.replaceAll('’', "'");
  const shouted = normalized.length >= 2 && !/\p{Ll}/u.test(normalized) && /\p{Lu}/u.test(normalized);
  let text = normalized.toLowerCase();
  if (/(\p{L})\1\1/u.test(text)) text = text.replace(/(\p{L})\1{2,}/gu, '$1$1');
  const apostrophe = text.indexOf("'");
  if (apostrophe > 0 && referenceElisions.has(text.slice(0, apostrophe)) && apostrophe < text.length - 1) {
    tokens.push({ kind: 'word', text: text.slice(0, apostrophe + 1), shouted: false, hashtag });
    text = text.slice(apostrophe + 1);
  }
  tokens.push({ kind: 'word', text, shouted, hashtag });
}

function referenceTokenize(text: string): ReferenceToken[] {
  const tokens: ReferenceToken[] = [];
  const camel = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})|_/u;
  const plain = (kind: Token['kind'], value: string) =>
    tokens.push({ kind, text: value, shouted: false, hashtag: false });
  for (const match of text.matchAll(referencePattern)) {
    const value = match[0];
    if (match[5] !== undefined) referenceWord(tokens, value, false);
    else if (match[3] !== undefined) {
      for (const part of value.slice(1).split(camel)) if (part !== '') referenceWord(tokens, part, true);
    } else if (match[6] !== undefined) plain('emoji', value);
    else if (match[4] !== undefined) plain('emoticon', value.toLowerCase());
    else if (match[7] !== undefined) plain('exclamation', value);
    else if (match[8] !== undefined) plain('question', value);
    else if (match[9] !== undefined) plain('break', value);
  }
  return tokens;
}

const withoutEntries = (tokens: Token[]): ReferenceToken[] =>
  tokens.map(({ kind, text, shouted, hashtag }) => ({ kind, text, shouted, hashtag }));

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

  it('cuts every text exactly as the reference regular expression does (seeded random texts)', () => {
    let state = 20261129;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const pieces = [
      ...`a e h o O s t p w x X d D P 3 A é É ß İ ǅ Ⅷ ² 𝐀 😍 🕯 \ufe0f 🏽 \u200d \ud800 ' ’ : ; = - ^ ( ) [ / | * { @ # <
        _ ! ? . , … http https:// www. http:// l' qu' n't aaa AAA ééé xD <3 :) :-) ^_^ #HashTag2 @user ΣΑΣ bougie
        Bougie`.split(/\s+/u),
      ' ',
      '\t',
      '\u00a0',
    ];
    for (let round = 0; round < 20_000; round += 1) {
      let text = '';
      const length = Math.floor(random() * 14);
      for (let index = 0; index < length; index += 1) {
        const roll = random();
        text +=
          roll < 0.8
            ? pieces[Math.floor(random() * pieces.length)]
            : roll < 0.95
              ? String.fromCharCode(Math.floor(random() * 0x3000))
              : String.fromCodePoint(0x10000 + Math.floor(random() * 0x20000));
      }
      // Twice: the second time, plain words come from the tokenizer's table of words already seen.
      assert.deepEqual(withoutEntries(tokenize(text)), referenceTokenize(text), JSON.stringify(text));
      assert.deepEqual(withoutEntries(tokenize(text)), referenceTokenize(text), JSON.stringify(text));
    }
  });

  it('gives a word met again one shared entry, and none the first time', () => {
    const [once] = tokenize('zqxwvortelune');
    assert.equal(once?.entry, undefined);
    const [first, , second, third] = tokenize('zqxwvortelune, Zqxwvortelune zqxwvortelune');
    assert.ok(first?.entry);
    assert.equal(first.entry.text, 'zqxwvortelune');
    assert.equal(second?.entry, first.entry);
    assert.equal(third?.entry, first.entry);
  });

  it('folds accents for French lexicon lookups', () => {
    assert.equal(foldAccents('déçue'), 'decue');
    assert.equal(foldAccents('plain'), 'plain');
  });
});
