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

const frenchLetters = /[éèêëàâçîïôûùœ]/gu;
const otherLetters = /[ñßäöãõìò]/gu;
const nonLatin = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/gu;
const nonAscii = /[^\p{ASCII}]/u;

export type LanguageGuess = { language: AnalyzedLanguage; confidence: number };

/** Guesses the language from already tokenized text (the analyzer tokenizes once for both tasks). */
export function detectLanguageOfTokens(tokens: readonly Token[]): LanguageGuess {
  let french = 0;
  let english = 0;
  let other = 0;
  let words = 0;
  for (const token of tokens) {
    if (token.kind !== 'word' || token.hashtag) continue;
    words += 1;
    const word = token.text;
    const apostrophe = word.indexOf("'");
    // French elisions (l'eau, qu'il) are strong evidence; English contractions (it's, don't) are listed whole.
    const key = apostrophe > 0 && !wordToLanguages.has(word) ? word.slice(0, apostrophe) : word;
    const languages = wordToLanguages.get(key);
    if (languages !== undefined) {
      const share = 1 / languages.length;
      for (const language of languages) {
        if (language === 'fr') french += share;
        else if (language === 'en') english += share;
        else other += share;
      }
    }
    if (nonAscii.test(word)) {
      french += 0.5 * (word.match(frenchLetters)?.length ?? 0);
      other += 0.75 * ((word.match(otherLetters)?.length ?? 0) + (word.match(nonLatin)?.length ?? 0));
    }
  }
  const total = french + english + other;
  if (total === 0 || words === 0) return { language: 'other', confidence: 0 };
  const ranked: [AnalyzedLanguage, number][] = [
    ['fr', french],
    ['en', english],
    ['other', other],
  ];
  ranked.sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked as [[AnalyzedLanguage, number], [AnalyzedLanguage, number]];
  // Confidence grows with the margin and with the amount of evidence (two function words are not much).
  const share = best[1] / total;
  const evidence = 1 - Math.exp(-(best[1] - second[1]) / 1.5);
  return { language: best[0], confidence: Math.round(share * evidence * 1000) / 1000 };
}

/**
 * Guesses the language of a short text.
 * @example detectLanguage("C'est vraiment une belle journée") // { language: 'fr', confidence: ~0.9 }
 */
export function detectLanguage(text: string): LanguageGuess {
  return detectLanguageOfTokens(tokenize(text));
}
