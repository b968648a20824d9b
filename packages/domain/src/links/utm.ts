/**
 * The UTM builder: turns campaign parameters into the `utm_*` query of a destination URL, following the
 * workspace's naming conventions (lowercase, one word separator, no accents), so that "Soldes d'été" and
 * "soldes_d_ete" never become two campaigns in the analytics. Pure: the caller passes the conventions.
 */

/** The characters a workspace may put between words of a UTM value. */
export const utmSeparators = ['-', '_', '.'] as const;
export type UtmSeparator = (typeof utmSeparators)[number];

/** A workspace's UTM naming conventions. */
export type UtmConventions = {
  /** Values are lowercased (default true): analytics tools treat "Instagram" and "instagram" as two sources. */
  lowercase: boolean;
  /** What replaces spaces and other separators between words (default "-"). */
  separator: UtmSeparator;
  /** When not empty, utm_medium must be one of these (after normalisation), e.g. ["social", "paid-social", "email"]. */
  allowedMediums: readonly string[];
};

export const defaultUtmConventions: UtmConventions = { lowercase: true, separator: '-', allowedMediums: [] };

/** The five UTM parameters; source, medium and campaign are required. */
export type UtmParams = {
  source: string;
  medium: string;
  campaign: string;
  term?: string | undefined;
  content?: string | undefined;
};

export type UtmField = 'url' | keyof UtmParams;
export type UtmIssue = { field: UtmField; reason: string };

export type UtmBuildResult = { ok: true; url: string; params: UtmParams } | { ok: false; issues: UtmIssue[] };

const MAX_VALUE_LENGTH = 100;
const MAX_URL_LENGTH = 2048;

/**
 * One UTM value in the workspace's form: accents removed, lowercased when asked, every run of characters
 * other than letters and digits replaced by the separator, no separator at either end.
 * @example normalizeUtmValue("Soldes d'Été 2026", defaultUtmConventions) // 'soldes-d-ete-2026'
 */
export function normalizeUtmValue(value: string, conventions: UtmConventions): string {
  const plain = value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const cased = conventions.lowercase ? plain.toLowerCase() : plain;
  const separator = conventions.separator;
  return cased
    .replace(/[^A-Za-z0-9]+/g, separator)
    .split(separator)
    .filter((part) => part !== '')
    .join(separator);
}

/**
 * Normalises and checks UTM parameters: source, medium and campaign must be present, every value at most
 * 100 characters, and the medium one of the workspace's allowed mediums when it lists some.
 * @example normalizeUtmParams({ source: 'Instagram', medium: 'Social', campaign: 'Black Friday' }, defaultUtmConventions)
 * // { ok: true, params: { source: 'instagram', medium: 'social', campaign: 'black-friday' } }
 */
export function normalizeUtmParams(
  params: UtmParams,
  conventions: UtmConventions,
): { ok: true; params: UtmParams } | { ok: false; issues: UtmIssue[] } {
  const issues: UtmIssue[] = [];
  const normalized: Partial<Record<keyof UtmParams, string>> = {};
  const fields: readonly (keyof UtmParams)[] = ['source', 'medium', 'campaign', 'term', 'content'];
  for (const field of fields) {
    const raw = params[field];
    const required = field === 'source' || field === 'medium' || field === 'campaign';
    if (raw === undefined || raw.trim() === '') {
      if (required)
        issues.push({ field, reason: `utm_${field} is required: give it a value such as ${example[field]}.` });
      continue;
    }
    const value = normalizeUtmValue(raw, conventions);
    if (value === '') {
      issues.push({
        field,
        reason: `utm_${field} "${raw}" has no letter or digit; use words such as ${example[field]}.`,
      });
      continue;
    }
    if (value.length > MAX_VALUE_LENGTH) {
      issues.push({
        field,
        reason: `utm_${field} is ${value.length} characters long; keep it to ${MAX_VALUE_LENGTH}.`,
      });
      continue;
    }
    normalized[field] = value;
  }
  const allowed = conventions.allowedMediums.map((medium) => normalizeUtmValue(medium, conventions));
  if (normalized.medium !== undefined && allowed.length > 0 && !allowed.includes(normalized.medium)) {
    issues.push({
      field: 'medium',
      reason: `utm_medium "${normalized.medium}" is not one of the workspace's mediums (${allowed.join(', ')}); pick one of them or ask an admin to add it.`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    params: {
      source: normalized.source!,
      medium: normalized.medium!,
      campaign: normalized.campaign!,
      ...(normalized.term !== undefined ? { term: normalized.term } : {}),
      ...(normalized.content !== undefined ? { content: normalized.content } : {}),
    },
  };
}

const example: Record<keyof UtmParams, string> = {
  source: '"instagram"',
  medium: '"social"',
  campaign: '"soldes-ete-2026"',
  term: '"robe-lin"',
  content: '"carousel-a"',
};

/**
 * Checks a destination URL: absolute http(s), no user name or password in it, at most 2048 characters.
 * Returns the reason when it is refused.
 */
export function destinationIssue(destination: string): string | undefined {
  const text = destination.trim();
  if (text === '')
    return 'The destination URL is empty: give the page the link leads to, such as https://shop.example/sale.';
  if (text.length > MAX_URL_LENGTH)
    return `The destination URL is ${text.length} characters long; keep it to ${MAX_URL_LENGTH}.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not an absolute URL; write it in full, such as https://shop.example/sale.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `Only http and https links can be tracked; "${url.protocol.replace(':', '')}" is not allowed.`;
  if (url.username !== '' || url.password !== '')
    return 'The destination URL carries a user name or password; remove them from the link.';
  if (url.hostname === '') return 'The destination URL has no host name.';
  return undefined;
}

/**
 * Adds the UTM parameters to a destination, keeping its other query parameters (in order) and its fragment;
 * `utm_*` parameters already in the URL are replaced by the new ones.
 * @example buildUtmUrl('https://shop.example/p?id=4#size', { source: 'Instagram', medium: 'social', campaign: 'Sale' }, defaultUtmConventions)
 * // { ok: true, url: 'https://shop.example/p?id=4&utm_source=instagram&utm_medium=social&utm_campaign=sale#size', ... }
 */
export function buildUtmUrl(destination: string, params: UtmParams, conventions: UtmConventions): UtmBuildResult {
  const issues: UtmIssue[] = [];
  const urlIssue = destinationIssue(destination);
  if (urlIssue !== undefined) issues.push({ field: 'url', reason: urlIssue });
  const normalized = normalizeUtmParams(params, conventions);
  if (!normalized.ok) issues.push(...normalized.issues);
  if (issues.length > 0 || !normalized.ok) return { ok: false, issues };
  const url = new URL(destination.trim());
  // The existing query is kept as written (its encoding, its order, its flags without a value).
  const kept = url.search
    .slice(1)
    .split('&')
    .filter(
      (part) =>
        part !== '' &&
        !safeDecode(part.split('=')[0] ?? '')
          .toLowerCase()
          .startsWith('utm_'),
    );
  const added = new URLSearchParams();
  added.append('utm_source', normalized.params.source);
  added.append('utm_medium', normalized.params.medium);
  added.append('utm_campaign', normalized.params.campaign);
  if (normalized.params.term !== undefined) added.append('utm_term', normalized.params.term);
  if (normalized.params.content !== undefined) added.append('utm_content', normalized.params.content);
  url.search = [...kept, added.toString()].join('&');
  return { ok: true, url: url.toString(), params: normalized.params };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
