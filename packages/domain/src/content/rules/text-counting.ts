/**
 * Each network's way of counting a text, so the composer's counters and the validation agree with the network.
 */
import { xTextConfigV3 } from '../x-text-config.ts';
import { extractXUrls } from '../x-url-extractor.ts';
import { parseXText } from '../x-weighted-length.ts';
import type { TextCounting } from './types.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();
// A code point that belongs to an emoji sequence: Threads counts those as their UTF-8 bytes.
const emojiPart = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f/u;
// A remote mention `@user@instance.tld`: Mastodon counts only `@user`.
const remoteMention = /(^|[^\w/])@(\w+)@[\w.-]+\w/g;
const hashtag = /(^|[^\p{L}\p{N}_&/])[#＃]([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)/gu;
// A handle may hold dots (Instagram's ana.martin) but does not end with one (the end of a sentence).
const mention = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*)/gu;

/** The default number of characters a URL counts for on Mastodon (an instance may configure another). */
export const mastodonDefaultCharactersPerUrl = 23;

/**
 * Characters as people see them.
 * @example graphemeLength('👍🏽 café') // 6
 */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _segment of segmenter.segment(text)) count += 1;
  return count;
}

/**
 * Bytes of the text in UTF-8.
 * @example utf8Length('é') // 2
 */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Threads' count: one per character, an emoji as its UTF-8 byte length.
 * @example threadsLength('Hi 👋') // 7
 */
export function threadsLength(text: string): number {
  let length = 0;
  for (const char of text) length += emojiPart.test(char) ? utf8Length(char) : 1;
  return length;
}

/**
 * Mastodon's count: graphemes, each URL as `charactersPerUrl`, a remote mention as its local part.
 * @example mastodonLength('See https://example.com/a/very/long/path @ana@social.example') // 32
 */
export function mastodonLength(text: string, charactersPerUrl: number = mastodonDefaultCharactersPerUrl): number {
  let countable = '';
  let cursor = 0;
  for (const url of extractXUrls(text)) {
    countable += text.slice(cursor, url.start) + 'x'.repeat(charactersPerUrl);
    cursor = url.end;
  }
  countable = (countable + text.slice(cursor)).replace(remoteMention, '$1@$2');
  return graphemeLength(countable);
}

/**
 * A text's length the way `counting` says; `charactersPerUrl` applies to X and Mastodon.
 * @example countText('Hi http://test.co', 'x_weighted') // 26
 */
export function countText(text: string, counting: TextCounting, charactersPerUrl?: number): number {
  switch (counting) {
    case 'x_weighted':
      return parseXText(
        text,
        charactersPerUrl === undefined ? xTextConfigV3 : { ...xTextConfigV3, transformedURLLength: charactersPerUrl },
      ).weightedLength;
    case 'graphemes':
      return graphemeLength(text);
    case 'code_points':
      return [...text].length;
    case 'utf16':
      return text.length;
    case 'utf8_bytes':
      return utf8Length(text);
    case 'threads':
      return threadsLength(text);
    case 'mastodon':
      return mastodonLength(text, charactersPerUrl);
  }
}

/**
 * The hashtags of a text (`#été` counts; `#1`, `C#` and URL fragments do not).
 * @example extractHashtags('Soldes #été #2026 C#') // ['été']
 */
export function extractHashtags(text: string): string[] {
  return [...text.matchAll(hashtag)].map((match) => match[2]!);
}

/**
 * The @mentions of a text (an e-mail address is not one).
 * @example extractMentions('Merci @ana et contact@example.com') // ['ana']
 */
export function extractMentions(text: string): string[] {
  return [...text.matchAll(mention)].map((match) => match[2]!);
}

/**
 * The links of a text, found the way twitter-text finds them (with or without a scheme).
 * @example countLinks('See example.com and https://a.fr/x') // 2
 */
export function countLinks(text: string): number {
  return extractXUrls(text).length;
}
