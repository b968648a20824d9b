/**
 * Checks one channel's variant of a post against the table: every issue is a code with its parameters and the
 * field to change, for the web app to translate (describeIssue gives the English and French sentences).
 */
import type { NetworkId } from '../../publishing/networks.ts';
import type { PostFormat } from '../../publishing/post-formats.ts';
import { charactersPerUrl, formatsOf, limitsOf } from './content-rules.ts';
import { checkMediaItem, mediaKindOf, type Finding } from './media-checks.ts';
import { countLinks, countText, extractHashtags, extractMentions } from './text-counting.ts';
import type {
  ContentIssue,
  FormatFeatures,
  PostContent,
  PostMedia,
  RequiredField,
  Rule,
  ValidateOptions,
} from './types.ts';

/** The post itself or one follow-up part of a thread; `prefix` makes field paths (`threadParts[0].`). */
type Part = { prefix: string; text: string; media: readonly PostMedia[] };

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function isPresent(content: PostContent, part: Part, field: RequiredField): boolean {
  if (field === 'text') return part.text.trim().length > 0;
  if (field === 'media') return part.media.length > 0;
  if (field === 'title') return (content.title ?? '').trim().length > 0;
  if (field === 'link') return (content.link?.url ?? '').trim().length > 0;
  const value = content.options?.[field.slice('options.'.length)];
  return value !== undefined && String(value).trim().length > 0;
}

function excessFinding(
  code: 'hashtags_too_many' | 'mentions_too_many' | 'links_too_many',
  field: string,
  limit: number,
  actual: number,
): Finding[] {
  return actual > limit ? [{ code, field, params: { limit, actual, excess: actual - limit } }] : [];
}

function textLength(
  rule: Extract<Rule, { kind: 'text_length' }>,
  text: string,
  field: string,
  urlChars?: number,
): Finding[] {
  const actual = countText(text, rule.counting, urlChars);
  if (actual <= rule.max) return [];
  const params = { limit: rule.max, actual, excess: actual - rule.max, counting: rule.counting };
  return [
    {
      code: 'text_too_long',
      field,
      params: urlChars === undefined ? params : { ...params, charactersPerUrl: urlChars },
    },
  ];
}

/** Rules that apply to the post and to each follow-up part of a thread. */
function checkPart(rule: Rule, content: PostContent, part: Part, urlChars: number | undefined): Finding[] {
  const field = (name: string) => `${part.prefix}${name}`;
  switch (rule.kind) {
    case 'text_length':
      if (rule.field === 'text') return textLength(rule, part.text, field('text'), urlChars);
      if (rule.field === 'media.altText')
        return part.media.flatMap((item, index) =>
          textLength(rule, item.altText ?? '', field(`media[${index}].altText`)),
        );
      return [];
    case 'hashtags':
      return excessFinding('hashtags_too_many', field('text'), rule.max, extractHashtags(part.text).length);
    case 'mentions':
      return excessFinding('mentions_too_many', field('text'), rule.max, extractMentions(part.text).length);
    case 'links':
      return excessFinding('links_too_many', field('text'), rule.max, countLinks(part.text));
    case 'forbidden_characters': {
      if (rule.field !== 'text') return [];
      const found = [...new Set([...part.text].filter((char) => rule.characters.includes(char)))];
      return found.length > 0
        ? [{ code: 'characters_forbidden', field: field('text'), params: { characters: found } }]
        : [];
    }
    case 'required':
      if (rule.field !== 'text' && rule.field !== 'media') return [];
      return isPresent(content, part, rule.field)
        ? []
        : [{ code: 'field_required', field: field(rule.field), params: {} }];
    case 'required_one_of':
      return rule.fields.some((name) => isPresent(content, part, name))
        ? []
        : [{ code: 'one_of_required', field: field(rule.fields[0]!), params: { fields: rule.fields } }];
    case 'media_count': {
      const actual = part.media.length;
      if (actual > rule.max)
        return [
          {
            code: 'media_too_many',
            field: field('media'),
            params: { limit: rule.max, actual, excess: actual - rule.max },
          },
        ];
      if (actual < rule.min)
        return [
          {
            code: 'media_too_few',
            field: field('media'),
            params: { min: rule.min, actual, missing: rule.min - actual },
          },
        ];
      return [];
    }
    case 'media_alone':
      if (part.media.length < 2) return [];
      return part.media.flatMap((item, index) =>
        rule.kinds.includes(mediaKindOf(item.mimeType))
          ? [
              {
                code: 'media_not_alone' as const,
                field: field(`media[${index}]`),
                params: { mimeType: item.mimeType, kind: mediaKindOf(item.mimeType), actual: part.media.length },
              },
            ]
          : [],
      );
    default:
      return part.media.flatMap((item, index) => checkMediaItem(rule, item, field(`media[${index}]`)));
  }
}

/** Rules that apply once per post (title, link, first comment, thread length, options). */
function checkPost(rule: Rule, content: PostContent, main: Part): Finding[] | undefined {
  switch (rule.kind) {
    case 'text_length':
      if (rule.field === 'title') return textLength(rule, content.title ?? '', 'title');
      if (rule.field === 'firstComment') return textLength(rule, content.firstComment ?? '', 'firstComment');
      if (rule.field === 'link.url') return textLength(rule, content.link?.url ?? '', 'link.url');
      return undefined;
    case 'forbidden_characters': {
      if (rule.field !== 'title') return undefined;
      const found = [...new Set([...(content.title ?? '')].filter((char) => rule.characters.includes(char)))];
      return found.length > 0 ? [{ code: 'characters_forbidden', field: 'title', params: { characters: found } }] : [];
    }
    case 'required':
      if (rule.field === 'text' || rule.field === 'media') return undefined;
      return isPresent(content, main, rule.field) ? [] : [{ code: 'field_required', field: rule.field, params: {} }];
    case 'link_in_text':
      return countLinks(main.text) > 0 ? [] : [{ code: 'link_in_text_required', field: 'text', params: {} }];
    case 'link_without_media':
      return content.link?.url && main.media.length > 0
        ? [{ code: 'link_with_media', field: 'link.url', params: {} }]
        : [];
    case 'thread_parts': {
      const actual = content.threadParts?.length ?? 0;
      if (actual < rule.min)
        return [
          {
            code: 'thread_parts_too_few',
            field: 'threadParts',
            params: { min: rule.min, actual, missing: rule.min - actual },
          },
        ];
      return [];
    }
    case 'date_range': {
      const start = content.options?.[rule.start];
      const end = content.options?.[rule.end];
      const found: Finding[] = [];
      for (const [name, value] of [
        [rule.start, start],
        [rule.end, end],
      ] as const)
        if (value !== undefined && !isValidDate(String(value)))
          found.push({ code: 'date_invalid', field: `options.${name}`, params: { value: String(value) } });
      if (found.length === 0 && start !== undefined && end !== undefined && String(end) < String(start))
        found.push({
          code: 'date_range_inverted',
          field: `options.${rule.end}`,
          params: { start: String(start), end: String(end) },
        });
      return found;
    }
    case 'option_values': {
      const value = content.options?.[rule.option];
      if (value === undefined || rule.values.includes(String(value))) return [];
      return [
        {
          code: 'option_invalid',
          field: `options.${rule.option}`,
          params: { value: String(value), allowed: rule.values },
        },
      ];
    }
    default:
      return undefined;
  }
}

function featureFindings(
  features: FormatFeatures,
  content: PostContent,
): (Finding & { severity: 'error' | 'warning' })[] {
  const found: (Finding & { severity: 'error' | 'warning' })[] = [];
  if (!features.text && content.text.trim())
    found.push({ code: 'text_unsupported', field: 'text', params: {}, severity: 'warning' });
  if (!features.firstComment && content.firstComment?.trim())
    found.push({ code: 'first_comment_unsupported', field: 'firstComment', params: {}, severity: 'error' });
  if (!features.link && content.link?.url.trim())
    found.push({ code: 'link_unsupported', field: 'link.url', params: {}, severity: 'warning' });
  if (!features.threadParts && (content.threadParts?.length ?? 0) > 0)
    found.push({
      code: 'thread_unsupported',
      field: 'threadParts',
      params: { actual: content.threadParts!.length },
      severity: 'error',
    });
  return found;
}

/**
 * Every rule of the network's format that the content breaks, errors and warnings, in the table's order.
 * An empty list means publishable; warnings alone are publishable too.
 * @example validatePost('x', 'text', { text: 'a'.repeat(281), media: [] })[0] // { code: 'text_too_long', field: 'text', params: { limit: 280, actual: 281, excess: 1, ... } }
 */
export function validatePost(
  network: NetworkId,
  format: PostFormat,
  content: PostContent,
  options: ValidateOptions = {},
): ContentIssue[] {
  const entry = limitsOf(network, format, options);
  if (!entry)
    return [
      {
        code: 'format_unsupported',
        severity: 'error',
        field: 'format',
        params: { format, supported: formatsOf(network) },
        network,
        format,
      },
    ];
  const main: Part = { prefix: '', text: content.text, media: content.media };
  const parts: Part[] = [main];
  if (entry.features.threadParts)
    (content.threadParts ?? []).forEach((part, index) =>
      parts.push({ prefix: `threadParts[${index}].`, text: part.text, media: part.media ?? [] }),
    );
  const urlChars = charactersPerUrl(network, options);
  const issues: ContentIssue[] = featureFindings(entry.features, content).map((found) => ({
    ...found,
    network,
    format,
  }));
  for (const rule of entry.rules) {
    const severity = rule.severity ?? 'error';
    const found = checkPost(rule, content, main) ?? parts.flatMap((part) => checkPart(rule, content, part, urlChars));
    for (const finding of found) issues.push({ ...finding, severity, network, format });
  }
  return issues;
}
