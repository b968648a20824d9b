/**
 * Content built from the table itself: a post that meets every rule of a format, and media items that meet a
 * format's media rules. The table's tests start from these and break one rule at a time.
 */
import type { NetworkId } from '../../../publishing/networks.ts';
import type { PostFormat } from '../../../publishing/post-formats.ts';
import { limitsOf } from '../content-rules.ts';
import { acceptsType, mediaKindOf } from '../media-checks.ts';
import type { MediaKind, PostContent, PostMedia, Rule } from '../types.ts';

const canonicalType: Record<MediaKind, string> = {
  image: 'image/jpeg',
  gif: 'image/gif',
  video: 'video/mp4',
  audio: 'audio/mpeg',
  document: 'application/pdf',
  other: 'application/octet-stream',
};

const sampleOptions: Record<string, string> = {
  boardId: '549755885175',
  startDate: '2026-12-01',
  endDate: '2026-12-24',
};

function rulesOf<K extends Rule['kind']>(rules: readonly Rule[], kind: K): Extract<Rule, { kind: K }>[] {
  return rules.filter((rule): rule is Extract<Rule, { kind: K }> => rule.kind === kind);
}

function concrete(type: string): string {
  if (type === 'image/*') return 'image/jpeg';
  if (type === 'video/*') return 'video/mp4';
  return type;
}

/** The MIME types every media_type rule of the format accepts, in the first rule's order. */
export function acceptedTypes(rules: readonly Rule[]): string[] {
  const typeRules = rulesOf(rules, 'media_type');
  if (typeRules.length === 0) return Object.values(canonicalType);
  return typeRules[0]!.accept.map(concrete).filter((type) => typeRules.every((rule) => acceptsType(rule.accept, type)));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function appliesTo(rule: { kinds: readonly MediaKind[] }, kind: MediaKind): boolean {
  return rule.kinds.includes(kind);
}

/** A media item of `kind` (or the format's first accepted type) that meets every per-item rule of the format. */
export function sampleMedia(rules: readonly Rule[], kind?: MediaKind): PostMedia {
  const accepted = acceptedTypes(rules);
  const mimeType =
    (kind ? accepted.find((type) => mediaKindOf(type) === kind) : accepted[0]) ?? canonicalType[kind ?? 'image'];
  const itemKind = mediaKindOf(mimeType);
  const bytes = rulesOf(rules, 'media_bytes').filter((rule) => appliesTo(rule, itemKind));
  const byteLength = clamp(
    100_000,
    Math.max(0, ...bytes.map((rule) => rule.min ?? 0)),
    Math.min(...bytes.map((rule) => rule.max)),
  );
  const item: PostMedia = { mimeType, byteLength, altText: 'A lamp on a desk' };
  if (itemKind === 'video' || itemKind === 'audio') {
    const durations = rulesOf(rules, 'media_duration').filter((rule) => appliesTo(rule, itemKind));
    item.durationSeconds = clamp(
      10,
      Math.max(0, ...durations.map((rule) => rule.min ?? 0)),
      Math.min(...durations.map((rule) => rule.max ?? Infinity)),
    );
  }
  if (itemKind !== 'document' && itemKind !== 'audio') {
    const ratios = rulesOf(rules, 'aspect_ratio').filter((rule) => appliesTo(rule, itemKind));
    const low = Math.max(0, ...ratios.map((rule) => rule.min));
    const high = Math.min(...ratios.map((rule) => rule.max));
    const ratio = ratios.length === 0 ? 1 : (low + high) / 2;
    const dimensions = rulesOf(rules, 'dimensions').filter((rule) => appliesTo(rule, itemKind));
    const width = clamp(
      1080,
      Math.max(0, ...dimensions.map((rule) => rule.minWidth ?? 0)),
      Math.min(...dimensions.map((rule) => rule.maxWidth ?? Infinity)),
    );
    item.width = width;
    item.height = Math.round(width / ratio);
  }
  return item;
}

/**
 * A post that meets every rule of the format: the smallest media count, the required fields filled in.
 * @example validatePost('pinterest', 'pin', sampleContent('pinterest', 'pin')) // []
 */
export function sampleContent(network: NetworkId, format: PostFormat): PostContent {
  const entry = limitsOf(network, format);
  if (!entry) throw new Error(`${network} has no format ${format} in the table`);
  const { rules, features } = entry;
  const required = new Set(
    rulesOf(rules, 'required')
      .map((rule) => rule.field)
      .concat(rulesOf(rules, 'required_one_of').map((rule) => rule.fields[0]!)),
  );
  const count = Math.max(0, ...rulesOf(rules, 'media_count').map((rule) => rule.min));
  const options: Record<string, string> = {};
  for (const field of required)
    if (field.startsWith('options.')) options[field.slice(8)] = sampleOptions[field.slice(8)] ?? 'value';
  const threadParts = Math.max(0, ...rulesOf(rules, 'thread_parts').map((rule) => rule.min));
  return {
    text: !features.text
      ? ''
      : rules.some((rule) => rule.kind === 'link_in_text')
        ? 'New lamps in the shop: https://boutique.fr/lampes'
        : 'New lamps in the shop',
    ...(required.has('title') || rulesOf(rules, 'text_length').some((rule) => rule.field === 'title')
      ? { title: 'New lamps' }
      : {}),
    media: Array.from({ length: count }, () => sampleMedia(rules)),
    ...(required.has('link') ? { link: { url: 'https://shop.example/lamps' } } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
    ...(threadParts > 0
      ? { threadParts: Array.from({ length: threadParts }, (_, index) => ({ text: `Part ${index + 2}` })) }
      : {}),
  };
}
