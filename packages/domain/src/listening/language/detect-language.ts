import { tokenize, type Token } from '../sentiment/tokenize.ts';
import type { AnalyzedLanguage } from '../text-analysis.ts';

/**
 * Language detection for short social texts: French, English or other. Function words are the strongest cue in a
 * tweet (a hundred of them cover most running text), so each language gets a small list; Spanish, German, Italian,
 * Portuguese and Dutch get theirs too, so that their texts land in 'other' instead of the nearest of fr and en.
 * Letters that only French (é, è, ç...) or only the other languages (ñ, ß, ã...) use break ties.
 */

const stopwords: Record<string, string> = {
  fr: `le la les un une des du de et est sont ce cette ces qui que quoi dans pour pas par sur avec ne plus mais ou
    où il elle ils elles nous vous je tu on au aux son sa ses leur leurs mon ma mes ton ta tes notre votre été être
    avoir fait faire tout tous toute très bien aussi comme donc alors car si y en été était sera peut encore
    même après avant depuis sans sous chez entre ça cela ceci quand comment pourquoi rien jamais toujours c d l j
    qu n s m t aujourd hui merci oui non voilà trop vraiment déjà moi toi lui eux`,
  en: `the a an and is are was were be been being of to in for on with at by from this that these those it its
    i you he she we they me him her us them my your his our their not no but or if so do does did have has had
    will would can could should just about what which who when where why how all any more most very there here
    than then also only out up down over after before into because while dont don't im i'm it's can't yes
    get got like know think today really thanks please love good new one time people`,
  other: `el los las y es en del por con para una uno pero como más está están esto eso muy también fue ser son
    der die das und ist nicht ein eine mit für auf ich sie wir ihr zu den dem von sich auch wie noch nach
    il lo gli che di è per non una sono con anche della questo come più molto essere
    o os as um uma não com para mais muito são foi ser está isso mas você
    het een en van de is niet dat op te zijn voor met ook maar als dit ik je wat`,
};

const wordToLanguages = new Map<string, string[]>();
for (const [language, list] of Object.entries(stopwords)) {
  for (const word of list.split(/\s+/u)) {
    if (word === '') continue;
    const languages = wordToLanguages.get(word) ?? [];
    if (!languages.includes(language)) languages.push(language);
    wordToLanguages.set(word, languages);
  }
}

/** What one function word adds to each language's score: 1 shared by the languages that list it. */
export type Shares = { french: number; english: number; other: number };
const wordShares = new Map<string, Shares>();
for (const [word, languages] of wordToLanguages) {
  const share = 1 / languages.length;
  const shares: Shares = { french: 0, english: 0, other: 0 };
  for (const language of languages) {
    if (language === 'fr') shares.french += share;
    else if (language === 'en') shares.english += share;
    else shares.other += share;
  }
  wordShares.set(word, shares);
}

// Letters that only French (é, è, ç...) or only the other languages (ñ, ß, ã...) use, and letters of other
// scripts, per code point: 1 French, 2 other language, 4 other script (computed once per code point).
const frenchLetter = 1;
const otherLetter = 2;
const otherScript = 4;
const frenchLetters = /^[éèêëàâçîïôûùœ]$/u;
const otherLetters = /^[ñßäöãõìò]$/u;
const nonLatin = /^[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]$/u;
const letterKinds = new Map<number, number>();

function letterKind(point: number): number {
  let kind = letterKinds.get(point);
  if (kind === undefined) {
    const character = String.fromCodePoint(point);
    kind =
      (frenchLetters.test(character) ? frenchLetter : 0) |
      (otherLetters.test(character) ? otherLetter : 0) |
      (nonLatin.test(character) ? otherScript : 0);
    letterKinds.set(point, kind);
  }
  return kind;
}

export type LanguageGuess = { language: AnalyzedLanguage; confidence: number };

/** What one word tells about the language: its function-word shares and its telling letters. */
export type WordEvidence = {
  shares: Shares | undefined;
  nonAscii: boolean;
  frenchLetters: number;
  otherLetters: number;
};

function readWord(word: string): WordEvidence {
  // French elisions (l'eau, qu'il) are strong evidence; English contractions (it's, don't) are listed whole.
  let shares = wordShares.get(word);
  if (shares === undefined) {
    const apostrophe = word.indexOf("'");
    if (apostrophe > 0) shares = wordShares.get(word.slice(0, apostrophe));
  }
  let frenchCount = 0;
  let otherCount = 0;
  let nonAscii = false;
  for (let index = 0; index < word.length; index += 1) {
    const code = word.charCodeAt(index);
    if (code < 128) continue;
    nonAscii = true;
    const point = word.codePointAt(index)!;
    const kind = letterKind(point);
    if ((kind & frenchLetter) !== 0) frenchCount += 1;
    if ((kind & otherLetter) !== 0) otherCount += 1;
    if ((kind & otherScript) !== 0) otherCount += 1;
    if (point > 0xffff) index += 1;
  }
  return { shares, nonAscii, frenchLetters: frenchCount, otherLetters: otherCount };
}

/** Guesses the language from already tokenized text (the analyzer tokenizes once for both tasks). */
export function detectLanguageOfTokens(tokens: readonly Token[]): LanguageGuess {
  let french = 0;
  let english = 0;
  let other = 0;
  let words = 0;
  for (const token of tokens) {
    if (token.kind !== 'word' || token.hashtag) continue;
    words += 1;
    let evidence = token.entry?.evidence;
    if (evidence === undefined) {
      evidence = readWord(token.text);
      if (token.entry !== undefined) token.entry.evidence = evidence;
    }
    const shares = evidence.shares;
    if (shares !== undefined) {
      french += shares.french;
      english += shares.english;
      other += shares.other;
    }
    if (evidence.nonAscii) {
      french += 0.5 * evidence.frenchLetters;
      other += 0.75 * evidence.otherLetters;
    }
  }
  const total = french + english + other;
  if (total === 0 || words === 0) return { language: 'other', confidence: 0 };
  // The best language, the first of fr, en, other on a tie; and the score of the runner-up.
  let language: AnalyzedLanguage = 'fr';
  let best = french;
  if (english > best) {
    language = 'en';
    best = english;
  }
  if (other > best) {
    language = 'other';
    best = other;
  }
  const second =
    language === 'fr'
      ? Math.max(english, other)
      : language === 'en'
        ? Math.max(french, other)
        : Math.max(french, english);
  // Confidence grows with the margin and with the amount of evidence (two function words are not much).
  const share = best / total;
  const evidence = 1 - Math.exp(-(best - second) / 1.5);
  return { language, confidence: Math.round(share * evidence * 1000) / 1000 };
}

/**
 * Guesses the language of a short text.
 * @example detectLanguage("C'est vraiment une belle journée") // { language: 'fr', confidence: ~0.9 }
 */
export function detectLanguage(text: string): LanguageGuess {
  return detectLanguageOfTokens(tokenize(text));
}
