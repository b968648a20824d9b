import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './columns.ts';

/** The unified inbox (migration 0009). */
export type InboxItemsTable = {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  network: string;
  network_item_id: string;
  kind: 'comment' | 'reply' | 'mention' | 'dm' | 'review';
  thread_key: string;
  parent_network_id: string | null;
  author_network_id: string;
  author_name: string;
  author_handle: string | null;
  text: string;
  rating: number | null;
  url: string | null;
  reply_context: Json;
  created_at: Timestamp;
  received_at: Timestamp;
  status: Generated<'open' | 'pending' | 'closed'>;
  assignee_id: string | null;
  tags: Generated<string[]>;
  lang: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  sentiment_score: number | null;
  hidden: Generated<boolean>;
  /** Migration 0019. */
  spam: Generated<boolean>;
  priority: 'low' | 'normal' | 'high' | 'urgent' | null;
  rules_applied_at: Timestamp | null;
};

export type InboxRepliesTable = {
  id: Generated<string>;
  workspace_id: string;
  item_id: string;
  author_id: string | null;
  text: string;
  network_reply_id: string;
  sent_at: Timestamp;
};

export type InboxNotesTable = {
  id: Generated<string>;
  workspace_id: string;
  item_id: string;
  author_id: string | null;
  text: string;
  created_at: Timestamp;
};

export type WebhookDeliveriesTable = {
  id: Generated<string>;
  source: string;
  body_sha256: string;
  body: Json;
  received_at: Timestamp;
  processed_at: NullableTimestamp;
};

export type InboxCursorsTable = {
  channel_id: string;
  workspace_id: string;
  cursor: string | null;
  polled_at: Timestamp;
  last_error: string | null;
};

export type InboxEscalationRulesTable = {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  threshold: number;
  window_minutes: number;
  severity: 'notice' | 'warning' | 'crisis';
  recipients: ColumnType<string[], string[] | undefined, string[]>;
  webhook_url: string | null;
  enabled: Generated<boolean>;
  created_at: Date;
  updated_at: Date;
};

export type InboxEscalationsTable = {
  id: Generated<string>;
  workspace_id: string;
  rule_id: string;
  window_start: Date;
  triggered_at: Date;
  negative_count: number;
  severity: string;
  emails_sent: Generated<number>;
  email_error: string | null;
  webhook_status: 'sent' | 'failed' | 'refused' | null;
  webhook_error: string | null;
};
