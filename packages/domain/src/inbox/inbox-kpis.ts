/**
 * The inbox's community KPIs of docs/metrics.md, by channel and by agent: conversations received, response
 * rate and the median first response in business minutes. The formulas are `responseRate` and
 * `medianFirstResponseMinutes`; this file only groups the inbox's rows into conversations.
 */
import { medianFirstResponseMinutes, responseRate, type BusinessHours } from '../analytics/community-kpis.ts';
import type { MetricResult, Ratio } from '../analytics/metric-result.ts';
import type { SentimentLabel } from '../listening/text-analysis.ts';

/** One inbound item and, when answered from Sillage, one of its replies (a row per reply). */
export type InboxActivityRow = {
  itemId: string;
  channelId: string;
  threadKey: string;
  createdAt: Date;
  assigneeId: string | null;
  replyAuthorId: string | null;
  replySentAt: Date | null;
  /** The item's sentiment from the listening analyzer; null when it was not analysed (an empty text). */
  sentiment?: SentimentLabel | null;
};

/** A conversation: the items of one thread of one channel, from its first inbound item to its first reply. */
export type InboxConversation = {
  channelId: string;
  threadKey: string;
  receivedAt: Date;
  firstReplyAt?: Date;
  /** Who answered first; when unanswered, who it is assigned to; null when nobody. */
  agentId: string | null;
  /** The label most of its analysed items carry (a tie goes to the more negative label); null when none was. */
  sentiment?: SentimentLabel | null;
};

const labelsByConcern: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** The majority label of a conversation's items, each item counted once; ties go to the more negative. */
function conversationSentiment(thread: readonly InboxActivityRow[]): SentimentLabel | null {
  const byItem = new Map<string, SentimentLabel>();
  for (const row of thread) if (row.sentiment) byItem.set(row.itemId, row.sentiment);
  if (byItem.size === 0) return null;
  const counts = labelsByConcern.map((label) => [...byItem.values()].filter((value) => value === label).length);
  const best = Math.max(...counts);
  return labelsByConcern[counts.indexOf(best)] ?? null;
}

/**
 * Groups rows into conversations (channel + thread): received at the first inbound item, answered at the
 * first reply sent at or after it.
 * @example inboxConversations([{ itemId: 'i', channelId: 'c', threadKey: 't', createdAt, assigneeId: null, replyAuthorId: 'u', replySentAt }])
 */
export function inboxConversations(rows: readonly InboxActivityRow[]): InboxConversation[] {
  const threads = new Map<string, InboxActivityRow[]>();
  for (const row of rows) {
    const key = `${row.channelId}\u0000${row.threadKey}`;
    threads.set(key, [...(threads.get(key) ?? []), row]);
  }
  return [...threads.values()].map((thread) => {
    const receivedAt = new Date(Math.min(...thread.map((row) => row.createdAt.getTime())));
    const first = thread
      .filter((row) => row.replySentAt !== null && row.replySentAt.getTime() >= receivedAt.getTime())
      .sort((a, b) => a.replySentAt!.getTime() - b.replySentAt!.getTime())[0];
    const assignee = thread.find((row) => row.assigneeId !== null)?.assigneeId ?? null;
    return {
      channelId: thread[0]!.channelId,
      threadKey: thread[0]!.threadKey,
      receivedAt,
      ...(first ? { firstReplyAt: first.replySentAt! } : {}),
      agentId: first?.replyAuthorId ?? assignee,
      sentiment: conversationSentiment(thread),
    };
  });
}

export type InboxKpis = {
  conversations: number;
  answered: number;
  responseRate: MetricResult<Ratio>;
  medianFirstResponseMinutes: MetricResult<number>;
  /** Conversations by sentiment (`unknown`: none of their items was analysed). */
  sentiment: Record<SentimentLabel | 'unknown', number>;
};

function kpisOf(conversations: readonly InboxConversation[], hours: BusinessHours): InboxKpis {
  const answered = conversations.filter((conversation) => conversation.firstReplyAt !== undefined).length;
  return {
    conversations: conversations.length,
    answered,
    responseRate: responseRate({ answered, conversations: conversations.length }),
    medianFirstResponseMinutes: medianFirstResponseMinutes(conversations, hours),
    sentiment: {
      negative: conversations.filter((conversation) => conversation.sentiment === 'negative').length,
      neutral: conversations.filter((conversation) => conversation.sentiment === 'neutral').length,
      positive: conversations.filter((conversation) => conversation.sentiment === 'positive').length,
      unknown: conversations.filter((conversation) => !conversation.sentiment).length,
    },
  };
}

function groupBy(conversations: readonly InboxConversation[], key: (conversation: InboxConversation) => string) {
  const groups = new Map<string, InboxConversation[]>();
  for (const conversation of conversations)
    groups.set(key(conversation), [...(groups.get(key(conversation)) ?? []), conversation]);
  return groups;
}

/**
 * Volume, response rate and median first response in business hours, overall, by channel and by agent
 * (conversations nobody answered nor was assigned fall under agent `null`).
 * @example inboxKpis(conversations, { timeZone: 'Europe/Paris', weekly: { 1: [{ start: '09:00', end: '18:00' }] } }).overall.answered
 */
export function inboxKpis(conversations: readonly InboxConversation[], hours: BusinessHours) {
  return {
    overall: kpisOf(conversations, hours),
    byChannel: [...groupBy(conversations, (conversation) => conversation.channelId)].map(([channelId, group]) => ({
      channelId,
      ...kpisOf(group, hours),
    })),
    byAgent: [...groupBy(conversations, (conversation) => conversation.agentId ?? '')].map(([agentId, group]) => ({
      agentId: agentId === '' ? null : agentId,
      ...kpisOf(group, hours),
    })),
  };
}
