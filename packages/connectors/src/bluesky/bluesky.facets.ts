/**
 * Rich-text facets of a Bluesky post: links, mentions and hashtags, located by UTF-8 byte offsets
 * (app.bsky.richtext.facet). Pure: handles are resolved to DIDs by the caller.
 */

export type FacetFeature =
  | { $type: 'app.bsky.richtext.facet#link'; uri: string }
  | { $type: 'app.bsky.richtext.facet#mention'; did: string }
  | { $type: 'app.bsky.richtext.facet#tag'; tag: string };

export type Facet = { index: { byteStart: number; byteEnd: number }; features: FacetFeature[] };

/** A mention found in the text, before its handle is resolved. */
export type MentionSpan = { handle: string; byteStart: number; byteEnd: number };

const encoder = new TextEncoder();
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Length in UTF-8 bytes. @example utf8Length('Café') // 5 */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Length in graphemes, as Bluesky counts its 300-character limit. @example graphemeLength('👩‍👩‍👧') // 1 */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

// Same shapes as Bluesky's own detection (packages/api rich-text detection), http(s) URLs only.
const urlPattern = /(^|\s|\()(https?:\/\/[^\s]+)/gi;
const mentionPattern = /(^|\s|\()@([a-zA-Z0-9.-]+)/g;
// Invisible and joining characters that end a hashtag (kept out of literals: a joiner in a class reads as a misleading sequence).
const tagStoppers = ['00AD', '2060', '200A', '200B', '200C', '200D', '20e2'].map((code) => `\\u${code}`).join('');
const tagPattern = new RegExp(
  `(^|\\s)[#＃]([^\\s${tagStoppers}]*[^\\d\\s\\p{P}${tagStoppers}]+[^\\s${tagStoppers}]*)?`,
  'gu',
);
const handlePattern = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

function byteRange(text: string, start: number, end: number): { byteStart: number; byteEnd: number } {
  const byteStart = utf8Length(text.slice(0, start));
  return { byteStart, byteEnd: byteStart + utf8Length(text.slice(start, end)) };
}

/** The http(s) links of a text, without trailing punctuation. @example findLinks('see https://a.io.') // [{uri:'https://a.io', ...}] */
export function findLinks(text: string): { uri: string; byteStart: number; byteEnd: number }[] {
  const found: { uri: string; byteStart: number; byteEnd: number }[] = [];
  for (const match of text.matchAll(urlPattern)) {
    let uri = match[2]!;
    uri = uri.replace(/[.,;:!?"']+$/, '');
    if (uri.endsWith(')') && !uri.includes('(')) uri = uri.slice(0, -1);
    const start = match.index + match[1]!.length;
    found.push({ uri, ...byteRange(text, start, start + uri.length) });
  }
  return found;
}

/** The @handle mentions of a text (handles must look like domains). @example findMentions('hi @alice.bsky.social') */
export function findMentions(text: string): MentionSpan[] {
  const found: MentionSpan[] = [];
  for (const match of text.matchAll(mentionPattern)) {
    const handle = match[2]!.replace(/[.-]+$/, '');
    if (!handlePattern.test(handle)) continue;
    const start = match.index + match[1]!.length;
    found.push({ handle: handle.toLowerCase(), ...byteRange(text, start, start + 1 + handle.length) });
  }
  return found;
}

/** The #hashtags of a text (tag without '#', at most 64 graphemes). @example findTags('Go #launch!') // [{tag:'launch', ...}] */
export function findTags(text: string): { tag: string; byteStart: number; byteEnd: number }[] {
  const found: { tag: string; byteStart: number; byteEnd: number }[] = [];
  for (const match of text.matchAll(tagPattern)) {
    const raw = match[2];
    if (!raw) continue;
    const tag = raw.trim().replace(/\p{P}+$/gu, '');
    if (tag.length === 0 || graphemeLength(tag) > 64) continue;
    const start = match.index + match[1]!.length;
    found.push({ tag, ...byteRange(text, start, start + 1 + tag.length) });
  }
  return found;
}

/**
 * All facets of a text, sorted by byte offset. Mentions whose handle is not in `dids` stay plain text.
 * @example buildFacets('Hi @bob.test', new Map([['bob.test', 'did:plc:bob']]))
 */
export function buildFacets(text: string, dids: ReadonlyMap<string, string>): Facet[] {
  const facets: Facet[] = [];
  for (const link of findLinks(text)) {
    facets.push({
      index: { byteStart: link.byteStart, byteEnd: link.byteEnd },
      features: [{ $type: 'app.bsky.richtext.facet#link', uri: link.uri }],
    });
  }
  for (const mention of findMentions(text)) {
    const did = dids.get(mention.handle);
    if (!did) continue;
    facets.push({
      index: { byteStart: mention.byteStart, byteEnd: mention.byteEnd },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
    });
  }
  for (const tag of findTags(text)) {
    facets.push({
      index: { byteStart: tag.byteStart, byteEnd: tag.byteEnd },
      features: [{ $type: 'app.bsky.richtext.facet#tag', tag: tag.tag }],
    });
  }
  return facets.sort((a, b) => a.index.byteStart - b.index.byteStart);
}
