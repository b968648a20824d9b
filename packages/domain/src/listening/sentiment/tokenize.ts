/**
 * Tokenizer shared by the lexicon scorer, the learned model and the language detector: words (with French
 * elisions split off), hashtags split on case changes, emoji, emoticons and runs of ! or ?. URLs and @mentions
 * are dropped: they carry no sentiment and would only add noise to the learned features.
 */

export type TokenKind = 'word' | 'emoji' | 'emoticon' | 'exclamation' | 'question' | 'break';

export type Token = {
  kind: TokenKind;
  /** Lowercased text; for French lookups use `foldAccents(text)`. Elided articles keep their apostrophe (`l'`). */
  text: string;
  /** The word was written in capitals (at least two letters), which amplifies its sentiment. */
  shouted: boolean;
  /** The token came out of a hashtag. */
  hashtag: boolean;
};

const elisions = new Set(['l', 'd', 'j', 'qu', 'n', 'c', 'm', 't', 's', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

// One pass over the text; the groups are numbered in tokenize(). Order matters: URLs and mentions before words, emoticons before punctuation.
const tokenPattern = new RegExp(
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

const hasLetterRun = /(\p{L})\1\1/u;
const letterRunPattern = /(\p{L})\1{2,}/gu;
const upperPattern = /\p{Lu}/u;
const lowerPattern = /\p{Ll}/u;
const camelSplit = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})|_/u;

function pushWord(tokens: Token[], raw: string, hashtag: boolean): void {
  const normalized = raw.replaceAll('’', "'");
  const shouted = normalized.length >= 2 && !lowerPattern.test(normalized) && upperPattern.test(normalized);
  let text = normalized.toLowerCase();
  if (hasLetterRun.test(text)) text = text.replace(letterRunPattern, '$1$1');
  const apostrophe = text.indexOf("'");
  if (apostrophe > 0 && elisions.has(text.slice(0, apostrophe)) && apostrophe < text.length - 1) {
    tokens.push({ kind: 'word', text: text.slice(0, apostrophe + 1), shouted: false, hashtag });
    text = text.slice(apostrophe + 1);
  }
  tokens.push({ kind: 'word', text, shouted, hashtag });
}

/**
 * Splits a text into sentiment-bearing tokens.
 * @example tokenize("J'adore l'été !!") // j' · adore · l' · été · !!
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Capture groups, in the order of tokenPattern: 1 URL, 2 mention, 3 hashtag, 4 emoticon, 5 word, 6 emoji,
  // 7 exclamation, 8 question, 9 break. Numbered groups are markedly faster than named ones here.
  for (const match of text.matchAll(tokenPattern)) {
    const value = match[0];
    if (match[5] !== undefined) pushWord(tokens, value, false);
    else if (match[3] !== undefined) {
      for (const part of value.slice(1).split(camelSplit)) if (part !== '') pushWord(tokens, part, true);
    } else if (match[6] !== undefined) tokens.push({ kind: 'emoji', text: value, shouted: false, hashtag: false });
    else if (match[4] !== undefined) {
      tokens.push({ kind: 'emoticon', text: value.toLowerCase(), shouted: false, hashtag: false });
    } else if (match[7] !== undefined) {
      tokens.push({ kind: 'exclamation', text: value, shouted: false, hashtag: false });
    } else if (match[8] !== undefined) {
      tokens.push({ kind: 'question', text: value, shouted: false, hashtag: false });
    } else if (match[9] !== undefined) tokens.push({ kind: 'break', text: value, shouted: false, hashtag: false });
  }
  return tokens;
}

const combiningMarks = /\p{M}/gu;
const nonAscii = /[^\p{ASCII}]/u;

/** Lowercase text without accents, the form French lexicon keys are stored in: `"été"` → `"ete"`. */
export function foldAccents(text: string): string {
  return nonAscii.test(text) ? text.normalize('NFD').replace(combiningMarks, '').replace('œ', 'oe') : text;
}
