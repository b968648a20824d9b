/**
 * For one rule of the table: posts that sit exactly at its limit (the rule must stay silent) and posts that break
 * it by the smallest step (the rule must speak, with the expected code, field and params).
 */
import { mediaKindOf } from '../media-checks.ts';
import type { IssueCode, PostContent, Rule, ValidateOptions } from '../types.ts';
import { aspectCases, boundCases, configured, dimensionCases, mediaCountCases, withItem } from './media-rule-cases.ts';
import { sampleMedia } from './sample-content.ts';

export { issueFromRule } from './issue-from-rule.ts';

export type RuleCase = {
  label: string;
  content: PostContent;
  options?: ValidateOptions;
  /** For breaking cases: what the issue must carry. */
  expect?: { code: IssueCode; field: string; params?: Record<string, unknown> };
};

const familyEmoji = '👨‍👩‍👧‍👦'; // 25 bytes in UTF-8, one grapheme

/** A text exactly `length` long in the counting's unit, free of links, hashtags and mentions. */
export function textOfLength(length: number, counting: string): string {
  if (counting !== 'utf8_bytes') return 'a'.repeat(length);
  return familyEmoji.repeat(Math.floor(length / 25)) + 'a'.repeat(length % 25);
}

function withText(base: PostContent, field: string, text: string, rules: readonly Rule[]): PostContent {
  switch (field) {
    case 'text':
      return { ...base, text };
    case 'title':
      return { ...base, title: text };
    case 'firstComment':
      return { ...base, firstComment: text };
    case 'link.url':
      return { ...base, link: { url: `https://shop.example/${'a'.repeat(Math.max(0, text.length - 21))}` } };
    default: {
      const media = base.media.length > 0 ? base.media : [sampleMedia(rules)];
      return { ...base, media: media.map((item) => ({ ...item, altText: text })) };
    }
  }
}

function fieldPath(field: string): string {
  if (field === 'media.altText') return 'media[0].altText';
  return field;
}

function textCases(rule: Extract<Rule, { kind: 'text_length' }>, base: PostContent, rules: readonly Rule[]) {
  const at = textOfLength(rule.max, rule.counting);
  const over = `${at}a`;
  const field = fieldPath(rule.field);
  const passing: RuleCase[] = [
    { label: `${rule.field} at ${rule.max}`, content: withText(base, rule.field, at, rules) },
  ];
  const failing: RuleCase[] = [
    {
      label: `${rule.field} at ${rule.max + 1}`,
      content: withText(base, rule.field, over, rules),
      expect: { code: 'text_too_long', field, params: { limit: rule.max, actual: rule.max + 1, excess: 1 } },
    },
  ];
  if (rule.field === 'text' && base.threadParts?.length)
    failing.push({
      label: 'a thread part over the limit',
      content: { ...base, threadParts: [{ text: over }] },
      expect: { code: 'text_too_long', field: 'threadParts[0].text', params: { limit: rule.max } },
    });
  const options = configured(rule, rule.max + 1);
  if (options)
    passing.push({ label: 'a configured higher limit', content: withText(base, rule.field, over, rules), options });
  return { passing, failing };
}

function countCases(
  rule: Extract<Rule, { kind: 'hashtags' | 'mentions' | 'links' }>,
  base: PostContent,
): { passing: RuleCase[]; failing: RuleCase[] } {
  const make = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      rule.kind === 'hashtags'
        ? `#lampe${index}`
        : rule.kind === 'mentions'
          ? `@ana${index}`
          : `https://boutique.fr/${index}`,
    ).join(' ');
  const code = `${rule.kind}_too_many` as IssueCode;
  return {
    passing: [{ label: `${rule.max} ${rule.kind}`, content: { ...base, text: make(rule.max) } }],
    failing: [
      {
        label: `${rule.max + 1} ${rule.kind}`,
        content: { ...base, text: make(rule.max + 1) },
        expect: { code, field: 'text', params: { limit: rule.max, actual: rule.max + 1, excess: 1 } },
      },
    ],
  };
}

function without(base: PostContent, field: string): PostContent {
  if (field === 'text') return { ...base, text: '' };
  if (field === 'media') return { ...base, media: [] };
  if (field === 'title') return { ...base, title: '  ' };
  if (field === 'link') return { ...base, link: undefined };
  const options = { ...base.options };
  delete options[field.slice('options.'.length)];
  return { ...base, options };
}

export function ruleCases(
  rule: Rule,
  base: PostContent,
  rules: readonly Rule[],
): { passing: RuleCase[]; failing: RuleCase[] } {
  switch (rule.kind) {
    case 'text_length':
      return textCases(rule, base, rules);
    case 'hashtags':
    case 'mentions':
    case 'links':
      return countCases(rule, base);
    case 'forbidden_characters':
      return {
        passing: [{ label: 'no forbidden character', content: withText(base, rule.field, 'Lamps & lights', rules) }],
        failing: [...rule.characters].map((char) => ({
          label: `a "${char}"`,
          content: withText(base, rule.field, `Lamps ${char} lights`, rules),
          expect: { code: 'characters_forbidden' as const, field: rule.field, params: { characters: [char] } },
        })),
      };
    case 'required':
      return {
        passing: [{ label: `${rule.field} given`, content: base }],
        failing: [
          {
            label: `${rule.field} missing`,
            content: without(base, rule.field),
            expect: { code: 'field_required', field: rule.field },
          },
        ],
      };
    case 'required_one_of':
      return {
        passing: [
          { label: 'text only', content: { ...base, text: 'Lamps', media: [] } },
          { label: 'media only', content: { ...base, text: '', media: [sampleMedia(rules)] } },
        ],
        failing: [
          {
            label: 'neither',
            content: { ...base, text: ' ', media: [] },
            expect: { code: 'one_of_required', field: 'text' },
          },
        ],
      };
    case 'media_count':
      return mediaCountCases(rule, base, rules);
    case 'media_type': {
      const accepted = rule.accept.map((type) => (type.endsWith('/*') ? `${type.slice(0, -1)}png` : type));
      return {
        passing: accepted.map((mimeType) => ({
          label: mimeType,
          content: withItem(base, rules, mediaKindOf(mimeType), { mimeType }),
        })),
        failing: [
          {
            label: 'an executable',
            content: withItem(base, rules, 'other', { mimeType: 'application/x-msdownload' }),
            expect: {
              code: 'media_type_unsupported',
              field: 'media[0].mimeType',
              params: { mimeType: 'application/x-msdownload' },
            },
          },
        ],
      };
    }
    case 'media_bytes':
    case 'media_duration':
      return boundCases(rule, base, rules);
    case 'aspect_ratio':
      return aspectCases(rule, base, rules);
    case 'dimensions':
      return dimensionCases(rule, base, rules);
    case 'media_alone':
      return {
        passing: rule.kinds.map((kind) => ({
          label: `one ${kind} alone`,
          content: { ...base, media: [sampleMedia(rules, kind)] },
        })),
        failing: rule.kinds.map((kind) => ({
          label: `a ${kind} with an image`,
          content: { ...base, media: [sampleMedia(rules, kind), sampleMedia(rules, 'image')] },
          expect: { code: 'media_not_alone' as const, field: 'media[0]', params: { kind } },
        })),
      };
    case 'link_in_text':
      return {
        passing: [
          { label: 'a URL in the text', content: { ...base, text: 'Nouveautés : https://boutique.fr/lampes' } },
        ],
        failing: [
          {
            label: 'no URL in the text',
            content: { ...base, text: 'Nouveautés en boutique' },
            expect: { code: 'link_in_text_required', field: 'text' },
          },
        ],
      };
    case 'link_without_media':
      return {
        passing: [
          { label: 'a link card alone', content: { ...base, media: [], link: { url: 'https://shop.example' } } },
        ],
        failing: [
          {
            label: 'a link card and an image',
            content: { ...base, media: [sampleMedia(rules, 'image')], link: { url: 'https://shop.example' } },
            expect: { code: 'link_with_media', field: 'link.url' },
          },
        ],
      };
    case 'thread_parts': {
      const parts = (count: number) => Array.from({ length: count }, (_, index) => ({ text: `Part ${index + 2}` }));
      return {
        passing: [{ label: `${rule.min} follow-ups`, content: { ...base, threadParts: parts(rule.min) } }],
        failing: [
          {
            label: `${rule.min - 1} follow-ups`,
            content: { ...base, threadParts: parts(rule.min - 1) },
            expect: { code: 'thread_parts_too_few', field: 'threadParts', params: { min: rule.min } },
          },
        ],
      };
    }
    case 'date_range': {
      const dated = (start: string, end: string) => ({
        ...base,
        options: { ...base.options, [rule.start]: start, [rule.end]: end },
      });
      return {
        passing: [{ label: 'one-day range', content: dated('2026-12-24', '2026-12-24') }],
        failing: [
          {
            label: 'end before start',
            content: dated('2026-12-24', '2026-12-23'),
            expect: { code: 'date_range_inverted', field: `options.${rule.end}` },
          },
          {
            label: 'a date that does not exist',
            content: dated('2026-02-30', '2026-03-01'),
            expect: { code: 'date_invalid', field: `options.${rule.start}`, params: { value: '2026-02-30' } },
          },
        ],
      };
    }
    case 'option_values':
      return {
        passing: rule.values.map((value) => ({
          label: value,
          content: { ...base, options: { ...base.options, [rule.option]: value } },
        })),
        failing: [
          {
            label: 'an unknown value',
            content: { ...base, options: { ...base.options, [rule.option]: 'EVERYONE' } },
            expect: { code: 'option_invalid', field: `options.${rule.option}` },
          },
        ],
      };
  }
}
