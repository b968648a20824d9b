import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './columns.ts';

/** Inbox moderation rules, saved replies and presence (migration 0019). */
export type InboxRulesTable = {
  id: Generated<string>;
  workspace_id: string;
  position: number;
  name: string;
  enabled: Generated<boolean>;
  conditions: Json;
  actions: Json;
  created_at: Date;
  updated_at: Date;
};

export type InboxRuleActionsTable = {
  id: Generated<string>;
  workspace_id: string;
  item_id: string;
  rule_id: string | null;
  rule_name: string;
  action: 'hide' | 'tag' | 'assign' | 'priority' | 'spam';
  value: string | null;
  outcome: 'applied' | 'pending' | 'failed';
  error: string | null;
  applied_at: Timestamp;
  position: Generated<number>;
};

export type InboxSavedRepliesTable = {
  id: Generated<string>;
  workspace_id: string;
  title: string;
  body: string;
  language: 'fr' | 'en' | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type InboxPresenceTable = {
  workspace_id: string;
  item_id: string;
  user_id: string;
  typing: Generated<boolean>;
  seen_at: Timestamp;
  expires_at: Timestamp;
};
