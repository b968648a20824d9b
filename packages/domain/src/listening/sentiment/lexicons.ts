import vaderEnglish from './lexicons/vader-en.json' with { type: 'json' };
import patternFrenchStems from './lexicons/pattern-fr-stems.json' with { type: 'json' };
import sillageFrench from './lexicons/sillage-fr.json' with { type: 'json' };
import emojiRanking from './lexicons/emoji-sentiment-ranking.json' with { type: 'json' };
import sillageEmoji from './lexicons/sillage-emoji.json' with { type: 'json' };
import { foldAccents } from './tokenize.ts';

/**
 * The rule tables of one language: word valences on VADER's -4..+4 scale, multi-word phrases, negators,
 * intensifiers (positive) and diminishers (negative), and contrast words ("but") that shift the weight to what follows.
 * Sources and licences: lexicons/NOTICE.md.
 */
export type SentimentLexicon = {
  language: 'fr' | 'en';
  words: ReadonlyMap<string, number>;
  /** French only: stems matched as prefixes (folded, no accents), the longest first. */
  stems: ReadonlyMap<string, number>;
  /** Keys are the tokens' texts joined by one space (two or three tokens). */
  phrases: ReadonlyMap<string, number>;
  /** First words of the phrases, checked before any phrase is looked up. */
  phraseStarts: ReadonlySet<string>;
  negators: ReadonlySet<string>;
  /** Added to a following sentiment word's magnitude (VADER's booster scalar is 0.293). */
  intensifiers: ReadonlyMap<string, number>;
  contrasts: ReadonlySet<string>;
  ironyMarkers: ReadonlySet<string>;
};

const booster = 0.293;

function scalars(boosters: string[], dampeners: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const word of boosters) map.set(word, booster);
  for (const word of dampeners) map.set(word, -booster);
  return map;
}

function firstWords(phrases: ReadonlyMap<string, number>): Set<string> {
  return new Set([...phrases.keys()].map((phrase) => phrase.split(' ')[0] as string));
}

// Pattern's French polarities are on -1..+1; they are scaled to VADER's range and trusted a little less than the
// hand-written entries, which override them.
const patternScale = 2.6;

function buildFrench(): SentimentLexicon {
  const words = new Map<string, number>();
  const stems = new Map<string, number>();
  for (const [stem, value] of Object.entries(patternFrenchStems.entries as Record<string, number>)) {
    if (value !== 0) stems.set(stem, value * patternScale);
  }
  for (const [word, value] of Object.entries(sillageFrench.words as Record<string, number>)) {
    words.set(foldAccents(word), value);
  }
  for (const [stem, value] of Object.entries(sillageFrench.stems as Record<string, number>)) {
    stems.set(foldAccents(stem.replace('*', '')), value);
  }
  const phrases = new Map<string, number>();
  for (const [phrase, value] of Object.entries(sillageFrench.phrases as Record<string, number>)) {
    phrases.set(foldAccents(phrase), value);
  }
  return {
    language: 'fr',
    words,
    stems,
    phrases,
    phraseStarts: firstWords(phrases),
    negators: new Set(['ne', "n'", 'pas', 'jamais', 'rien', 'aucun', 'aucune', 'ni', 'sans', 'guere', 'nullement']),
    intensifiers: scalars(
      [
        'tres',
        'trop',
        'vraiment',
        'tellement',
        'si',
        'hyper',
        'extremement',
        'totalement',
        'completement',
        'absolument',
        'vachement',
        'carrement',
        'super',
        'ultra',
        'archi',
        'particulierement',
        'profondement',
        'terriblement',
        'incroyablement',
        'grave',
        'tant',
        'tout',
      ],
      ['peu', 'assez', 'legerement', 'plutot', 'moyennement', 'presque', 'quasi', 'relativement'],
    ),
    contrasts: new Set(['mais', 'pourtant', 'cependant', 'toutefois', 'neanmoins']),
    ironyMarkers: new Set(['ironie', 'sarcasme', 'sarcastique', 'irony', 'sarcasm']),
  };
}

function buildEnglish(): SentimentLexicon {
  const words = new Map<string, number>(Object.entries(vaderEnglish.entries as Record<string, number>));
  const phrases = new Map([
    ['kind of', 0],
    ['sort of', 0],
    ['not bad', 1.5],
    ['no doubt', 1.2],
    ['the bomb', 3],
    ['bad ass', 1.5],
    ['cut the mustard', 2],
    ['hand to mouth', -2],
    ['yeah right', -2],
    ['can not wait', 2.2],
    ["can't wait", 2.2],
    ['cant wait', 2.2],
  ]);
  return {
    language: 'en',
    words,
    stems: new Map(),
    phrases,
    phraseStarts: firstWords(phrases),
    negators: new Set([
      'not',
      'no',
      'never',
      'none',
      'nobody',
      'nothing',
      'neither',
      'nor',
      'nowhere',
      'without',
      'cannot',
      'cant',
      'dont',
      'didnt',
      'doesnt',
      'isnt',
      'arent',
      'wasnt',
      'werent',
      'wont',
      'wouldnt',
      'shouldnt',
      'couldnt',
      'aint',
      'havent',
      'hasnt',
      'hadnt',
      'rarely',
      'seldom',
      'despite',
    ]),
    intensifiers: scalars(
      [
        'very',
        'really',
        'so',
        'extremely',
        'absolutely',
        'totally',
        'completely',
        'incredibly',
        'super',
        'too',
        'most',
        'such',
        'highly',
        'truly',
        'utterly',
        'hugely',
        'especially',
        'exceptionally',
        'deeply',
        'fully',
        'entirely',
        'remarkably',
        'seriously',
        'awfully',
        'damn',
        'fucking',
        'freaking',
        'hella',
        'sooo',
        'soo',
        'way',
        'more',
        'majorly',
        'insanely',
        'thoroughly',
      ],
      [
        'slightly',
        'somewhat',
        'barely',
        'hardly',
        'kinda',
        'sorta',
        'kindof',
        'sortof',
        'marginally',
        'partly',
        'scarcely',
        'less',
        'little',
        'occasionally',
        'almost',
        'just',
      ],
    ),
    contrasts: new Set(['but', 'however', 'yet', 'although', 'though']),
    ironyMarkers: new Set(['sarcasm', 'irony', 'sarcastic', 'not']),
  };
}

export const frenchLexicon: SentimentLexicon = buildFrench();
export const englishLexicon: SentimentLexicon = buildEnglish();

/** Emoji valences (-5..+5) from the Emoji Sentiment Ranking and Sillage's overrides, shared by every language. */
export const emojiValences: ReadonlyMap<string, number> = new Map(
  Object.entries({ ...(emojiRanking.entries as Record<string, number>), ...sillageEmoji.entries }),
);

/** Emoticons (`:)`, `<3`...) from VADER's lexicon, shared by every language. */
export const emoticonValences: ReadonlyMap<string, number> = new Map(
  Object.entries(vaderEnglish.entries as Record<string, number>).filter(([key]) => !/^[a-z']+$/u.test(key)),
);

/** The valence of a lowercased word in `lexicon`, or undefined when it carries none. French also tries stems. */
export function wordValence(lexicon: SentimentLexicon, text: string): number | undefined {
  return keyValence(lexicon, lexicon.language === 'fr' ? foldAccents(text) : text);
}

/** Same as wordValence for a word already in lookup form (accents folded for French). */
export function keyValence(lexicon: SentimentLexicon, folded: string): number | undefined {
  if (lexicon.language === 'en') return lexicon.words.get(folded);
  const exact = lexicon.words.get(folded);
  if (exact !== undefined) return exact;
  const shortest = Math.max(4, folded.length - 4);
  for (let length = folded.length; length >= shortest; length -= 1) {
    const value = lexicon.stems.get(length === folded.length ? folded : folded.slice(0, length));
    if (value !== undefined) return value;
  }
  return undefined;
}
