import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

/** What a source reported for a channel or a publication over an hour, a day or a lifetime (migration 0006). */
export type MetricObservationsTable = {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  publication_id: string | null;
  metric: string;
  granularity: 'hour' | 'day' | 'lifetime';
  bucket_start: Timestamp;
  /** null: the source does not report this figure ("not reported", never 0). */
  value: number | null;
  delivery: 'organic' | 'paid';
  source: string;
  collected_at: Timestamp;
};

/** Freshness of the figures read from the networks, per channel (migration 0021). */
export type MetricCollectionsTable = {
  channel_id: string;
  workspace_id: string;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  last_failure: string | null;
  publications_read: Generated<number>;
};

/** The dashboards' daily rollup in the workspace's zone (migration 0006). */
export type MetricDailyTable = {
  workspace_id: string;
  local_date: ColumnType<string, string, string>;
  channel_id: string;
  publication_id: string | null;
  metric: string;
  delivery: 'organic' | 'paid';
  value: number | null;
  reported_count: number;
  not_reported_count: number;
  sources: string[];
};
