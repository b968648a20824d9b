/**
 * Inbox moderation rules: ordered conditions and actions a workspace applies to each new item once. Pure: the
 * server loads the rules and the item, this file says which rules match and what they would do.
 */
import type { SentimentLabel } from '../listening/text-analysis.ts';
import { normalizeListeningText, tokenizeListeningText } from '../listening/query/text-tokens.ts';

export const inboxRulePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type InboxRulePriority = (typeof inboxRulePriorities)[number];

/** What must hold for a rule to act: every given field (AND); within one list, any value (OR). */
export type InboxRuleConditions = {
  /** Words or phrases, read with the listening analyzer's normalisation (case, accents, elisions ignored). */
  keywords?: readonly string[];
  sentiments?: readonly SentimentLabel[];
  /** Languages as the analyzer reports them ('fr', 'en', 'other'). */
  languages?: readonly string[];
  networks?: readonly string[];
  kinds?: readonly string[];
  /** Author handles, with or without `@`, case-insensitive. */
  authorHandles?: readonly string[];
  /** The item's spam flag (set by a member, or by an earlier rule's "mark spam"). */
  spam?: boolean;
};

/** What a matching rule does. */
export type InboxRuleActions = {
  /** Hide the item on the network (where its connector can). */
  hide?: boolean;
  tags?: readonly string[];
  /** A member's user id. */
  assignTo?: string;
  priority?: InboxRulePriority;
  markSpam?: boolean;
};

export type InboxRule = {
  id: string;
  name: string;
  enabled: boolean;
  conditions: InboxRuleConditions;
  actions: InboxRuleActions;
};

/** What a rule reads of an item. */
export type InboxRuleSubject = {
  text: string;
  sentiment: SentimentLabel | null;
  language: string | null;
  network: string;
  kind: string;
  authorHandle: string | null;
  spam: boolean;
};

/** One action a rule decided, in the order it would be applied. */
export type InboxRuleDecision =
  | { ruleId: string; ruleName: string; action: 'hide' }
  | { ruleId: string; ruleName: string; action: 'tag'; value: string }
  | { ruleId: string; ruleName: string; action: 'assign'; value: string }
  | { ruleId: string; ruleName: string; action: 'priority'; value: InboxRulePriority }
  | { ruleId: string; ruleName: string; action: 'spam' };

const handleOf = (handle: string) => normalizeListeningText(handle.trim().replace(/^@/, ''));

/** The words of a keyword or phrase, as the analyzer reads them (hashtags and handles by their bodies). */
const wordsOf = (text: string) =>
  tokenizeListeningText(text)
    .filter((token) => token.kind !== 'url')
    .map((token) => token.value);

/** A rule's keywords prepared once: each a sequence of normalised words. */
function phrasesOf(keywords: readonly string[]): string[][] {
  return keywords.map(wordsOf).filter((words) => words.length > 0);
}

/** Whether `words` holds `phrase` as consecutive words. */
function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start += 1)
    if (phrase.every((word, offset) => words[start + offset] === word)) return true;
  return false;
}

/** True when the conditions say nothing (such a rule would act on every item: the API refuses it). */
export function inboxRuleConditionsEmpty(conditions: InboxRuleConditions): boolean {
  return (
    !conditions.keywords?.length &&
    !conditions.sentiments?.length &&
    !conditions.languages?.length &&
    !conditions.networks?.length &&
    !conditions.kinds?.length &&
    !conditions.authorHandles?.length &&
    conditions.spam === undefined
  );
}

/** True when the actions do nothing. */
export function inboxRuleActionsEmpty(actions: InboxRuleActions): boolean {
  return !actions.hide && !actions.tags?.length && !actions.assignTo && !actions.priority && !actions.markSpam;
}

/**
 * Whether a rule's conditions hold for an item. `words` are the item's normalised words, when already read.
 * @example inboxRuleMatches({ keywords: ['remboursement'] }, { text: 'Je veux un REMBOURSEMENT', ... }) // true
 */
export function inboxRuleMatches(
  conditions: InboxRuleConditions,
  subject: InboxRuleSubject,
  words: readonly string[] = wordsOf(subject.text),
): boolean {
  if (inboxRuleConditionsEmpty(conditions)) return false;
  if (
    conditions.sentiments?.length &&
    (subject.sentiment === null || !conditions.sentiments.includes(subject.sentiment))
  )
    return false;
  if (conditions.languages?.length && (subject.language === null || !conditions.languages.includes(subject.language)))
    return false;
  if (conditions.networks?.length && !conditions.networks.includes(subject.network)) return false;
  if (conditions.kinds?.length && !conditions.kinds.includes(subject.kind)) return false;
  if (conditions.authorHandles?.length) {
    const handle = subject.authorHandle === null ? null : handleOf(subject.authorHandle);
    if (handle === null || !conditions.authorHandles.some((wanted) => handleOf(wanted) === handle)) return false;
  }
  if (conditions.spam !== undefined && conditions.spam !== subject.spam) return false;
  if (conditions.keywords?.length) {
    const phrases = phrasesOf(conditions.keywords);
    if (!phrases.some((phrase) => containsPhrase(words, phrase))) return false;
  }
  return true;
}

/**
 * Runs the enabled rules in order on an item and lists the actions they decide. A rule's "mark spam" is seen
 * by the rules after it; each action appears once per rule, and a later rule's assignee or priority replaces an
 * earlier one's when applied.
 * @example evaluateInboxRules(rules, subject).map((decision) => decision.action) // ['tag', 'hide']
 */
export function evaluateInboxRules(rules: readonly InboxRule[], subject: InboxRuleSubject): InboxRuleDecision[] {
  const words = wordsOf(subject.text);
  let current = subject;
  const decisions: InboxRuleDecision[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !inboxRuleMatches(rule.conditions, current, words)) continue;
    const by = { ruleId: rule.id, ruleName: rule.name };
    const { actions } = rule;
    if (actions.markSpam) {
      decisions.push({ ...by, action: 'spam' });
      current = { ...current, spam: true };
    }
    for (const tag of new Set((actions.tags ?? []).map((value) => value.trim()).filter(Boolean)))
      decisions.push({ ...by, action: 'tag', value: tag });
    if (actions.assignTo) decisions.push({ ...by, action: 'assign', value: actions.assignTo });
    if (actions.priority) decisions.push({ ...by, action: 'priority', value: actions.priority });
    if (actions.hide) decisions.push({ ...by, action: 'hide' });
  }
  return decisions;
}
