/**
 * Unicode properties of characters, looked up by code point instead of by regular expression: the sentiment
 * tokenizer tests several per character. Each code unit's properties are computed once, with the same Unicode
 * property escapes the tokenizer's rules are written with, so both always agree.
 */

export const letter = 1; // \p{L}
export const digit = 2; // \p{N}
export const pictograph = 4; // \p{Extended_Pictographic}
export const whitespace = 8; // \s
export const lowercase = 16; // \p{Ll}
export const uppercase = 32; // \p{Lu}
const known = 128;

/** letter | digit: the characters words are made of. */
export const wordCharacter = letter | digit;

const bmp = new Uint8Array(65536);
const astral = new Map<number, number>();

function compute(character: string): number {
  let flags = known;
  if (/^\p{L}$/u.test(character)) flags |= letter;
  if (/^\p{N}$/u.test(character)) flags |= digit;
  if (/^\p{Extended_Pictographic}$/u.test(character)) flags |= pictograph;
  if (/^\s$/u.test(character)) flags |= whitespace;
  if (/^\p{Ll}$/u.test(character)) flags |= lowercase;
  if (/^\p{Lu}$/u.test(character)) flags |= uppercase;
  return flags;
}

/** The properties of a code point. A lone surrogate has none. */
export function propertiesOf(point: number): number {
  if (point < 65536) {
    let flags = bmp[point]!;
    if (flags === 0) {
      flags = point >= 0xd800 && point <= 0xdfff ? known : compute(String.fromCharCode(point));
      bmp[point] = flags;
    }
    return flags;
  }
  let flags = astral.get(point);
  if (flags === undefined) {
    flags = compute(String.fromCodePoint(point));
    astral.set(point, flags);
  }
  return flags;
}

/** The code point at `index` (a surrogate pair read as one; a lone surrogate as itself). */
export function codePointAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const next = text.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return (code - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
  }
  return code;
}

/** The properties of the code point at `index`. */
export function propertiesAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 0xd800 || code > 0xdbff ? propertiesOf(code) : propertiesOf(codePointAt(text, index));
}

/** The properties of the code point that ends just before `index` (0 at the start). */
export function propertiesBefore(text: string, index: number): number {
  if (index === 0) return 0;
  const code = text.charCodeAt(index - 1);
  if (code >= 0xdc00 && code <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return propertiesOf((high - 0xd800) * 0x400 + (code - 0xdc00) + 0x10000);
  }
  return propertiesOf(code);
}

/** How many code units the code point at `index` takes. */
export function widthAt(text: string, index: number): number {
  return codePointAt(text, index) > 0xffff ? 2 : 1;
}
