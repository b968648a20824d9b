import type { LexiconReading } from './lexicon-scorer.ts';
import type { SparseVector } from './linear-model.ts';
import { foldAccents, type Token } from './tokenize.ts';

/**
 * Features of the learned layer: hashed word unigrams and bigrams and character 3- to 5-grams (normalized to unit
 * length together), plus the lexicon's reading as dense features in the first slots, so that the model can learn
 * how much to trust the rules in this workspace.
 */

export const featureDimension = 1 << 18;
const compoundBins = 10;
const denseSlots = 32;
const hashedSlots = featureDimension - denseSlots;

/** FNV-1a over a string, with a salt per feature family. */
function hash(text: string, salt: number): number {
  let value = (2166136261 ^ salt) >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 16777619);
  }
  return denseSlots + ((value >>> 0) % hashedSlots);
}

function add(counts: Map<number, number>, slot: number, value = 1): void {
  counts.set(slot, (counts.get(slot) ?? 0) + value);
}

// Character n-grams help with French morphology and misspellings but weigh less than whole words (tuned by
// 5-fold cross-validation on the train splits).
const characterWeight = 0.5;

/** Scales a group of counts to Euclidean length `length`. */
function normalize(counts: Map<number, number>, length: number): void {
  let norm = 0;
  for (const value of counts.values()) norm += value * value;
  if (norm === 0) return;
  const scale = length / Math.sqrt(norm);
  for (const [slot, value] of counts) counts.set(slot, value * scale);
}

/** The feature vector of a tokenized text; `language` prefixes nothing but is a feature of its own. */
export function extractFeatures(tokens: readonly Token[], reading: LexiconReading, language: string): SparseVector {
  const sparse = new Map<number, number>();
  const characters = new Map<number, number>();
  const words: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'word') words.push(/^\p{N}+$/u.test(token.text) ? '<n>' : foldAccents(token.text));
    else if (token.kind === 'break') words.push('|');
    else words.push(token.kind === 'emoji' || token.kind === 'emoticon' ? token.text : token.kind);
  }
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as string;
    add(sparse, hash(word, 1));
    if (index > 0) add(sparse, hash(`${words[index - 1] as string} ${word}`, 2));
    if (word.length < 2 || word === '|') continue;
    const padded = `<${word}>`;
    for (let size = 3; size <= 5; size += 1) {
      for (let start = 0; start + size <= padded.length; start += 1)
        add(characters, hash(padded.slice(start, start + size), 3 + size));
    }
  }
  normalize(sparse, 1);
  normalize(characters, characterWeight);
  for (const [slot, value] of characters) sparse.set(slot, (sparse.get(slot) ?? 0) + value);

  const dense = [
    1,
    reading.compound,
    Math.min(reading.positive, 8) / 4,
    Math.min(reading.negative, 8) / 4,
    reading.hits === 0 ? 1 : 0,
    reading.negated > 0 ? 1 : 0,
    reading.irony ? 1 : 0,
    language === 'fr' ? 1 : 0,
    language === 'en' ? 1 : 0,
    tokens.some((token) => token.kind === 'exclamation') ? 1 : 0,
    tokens.some((token) => token.kind === 'question') ? 1 : 0,
  ];
  // The compound score in bins, so that the model can bend the rules' thresholds per workspace.
  const bin = Math.min(compoundBins - 1, Math.floor(((reading.compound + 1) / 2) * compoundBins));
  for (let index = 0; index < compoundBins; index += 1) dense.push(index === bin ? 1 : 0);
  const indices = new Int32Array(dense.length + sparse.size);
  const values = new Float32Array(dense.length + sparse.size);
  dense.forEach((value, slot) => {
    indices[slot] = slot;
    values[slot] = value;
  });
  let position = dense.length;
  for (const [slot, value] of sparse) {
    indices[position] = slot;
    values[position] = value;
    position += 1;
  }
  return { indices, values };
}
