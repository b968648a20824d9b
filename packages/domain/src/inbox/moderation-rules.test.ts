import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateInboxRules, inboxRuleMatches, type InboxRule, type InboxRuleSubject } from './moderation-rules.ts';

const subject = (overrides: Partial<InboxRuleSubject> = {}): InboxRuleSubject => ({
  text: "Je veux être remboursé, c'est une ARNAQUE !",
  sentiment: 'negative',
  language: 'fr',
  network: 'instagram',
  kind: 'comment',
  authorHandle: '@Lea.Martin',
  spam: false,
  ...overrides,
});

const rule = (id: string, conditions: InboxRule['conditions'], actions: InboxRule['actions']): InboxRule => ({
  id,
  name: `Rule ${id}`,
  enabled: true,
  conditions,
  actions,
});

test('keywords match with the listening normalisation: case, accents and elisions ignored', () => {
  assert.equal(inboxRuleMatches({ keywords: ['arnaque'] }, subject()), true);
  assert.equal(inboxRuleMatches({ keywords: ['rembourse'] }, subject()), true);
  assert.equal(inboxRuleMatches({ keywords: ['Remboursé'] }, subject({ text: 'REMBOURSE moi' })), true);
  assert.equal(inboxRuleMatches({ keywords: ['hotel'] }, subject({ text: 'L’Hôtel était sale' })), true);
  assert.equal(inboxRuleMatches({ keywords: ['rembourser'] }, subject()), false);
});

test('a phrase matches only as consecutive words', () => {
  assert.equal(inboxRuleMatches({ keywords: ['une arnaque'] }, subject()), true);
  assert.equal(inboxRuleMatches({ keywords: ['arnaque une'] }, subject()), false);
  assert.equal(inboxRuleMatches({ keywords: ['veux remboursé'] }, subject()), false);
});

test('every given condition must hold; within one list any value', () => {
  assert.equal(inboxRuleMatches({ keywords: ['arnaque'], sentiments: ['negative'] }, subject()), true);
  assert.equal(inboxRuleMatches({ keywords: ['arnaque'], sentiments: ['positive'] }, subject()), false);
  assert.equal(inboxRuleMatches({ networks: ['facebook', 'instagram'], kinds: ['comment'] }, subject()), true);
  assert.equal(inboxRuleMatches({ networks: ['facebook'] }, subject()), false);
  assert.equal(inboxRuleMatches({ languages: ['en'] }, subject()), false);
  assert.equal(inboxRuleMatches({ kinds: ['dm'] }, subject()), false);
  assert.equal(inboxRuleMatches({ sentiments: ['negative'] }, subject({ sentiment: null })), false);
});

test('author handles compare without @ and case', () => {
  assert.equal(inboxRuleMatches({ authorHandles: ['lea.martin'] }, subject()), true);
  assert.equal(inboxRuleMatches({ authorHandles: ['@LEA.MARTIN'] }, subject()), true);
  assert.equal(inboxRuleMatches({ authorHandles: ['lea'] }, subject()), false);
  assert.equal(inboxRuleMatches({ authorHandles: ['lea.martin'] }, subject({ authorHandle: null })), false);
});

test('a rule without conditions matches nothing', () => {
  assert.equal(inboxRuleMatches({}, subject()), false);
  assert.equal(inboxRuleMatches({ keywords: [] }, subject()), false);
});

test('rules run in order; a "mark spam" is seen by the rules after it, not before', () => {
  const rules = [
    rule('hide-spam-first', { spam: true }, { hide: true }),
    rule('spam', { keywords: ['arnaque'] }, { markSpam: true, tags: ['scam', ' scam '] }),
    rule('hide-spam', { spam: true }, { hide: true, priority: 'low' }),
    rule('assign', { sentiments: ['negative'] }, { assignTo: 'user-1', priority: 'urgent' }),
  ];
  const decisions = evaluateInboxRules(rules, subject());
  assert.deepEqual(
    decisions.map((decision) => [decision.ruleId, decision.action, 'value' in decision ? decision.value : null]),
    [
      ['spam', 'spam', null],
      ['spam', 'tag', 'scam'],
      ['hide-spam', 'priority', 'low'],
      ['hide-spam', 'hide', null],
      ['assign', 'assign', 'user-1'],
      ['assign', 'priority', 'urgent'],
    ],
  );
});

test('disabled rules and rules that do not match decide nothing', () => {
  const rules = [
    { ...rule('off', { keywords: ['arnaque'] }, { hide: true }), enabled: false },
    rule('english', { languages: ['en'] }, { tags: ['english'] }),
  ];
  assert.deepEqual(evaluateInboxRules(rules, subject()), []);
});
