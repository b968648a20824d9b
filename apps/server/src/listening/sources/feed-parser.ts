/**
 * A tolerant reader of RSS 2.0, RSS 1.0 (RDF) and Atom feeds, without an XML library: feeds in the wild are
 * often not well-formed XML (stray `&`, unclosed HTML in descriptions, odd namespaces), and all a listening
 * source needs is, per item, an id, a title, a text, a link, an author and a date. Items are found as
 * `<item>`/`<entry>` blocks; fields by tag name with any namespace prefix; CDATA and entities are decoded and
 * HTML in the text is reduced to its words.
 */

export type FeedItem = {
  /** guid, Atom id, or the link when neither is given. */
  id: string;
  title: string;
  /** Title and summary (or content) as plain text. */
  text: string;
  link: string | null;
  author: string | null;
  /** Publication instant, or null when the feed gives none that parses. */
  publishedAt: Date | null;
};

export type ParsedFeed = { title: string; language: string | null; items: FeedItem[] };

const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  hellip: '…',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  ecirc: 'ê',
  mdash: '—',
  ndash: '–',
};

/** Decodes character references; an unknown or malformed one is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,8});/gi, (whole, reference: string) => {
    if (reference.startsWith('#')) {
      const code =
        reference[1] === 'x' || reference[1] === 'X'
          ? Number.parseInt(reference.slice(2), 16)
          : Number.parseInt(reference.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[reference.toLowerCase()] ?? whole;
  });
}

/** The text of an element's content: CDATA unwrapped, entities decoded, HTML tags dropped, spaces collapsed. */
function textOf(raw: string): string {
  const unwrapped = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) => inner.replace(/&/g, '&amp;'));
  // Escaped HTML (`&lt;p&gt;`) is decoded once, then its tags go with the literal ones.
  const decodedOnce = decodeEntities(unwrapped);
  const withoutTags = decodedOnce
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  return decodeEntities(withoutTags).replace(/\s+/g, ' ').trim();
}

const escapeName = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The raw content of the first element named `name` (any namespace prefix), or undefined. */
function element(block: string, name: string): { attributes: string; content: string } | undefined {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${escapeName(name)}(\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${escapeName(name)}\\s*>)`,
    'i',
  );
  const match = pattern.exec(block);
  return match ? { attributes: match[1] ?? '', content: match[2] ?? '' } : undefined;
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\s${escapeName(name)}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(attributes);
  return match ? decodeEntities(match[2] ?? match[3] ?? '') : undefined;
}

function field(block: string, ...names: string[]): string | undefined {
  for (const name of names) {
    const found = element(block, name);
    if (found) {
      const text = textOf(found.content);
      if (text) return text;
    }
  }
  return undefined;
}

function dateOf(text: string | undefined): Date | null {
  if (!text) return null;
  const parsed = new Date(text.trim());
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** The link of an item: RSS `<link>text</link>`, or the Atom `<link rel="alternate" href>` (or the first href). */
function linkOf(block: string): string | null {
  const atomLinks = [...block.matchAll(/<(?:[\w.-]+:)?link(\s[^>]*?)\/?>/gi)].map((match) => match[1] ?? '');
  const alternate = atomLinks.find((attrs) => {
    const rel = attribute(attrs, 'rel');
    return attribute(attrs, 'href') !== undefined && (rel === undefined || rel === 'alternate');
  });
  if (alternate !== undefined) return attribute(alternate, 'href') ?? null;
  const text = field(block, 'link');
  return text && /^https?:\/\//i.test(text) ? text : null;
}

/**
 * Reads a feed; never throws on malformed input (a document with no item gives an empty list).
 * @example parseFeed('<rss><channel><item><title>Hi</title><guid>1</guid></item></channel></rss>').items[0].id // '1'
 */
export function parseFeed(xml: string): ParsedFeed {
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, '');
  const blocks = [
    ...withoutComments.matchAll(/<(?:[\w.-]+:)?(item|entry)(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?\1\s*>/gi),
  ].map((match) => match[2] ?? '');
  const firstItem = withoutComments.search(/<(?:[\w.-]+:)?(item|entry)[\s>]/i);
  const head = firstItem < 0 ? withoutComments : withoutComments.slice(0, firstItem);
  const language = field(head, 'language') ?? attribute(/<feed(\s[^>]*)>/i.exec(head)?.[1] ?? '', 'xml:lang') ?? null;
  const items: FeedItem[] = [];
  for (const block of blocks) {
    const title = field(block, 'title') ?? '';
    const summary = field(block, 'description', 'summary', 'content', 'encoded') ?? '';
    const link = linkOf(block);
    const id = field(block, 'guid', 'id') ?? link ?? (title ? `title:${title}` : undefined);
    if (!id) continue;
    const authorElement = element(block, 'author');
    const author =
      (authorElement ? field(authorElement.content, 'name') : undefined) ?? field(block, 'creator', 'author');
    items.push({
      id,
      title,
      text: summary && summary !== title ? (title ? `${title} — ${summary}` : summary) : title,
      link,
      author: author ?? null,
      publishedAt: dateOf(field(block, 'pubDate', 'published', 'updated', 'date')),
    });
  }
  return { title: field(head, 'title') ?? '', language, items };
}
