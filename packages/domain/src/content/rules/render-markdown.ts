/**
 * docs/content-rules.md, rendered from the table: the doc cannot drift, a test compares it with this output.
 */
import { networkIds } from '../../publishing/networks.ts';
import { contentRules, formatsOf, limitsOf } from './content-rules.ts';
import { formatBytes, formatName, formatSeconds, mimeName } from './issue-wording.ts';
import type { FormatFeatures, Rule, TextCounting } from './types.ts';

const countingNames: Record<TextCounting, string> = {
  x_weighted: 'weighted characters (twitter-text v3: URL 23, emoji and CJK 2)',
  graphemes: 'characters as displayed (graphemes)',
  code_points: 'characters (code points)',
  utf16: 'UTF-16 units (an emoji is 2)',
  utf8_bytes: 'UTF-8 bytes',
  threads: 'characters, emoji as their UTF-8 bytes',
  mastodon: 'characters, URL 23, remote mention without its domain',
};

const number = (value: number): string => new Intl.NumberFormat('en').format(value);
const bytes = (value: number): string =>
  value >= 1024 ? `${formatBytes(value, 'en')} (${number(value)} bytes)` : `${number(value)} bytes`;
const kinds = (list: readonly string[]): string => list.join(', ');

function between(min: number | undefined, max: number | undefined, unit: (value: number) => string): string {
  if (min !== undefined && max !== undefined) return min === max ? unit(min) : `${unit(min)} to ${unit(max)}`;
  if (max !== undefined) return `≤ ${unit(max)}`;
  return `≥ ${unit(min ?? 0)}`;
}

function dimensions(rule: Extract<Rule, { kind: 'dimensions' }>): string {
  const parts: string[] = [];
  if (rule.minWidth !== undefined || rule.maxWidth !== undefined)
    parts.push(`width ${between(rule.minWidth, rule.maxWidth, (value) => `${number(value)} px`)}`);
  if (rule.minHeight !== undefined || rule.maxHeight !== undefined)
    parts.push(`height ${between(rule.minHeight, rule.maxHeight, (value) => `${number(value)} px`)}`);
  if (rule.maxPixels !== undefined) parts.push(`≤ ${number(rule.maxPixels)} pixels`);
  return parts.join(', ');
}

/** The rule in one table row: what is checked, and the limit. */
export function describeRule(rule: Rule): [string, string] {
  switch (rule.kind) {
    case 'text_length':
      return [`Length of \`${rule.field}\``, `≤ ${number(rule.max)} ${countingNames[rule.counting]}`];
    case 'hashtags':
      return ['Hashtags', `≤ ${number(rule.max)}`];
    case 'mentions':
      return ['@mentions', `≤ ${number(rule.max)}`];
    case 'links':
      return ['Links in the text', `≤ ${number(rule.max)}`];
    case 'forbidden_characters':
      return [
        `Characters in \`${rule.field}\``,
        `none of ${[...rule.characters].map((char) => `\`${char}\``).join(' ')}`,
      ];
    case 'required':
      return [`\`${rule.field}\``, 'required'];
    case 'required_one_of':
      return [rule.fields.map((field) => `\`${field}\``).join(' or '), 'at least one required'];
    case 'media_count':
      return ['Media items', between(rule.min, rule.max, number)];
    case 'media_type':
      return ['Media types', rule.accept.map((type) => mimeName(type, 'en')).join(', ')];
    case 'media_bytes':
      return [`File size (${kinds(rule.kinds)})`, between(rule.min, rule.max, bytes)];
    case 'media_duration':
      return [`Duration (${kinds(rule.kinds)})`, between(rule.min, rule.max, (value) => formatSeconds(value, 'en'))];
    case 'aspect_ratio':
      return [`Aspect ratio (${kinds(rule.kinds)})`, rule.label];
    case 'dimensions':
      return [`Dimensions (${kinds(rule.kinds)})`, dimensions(rule)];
    case 'media_alone':
      return ['Alone in its post', kinds(rule.kinds)];
    case 'link_in_text':
      return ['A URL in `text`', 'required (the card is built from it)'];
    case 'link_without_media':
      return ['Link card and media', 'not both'];
    case 'thread_parts':
      return ['Follow-up parts', `≥ ${number(rule.min)}`];
    case 'date_range':
      return [`\`options.${rule.start}\` and \`options.${rule.end}\``, 'YYYY-MM-DD, end on or after start'];
    case 'option_values':
      return [`\`options.${rule.option}\``, rule.values.map((value) => `\`${value}\``).join(', ')];
  }
}

const yes = (value: boolean): string => (value ? 'yes' : 'no');

function featureLine(features: FormatFeatures): string {
  return `Caption shown: ${yes(features.text)} · first comment: ${yes(features.firstComment)} · link shown: ${yes(features.link)} · thread parts: ${yes(features.threadParts)}`;
}

const introduction = `# Content rules per network

What each network accepts, per native format: the single table in \`packages/domain/src/content/rules/\`
(\`contentRules\`, \`limitsOf\`, \`formatsOf\`, \`validatePost\`, \`describeIssue\`). **This file is generated from
that table; do not edit it by hand.** After changing the table, run:

\`\`\`sh
SILLAGE_WRITE_CONTENT_RULES_DOC=1 node --import tsx --test packages/domain/src/content/rules/content-rules-doc.test.ts
\`\`\`

How to read it:
- **Sources.** "platforms.md §n" is a section of the connector reference the connectors were written from (a
  research snapshot of November 2026 kept outside this repository, with the vendors' docs it cites). **(K)** marks a value from background knowledge that the research did not re-check against a vendor source;
  **⚠** marks a value that changes often or that sources disagree on. Google Business Profile is not in
  platforms.md: its source is the connector's README.
- **Units.** Sizes are binary, as the networks write them (8 MB = 8 × 1,048,576 bytes). Durations in seconds.
  Aspect ratio is width / height; a 1 % tolerance absorbs rounded ratios such as 1.91:1.
- **Counting.** Each text limit names how the network counts: X weighs characters (twitter-text v3), Bluesky
  counts graphemes and UTF-8 bytes, Threads counts emoji as their UTF-8 bytes, Mastodon counts a URL as 23 and a
  remote mention without its domain, YouTube's description is in bytes.
- **Configurable limits.** A Mastodon instance's \`configuration\` (\`maxCharacters\`, \`charactersPerUrl\`,
  \`maxMediaItems\`, \`maxImageBytes\`, \`maxVideoBytes\`), a TikTok creator's \`max_video_post_duration_sec\`
  (\`maxVideoSeconds\`) and X's paid long posts (\`maxCharacters\`) override the defaults below through
  \`validatePost(..., { limits })\`.
- **Severity.** An error blocks publishing; a warning is a recommendation or says what the network will drop.
- **Not checked.** Metadata the media library has not probed (a missing duration or size is not guessed);
  frame rates, codecs, LinkedIn document page counts, YouTube tags, TikTok photo resolution.
`;

/**
 * The whole Markdown document.
 * @example renderContentRulesMarkdown().startsWith('# Content rules per network') // true
 */
export function renderContentRulesMarkdown(): string {
  const lines = [introduction];
  for (const network of networkIds) {
    lines.push(`## ${contentRules[network].name} (\`${network}\`)`, '');
    for (const format of formatsOf(network)) {
      const entry = limitsOf(network, format)!;
      lines.push(`### ${formatName(format, 'en')} (\`${format}\`)`, '', featureLine(entry.features), '');
      lines.push('| Rule | Limit | Severity | Source |', '|---|---|---|---|');
      for (const rule of entry.rules) {
        const [what, limit] = describeRule(rule);
        const configurable =
          'configurableAs' in rule && rule.configurableAs ? ` (configurable: \`${rule.configurableAs}\`)` : '';
        lines.push(
          `| ${what} | ${limit}${configurable} | ${rule.severity ?? 'error'} | ${rule.source.replaceAll('|', '\\|')} |`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
