/**
 * Tokenizer shared by the lexicon scorer, the learned model and the language detector: words (with French
 * elisions split off), hashtags split on case changes, emoji, emoticons and runs of ! or ?. URLs and @mentions
 * are dropped: they carry no sentiment and would only add noise to the learned features.
 */
import {
  codePointAt,
  letter,
  lowercase,
  pictograph,
  propertiesBefore,
  propertiesOf,
  uppercase,
  whitespace,
  wordCharacter,
} from './characters.ts';
import {
  findPlainWord,
  plainHashStart,
  plainHashStep,
  rememberPlainWord,
  wordEntry,
  type WordEntry,
} from './vocabulary.ts';

export type TokenKind = 'word' | 'emoji' | 'emoticon' | 'exclamation' | 'question' | 'break';

export type Token = {
  kind: TokenKind;
  /** Lowercased text; for French lookups use `foldAccents(text)`. Elided articles keep their apostrophe (`l'`). */
  text: string;
  /** The word was written in capitals (at least two letters), which amplifies its sentiment. */
  shouted: boolean;
  /** The token came out of a hashtag. */
  hashtag: boolean;
  /** Words only: what the analyzer has read about this word, shared by its tokens (none the first time it is met). */
  entry: WordEntry | undefined;
};

const elisions = new Set(['l', 'd', 'j', 'qu', 'n', 'c', 'm', 't', 's', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

// The tokenizer is a hand-written scanner (a regular expression with matchAll allocated a match array per
// token and cost twice the time). At each position it tries, in this order, what this expression would:
//   (https?:\/\/\S+|www\.\S+|\bhttp\b)                 a URL (dropped)
//   (@[\p{L}\p{N}_]+)                                  a handle (dropped)
//   (#[\p{L}\p{N}_]+)                                  a hashtag (its words, split on case changes)
//   ((?<![\p{L}\p{N}])(?:[:;=][-'^o]?[()[\]dDpP/\\|*}{@3oO]+|<3+|[)(][-']?[:;=]|\^\^|\^_\^|x[dD](?![\p{L}])))
//                                                      an emoticon
//   ([\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)              a word
//   (\p{Extended_Pictographic}) | (!+) | (\?+) | ([.;,:…]+)   an emoji, exclamation, question, break
// and when none applies it moves on by one code point. tokenize.test.ts checks it against that expression.

const letterRunPattern = /(\p{L})\1{2,}/gu;
const camelSplit = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})|_/u;

const emoticonTail = new Uint8Array(128);
for (const character of '()[]dDpP/\\|*}{@3oO') emoticonTail[character.charCodeAt(0)] = 1;
// a-z and 0-9: a word made only of these is its own lowercased form.
const plainCharacter = new Uint8Array(128);
for (let code = 0x61; code <= 0x7a; code += 1) plainCharacter[code] = 1;
for (let code = 0x30; code <= 0x39; code += 1) plainCharacter[code] = 1;
const emoticonStart = new Uint8Array(128);
for (const character of ':;=<()^x') emoticonStart[character.charCodeAt(0)] = 1;
const breakCharacter = (code: number) =>
  code === 0x2e || code === 0x3b || code === 0x2c || code === 0x3a || code === 0x2026; // . ; , : …
const isEyes = (code: number) => code === 0x3a || code === 0x3b || code === 0x3d; // : ; =

/** What \b calls a word character: [A-Za-z0-9_]. */
function isAsciiWordCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f
  );
}

/** Index after the run of code points from `index` that have one of `flags` (or are `_` when `underscore`). */
function runEnd(text: string, index: number, flags: number, underscore: boolean): number {
  let end = index;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code < 0xd800 || code > 0xdbff) {
      if ((propertiesOf(code) & flags) === 0 && !(underscore && code === 0x5f)) break;
      end += 1;
    } else {
      const point = codePointAt(text, end);
      if ((propertiesOf(point) & flags) === 0) break;
      end += point > 0xffff ? 2 : 1;
    }
  }
  return end;
}

/** Index after the run of characters that are not white space. */
function nonSpaceEnd(text: string, index: number): number {
  let end = index;
  while (end < text.length && (propertiesOf(text.charCodeAt(end)) & whitespace) === 0) end += 1;
  return end;
}

/** End of the URL that starts at `index`, or -1. */
function urlEnd(text: string, index: number, code: number): number {
  if (code === 0x68 /* h */) {
    if (!text.startsWith('http', index)) return -1;
    const path = text.startsWith('://', index + 4) ? index + 7 : text.startsWith('s://', index + 4) ? index + 8 : -1;
    if (path > 0) {
      const end = nonSpaceEnd(text, path);
      if (end > path) return end;
    }
    // A bare "http" standing alone.
    const alone =
      !isAsciiWordCharacter(text.charCodeAt(index - 1)) && !isAsciiWordCharacter(text.charCodeAt(index + 4));
    return alone ? index + 4 : -1;
  }
  if (!text.startsWith('www.', index)) return -1;
  const end = nonSpaceEnd(text, index + 4);
  return end > index + 4 ? end : -1;
}

/** Length of the run of emoticon mouth characters at `index`. */
function tailLength(text: string, index: number): number {
  let end = index;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code >= 128 || emoticonTail[code] === 0) break;
    end += 1;
  }
  return end - index;
}

/** End of the emoticon that starts at `index` (not glued to a preceding letter or digit), or -1. */
function emoticonEnd(text: string, index: number, code: number): number {
  const next = text.charCodeAt(index + 1);
  if (isEyes(code)) {
    if (next === 0x2d || next === 0x27 || next === 0x5e || next === 0x6f) {
      const tail = tailLength(text, index + 2);
      if (tail > 0) return index + 2 + tail;
    }
    const tail = tailLength(text, index + 1);
    return tail > 0 ? index + 1 + tail : -1;
  }
  if (code === 0x3c /* < */) {
    let end = index + 1;
    while (text.charCodeAt(end) === 0x33) end += 1;
    return end > index + 1 ? end : -1;
  }
  if (code === 0x28 || code === 0x29 /* ( ) */) {
    if ((next === 0x2d || next === 0x27) && isEyes(text.charCodeAt(index + 2))) return index + 3;
    return isEyes(next) ? index + 2 : -1;
  }
  if (code === 0x5e /* ^ */) {
    if (next === 0x5e) return index + 2;
    return next === 0x5f && text.charCodeAt(index + 2) === 0x5e ? index + 3 : -1;
  }
  if (code === 0x78 /* x */ && (next === 0x64 || next === 0x44)) {
    const after = index + 2 < text.length ? propertiesOf(codePointAt(text, index + 2)) : 0;
    return (after & letter) === 0 ? index + 2 : -1;
  }
  return -1;
}

/** True when `text` holds the same letter three times in a row. */
function hasLetterRun(text: string): boolean {
  let previous = -1;
  let run = 0;
  for (let index = 0; index < text.length;) {
    const point = codePointAt(text, index);
    if (point === previous && (propertiesOf(point) & letter) !== 0) {
      run += 1;
      if (run === 3) return true;
    } else {
      previous = point;
      run = 1;
    }
    index += point > 0xffff ? 2 : 1;
  }
  return false;
}

function pushWord(tokens: Token[], raw: string, hashtag: boolean): void {
  const normalized = raw.includes('’') ? raw.replaceAll('’', "'") : raw;
  let hasLower = false;
  let hasUpper = false;
  let plain = true; // only ASCII lower-case letters, digits and apostrophes: lower-casing changes nothing
  for (let index = 0; index < normalized.length; index += 1) {
    const code = normalized.charCodeAt(index);
    if (code >= 0x61 && code <= 0x7a) hasLower = true;
    else if (code >= 0x41 && code <= 0x5a) {
      hasUpper = true;
      plain = false;
    } else if (code >= 128) {
      plain = false;
      const point = codePointAt(normalized, index);
      const flags = propertiesOf(point);
      if ((flags & lowercase) !== 0) hasLower = true;
      else if ((flags & uppercase) !== 0) hasUpper = true;
      if (point > 0xffff) index += 1;
    }
  }
  const shouted = normalized.length >= 2 && !hasLower && hasUpper;
  let text = plain ? normalized : normalized.toLowerCase();
  if (hasLetterRun(text)) text = text.replace(letterRunPattern, '$1$1');
  const apostrophe = text.indexOf("'");
  if (apostrophe > 0 && elisions.has(text.slice(0, apostrophe)) && apostrophe < text.length - 1) {
    const elided = text.slice(0, apostrophe + 1);
    tokens.push({ kind: 'word', text: elided, shouted: false, hashtag, entry: wordEntry(elided) });
    text = text.slice(apostrophe + 1);
  }
  tokens.push({ kind: 'word', text, shouted, hashtag, entry: wordEntry(text) });
}

function pushRun(tokens: Token[], kind: TokenKind, text: string): void {
  tokens.push({ kind, text, shouted: false, hashtag: false, entry: undefined });
}

/**
 * Splits a text into sentiment-bearing tokens.
 * @example tokenize("J'adore l'été !!") // j' · adore · l' · été · !!
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x68 || code === 0x77) {
      const end = urlEnd(text, index, code);
      if (end > 0) {
        index = end;
        continue;
      }
    } else if (code === 0x40 || code === 0x23) {
      const end = runEnd(text, index + 1, wordCharacter, true);
      if (end > index + 1) {
        if (code === 0x23) {
          for (const part of text.slice(index + 1, end).split(camelSplit))
            if (part !== '') pushWord(tokens, part, true);
        }
        index = end;
        continue;
      }
    }
    if (code < 128 && emoticonStart[code] === 1 && (propertiesBefore(text, index) & wordCharacter) === 0) {
      const end = emoticonEnd(text, index, code);
      if (end > 0) {
        pushRun(tokens, 'emoticon', text.slice(index, end).toLowerCase());
        index = end;
        continue;
      }
    }
    const point = code < 0xd800 || code > 0xdbff ? code : codePointAt(text, index);
    const flags = propertiesOf(point);
    const width = point > 0xffff ? 2 : 1;
    if ((flags & wordCharacter) !== 0) {
      // A plain word (a-z, 0-9) already seen is found from its characters, without a copy.
      let end = index;
      let hash = plainHashStart;
      for (let code = text.charCodeAt(end); code < 128 && plainCharacter[code] === 1; code = text.charCodeAt(end)) {
        hash = plainHashStep(hash, code);
        end += 1;
      }
      const after = text.charCodeAt(end);
      const plain = end > index && !(after >= 0x41 && after <= 0x5a) && after !== 0x27 && !(after >= 128);
      if (plain) {
        const entry = findPlainWord(text, index, end, hash);
        if (entry !== undefined) {
          tokens.push({ kind: 'word', text: entry.text, shouted: false, hashtag: false, entry });
          index = end;
          continue;
        }
        const raw = text.slice(index, end);
        if (hasLetterRun(raw)) pushWord(tokens, raw, false);
        else {
          // Already in its final form (lower case, no elision, no repeated letters).
          const entry = wordEntry(raw, hash);
          tokens.push({ kind: 'word', text: raw, shouted: false, hashtag: false, entry });
          if (entry !== undefined) rememberPlainWord(entry, hash);
        }
        index = end;
        continue;
      }
      end = runEnd(text, index + width, wordCharacter, false);
      for (;;) {
        const after = text.charCodeAt(end);
        if ((after !== 0x27 && after !== 0x2019) || end + 1 >= text.length) break;
        if ((propertiesOf(codePointAt(text, end + 1)) & wordCharacter) === 0) break;
        end = runEnd(text, end + 1, wordCharacter, false);
      }
      pushWord(tokens, text.slice(index, end), false);
      index = end;
    } else if ((flags & pictograph) !== 0) {
      pushRun(tokens, 'emoji', text.slice(index, index + width));
      index += width;
    } else if (code === 0x21 || code === 0x3f) {
      let end = index + 1;
      while (text.charCodeAt(end) === code) end += 1;
      pushRun(tokens, code === 0x21 ? 'exclamation' : 'question', text.slice(index, end));
      index = end;
    } else if (breakCharacter(code)) {
      let end = index + 1;
      while (end < text.length && breakCharacter(text.charCodeAt(end))) end += 1;
      pushRun(tokens, 'break', text.slice(index, end));
      index = end;
    } else index += width;
  }
  return tokens;
}

const combiningMarks = /\p{M}/gu;
const nonAscii = /[^\p{ASCII}]/u;

/** Lowercase text without accents, the form French lexicon keys are stored in: `"été"` → `"ete"`. */
export function foldAccents(text: string): string {
  return nonAscii.test(text) ? text.normalize('NFD').replace(combiningMarks, '').replace('œ', 'oe') : text;
}
