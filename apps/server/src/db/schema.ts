import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, NullableTimestamp, Timestamp } from './schema/columns.ts';
import type {
  InboxRulesTable,
  InboxRuleActionsTable,
  InboxSavedRepliesTable,
  InboxPresenceTable,
} from './schema/inbox-moderation.ts';
import type { AnalyticsReportsTable, AnalyticsReportDeliveriesTable } from './schema/reports.ts';
import type {
  CrisesTable,
  CrisisEventsTable,
  CrisisNotesTable,
  CrisisStatementsTable,
  PublishingPausesTable,
} from './schema/crisis.ts';
import type { MediaAssetsTable, MediaRenditionsTable } from './schema/media.ts';
import type { ClientsTable, MemberScopeEntriesTable } from './schema/scopes.ts';

import type {
  ListeningQueriesTable,
  MentionsTable,
  MentionMatchesTable,
  ListeningAlertsTable,
} from './schema/listening.ts';
import type { MetricObservationsTable, MetricCollectionsTable, MetricDailyTable } from './schema/metrics.ts';
import type {
  InboxItemsTable,
  InboxRepliesTable,
  InboxNotesTable,
  WebhookDeliveriesTable,
  InboxCursorsTable,
  InboxEscalationRulesTable,
  InboxEscalationsTable,
} from './schema/inbox.ts';
import type {
  UtmConventionsTable,
  TrackedLinksTable,
  LinkClicksTable,
  SiteKeysTable,
  ConversionEventsTable,
} from './schema/links.ts';
// The tables of the newer features live in schema/<feature>.ts; the core tables and the `DB` map are here.
export type * from './schema/inbox-moderation.ts';
export type * from './schema/links.ts';
export type * from './schema/inbox.ts';
export type * from './schema/metrics.ts';
export type * from './schema/listening.ts';
export type * from './schema/reports.ts';
export type * from './schema/crisis.ts';
export type * from './schema/media.ts';
export type * from './schema/scopes.ts';

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
  publishing_paused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  publishing_paused_by: ColumnType<string | null, string | null | undefined, string | null>;
  publishing_pause_reason: ColumnType<string | null, string | null | undefined, string | null>;
  publishing_pause_crisis_id: ColumnType<string | null, string | null | undefined, string | null>;
};

export type MembershipsTable = {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: CreatedAt;
  custom_role_id: string | null;
  scoped: Generated<boolean>;
};

export type WorkspaceRolesTable = {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  base_role: string;
  permissions: string[];
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
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
  client_id: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** The recurring series this post is an occurrence of (migration 0010). */
  series_id: ColumnType<string | null, string | null | undefined, string | null>;
  occurrence_index: ColumnType<number | null, number | null | undefined, number | null>;
  /** A paid partnership: the editorial line's sponsored mention is required (migration 0013). */
  sponsored: Generated<boolean>;
  is_ad: Generated<boolean>;
  language: 'fr' | 'en' | null;
};

/** Approvals (migration 0013). */
export type ApprovalPoliciesTable = {
  workspace_id: string;
  policy: Json;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type EditorialLinesTable = {
  workspace_id: string;
  line: Json;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type ApprovalRoundsTable = {
  id: Generated<string>;
  workspace_id: string;
  post_id: string;
  policy: Json;
  status: 'pending' | 'approved' | 'changes_requested' | 'withdrawn';
  submitted_by: string | null;
  submitted_at: CreatedAt;
  closed_at: NullableTimestamp;
};

export type ClientApprovalLinksTable = {
  id: Generated<string>;
  workspace_id: string;
  post_id: string;
  token_hash: string;
  label: string;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
};

export type StrategyPlansTable = {
  id: Generated<string>;
  workspace_id: string;
  current_version: number;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type StrategyPlanVersionsTable = {
  workspace_id: string;
  plan_id: string;
  version: number;
  plan: Json;
  answers: Json;
  kind: 'generated' | 'edited';
  note: ColumnType<string, string | undefined, string>;
  author_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type ApprovalDecisionsTable = {
  id: Generated<string>;
  workspace_id: string;
  round_id: string;
  step: number;
  decision: 'approve' | 'request_changes';
  comment: Generated<string>;
  user_id: string | null;
  link_id: string | null;
  decided_at: CreatedAt;
};

/** A recurring post's rule and first wall clock (migration 0010). */
export type PostSeriesTable = {
  id: Generated<string>;
  workspace_id: string;
  template_post_id: string;
  rrule: string;
  time_zone: string;
  start_date: string;
  start_time: string;
  materialised_until: Timestamp;
  created_by: string | null;
  created_at: CreatedAt;
};

/** A member's secret iCalendar feed URL, stored hashed (migration 0010). */
export type CalendarFeedsTable = {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
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
  media_assets: MediaAssetsTable;
  media_renditions: MediaRenditionsTable;
  crises: CrisesTable;
  crisis_events: CrisisEventsTable;
  crisis_notes: CrisisNotesTable;
  crisis_statements: CrisisStatementsTable;
  publishing_pauses: PublishingPausesTable;
  inbox_items: InboxItemsTable;
  inbox_rules: InboxRulesTable;
  inbox_rule_actions: InboxRuleActionsTable;
  inbox_saved_replies: InboxSavedRepliesTable;
  inbox_presence: InboxPresenceTable;
  inbox_replies: InboxRepliesTable;
  inbox_notes: InboxNotesTable;
  webhook_deliveries: WebhookDeliveriesTable;
  inbox_escalation_rules: InboxEscalationRulesTable;
  inbox_escalations: InboxEscalationsTable;
  inbox_cursors: InboxCursorsTable;
  posts: PostsTable;
  post_series: PostSeriesTable;
  calendar_feeds: CalendarFeedsTable;
  listening_queries: ListeningQueriesTable;
  mentions: MentionsTable;
  mention_matches: MentionMatchesTable;
  listening_alerts: ListeningAlertsTable;
  publications: PublicationsTable;
  publication_attempts: PublicationAttemptsTable;
  notifications: NotificationsTable;
  channels: ChannelsTable;
  oauth_states: OauthStatesTable;
  users: UsersTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  workspace_roles: WorkspaceRolesTable;
  approval_policies: ApprovalPoliciesTable;
  editorial_lines: EditorialLinesTable;
  approval_rounds: ApprovalRoundsTable;
  client_approval_links: ClientApprovalLinksTable;
  approval_decisions: ApprovalDecisionsTable;
  strategy_plans: StrategyPlansTable;
  strategy_plan_versions: StrategyPlanVersionsTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  rate_limit_windows: RateLimitWindowsTable;
  rate_limit_events: RateLimitEventsTable;
  instance_settings: InstanceSettingsTable;
  schema_migrations: SchemaMigrationsTable;
  metric_observations: MetricObservationsTable;
  metric_daily: MetricDailyTable;
  metric_collections: MetricCollectionsTable;
  utm_conventions: UtmConventionsTable;
  tracked_links: TrackedLinksTable;
  link_clicks: LinkClicksTable;
  site_keys: SiteKeysTable;
  conversion_events: ConversionEventsTable;
  clients: ClientsTable;
  member_scope_entries: MemberScopeEntriesTable;
  analytics_reports: AnalyticsReportsTable;
  analytics_report_deliveries: AnalyticsReportDeliveriesTable;
};
