/** Cases for the media rules of the table: counts, sizes, durations, aspect ratios, dimensions. */
import { mediaKindOf } from '../media-checks.ts';
import type { MediaKind, PostContent, PostMedia, Rule, ValidateOptions } from '../types.ts';
import type { RuleCase } from './rule-cases.ts';
import { acceptedTypes, sampleMedia } from './sample-content.ts';

export function withItem(
  base: PostContent,
  rules: readonly Rule[],
  kind: MediaKind,
  change: Partial<PostMedia>,
): PostContent {
  const item = { ...sampleMedia(rules, kind), ...change };
  return { ...base, media: [item, ...base.media.slice(1)] };
}

function firstKind(kinds: readonly MediaKind[], rules: readonly Rule[]): MediaKind {
  const accepted = acceptedTypes(rules).map(mediaKindOf);
  return kinds.find((kind) => accepted.includes(kind)) ?? kinds[0]!;
}

export function configured(rule: Rule, value: number): ValidateOptions | undefined {
  return 'configurableAs' in rule && rule.configurableAs ? { limits: { [rule.configurableAs]: value } } : undefined;
}
export function mediaCountCases(
  rule: Extract<Rule, { kind: 'media_count' }>,
  base: PostContent,
  rules: readonly Rule[],
) {
  const items = (count: number) => Array.from({ length: count }, () => sampleMedia(rules));
  const passing: RuleCase[] = [
    { label: `${rule.min} items`, content: { ...base, media: items(rule.min) } },
    { label: `${rule.max} items`, content: { ...base, media: items(rule.max) } },
  ];
  const failing: RuleCase[] = [
    {
      label: `${rule.max + 1} items`,
      content: { ...base, media: items(rule.max + 1) },
      expect: { code: 'media_too_many', field: 'media', params: { limit: rule.max, actual: rule.max + 1 } },
    },
  ];
  if (rule.min > 0)
    failing.push({
      label: `${rule.min - 1} items`,
      content: { ...base, media: items(rule.min - 1) },
      expect: { code: 'media_too_few', field: 'media', params: { min: rule.min, actual: rule.min - 1 } },
    });
  const options = configured(rule, rule.max + 1);
  if (options)
    passing.push({ label: 'a configured higher maximum', content: { ...base, media: items(rule.max + 1) }, options });
  return { passing, failing };
}

export function boundCases(
  rule: Extract<Rule, { kind: 'media_bytes' | 'media_duration' }>,
  base: PostContent,
  rules: readonly Rule[],
) {
  const kind = firstKind(rule.kinds, rules);
  const key = rule.kind === 'media_bytes' ? 'byteLength' : 'durationSeconds';
  const step = rule.kind === 'media_bytes' ? 1 : 0.1;
  const field = `media[0].${key}`;
  const passing: RuleCase[] = [
    { label: `${key} at ${rule.max}`, content: withItem(base, rules, kind, { [key]: rule.max }) },
  ];
  const failing: RuleCase[] = [];
  if (rule.max !== undefined) {
    const code = rule.kind === 'media_bytes' ? 'media_too_large' : 'media_too_long';
    failing.push({
      label: `${key} over ${rule.max}`,
      content: withItem(base, rules, kind, { [key]: rule.max + step }),
      expect: { code, field, params: { limit: rule.max } },
    });
    const options = configured(rule, rule.max + step);
    if (options)
      passing.push({
        label: 'a configured higher limit',
        content: withItem(base, rules, kind, { [key]: rule.max + step }),
        options,
      });
  }
  if (rule.min !== undefined) {
    const code = rule.kind === 'media_bytes' ? 'media_too_small' : 'media_too_short';
    passing.push({ label: `${key} at ${rule.min}`, content: withItem(base, rules, kind, { [key]: rule.min }) });
    failing.push({
      label: `${key} under ${rule.min}`,
      content: withItem(base, rules, kind, { [key]: rule.min - step }),
      expect: { code, field, params: { min: rule.min } },
    });
  }
  return { passing, failing };
}

export function aspectCases(rule: Extract<Rule, { kind: 'aspect_ratio' }>, base: PostContent, rules: readonly Rule[]) {
  const kind = firstKind(rule.kinds, rules);
  const sized = (ratio: number) => withItem(base, rules, kind, { width: Math.round(2000 * ratio), height: 2000 });
  const expect = {
    code: 'aspect_ratio_out_of_range' as const,
    field: 'media[0]',
    params: { min: rule.min, max: rule.max },
  };
  const passing: RuleCase[] = [{ label: `ratio ${rule.max}`, content: sized(rule.max) }];
  const failing: RuleCase[] = [{ label: `ratio over ${rule.max}`, content: sized(rule.max * 1.05), expect }];
  if (rule.min > 0) {
    passing.push({ label: `ratio ${rule.min}`, content: sized(rule.min) });
    failing.push({ label: `ratio under ${rule.min}`, content: sized(rule.min * 0.95), expect });
  }
  return { passing, failing };
}

export function dimensionCases(rule: Extract<Rule, { kind: 'dimensions' }>, base: PostContent, rules: readonly Rule[]) {
  const kind = firstKind(rule.kinds, rules);
  const passing: RuleCase[] = [];
  const failing: RuleCase[] = [];
  const bounds = [
    ['width', 'minWidth', -1, 'width_too_small'],
    ['width', 'maxWidth', 1, 'width_too_large'],
    ['height', 'minHeight', -1, 'height_too_small'],
    ['height', 'maxHeight', 1, 'height_too_large'],
  ] as const;
  for (const [side, bound, step, code] of bounds) {
    const value = rule[bound];
    if (value === undefined) continue;
    passing.push({ label: `${side} ${value}`, content: withItem(base, rules, kind, { [side]: value }) });
    failing.push({
      label: `${side} ${value + step}`,
      content: withItem(base, rules, kind, { [side]: value + step }),
      expect: { code, field: `media[0].${side}`, params: step < 0 ? { min: value } : { limit: value } },
    });
  }
  if (rule.maxPixels !== undefined) {
    passing.push({
      label: `${rule.maxPixels} px`,
      content: withItem(base, rules, kind, { width: rule.maxPixels / 1000, height: 1000 }),
    });
    failing.push({
      label: `over ${rule.maxPixels} px`,
      content: withItem(base, rules, kind, { width: rule.maxPixels / 1000 + 1, height: 1000 }),
      expect: { code: 'pixels_too_many', field: 'media[0]', params: { limit: rule.maxPixels } },
    });
  }
  return { passing, failing };
}

/** The cases of one rule, starting from a post that meets the whole format. */
