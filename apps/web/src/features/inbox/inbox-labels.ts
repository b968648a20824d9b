import type { InboxItemView } from '@sillage/contracts';
import type { z } from 'zod';
import type { MessageKey } from '../../i18n/i18n.tsx';

type Item = z.infer<typeof InboxItemView>;

export const kindKeys: Record<Item['kind'], MessageKey> = {
  comment: 'inbox.kind.comment',
  reply: 'inbox.kind.reply',
  mention: 'inbox.kind.mention',
  dm: 'inbox.kind.dm',
  review: 'inbox.kind.review',
};
export const statusKeys: Record<Item['status'], MessageKey> = {
  open: 'inbox.status.open',
  pending: 'inbox.status.pending',
  closed: 'inbox.status.closed',
};
export const sentimentKeys: Record<NonNullable<Item['sentiment']>, MessageKey> = {
  negative: 'inbox.sentiment.negative',
  neutral: 'inbox.sentiment.neutral',
  positive: 'inbox.sentiment.positive',
};
export const priorityKeys: Record<NonNullable<Item['priority']>, MessageKey> = {
  low: 'inbox.priority.low',
  normal: 'inbox.priority.normal',
  high: 'inbox.priority.high',
  urgent: 'inbox.priority.urgent',
};
export const ruleActionKeys: Record<'hide' | 'tag' | 'assign' | 'priority' | 'spam', MessageKey> = {
  hide: 'inbox.ruleAction.hide',
  tag: 'inbox.ruleAction.tag',
  assign: 'inbox.ruleAction.assign',
  priority: 'inbox.ruleAction.priority',
  spam: 'inbox.ruleAction.spam',
};

export const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
