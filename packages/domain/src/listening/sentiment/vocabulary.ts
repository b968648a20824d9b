import type { WordEvidence } from '../language/detect-language.ts';
import type { WordInfo } from './lexicon-scorer.ts';
import type { SentimentLexicon } from './lexicons.ts';

/**
 * What the analyzer reads about one distinct word (lowercased token text), computed on first use and shared by
 * every token of that word: social text repeats a small vocabulary, so language detection and the lexicon
 * look a word up once instead of once per occurrence. The tokenizer attaches the entry to each word token.
 */
export type WordEntry = {
  readonly text: string;
  /** Language detection's reading (detect-language.ts). */
  evidence: WordEvidence | undefined;
  /** The word's entries in up to two lexicons (lexicon-scorer.ts), with the lexicon each was read from. */
  lexiconA: SentimentLexicon | undefined;
  infoA: WordInfo | undefined;
  lexiconB: SentimentLexicon | undefined;
  infoB: WordInfo | undefined;
};

// Bounded: a stream with an unusually wide vocabulary empties it and starts again.
const limit = 100_000;
const entries = new Map<string, WordEntry>();
// A word gets its entry the second time it is met: half the distinct words of a stream occur once, and keeping
// an entry for each of them would cost more (long-lived allocations) than reading them directly. One bit per
// hash of the words met once; a collision only gives some word its entry early.
const metOnce = new Uint8Array(1 << 20);
const metOnceMask = metOnce.length - 1;

/**
 * The shared entry of a word, or undefined the first time the word is met. `hash` is its `plainHashStep`
 * hash when the caller has it already.
 */
export function wordEntry(text: string, hash?: number): WordEntry | undefined {
  let slot = hash;
  if (slot === undefined) {
    slot = plainHashStart;
    for (let index = 0; index < text.length; index += 1) slot = plainHashStep(slot, text.charCodeAt(index));
  }
  slot &= metOnceMask;
  // Never met: nothing to look up.
  if (metOnce[slot] === 0) {
    metOnce[slot] = 1;
    return undefined;
  }
  let entry = entries.get(text);
  if (entry === undefined) {
    if (entries.size >= limit) entries.clear();
    entry = { text, evidence: undefined, lexiconA: undefined, infoA: undefined, lexiconB: undefined, infoB: undefined };
    entries.set(text, entry);
  }
  return entry;
}

// Words written in plain lower-case ASCII letters and digits are also found straight from the text being
// tokenized, by a hash of their characters, so that their most frequent case costs no string copy: an
// open-addressing table of their entries (emptied when half full).
const plainCapacity = 1 << 15;
const plainMask = plainCapacity - 1;
const plainEntries = new Array<WordEntry | undefined>(plainCapacity).fill(undefined);
const plainHashes = new Int32Array(plainCapacity);
let plainCount = 0;

/** FNV-1a, one UTF-16 code unit at a time: start with `plainHashStart`, then `hash = plainHashStep(hash, code)`. */
export const plainHashStart = 0x811c9dc5 | 0;
export function plainHashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** The entry of the plain word `text[start, end)` with that hash, if it was remembered. */
export function findPlainWord(text: string, start: number, end: number, hash: number): WordEntry | undefined {
  const length = end - start;
  for (let slot = hash & plainMask; ; slot = (slot + 1) & plainMask) {
    const entry = plainEntries[slot];
    if (entry === undefined) return undefined;
    if (plainHashes[slot] === hash && entry.text.length === length && text.startsWith(entry.text, start)) return entry;
  }
}

/** Remembers a plain word's entry (one `findPlainWord` did not find), with the hash of its text. */
export function rememberPlainWord(entry: WordEntry, hash: number): void {
  if (plainCount >= plainCapacity / 2) {
    plainEntries.fill(undefined);
    plainCount = 0;
  }
  let slot = hash & plainMask;
  while (plainEntries[slot] !== undefined) slot = (slot + 1) & plainMask;
  plainEntries[slot] = entry;
  plainHashes[slot] = hash;
  plainCount += 1;
}
