import { createHash } from 'node:crypto';
import { tokenizeListeningText } from '@sillage/domain';

// Words kept in the key: enough to tell two posts apart, few enough that a long repost with a tail still clusters.
const KEY_WORDS = 40;

/**
 * The near-duplicate key of a mention: its words and hashtags, normalized (case, accents, ligatures), without
 * handles, links, emoji, punctuation or a leading "RT", hashed. Reposts, quote-less shares and copy-paste
 * campaigns that only change the handle they address or the link they carry get the same key.
 * @example nearDuplicateKey('RT @ana: Livraison en RETARD !! https://t.co/x') === nearDuplicateKey('livraison en retard')
 */
export function nearDuplicateKey(text: string): string {
  const words: string[] = [];
  for (const token of tokenizeListeningText(text)) {
    if (token.kind !== 'word' && token.kind !== 'hashtag') continue;
    if (words.length === 0 && token.value === 'rt') continue;
    words.push(token.value);
    if (words.length === KEY_WORDS) break;
  }
  return createHash('sha1').update(words.join(' ')).digest('base64url').slice(0, 16);
}
