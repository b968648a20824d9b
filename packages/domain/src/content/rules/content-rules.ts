/**
 * The one table of what each network accepts, per native format; the composer's counters, validatePost and the
 * connectors read it, and docs/content-rules.md is generated from it.
 */
import type { NetworkId } from '../../publishing/networks.ts';
import type { PostFormat } from '../../publishing/post-formats.ts';
import { xTextConfigV3 } from '../x-text-config.ts';
import { blueskyRules } from './networks/bluesky.ts';
import { facebookRules } from './networks/facebook.ts';
import { googleBusinessRules } from './networks/google-business.ts';
import { instagramRules } from './networks/instagram.ts';
import { linkedinRules } from './networks/linkedin.ts';
import { mastodonRules } from './networks/mastodon.ts';
import { pinterestRules } from './networks/pinterest.ts';
import { threadsRules } from './networks/threads.ts';
import { tiktokRules } from './networks/tiktok.ts';
import { xRules } from './networks/x.ts';
import { youtubeRules } from './networks/youtube.ts';
import { countText, mastodonDefaultCharactersPerUrl } from './text-counting.ts';
import type { ContentRulesTable, FormatRules, Rule, TextCounting, ValidateOptions } from './types.ts';

export const contentRules = {
  facebook: facebookRules,
  instagram: instagramRules,
  threads: threadsRules,
  linkedin: linkedinRules,
  x: xRules,
  tiktok: tiktokRules,
  youtube: youtubeRules,
  pinterest: pinterestRules,
  bluesky: blueskyRules,
  mastodon: mastodonRules,
  google_business: googleBusinessRules,
} satisfies ContentRulesTable;

/**
 * The native formats a network publishes, in the table's order.
 * @example formatsOf('instagram') // ['image', 'carousel', 'reel', 'story']
 */
export function formatsOf(network: NetworkId): PostFormat[] {
  return Object.keys(contentRules[network].formats) as PostFormat[];
}

/** One rule with its configurable limit replaced by the caller's value (a Mastodon instance's, a TikTok creator's). */
function resolve(rule: Rule, options: ValidateOptions): Rule {
  if (!('configurableAs' in rule) || rule.configurableAs === undefined) return rule;
  const value = options.limits?.[rule.configurableAs];
  if (value === undefined || !Number.isFinite(value) || value < 0) return rule;
  return { ...rule, max: value };
}

/**
 * The rules of one format, with configured limits applied: for the composer's counters and hints.
 * Undefined when the network does not publish that format.
 * @example limitsOf('mastodon', 'text', { limits: { maxCharacters: 1000 } })?.rules[0] // { kind: 'text_length', max: 1000, ... }
 */
export function limitsOf(
  network: NetworkId,
  format: PostFormat,
  options: ValidateOptions = {},
): FormatRules | undefined {
  const entry = contentRules[network].formats[format];
  if (!entry) return undefined;
  return { features: entry.features, rules: entry.rules.map((rule) => resolve(rule, options)) };
}

/**
 * The characters a URL counts for where the network counts links at a fixed length: X (twitter-text's 23) and
 * Mastodon (23 unless the instance says otherwise); undefined elsewhere.
 * @example charactersPerUrl('mastodon', { limits: { charactersPerUrl: 30 } }) // 30
 */
export function charactersPerUrl(network: NetworkId, options: ValidateOptions = {}): number | undefined {
  if (network === 'x') return xTextConfigV3.transformedURLLength;
  if (network === 'mastodon') return options.limits?.charactersPerUrl ?? mastodonDefaultCharactersPerUrl;
  return undefined;
}

/** One counter under the composer's text box: how the network counts, the count, the limit and what is left. */
export type TextCounter = { counting: TextCounting; count: number; limit: number; remaining: number };

/**
 * The counters of a text for a network's format, one per length rule on the text (Bluesky has two: graphemes and
 * bytes); empty when the format does not publish that network or has no text limit.
 * @example textCounters('x', 'text', 'Hi http://test.co') // [{ counting: 'x_weighted', count: 26, limit: 280, remaining: 254 }]
 */
export function textCounters(
  network: NetworkId,
  format: PostFormat,
  text: string,
  options: ValidateOptions = {},
): TextCounter[] {
  const urlChars = charactersPerUrl(network, options);
  return (limitsOf(network, format, options)?.rules ?? []).flatMap((rule) => {
    if (rule.kind !== 'text_length' || rule.field !== 'text') return [];
    const count = countText(text, rule.counting, urlChars);
    return [{ counting: rule.counting, count, limit: rule.max, remaining: rule.max - count }];
  });
}
