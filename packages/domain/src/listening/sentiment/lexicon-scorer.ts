import { emojiValences, emoticonValences, keyValence, type SentimentLexicon } from './lexicons.ts';
import { foldAccents, type Token } from './tokenize.ts';

/** Tunable constants of the rules; the defaults were tuned on the train splits (docs/performance.md). */
export type LexiconSettings = {
  /** How many tokens before a sentiment word a negator still flips it. */
  negationWindow: number;
  /** Multiplier applied to a negated valence (VADER: -0.74). */
  negationScalar: number;
  /** Added to the magnitude of a word written in capitals when the text is not all capitals. */
  capsBoost: number;
  /** Multiplier from Emoji Sentiment Ranking's -5..+5 to the lexicon's -4..+4 scale. */
  emojiScale: number;
  /** Added to the magnitude of the sum per exclamation mark (up to four). */
  exclamationBoost: number;
  /** Weight of what comes before a contrast word ("but", "mais"); what follows gets 1.5. */
  beforeContrast: number;
};

export const defaultLexiconSettings: LexiconSettings = {
  negationWindow: 3,
  negationScalar: -0.74,
  capsBoost: 0.733,
  emojiScale: 0.8,
  exclamationBoost: 0.292,
  beforeContrast: 0.5,
};

/** What the rules found in a text; `compound` is the -1..+1 score, the rest are features for the learned model. */
export type LexiconReading = {
  compound: number;
  positive: number;
  negative: number;
  /** Number of tokens that carried sentiment. */
  hits: number;
  /** Of `hits`, the words and phrases (not emoji or emoticons): evidence of the language too. */
  wordHits: number;
  negated: number;
  irony: boolean;
};

const normalization = 15;

function isNegator(lexicon: SentimentLexicon, text: string): boolean {
  return lexicon.negators.has(text) || (lexicon.language === 'en' && text.endsWith("n't"));
}

/** What the rules need to know about one word, read from the lexicon once (see `describeWord`). */
export type WordInfo = {
  /** The lookup form (accents folded in French); '' for other tokens, which stop negation scopes. */
  key: string;
  valence: number | undefined;
  contrast: boolean;
  negator: boolean;
  intensifier: number | undefined;
  phraseStart: boolean;
  irony: boolean;
};

const notAWord: WordInfo = {
  key: '',
  valence: undefined,
  contrast: false,
  negator: false,
  intensifier: undefined,
  phraseStart: false,
  irony: false,
};

/** The lexicon's entries for a word token's text (lowercased, accents not yet folded). */
function describeWord(lexicon: SentimentLexicon, text: string): WordInfo {
  const key = lexicon.language === 'fr' ? foldAccents(text) : text;
  return {
    key,
    valence: keyValence(lexicon, key),
    contrast: lexicon.contrasts.has(key),
    negator: isNegator(lexicon, key),
    intensifier: lexicon.intensifiers.get(key),
    phraseStart: lexicon.phraseStarts.has(key),
    irony: lexicon.ironyMarkers.has(key),
  };
}

/**
 * The lexicon's entries for a word token, read once per distinct word and kept on its shared entry (a French
 * word in no list otherwise costs an accent folding and up to five stem look-ups at every occurrence).
 */
function wordInfo(lexicon: SentimentLexicon, token: Token): WordInfo {
  const entry = token.entry;
  if (entry === undefined) return describeWord(lexicon, token.text);
  if (entry.lexiconA === lexicon) return entry.infoA!;
  if (entry.lexiconB === lexicon) return entry.infoB!;
  const info = describeWord(lexicon, token.text);
  if (entry.lexiconA === undefined) {
    entry.lexiconA = lexicon;
    entry.infoA = info;
  } else if (entry.lexiconB === undefined) {
    entry.lexiconB = lexicon;
    entry.infoB = info;
  }
  return info;
}

/** Finds a two- or three-token phrase starting at `index`; returns its valence and length. */
function phraseAt(lexicon: SentimentLexicon, words: readonly WordInfo[], index: number): [number, number] | undefined {
  const first = words[index]!;
  const second = words[index + 1]?.key;
  if (!first.phraseStart || second === undefined || second === '') return undefined;
  const two = `${first.key} ${second}`;
  const third = words[index + 2]?.key;
  if (third !== undefined && third !== '') {
    const value = lexicon.phrases.get(`${two} ${third}`);
    if (value !== undefined) return [value, 3];
  }
  const value = lexicon.phrases.get(two);
  return value === undefined ? undefined : [value, 2];
}

function modifiers(
  words: readonly WordInfo[],
  index: number,
  settings: LexiconSettings,
): { boost: number; negated: boolean } {
  let boost = 0;
  let negated = false;
  for (let distance = 1; distance <= settings.negationWindow; distance += 1) {
    const word = words[index - distance];
    if (word === undefined || word.key === '') break;
    if (word.contrast) break;
    if (word.negator) negated = true;
    if (distance <= 3) {
      const scalar = word.intensifier;
      if (scalar !== undefined) boost += scalar * (1 - 0.05 * (distance - 1));
    }
  }
  return { boost, negated };
}

/**
 * Scores a tokenized text with the lexicon and rules of its language (or emoji and emoticons alone when the
 * language is not modelled).
 * @example readLexicon(tokenize('pas mal du tout !'), frenchLexicon).compound // > 0
 */
export function readLexicon(
  tokens: readonly Token[],
  lexicon: SentimentLexicon | undefined,
  settings: LexiconSettings = defaultLexiconSettings,
): LexiconReading {
  const valences: number[] = [];
  let contrastAt = -1;
  let exclamations = 0;
  let hits = 0;
  let wordHits = 0;
  let negated = 0;
  let irony = false;
  let wordCount = 0;
  let shoutedWords = 0;
  for (const token of tokens) {
    if (token.kind === 'word') {
      wordCount += 1;
      if (token.shouted) shoutedWords += 1;
    }
  }
  const allShouted = wordCount > 0 && shoutedWords === wordCount;
  // The lexicon's entries for each word; other tokens get `notAWord`, whose empty key stops negation scopes.
  const words: WordInfo[] = tokens.map((token) =>
    token.kind !== 'word' || lexicon === undefined ? notAWord : wordInfo(lexicon, token),
  );

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    let valence: number | undefined;
    if (token.kind === 'emoji') {
      const value = emojiValences.get(token.text);
      if (value !== undefined) valence = value * settings.emojiScale;
      if (token.text === '🙄') irony = true;
    } else if (token.kind === 'emoticon') {
      valence = emoticonValences.get(token.text);
    } else if (token.kind === 'exclamation') {
      exclamations += token.text.length;
    } else if (token.kind === 'word' && lexicon !== undefined) {
      const word = words[index]!;
      if (token.hashtag && word.irony) irony = true;
      if (word.contrast) contrastAt = valences.length;
      const phrase = phraseAt(lexicon, words, index);
      if (phrase !== undefined) {
        valences.push(phrase[0]);
        if (phrase[0] !== 0) {
          hits += 1;
          wordHits += 1;
        }
        index += phrase[1] - 1;
        continue;
      }
      valence = word.valence;
      if (valence !== undefined && valence !== 0) {
        if (token.shouted && !allShouted) valence += Math.sign(valence) * settings.capsBoost;
        const around = modifiers(words, index, settings);
        valence += Math.sign(valence) * around.boost;
        if (around.negated) {
          valence *= settings.negationScalar;
          negated += 1;
        }
      }
    }
    if (valence !== undefined && valence !== 0) {
      valences.push(valence);
      hits += 1;
      if (token.kind === 'word') wordHits += 1;
    }
  }

  let sum = 0;
  let positive = 0;
  let negative = 0;
  for (let index = 0; index < valences.length; index += 1) {
    let value = valences[index] as number;
    if (contrastAt >= 0) value *= index < contrastAt ? settings.beforeContrast : 1.5;
    sum += value;
    if (value > 0) positive += value;
    else negative -= value;
  }
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 4) * settings.exclamationBoost;
  if (irony) sum = sum > 0 ? -sum : sum - 1;
  return { compound: sum / Math.sqrt(sum * sum + normalization), positive, negative, hits, wordHits, negated, irony };
}
