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

/** The dashboards' daily rollup in the workspace's zone (migration 0006). */
/** Freshness of the figures read from the networks, per channel (migration 0021). */
export type MetricCollectionsTable = {
  channel_id: string;
  workspace_id: string;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  last_failure: string | null;
  publications_read: Generated<number>;
};

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

/** The media library (migration 0015): files on disk by SHA-256, described here. */
export type MediaAssetsTable = {
  id: Generated<string>;
  workspace_id: string;
  kind: 'image' | 'video' | 'document';
  mime_type: string;
  sha256: string;
  byte_length: ColumnType<string | number, number, number>;
  width: number | null;
  height: number | null;
  duration_seconds: number | null;
  thumbnail_sha256: string | null;
  alt_text: Generated<string>;
  tags: Generated<string[]>;
  original_name: string;
  source_url: string | null;
  uploaded_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type MediaRenditionsTable = {
  id: Generated<string>;
  workspace_id: string;
  media_id: string;
  aspect: string;
  mime_type: string;
  sha256: string;
  byte_length: ColumnType<string | number, number, number>;
  width: number;
  height: number;
  created_at: CreatedAt;
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

/** A client (brand) of an agency workspace; its channels carry its id (migration 0018). */
export type ClientsTable = {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

/** One client or one channel of a scoped member's scope. */
export type MemberScopeEntriesTable = {
  workspace_id: string;
  user_id: string;
  client_id: string | null;
  channel_id: string | null;
};
