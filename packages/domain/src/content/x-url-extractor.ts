/**
 * Finds URLs in text the way twitter-text does (extractUrlsWithIndices), so that each one can be
 * counted as a t.co link. URLs need no protocol when their domain ends in a known TLD (x-tlds.json).
 * The patterns work on UTF-16 code units, like twitter-text's, so indices match its indices.
 */
import tlds from './x-tlds.json' with { type: 'json' };
import { labelToAscii } from './x-punycode.ts';

/** A URL found in text, with its UTF-16 code-unit range `[start, end)`. */
export type XUrlEntity = { url: string; start: number; end: number };

const maxUrlLength = 4096;
const maxDomainLabelLength = 63;
const maxTcoSlugLength = 40;
const defaultProtocol = 'https://';

const directionalMarkers = '\\u202A-\\u202E\\u061C\\u200E\\u200F\\u2066\\u2067\\u2068\\u2069';
const invalidCharacters = '\\uFFFE\\uFEFF\\uFFFF';
const spaces = '\\x09-\\x0D\\x20\\x85\\xA0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const punctuation = "\\!'#%&'\\(\\)*\\+,\\\\\\-\\.\\/:;<=>\\?@\\[\\]\\^_{|}~\\$";
const latinAccents =
  '\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\xFF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257\\u0259\\u025B\\u0263' +
  '\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u0300-\\u036F\\u1E00-\\u1EFF';
const cyrillic = '\\u0400-\\u04FF';

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

function tldAlternation(names: readonly string[]): string {
  // Longest first so that a TLD is never cut short by one of its prefixes.
  const sorted = [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?:(?:${sorted.map(escapeForPattern).join('|')})(?=[^a-zA-Z0-9@+-]|$))`;
}

const genericTld = tldAlternation(tlds.generic);
const countryTld = tldAlternation(tlds.country);
const punycodeTld = '(?:xn--[-0-9a-z]+)';
const anyTld = `(?:${genericTld}|${countryTld}|${punycodeTld})`;

const precedingCharacter = `(?:[^A-Za-z0-9@＠$#＃${invalidCharacters}]|[${directionalMarkers}]|^)`;
const domainCharacter = `[^${punctuation}${spaces}${invalidCharacters}${directionalMarkers}]`;
const subdomain = `(?:(?:${domainCharacter}(?:[_-]|${domainCharacter})*)?${domainCharacter}\\.)`;
const domainName = `(?:(?:${domainCharacter}(?:-|${domainCharacter})*)?${domainCharacter}\\.)`;
const domain = `(?:${subdomain}*${domainName}${anyTld})`;

const pathCharacter = `[a-z${cyrillic}0-9!\\*';:=\\+,\\.\\$\\/%#\\[\\]\\-\\u2013_~&\\|@${latinAccents}]`;
const balancedParentheses = `\\((?:${pathCharacter}+|(?:${pathCharacter}*\\(${pathCharacter}+\\)${pathCharacter}*))\\)`;
const pathEnding = `(?:[\\+\\-a-z${cyrillic}0-9=_#\\/${latinAccents}]|(?:${balancedParentheses}))`;
const path =
  `(?:(?:${pathCharacter}*(?:${balancedParentheses}${pathCharacter}*)*${pathEnding})` + `|(?:@${pathCharacter}+\\/))`;
const queryCharacter = "[a-z0-9!?\\*'@\\(\\);:&=\\+\\$\\/%#\\[\\]\\-_\\.,~|]";
const queryEnding = '[a-z0-9\\-_&=#\\/]';

// Groups: 1 preceding character, 2 URL, 3 protocol, 4 domain, 5 port, 6 path, 7 query.
const urlPattern =
  `(${precedingCharacter})((https?:\\/\\/)?(${domain})(?::([0-9]+))?(\\/${path}*)?` +
  `(\\?${queryCharacter}*${queryEnding})?)`;

const asciiDomainPattern = new RegExp(`(?:(?:[\\-a-z0-9${latinAccents}]+)\\.)+${anyTld}`, 'gi');
const shortCountryDomain = new RegExp(`^${domainName}${countryTld}$`, 'i');
const specialShortDomain = new RegExp(`^${domainName}(?:(?:co|tv)(?=[^a-zA-Z0-9@+-]|$))$`, 'i');
const tcoUrl = new RegExp(`^https?:\\/\\/t\\.co\\/([a-z0-9]+)(?:\\?${queryCharacter}*${queryEnding})?`, 'i');
const invalidPrecedingWithoutProtocol = /[-_./]$/;

function hasValidHost(url: string, protocol: string, host: string): boolean {
  if (host.startsWith('xn--') && !new RegExp(`^${asciiDomainPattern.source}$`, 'i').test(host)) {
    return false; // a Punycode host cannot also contain non-ASCII characters
  }
  for (const label of host.split('.')) {
    const asciiLength = labelToAscii(label).length;
    if (asciiLength < 1 || asciiLength > maxDomainLabelLength) return false;
  }
  return protocol.length + url.length <= maxUrlLength;
}

function urlsWithoutProtocol(url: string, host: string, path: string, start: number, end: number): XUrlEntity[] {
  const found: XUrlEntity[] = [];
  let searchFrom = 0;
  let last: XUrlEntity | undefined;
  for (const match of host.matchAll(asciiDomainPattern)) {
    const asciiHost = match[0];
    const asciiStart = host.indexOf(asciiHost, searchFrom);
    searchFrom = asciiStart + asciiHost.length;
    last = { url: asciiHost, start: start + asciiStart, end: start + searchFrom };
    // A bare ccTLD domain such as `foo.jp` is too ambiguous without a path (but `t.co` is fine).
    if (path !== '' || specialShortDomain.test(asciiHost) || !shortCountryDomain.test(asciiHost)) {
      found.push(last);
    }
  }
  if (last !== undefined && path !== '') {
    last.url = url.replace(host, last.url);
    last.end = end;
  }
  return found;
}

/**
 * Lists the URLs X would shorten to t.co, with or without protocol, in order (indices in UTF-16 units).
 * @example extractXUrls('see example.com/a') // [{ url: 'example.com/a', start: 4, end: 17 }]
 */
export function extractXUrls(text: string): XUrlEntity[] {
  if (!text.includes('.')) return [];
  const urls: XUrlEntity[] = [];
  const pattern = new RegExp(urlPattern, 'gi');
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const before = match[1] ?? '';
    let url = match[2] ?? '';
    const protocol = match[3] ?? '';
    const host = match[4] ?? '';
    const path = match[6] ?? '';
    const start = match.index + before.length;
    let end = start + url.length;
    if (url === '') {
      pattern.lastIndex += 1; // an empty match (start of text) must not loop forever
      continue;
    }
    if (!hasValidHost(url, protocol || defaultProtocol, host)) continue;
    if (protocol === '') {
      if (invalidPrecedingWithoutProtocol.test(before)) continue;
      urls.push(...urlsWithoutProtocol(url, host, path, start, end));
      continue;
    }
    const tco = tcoUrl.exec(url);
    if (tco !== null) {
      if ((tco[1] ?? '').length > maxTcoSlugLength) continue;
      url = tco[0];
      end = start + url.length;
    }
    urls.push({ url, start, end });
  }
  return urls;
}
