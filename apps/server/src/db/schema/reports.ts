import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.ts';

/** Saved analytics reports and their deliveries (migration 0017). */
export type AnalyticsReportsTable = {
  id: Generated<string>;
  workspace_id: string;
  title: string;
  language: 'fr' | 'en';
  period: 'last_7_days' | 'last_28_days' | 'last_calendar_month';
  kpis: string[];
  sections: string[];
  commentary: Generated<string>;
  recipients: ColumnType<string[], string[] | undefined, string[]>;
  brand_color: Generated<string>;
  agency_name: string | null;
  logo_data_url: string | null;
  schedule_kind: Generated<'none' | 'weekly' | 'monthly'>;
  schedule_weekday: number | null;
  schedule_day_of_month: number | null;
  schedule_time: string | null;
  schedule_since: NullableTimestamp;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AnalyticsReportDeliveriesTable = {
  id: Generated<string>;
  workspace_id: string;
  report_id: string;
  trigger: 'schedule' | 'manual';
  occurrence: string;
  due_at: Timestamp;
  period_start: string;
  period_end: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: Generated<number>;
  sent_to: ColumnType<string[], string[] | undefined, string[]>;
  error: string | null;
  next_attempt_at: NullableTimestamp;
  claimed_until: NullableTimestamp;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
};
