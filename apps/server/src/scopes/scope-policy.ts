/**
 * How each workspace route treats a scoped member (docs/governance.md). Every workspace route must be listed here:
 * the gate refuses an unlisted route to scoped members (fail closed), and scopes.db.test.ts fails on it.
 * - guarded: the gate checks every channel, post, inbox item and client the request names (path, query, body);
 * - filtered: the gate checks named ids, and the service keeps only in-scope rows in its answer;
 * - neutral: no channel-linked data (the reason says why);
 * - unscoped: refused to scoped members (403), with the reason shown.
 */
export type ScopePolicy =
  | { kind: 'guarded' }
  | { kind: 'filtered'; how: string }
  | { kind: 'neutral'; reason: string }
  | { kind: 'unscoped'; reason: string };

const guarded: ScopePolicy = { kind: 'guarded' };
const filtered = (how: string): ScopePolicy => ({ kind: 'filtered', how });
const neutral = (reason: string): ScopePolicy => ({ kind: 'neutral', reason });
const unscoped = (reason: string): ScopePolicy => ({ kind: 'unscoped', reason });

const settings = neutral('workspace settings and membership, no channel-linked data');
const strategy = neutral('the strategy plan and editorial line are the workspace’s, shared by all its clients');
const listening = neutral(
  'listening queries watch public conversations for the whole workspace, not a channel (decided: workspace-wide)',
);
const clientsChange = unscoped('only members who see the whole workspace change clients and their channels');
const crisisRoom = neutral('a crisis follows listening alerts, which are workspace-wide (decided, as for listening)');
const statements = unscoped(
  'a holding statement may go out on any channel of the workspace; unscoped members draft and publish them',
);
const workspaceReports = unscoped('saved reports cover the whole workspace’s figures; scoped members export their own');
const media = neutral(
  'the media library is shared by the workspace’s clients; a post using a medium is checked itself',
);
const W = '/api/workspaces/:workspaceId';

export const scopePolicies: Readonly<Record<string, ScopePolicy>> = {
  [`GET ${W}`]: settings,
  [`PATCH ${W}`]: settings,
  [`GET ${W}/me`]: settings,
  [`GET ${W}/members`]: settings,
  [`PATCH ${W}/members/:userId`]: settings,
  [`DELETE ${W}/members/:userId`]: settings,
  [`GET ${W}/roles`]: settings,
  [`POST ${W}/roles`]: settings,
  [`PUT ${W}/roles/:roleId`]: settings,
  [`DELETE ${W}/roles/:roleId`]: settings,
  [`PUT ${W}/members/:userId/custom-role`]: settings,
  [`GET ${W}/invitations`]: settings,
  [`POST ${W}/invitations`]: settings,
  [`DELETE ${W}/invitations/:invitationId`]: settings,
  [`GET ${W}/api-tokens`]: neutral('the caller’s own tokens; a token acts with its owner’s scope'),
  [`POST ${W}/api-tokens`]: neutral('the caller’s own tokens; a token acts with its owner’s scope'),
  [`DELETE ${W}/api-tokens/:tokenId`]: neutral('the caller’s own tokens; a token acts with its owner’s scope'),
  [`GET ${W}/audit-log`]: unscoped('the audit trail records every client’s changes; only unscoped members read it'),
  [`GET ${W}/channels`]: filtered('only the channels of the scope'),
  [`POST ${W}/channels/connect`]: unscoped(
    'a new channel belongs to no client yet; an unscoped member connects it and puts it under a client',
  ),
  [`POST ${W}/channels/bluesky`]: unscoped(
    'a new channel belongs to no client yet; an unscoped member connects it and puts it under a client',
  ),
  [`DELETE ${W}/channels/:channelId`]: guarded,
  [`GET ${W}/calendar`]: filtered('only posts whose every channel is in the scope'),
  [`POST ${W}/posts/:postId/reschedule`]: guarded,
  [`POST ${W}/posts/:postId/recurrence`]: guarded,
  [`GET ${W}/posts/:postId/occurrences`]: guarded,
  [`POST ${W}/calendar/feed`]: unscoped('the calendar feed is a public link to the whole workspace’s calendar'),
  [`POST ${W}/posts/import`]: unscoped('the CSV import names channels by text; scoped members create posts one by one'),
  [`GET ${W}/posts`]: filtered('only posts whose every channel is in the scope'),
  [`POST ${W}/posts`]: guarded,
  [`POST ${W}/posts/validate`]: guarded,
  [`GET ${W}/posts/:postId`]: guarded,
  [`POST ${W}/posts/:postId/schedule`]: guarded,
  [`POST ${W}/posts/:postId/publish-now`]: guarded,
  [`POST ${W}/posts/:postId/retry`]: guarded,
  [`POST ${W}/posts/:postId/cancel`]: guarded,
  [`GET ${W}/notifications`]: filtered('only notices about the scope’s channels and posts, or about no channel'),
  [`POST ${W}/notifications/:notificationId/read`]: neutral('marks one of the caller’s own notices read'),
  [`GET ${W}/approval-policy`]: neutral('the approval chain is a workspace setting'),
  [`PUT ${W}/approval-policy`]: neutral('the approval chain is a workspace setting'),
  [`GET ${W}/editorial-line`]: strategy,
  [`PUT ${W}/editorial-line`]: strategy,
  [`GET ${W}/posts/:postId/approval`]: guarded,
  [`POST ${W}/posts/:postId/approval/submit`]: guarded,
  [`POST ${W}/posts/:postId/approval/decision`]: guarded,
  [`POST ${W}/posts/:postId/approval/links`]: guarded,
  [`POST ${W}/strategy/plan`]: strategy,
  [`GET ${W}/strategy/plan`]: strategy,
  [`GET ${W}/strategy/plan/versions`]: strategy,
  [`POST ${W}/strategy/plan/versions`]: strategy,
  [`GET ${W}/strategy/plan/versions/:version`]: strategy,
  [`GET ${W}/strategy/plan/diff`]: strategy,
  [`GET ${W}/strategy/plan/export.md`]: strategy,
  [`GET ${W}/strategy/plan/export.pdf`]: strategy,
  [`GET ${W}/listening/queries`]: listening,
  [`POST ${W}/listening/queries`]: listening,
  [`PATCH ${W}/listening/queries/:queryId`]: listening,
  [`DELETE ${W}/listening/queries/:queryId`]: listening,
  [`GET ${W}/listening/mentions`]: listening,
  [`GET ${W}/listening/queries/:queryId/series`]: listening,
  [`GET ${W}/listening/share-of-voice`]: listening,
  [`GET ${W}/listening/top`]: listening,
  [`GET ${W}/listening/alerts`]: listening,
  [`PATCH ${W}/listening/alerts/:alertId`]: listening,
  [`GET ${W}/inbox/items`]: filtered('only items received on the scope’s channels'),
  [`GET ${W}/inbox/items/:itemId`]: guarded,
  [`PATCH ${W}/inbox/items/:itemId`]: guarded,
  [`POST ${W}/inbox/items/:itemId/notes`]: guarded,
  [`POST ${W}/inbox/items/:itemId/replies`]: guarded,
  [`POST ${W}/inbox/items/:itemId/hidden`]: guarded,
  [`GET ${W}/inbox/kpis`]: filtered('computed from the items of the scope’s channels only'),
  [`GET ${W}/inbox/escalation-rules`]: neutral('escalation rules are a workspace setting'),
  [`PUT ${W}/inbox/escalation-rules`]: neutral('escalation rules are a workspace setting'),
  [`GET ${W}/analytics/overview`]: filtered('figures, channels and posts of the scope’s channels only'),
  [`GET ${W}/analytics/posts/:postId`]: guarded,
  [`GET ${W}/analytics/export`]: filtered('the overview’s tables, of the scope’s channels only'),
  [`POST ${W}/analytics/reports/send`]: unscoped(
    'the e-mailed report covers the whole workspace; scoped members export their own tables as CSV',
  ),
  [`GET ${W}/links`]: unscoped('tracked links are not tied to a channel yet; only unscoped members list them'),
  [`POST ${W}/links`]: unscoped('tracked links are not tied to a channel yet; only unscoped members make them'),
  [`GET ${W}/links/utm-conventions`]: neutral('the UTM naming rules are a workspace setting'),
  [`PUT ${W}/links/utm-conventions`]: neutral('the UTM naming rules are a workspace setting'),
  [`GET ${W}/site-keys`]: neutral('site keys identify the workspace’s web sites, not a channel'),
  [`POST ${W}/site-keys`]: neutral('site keys identify the workspace’s web sites, not a channel'),
  [`POST ${W}/site-keys/:siteKeyId/revoke`]: neutral('site keys identify the workspace’s web sites, not a channel'),
  [`POST ${W}/conversions/import`]: neutral('conversion events are the web sites’ own, not a channel’s'),
  [`GET ${W}/conversions/attribution`]: unscoped(
    'attribution compares every channel and campaign of the workspace; only unscoped members read it',
  ),
  [`GET ${W}/crises`]: crisisRoom,
  [`POST ${W}/crises`]: crisisRoom,
  [`GET ${W}/crises/:crisisId`]: crisisRoom,
  [`PATCH ${W}/crises/:crisisId`]: crisisRoom,
  [`POST ${W}/crises/:crisisId/notes`]: crisisRoom,
  [`POST ${W}/crises/:crisisId/close`]: crisisRoom,
  [`GET ${W}/crises/:crisisId/postmortem.pdf`]: crisisRoom,
  [`POST ${W}/crises/:crisisId/statements`]: statements,
  [`POST ${W}/crises/:crisisId/statements/:statementId/submit`]: statements,
  [`POST ${W}/crises/:crisisId/statements/:statementId/decision`]: statements,
  [`POST ${W}/crises/:crisisId/statements/:statementId/publish`]: statements,
  [`GET ${W}/publishing-pause`]: neutral('whether the workspace’s publishing is paused: a workspace switch'),
  [`POST ${W}/publishing-pause`]: unscoped('the pause stops every client’s publishing'),
  [`POST ${W}/publishing-pause/resume`]: unscoped('resuming releases every client’s held publications'),
  [`GET ${W}/inbox/rules`]: neutral('moderation rules are a workspace setting'),
  [`PUT ${W}/inbox/rules`]: neutral('moderation rules are a workspace setting'),
  [`POST ${W}/inbox/rules/dry-run`]: unscoped('the dry run lists the matching items of every channel'),
  [`GET ${W}/inbox/saved-replies`]: neutral('saved replies are the workspace’s text templates, not channel data'),
  [`POST ${W}/inbox/saved-replies`]: neutral('saved replies are the workspace’s text templates, not channel data'),
  [`PUT ${W}/inbox/saved-replies/:savedReplyId`]: neutral('saved replies are the workspace’s text templates'),
  [`DELETE ${W}/inbox/saved-replies/:savedReplyId`]: neutral('saved replies are the workspace’s text templates'),
  [`GET ${W}/inbox/items/:itemId/saved-replies/:savedReplyId`]: guarded,
  [`PUT ${W}/inbox/items/:itemId/presence`]: guarded,
  [`DELETE ${W}/inbox/items/:itemId/presence`]: guarded,
  [`GET ${W}/reports`]: neutral('report definitions (title, KPIs, schedule, recipients) hold no channel data'),
  [`GET ${W}/reports/:reportId`]: neutral(
    'report definitions (title, KPIs, schedule, recipients) hold no channel data',
  ),
  [`POST ${W}/reports`]: workspaceReports,
  [`PUT ${W}/reports/:reportId`]: workspaceReports,
  [`DELETE ${W}/reports/:reportId`]: workspaceReports,
  [`GET ${W}/reports/:reportId/pdf`]: workspaceReports,
  [`POST ${W}/reports/:reportId/send`]: workspaceReports,
  [`GET ${W}/analytics/export/xlsx`]: filtered('the overview’s tables, of the scope’s channels only'),
  [`GET ${W}/media`]: media,
  [`POST ${W}/media`]: media,
  [`POST ${W}/media/import`]: media,
  [`GET ${W}/media/:mediaId`]: media,
  [`PATCH ${W}/media/:mediaId`]: media,
  [`DELETE ${W}/media/:mediaId`]: media,
  [`GET ${W}/media/:mediaId/file`]: media,
  [`GET ${W}/media/:mediaId/thumbnail`]: media,
  [`GET ${W}/media/:mediaId/renditions/:aspect`]: media,
  [`GET ${W}/clients`]: filtered('only the clients of the scope'),
  [`POST ${W}/clients`]: clientsChange,
  [`PATCH ${W}/clients/:clientId`]: clientsChange,
  [`DELETE ${W}/clients/:clientId`]: clientsChange,
  [`PUT ${W}/channels/:channelId/client`]: clientsChange,
  [`GET ${W}/member-scopes`]: filtered('the parts of each scope inside the caller’s own'),
  [`PUT ${W}/members/:userId/scope`]: guarded,
};
