import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BusinessHours } from '../analytics/community-kpis.ts';
import { inboxConversations, inboxKpis, type InboxActivityRow } from './inbox-kpis.ts';
import { messagingWindow } from './messaging-window.ts';

// Paris, November 2026 (UTC+1): Friday 27, weekend 28-29, Monday 30. Open 09:00-12:00 and 14:00-18:00.
const hours: BusinessHours = {
  timeZone: 'Europe/Paris',
  weekly: Object.fromEntries(
    [1, 2, 3, 4, 5].map((day) => [
      day,
      [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
    ]),
  ),
};

const row = (
  itemId: string,
  channelId: string,
  threadKey: string,
  createdAt: string,
  reply?: { by: string; at: string },
  assigneeId: string | null = null,
): InboxActivityRow => ({
  itemId,
  channelId,
  threadKey,
  createdAt: new Date(createdAt),
  assigneeId,
  replyAuthorId: reply?.by ?? null,
  replySentAt: reply ? new Date(reply.at) : null,
});

// Hand-computed, in business minutes:
// A  Fri 17:30 -> Mon 09:45 Paris: 30 (Friday) + 45 (Monday) = 75, answered by u1.
// B  Sat 11:00 -> Mon 14:30 Paris: 180 (Monday morning) + 30 = 210, answered by u2.
// C  Mon 11:50 -> Mon 14:10 Paris (reply on the thread's second item): 10 + 10 = 20, answered by u1.
// D  Fri 10:00 Paris, unanswered, assigned to u2.
const rows = [
  row('a1', 'c1', 'post:1', '2026-11-27T16:30:00Z', { by: 'u1', at: '2026-11-30T08:45:00Z' }),
  row('b1', 'c1', 'post:2', '2026-11-28T10:00:00Z', { by: 'u2', at: '2026-11-30T13:30:00Z' }),
  row('c1', 'c2', 'dm:9', '2026-11-30T10:50:00Z'),
  row('c2', 'c2', 'dm:9', '2026-11-30T11:30:00Z', { by: 'u1', at: '2026-11-30T13:10:00Z' }),
  row('d1', 'c2', 'post:3', '2026-11-27T09:00:00Z', undefined, 'u2'),
];

test('groups items by thread: received at the first item, answered at the first reply', () => {
  const conversations = inboxConversations(rows);
  assert.equal(conversations.length, 4);
  const dm = conversations.find((one) => one.threadKey === 'dm:9')!;
  assert.equal(dm.receivedAt.toISOString(), '2026-11-30T10:50:00.000Z');
  assert.equal(dm.firstReplyAt?.toISOString(), '2026-11-30T13:10:00.000Z');
  assert.equal(conversations.find((one) => one.threadKey === 'post:3')!.agentId, 'u2');
});

test('first response in business hours across a weekend matches the hand-computed fixture', () => {
  const kpis = inboxKpis(inboxConversations(rows), hours);
  assert.equal(kpis.overall.conversations, 4);
  assert.deepEqual(kpis.overall.responseRate, { kind: 'value', value: 0.75 });
  assert.equal(kpis.overall.medianFirstResponseMinutes.kind, 'value');
  assert.equal((kpis.overall.medianFirstResponseMinutes as { value: number }).value, 75);

  const channel = (id: string) => kpis.byChannel.find((one) => one.channelId === id)!;
  assert.equal((channel('c1').medianFirstResponseMinutes as { value: number }).value, 142.5);
  assert.deepEqual(channel('c2').responseRate, { kind: 'value', value: 0.5 });
  assert.equal((channel('c2').medianFirstResponseMinutes as { value: number }).value, 20);

  const agent = (id: string) => kpis.byAgent.find((one) => one.agentId === id)!;
  assert.equal((agent('u1').medianFirstResponseMinutes as { value: number }).value, 47.5);
  assert.deepEqual(agent('u2').responseRate, { kind: 'value', value: 0.5 });
  assert.equal((agent('u2').medianFirstResponseMinutes as { value: number }).value, 210);
});

test('no conversation: the rate is undefined, never 0', () => {
  const kpis = inboxKpis([], hours);
  assert.equal(kpis.overall.conversations, 0);
  assert.notEqual(kpis.overall.responseRate.kind, 'value');
  assert.equal(kpis.overall.medianFirstResponseMinutes.kind, 'undefined');
});

test('a DM may be answered up to 24 hours after the last message, not a second later', () => {
  const last = new Date('2026-05-01T10:00:00Z');
  assert.equal(messagingWindow(last, new Date('2026-05-02T10:00:00Z')).open, true);
  assert.equal(messagingWindow(last, new Date('2026-05-02T10:00:01Z')).open, false);
});

test("a conversation's sentiment is its items' majority label, a tie going to the more negative", () => {
  const labelled = [
    { ...row('s1', 'c1', 'post:9', '2026-11-27T09:00:00Z'), sentiment: 'positive' as const },
    { ...row('s2', 'c1', 'post:9', '2026-11-27T09:05:00Z'), sentiment: 'positive' as const },
    { ...row('s3', 'c1', 'post:9', '2026-11-27T09:10:00Z'), sentiment: 'negative' as const },
    { ...row('t1', 'c1', 'post:8', '2026-11-27T09:00:00Z'), sentiment: 'neutral' as const },
    { ...row('t2', 'c1', 'post:8', '2026-11-27T09:05:00Z'), sentiment: 'negative' as const },
    { ...row('u1', 'c1', 'post:7', '2026-11-27T09:00:00Z'), sentiment: null },
  ];
  const kpis = inboxKpis(inboxConversations(labelled), hours);
  assert.deepEqual(kpis.overall.sentiment, { negative: 1, neutral: 0, positive: 1, unknown: 1 });
});
