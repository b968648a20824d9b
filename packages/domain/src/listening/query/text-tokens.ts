/**
 * How listening reads text: one normalization and one tokenizer, shared by mentions and by queries so that a
 * query term and the words of a mention are always compared in the same form.
 */

/** What a token is: words and hashtag bodies answer plain terms; handles answer `@` terms; URLs answer nothing. */
export type ListeningTokenKind = 'word' | 'hashtag' | 'mention' | 'emoji' | 'url';

/** One token of a text, `value` normalized (lower case, no accents; hashtag and handle without `#`/`@`). */
export type ListeningToken = { kind: ListeningTokenKind; value: string };

// French elided articles and pronouns: "l'hôtel" is read as "hôtel", "qu'il" as "il", "jusqu'à" as "à".
const elisions = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

const combiningMarks = /[\u0300-\u036f]/g;
const apostrophes = /[\u2019\u02bc\u2018\u00b4]/g;
// Variation selectors and skin-tone modifiers, as alternatives (in a class they would read as modified emoji).
const emojiVariations = /\ufe0e|\ufe0f|[\u{1f3fb}-\u{1f3ff}]/gu;
const ligatures = /[œæß]/g;
const ligatureSpelling: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };
const needsUnicodeWork = /[\u0080-\uffff]/;
// One test for the three rare replacements below, so most texts pay one scan instead of three.
const rareCharacters = /[\u2019\u02bc\u2018\u00b4œæß]|\ufe0e|\ufe0f|[\u{1f3fb}-\u{1f3ff}]/u;

/** The full path: NFD, lower case, marks dropped, then the rare replacements. */
function normalizeWhole(text: string): string {
  const folded = text.normalize('NFD').toLowerCase().replace(combiningMarks, '');
  if (!rareCharacters.test(folded)) return folded;
  return folded
    .replace(ligatures, (letter) => ligatureSpelling[letter] ?? letter)
    .replace(apostrophes, "'")
    .replace(emojiVariations, '');
}

// Per code point: what the full path makes of it alone (`unchanged` when it stays as it is), or null when
// the character can interact with its neighbours (a combining mark, which NFD may reorder; Σ, whose lower case
// depends on the next letter) and the text must take the full path.
const unchanged = '\u0000=';
const foldedCharacters = new Map<number, string | null>();

function foldedCharacter(point: number): string | null {
  let folded = foldedCharacters.get(point);
  if (folded === undefined) {
    const character = String.fromCodePoint(point);
    const decomposed = character.normalize('NFD');
    const first = String.fromCodePoint(decomposed.codePointAt(0)!);
    const starter = !/^\p{M}$/u.test(first) && (first + '\u0334').normalize('NFD') === first + '\u0334';
    if (!starter || decomposed.includes('\u03a3')) folded = null;
    else {
      const alone = normalizeWhole(character);
      folded = alone === character && character.toLowerCase() === character ? unchanged : alone;
    }
    foldedCharacters.set(point, folded);
  }
  return folded;
}

/**
 * Lower case, accents removed (NFD, combining marks dropped), ligatures spelled out, typographic apostrophes
 * made straight, emoji variation selectors and skin tones dropped. Characters are folded one by one from a
 * table (the same result as normalizing the whole text, which costs several copies of it) unless the text
 * holds a character whose folding depends on its neighbours.
 * @example normalizeListeningText("L’Hôtel ŒUVRE 👍🏽") // "l'hotel oeuvre 👍"
 */
export function normalizeListeningText(text: string): string {
  if (!needsUnicodeWork.test(text)) return text.toLowerCase();
  let result = '';
  let from = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) < 0x80) continue;
    const point = text.codePointAt(index)!;
    const folded = foldedCharacter(point);
    if (folded === null) return normalizeWhole(text);
    const next = point > 0xffff ? index + 2 : index + 1;
    if (folded !== unchanged) {
      result += text.slice(from, index).toLowerCase() + folded;
      from = next;
    }
    index = next - 1;
  }
  return from === 0 ? text.toLowerCase() : result + text.slice(from).toLowerCase();
}

// Character classes of the scanner, computed once per UTF-16 code unit (or code point, above the BMP).
const other = 1;
const wordCharacter = 2; // \p{L} or \p{N}
const underscore = 3;
const pictograph = 4; // \p{Extended_Pictographic}
const separator = 5; // whitespace, < > " (ends a URL)
const classes = new Uint8Array(65536);
const astralClasses = new Map<number, number>();
const zeroWidthJoiner = 0x200d;

function classify(character: string): number {
  if (/^[\p{L}\p{N}]$/u.test(character)) return wordCharacter;
  if (character === '_') return underscore;
  if (/^\p{Extended_Pictographic}$/u.test(character)) return pictograph;
  if (/^[\s<>"]$/u.test(character)) return separator;
  return other;
}

/** The class of the character at `index` (a surrogate pair counts as the character it encodes). */
function classAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const point = text.codePointAt(index) ?? code;
    let known = astralClasses.get(point);
    if (known === undefined) {
      known = classify(String.fromCodePoint(point));
      astralClasses.set(point, known);
    }
    return known;
  }
  let known = classes[code]!;
  if (known === 0) {
    known = classify(String.fromCharCode(code));
    classes[code] = known;
  }
  return known;
}

function width(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
}

/** Index after a run of word characters (and underscores when `withUnderscore`) starting at `index`. */
function skipWord(text: string, index: number, withUnderscore: boolean): number {
  let end = index;
  while (end < text.length) {
    const kind = classAt(text, end);
    if (kind !== wordCharacter && !(withUnderscore && kind === underscore)) break;
    end += width(text, end);
  }
  return end;
}

function isHandleCharacter(text: string, index: number): boolean {
  if (index >= text.length) return false;
  const kind = classAt(text, index);
  return kind === wordCharacter || kind === underscore;
}

function startsUrl(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  let after = -1;
  if (code === 0x68 /* h */)
    after = text.startsWith('http://', index) ? 7 : text.startsWith('https://', index) ? 8 : -1;
  else if (code === 0x77 /* w */) after = text.startsWith('www.', index) ? 4 : -1;
  // Like the rest of a URL, at least one character that is not a space must follow the scheme.
  return after > 0 && index + after < text.length && classAt(text, index + after) !== separator;
}

/**
 * The part of the word `text[start, end)` left once French elisions and an English "'s" are dropped, as a
 * range: "l'hotel" -> "hotel", "lumiere's" -> "lumiere", "aujourd'hui" and "don't" unchanged.
 */
function unelide(text: string, start: number, end: number): [number, number] {
  let from = start;
  let apostrophe = text.indexOf("'", from);
  while (apostrophe > from && apostrophe < end && elisions.has(text.slice(from, apostrophe))) {
    from = apostrophe + 1;
    apostrophe = text.indexOf("'", from);
  }
  const to = end - from >= 2 && text.charCodeAt(end - 2) === 0x27 && text.charCodeAt(end - 1) === 0x73 ? end - 2 : end;
  return [from, to];
}

/** Receives each token as its kind and the range `text[start, end)` of its value. */
export type TokenVisitor = (kind: ListeningTokenKind, start: number, end: number) => void;

/**
 * Calls `visit` with each token of already-normalized text, in order, without building a list or a string: the
 * hot path of the compiled matcher. See `tokenizeNormalizedText` for the rules.
 */
export function scanNormalizedText(text: string, visit: TokenVisitor): void {
  let index = 0;
  let previous = other; // the class of the character before `index`
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const kind = classAt(text, index);
    if (kind === wordCharacter) {
      if (startsUrl(text, index)) {
        let end = index;
        while (end < text.length && classAt(text, end) !== separator) end += 1;
        visit('url', index, end);
        index = end;
        previous = other;
        continue;
      }
      // A word: letters and digits, with single apostrophes inside ("aujourd'hui", "l'hotel").
      let end = skipWord(text, index, false);
      let apostrophes = false;
      while (text.charCodeAt(end) === 0x27 && end + 1 < text.length && classAt(text, end + 1) === wordCharacter) {
        apostrophes = true;
        end = skipWord(text, end + 1, false);
      }
      if (!apostrophes) visit('word', index, end);
      else {
        const [from, to] = unelide(text, index, end);
        if (to > from) visit('word', from, to);
      }
      index = end;
      previous = wordCharacter;
      continue;
    }
    const sigil = code === 0x23 || code === 0xff03 ? 'hashtag' : code === 0x40 || code === 0xff20 ? 'mention' : '';
    if (sigil && previous !== wordCharacter && previous !== underscore && isHandleCharacter(text, index + 1)) {
      let end = skipWord(text, index + 1, true);
      // Handles may hold dots and dashes between parts: @maison.bsky.social, @jean-luc.
      while (
        sigil === 'mention' &&
        (text.charCodeAt(end) === 0x2e || text.charCodeAt(end) === 0x2d) &&
        isHandleCharacter(text, end + 1)
      )
        end = skipWord(text, end + 1, true);
      visit(sigil, index + 1, end);
      index = end;
      previous = wordCharacter;
      continue;
    }
    if (kind === pictograph) {
      let end = index + width(text, index);
      while (text.charCodeAt(end) === zeroWidthJoiner && end + 1 < text.length && classAt(text, end + 1) === pictograph)
        end += 1 + width(text, end + 1);
      visit('emoji', index, end);
      index = end;
      previous = pictograph;
      continue;
    }
    previous = kind;
    index += width(text, index);
  }
}

/**
 * Splits already-normalized text into tokens; each token is one position for phrases and NEAR. Words are
 * runs of letters and digits (apostrophes inside; French elisions dropped); hyphens and other punctuation
 * separate words ("porte-parole" is two words); `#` and `@` start hashtags and handles unless glued to a word
 * (an e-mail address is words); a URL (http://, https://, www.) is one token up to the next space.
 * @example tokenizeNormalizedText("l'hotel #paris @lumiere 👍") // word hotel, hashtag paris, mention lumiere, emoji 👍
 */
export function tokenizeNormalizedText(normalized: string): ListeningToken[] {
  const tokens: ListeningToken[] = [];
  scanNormalizedText(normalized, (kind, start, end) => tokens.push({ kind, value: normalized.slice(start, end) }));
  return tokens;
}

/**
 * Normalizes then tokenizes a text.
 * @example tokenizeListeningText("Les éoliennes d'EDF").map((token) => token.value) // ["les", "eoliennes", "edf"]
 */
export function tokenizeListeningText(text: string): ListeningToken[] {
  return tokenizeNormalizedText(normalizeListeningText(text));
}
