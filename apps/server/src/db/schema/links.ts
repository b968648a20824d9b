import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, NullableTimestamp, Timestamp } from './columns.ts';

export type UtmConventionsTable = {
  workspace_id: string;
  lowercase: boolean;
  separator: string;
  allowed_mediums: string[];
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type TrackedLinksTable = {
  id: Generated<string>;
  workspace_id: string;
  code: string;
  destination_url: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_term: string | null;
  utm_content: string | null;
  post_id: string | null;
  publication_id: string | null;
  channel_id: string | null;
  campaign_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
};

export type LinkClicksTable = {
  id: Generated<string>;
  workspace_id: string;
  link_id: string;
  at: Timestamp;
  visitor_id: string;
  ip_hash: string;
  user_agent_class: string;
  referrer_host: string | null;
  is_bot: boolean;
};

export type SiteKeysTable = {
  id: Generated<string>;
  workspace_id: string;
  public_key: string;
  name: string;
  allowed_origins: string[];
  created_by: string | null;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
};

export type ConversionEventsTable = {
  id: Generated<string>;
  workspace_id: string;
  event_id: string;
  type: string;
  value_minor: ColumnType<string | number | bigint | null, number | null, number | null>;
  currency: string | null;
  visitor_id: string;
  occurred_at: Timestamp;
  received_at: Timestamp;
  source: string;
  site_key_id: string | null;
};
