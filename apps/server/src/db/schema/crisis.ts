import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './columns.ts';

export type CrisesTable = {
  id: Generated<string>;
  workspace_id: string;
  title: string;
  severity: 'notice' | 'warning' | 'critical' | 'crisis';
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  query_id: string | null;
  alert_id: string | null;
  owner_id: string | null;
  onset_at: Timestamp;
  opened_at: Timestamp;
  opened_by: string | null;
  closed_at: NullableTimestamp;
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
  summary: ColumnType<string | null, string | null | undefined, string | null>;
  lessons: ColumnType<string | null, string | null | undefined, string | null>;
};

export type CrisisEventsTable = {
  id: Generated<string>;
  workspace_id: string;
  crisis_id: string;
  at: Timestamp;
  actor_id: string | null;
  kind: string;
  details: Json;
  seq: ColumnType<string, never, never>;
};

export type CrisisNotesTable = {
  id: Generated<string>;
  workspace_id: string;
  crisis_id: string;
  author_id: string | null;
  text: string;
  created_at: Timestamp;
};

export type CrisisStatementsTable = {
  id: Generated<string>;
  workspace_id: string;
  crisis_id: string;
  language: 'fr' | 'en';
  text: string;
  channel_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<
    'draft' | 'submitted' | 'approved' | 'rejected' | 'published',
    'draft' | undefined,
    'draft' | 'submitted' | 'approved' | 'rejected' | 'published'
  >;
  post_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  submitted_by: ColumnType<string | null, string | null | undefined, string | null>;
  submitted_at: NullableTimestamp;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: NullableTimestamp;
  decision_comment: ColumnType<string | null, string | null | undefined, string | null>;
  published_by: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: NullableTimestamp;
};

export type PublishingPausesTable = {
  id: Generated<string>;
  workspace_id: string;
  crisis_id: string | null;
  reason: string;
  paused_at: Timestamp;
  paused_by: string | null;
  resumed_at: NullableTimestamp;
  resumed_by: ColumnType<string | null, string | null | undefined, string | null>;
  held_publication_ids: ColumnType<string[], string[] | undefined, string[]>;
};
