import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

export type UsersTable = {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  locale: Generated<'fr' | 'en'>;
  is_instance_admin: Generated<boolean>;
  created_at: CreatedAt;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type WorkspacesTable = {
  id: Generated<string>;
  name: string;
  time_zone: string;
  locale: Generated<'fr' | 'en'>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
};

export type MembershipsTable = {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: CreatedAt;
};

export type SessionsTable = {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
};

export type InvitationsTable = {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
};

export type ApiTokensTable = {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  name: string;
  role: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
};

export type AuditLogTable = {
  id: Generated<string>;
  workspace_id: string | null;
  actor_user_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  outcome: 'success' | 'denied' | 'failure';
  details: Json;
  created_at: CreatedAt;
  /** Write order, for rows with the same created_at. */
  seq: Generated<string>;
};

export type RateLimitWindowsTable = { bucket: string; key: string; window_start: Timestamp; hits: number };
export type RateLimitEventsTable = { bucket: string; key: string; at: Timestamp };
export type InstanceSettingsTable = { key: string; value: Json };
export type SchemaMigrationsTable = { version: string; applied_at: CreatedAt };

export type ChannelsTable = {
  id: Generated<string>;
  workspace_id: string;
  network: string;
  network_account_id: string;
  display_name: string;
  instance_url: string | null;
  access_token_encrypted: string;
  refresh_token_encrypted: string | null;
  token_expires_at: NullableTimestamp;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<'active' | 'needs_reconnect' | 'disconnected'>;
  last_success_at: NullableTimestamp;
  last_error_at: NullableTimestamp;
  last_error: string | null;
  blocked_until: NullableTimestamp;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type OauthStatesTable = {
  state_hash: string;
  workspace_id: string;
  user_id: string;
  network: string;
  code_verifier_encrypted: string | null;
  instance_url: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
};

export type PostsTable = {
  id: Generated<string>;
  workspace_id: string;
  author_id: string | null;
  text: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type PublicationsTable = {
  id: Generated<string>;
  workspace_id: string;
  post_id: string;
  channel_id: string;
  state: string;
  scheduled_at: NullableTimestamp;
  time_zone: string | null;
  local_date: string | null;
  local_time: string | null;
  fence: Generated<number>;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  network_post_id: string | null;
  url: string | null;
  published_at: NullableTimestamp;
  failure_reason: string | null;
  failure_retryable: boolean | null;
  claimed_at: NullableTimestamp;
  claimed_by: string | null;
  /** PublicationContent (packages/contracts/src/posts.ts); null on rows from before migration 0004. */
  content: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type PublicationAttemptsTable = {
  id: Generated<string>;
  sequence: Generated<string>;
  workspace_id: string;
  publication_id: string;
  fence: number;
  kind: 'publish' | 'reconcile' | 'refresh';
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  outcome: string | null;
  reason: string | null;
  network_post_id: string | null;
};

export type NotificationsTable = {
  id: Generated<string>;
  workspace_id: string;
  user_id: string | null;
  role: string | null;
  kind: string;
  message: string;
  subject_type: string | null;
  subject_id: string | null;
  created_at: CreatedAt;
  read_at: NullableTimestamp;
};

export type DB = {
  posts: PostsTable;
  publications: PublicationsTable;
  publication_attempts: PublicationAttemptsTable;
  notifications: NotificationsTable;
  channels: ChannelsTable;
  oauth_states: OauthStatesTable;
  users: UsersTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  rate_limit_windows: RateLimitWindowsTable;
  rate_limit_events: RateLimitEventsTable;
  instance_settings: InstanceSettingsTable;
  schema_migrations: SchemaMigrationsTable;
};
