import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './columns.ts';

export type ListeningQueriesTable = {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  text: string;
  kind: 'brand' | 'competitor' | 'topic';
  active: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type MentionsTable = {
  id: Generated<string>;
  workspace_id: string;
  source: string;
  network_id: string;
  author: string | null;
  text: string;
  lang: string;
  sentiment: 'negative' | 'neutral' | 'positive';
  sentiment_score: number;
  url: string | null;
  country: string | null;
  published_at: Timestamp;
  collected_at: Timestamp;
  reach: number | null;
  cluster_key: string;
};

export type MentionMatchesTable = {
  workspace_id: string;
  query_id: string;
  mention_id: string;
  published_at: Timestamp;
  sentiment: 'negative' | 'neutral' | 'positive';
};

export type ListeningAlertsTable = {
  id: Generated<string>;
  workspace_id: string;
  query_id: string;
  kind: 'volume' | 'negative_share';
  severity: 'notice' | 'warning' | 'critical';
  window_start: Timestamp;
  window_end: Timestamp;
  observed: number;
  expected: number;
  score: number;
  status: Generated<'open' | 'acknowledged' | 'resolved'>;
  raised_at: Timestamp;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};
