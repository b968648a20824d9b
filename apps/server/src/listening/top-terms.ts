import { tokenizeListeningText } from '@sillage/domain';

// Function words of French and English (normalized: lower case, no accents) that say nothing about a topic.
const stopWords = new Set(
  (
    'a ai au aux avec ce ces c cette dans de des du elle en est et eu il ils je j la le les leur lui ma mais me ' +
    'mes moi mon ne n nos notre nous on ou par pas plus pour qu que qui sa se ses son sur ta te tes toi ton tu ' +
    'un une vos votre vous y ca ete etre fait faire tres trop bien aussi deja encore tout tous toute toutes ' +
    'the an and are as at be but by for from has have i if in into is it its me my no not of on or our so ' +
    'that this to was we were what when with you your just got been very can do does dont did im ive ' +
    'rt via amp http https www com'
  ).split(' '),
);

/**
 * The most frequent words and hashtags of a set of texts, each counted once per text (so one long rant does
 * not outweigh many short posts). Handles, links, emoji, numbers, function words and words shorter than three
 * letters are left out.
 * @example topTermsAndHashtags(['Livraison en retard #colis', 'retard encore'], 5).terms[0] // { term: 'retard', mentions: 2 }
 */
export function topTermsAndHashtags(
  texts: readonly string[],
  limit: number,
  exclude: ReadonlySet<string> = new Set(),
): { terms: { term: string; mentions: number }[]; hashtags: { hashtag: string; mentions: number }[] } {
  const terms = new Map<string, number>();
  const hashtags = new Map<string, number>();
  for (const text of texts) {
    const seenTerms = new Set<string>();
    const seenTags = new Set<string>();
    for (const token of tokenizeListeningText(text)) {
      if (token.kind === 'hashtag') seenTags.add(token.value);
      else if (
        token.kind === 'word' &&
        token.value.length >= 3 &&
        !stopWords.has(token.value) &&
        !exclude.has(token.value) &&
        !/^\d+$/.test(token.value)
      )
        seenTerms.add(token.value);
    }
    for (const term of seenTerms) terms.set(term, (terms.get(term) ?? 0) + 1);
    for (const tag of seenTags) hashtags.set(tag, (hashtags.get(tag) ?? 0) + 1);
  }
  const top = (counts: Map<string, number>) =>
    [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
  return {
    terms: top(terms).map(([term, mentions]) => ({ term, mentions })),
    hashtags: top(hashtags).map(([hashtag, mentions]) => ({ hashtag, mentions })),
  };
}
