/**
 * The editorial line applied to one text, as the composer does before approval: banned terms (blocking or
 * warning, as configured), the mandatory mention of a sponsored post or an ad in the post's language, and
 * words to avoid (a suggestion). Issues are codes with parameters: the UI writes the sentence.
 */
import type { ContentLanguage, EditorialLine } from './strategy.ts';
import { searchable, type TextSpan } from './term-matching.ts';

/** `block` prevents approval; `warn` is shown and may be overridden; `suggestion` is advice. */
export type EditorialSeverity = 'block' | 'warn' | 'suggestion';

export type EditorialIssue =
  | { code: 'banned_term'; severity: 'block' | 'warn'; term: string; matched: string; position: TextSpan }
  | {
      code: 'missing_sponsored_mention' | 'missing_ad_mention';
      severity: 'block';
      language: ContentLanguage;
      /** The mentions that would satisfy the rule, any one of them. */
      accepted: string[];
    }
  | {
      code: 'avoid_word';
      severity: 'suggestion';
      term: string;
      matched: string;
      position: TextSpan;
      suggestion?: string;
    };

export type EditorialCheckOptions = {
  /** A paid partnership (influencer, brand collaboration): needs a sponsored mention. */
  sponsored: boolean;
  /** An advertisement: needs an ad mention. */
  isAd: boolean;
  language: ContentLanguage;
};

/**
 * Checks a text against the editorial line; issues come in text order within each kind, blocking ones first.
 * @example checkEditorialLine("C'est l'arnaque", line, { sponsored: false, isAd: false, language: 'fr' })
 * // [{ code: 'banned_term', severity: 'block', term: 'arnaque', matched: 'arnaque', position: { start: 8, end: 15 } }]
 */
export function checkEditorialLine(
  text: string,
  line: EditorialLine,
  options: EditorialCheckOptions,
): EditorialIssue[] {
  const haystack = searchable(text);
  const banned: EditorialIssue[] = [];
  for (const entry of line.bannedTerms)
    for (const position of haystack.find(entry.term))
      banned.push({
        code: 'banned_term',
        severity: entry.severity,
        term: entry.term,
        matched: text.slice(position.start, position.end),
        position,
      });

  const mentions: EditorialIssue[] = [];
  const hasOneOf = (accepted: string[]) => accepted.some((mention) => haystack.find(mention).length > 0);
  const required = [
    {
      needed: options.sponsored,
      code: 'missing_sponsored_mention' as const,
      accepted: line.mandatoryMentions.sponsored,
    },
    { needed: options.isAd, code: 'missing_ad_mention' as const, accepted: line.mandatoryMentions.ad },
  ];
  for (const rule of required) {
    if (!rule.needed) continue;
    const accepted = rule.accepted[options.language] ?? [];
    if (!hasOneOf(accepted))
      mentions.push({ code: rule.code, severity: 'block', language: options.language, accepted: [...accepted] });
  }

  const avoided: EditorialIssue[] = [];
  for (const entry of line.wordsToAvoid)
    for (const position of haystack.find(entry.term))
      avoided.push({
        code: 'avoid_word',
        severity: 'suggestion',
        term: entry.term,
        matched: text.slice(position.start, position.end),
        position,
        ...(entry.suggestion ? { suggestion: entry.suggestion } : {}),
      });

  const byPosition = (a: EditorialIssue, b: EditorialIssue) =>
    ('position' in a ? a.position.start : 0) - ('position' in b ? b.position.start : 0);
  const rank: Record<EditorialSeverity, number> = { block: 0, warn: 1, suggestion: 2 };
  return [...banned.sort(byPosition), ...mentions, ...avoided.sort(byPosition)].sort(
    (a, b) => rank[a.severity] - rank[b.severity],
  );
}

/**
 * Whether content with these issues may be approved: not when any issue blocks.
 * @example canApprove([{ code: 'avoid_word', severity: 'suggestion', ... }]) // true
 */
export function canApprove(issues: readonly EditorialIssue[]): boolean {
  return !issues.some((issue) => issue.severity === 'block');
}
