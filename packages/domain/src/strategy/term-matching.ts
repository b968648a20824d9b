/**
 * Finds terms in a text ignoring case and accents, on word boundaries, and reports where they are in the
 * original text. French elisions split words: "l'arnaque" and "d’arnaque" contain "arnaque".
 */

/** A span of the original text, in UTF-16 code units as JavaScript strings count them (end exclusive). */
export type TextSpan = { start: number; end: number };

type Folded = { text: string; origins: number[]; ends: number[] };

const specialFolds: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '＃': '#',
};

const wordCharacter = /[\p{L}\p{N}_]/u;

/**
 * Lower-cases and strips accents, collapses whitespace runs to one space, and remembers for each folded
 * character the span of the original character it came from.
 */
function fold(text: string): Folded {
  let folded = '';
  const origins: number[] = [];
  const ends: number[] = [];
  let index = 0;
  let previousWasSpace = false;
  for (const character of text) {
    const start = index;
    index += character.length;
    if (/\s/u.test(character)) {
      if (previousWasSpace) {
        ends[ends.length - 1] = index;
        continue;
      }
      previousWasSpace = true;
      folded += ' ';
      origins.push(start);
      ends.push(index);
      continue;
    }
    previousWasSpace = false;
    const lower = character.toLowerCase();
    const replaced = specialFolds[lower] ?? lower.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
    for (const part of replaced) {
      folded += part;
      for (let unit = 0; unit < part.length; unit += 1) {
        origins.push(start);
        ends.push(index);
      }
    }
  }
  return { text: folded, origins, ends };
}

/** The folded form of a term, as `findTerm` compares it (trimmed). */
export function foldTerm(term: string): string {
  return fold(term.trim()).text;
}

function isWordAt(text: string, index: number): boolean {
  const character = text[index];
  return character !== undefined && wordCharacter.test(character);
}

/** A prepared text: fold once, search many terms. */
export type SearchableText = { find(term: string): TextSpan[] };

/**
 * Prepares `text` for term searches.
 * @example searchable("C'est l'Arnaque !").find('arnaque') // [{ start: 8, end: 15 }]
 */
export function searchable(text: string): SearchableText {
  const folded = fold(text);
  return {
    find(term) {
      const needle = foldTerm(term);
      if (needle.length === 0) return [];
      const spans: TextSpan[] = [];
      let from = 0;
      for (;;) {
        const at = folded.text.indexOf(needle, from);
        if (at < 0) break;
        const last = at + needle.length - 1;
        // A boundary is needed only where the term itself starts or ends with a word character ("#ad" may follow a letter).
        const startsClean = !isWordAt(needle, 0) || !isWordAt(folded.text, at - 1);
        const endsClean = !isWordAt(needle, needle.length - 1) || !isWordAt(folded.text, last + 1);
        if (startsClean && endsClean) spans.push({ start: folded.origins[at]!, end: folded.ends[last]! });
        from = at + 1;
      }
      return spans;
    },
  };
}
