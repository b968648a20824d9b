/** Saved replies whose title, body or tags hold every word of the query (case and accents ignored), titles first. */
export function matchSavedReplies<T extends { title: string; body: string; tags: string[] }>(
  replies: readonly T[],
  query: string,
): T[] {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...replies];
  const scored = replies.flatMap((reply) => {
    const title = fold(reply.title);
    const all = `${title} ${fold(reply.body)} ${fold(reply.tags.join(' '))}`;
    if (!words.every((word) => all.includes(word))) return [];
    return [{ reply, inTitle: words.every((word) => title.includes(word)) ? 0 : 1 }];
  });
  return scored.sort((a, b) => a.inTitle - b.inTitle).map((entry) => entry.reply);
}
