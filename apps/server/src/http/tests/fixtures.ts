import {
  buildPlan,
  defaultEditorialLine,
  permissionMatrix,
  roles,
  type ApprovalPolicy,
  type PlanAnswers,
  type Permission,
  type Role,
} from '@sillage/domain';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { TEST_PASSWORD, TEST_SECRET_KEY, type TestApp } from '../../testing/test-app.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import type { ActorInWorkspace } from '../../services/workspaces.service.ts';
import type { RouteDefinition } from '../route.ts';
import { FAKE_BLUESKY_APP_PASSWORD } from '../../channels/fake-networks.ts';
import { fixtureMediaUrl, sampleUploadForm, seedMediaAsset } from '../../media/testing/media-fixtures.ts';

/** "PATCH /api/workspaces/:workspaceId": how routes are named in the tables below. */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'url'>) => `${route.method} ${route.url}`;

/** The `:names` of a Fastify path, in order. */
export const pathParams = (url: string): string[] => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);

/** Puts values into a Fastify path; a param without a value is a test defect, so it throws. */
export function fillPath(url: string, values: Readonly<Record<string, string>>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${url}`);
    return encodeURIComponent(value);
  });
}

/**
 * Public routes whose path carries a value, and why no tenancy, CSRF or permission rule applies to it.
 * A new public param must be added here with its reason.
 */
export const publicParamReasons: Readonly<Record<string, string>> = {
  token: 'an invitation link is its own secret credential; it names no workspace of the caller',
  file: 'documentation assets are the same static files for everyone',
  network: 'the OAuth callback: the single-use state, bound to the signed-in user and a workspace, is the credential',
  code: "a tracked link's short code is public by design: it is shared on social networks and names no workspace",
  mediaToken:
    "a media's signed address is its own credential (an HMAC of its workspace and id) for networks fetching a file to publish",
};

let counter = 0;
/** A short value unique within the process, for e-mails and names. */
export const unique = () => `${process.pid}-${(counter += 1)}`;

/** An approval chain anyone may decide (any role, or the client), so approval routes can succeed for every caller allowed to call them. */
export const openApprovalPolicy: ApprovalPolicy = {
  enabled: true,
  reapproveOnEdit: true,
  steps: [{ name: 'Anyone', mode: 'any', userIds: [], roles: [...roles], client: true }],
};

/** The answers of the plan builder's done-when: an e-commerce SME, 5,000 EUR a month, awareness and acquisition. */
export const samplePlanAnswers: PlanAnswers = {
  businessType: 'ecommerce',
  size: 'sme',
  objectives: ['awareness', 'acquisition'],
  monthlyBudget: { amountMinor: 500000, currency: 'EUR' },
  channelsUsed: [],
  language: 'fr',
};

type BodyContext = { role: Role; permissions?: readonly Permission[] };
/** A valid body per route that takes one; `role` is the caller's role, for what it may only grant up to itself. */
const sampleBodies: Readonly<Record<string, (context: BodyContext) => unknown>> = {
  'POST /api/workspaces': () => ({ name: `Workspace ${unique()}`, timeZone: 'Europe/Paris', locale: 'en' }),
  'PATCH /api/workspaces/:workspaceId': () => ({ name: `Renamed ${unique()}` }),
  'PATCH /api/workspaces/:workspaceId/members/:userId': () => ({ role: 'editor' }),
  // A custom role granting one permission the caller holds, built on a role every members.manage holder may give.
  'POST /api/workspaces/:workspaceId/roles': ({ role, permissions }) => ({
    name: `Role ${unique()}`,
    baseRole: 'client',
    permissions: [(permissions ?? permissionMatrix[role])[0]],
  }),
  'PUT /api/workspaces/:workspaceId/roles/:roleId': ({ role, permissions }) => ({
    name: `Role ${unique()}`,
    baseRole: 'client',
    permissions: [(permissions ?? permissionMatrix[role])[0]],
  }),
  'PUT /api/workspaces/:workspaceId/members/:userId/custom-role': () => ({ customRoleId: null }),
  'PUT /api/workspaces/:workspaceId/approval-policy': () => ({ ...openApprovalPolicy, enabled: false }),
  'PUT /api/workspaces/:workspaceId/editorial-line': () => defaultEditorialLine('fr'),
  'POST /api/workspaces/:workspaceId/strategy/plan': () => ({ answers: samplePlanAnswers }),
  'POST /api/workspaces/:workspaceId/strategy/plan/versions': () => ({
    plan: buildPlan({ ...samplePlanAnswers, advertisingPercent: 35 }),
    note: `Edit ${unique()}`,
  }),
  'POST /api/workspaces/:workspaceId/posts/:postId/approval/submit': () => ({}),
  'POST /api/workspaces/:workspaceId/posts/:postId/approval/decision': () => ({ decision: 'approve' }),
  'POST /api/workspaces/:workspaceId/posts/:postId/approval/links': () => ({ label: 'Client', expiresInDays: 7 }),
  'POST /api/workspaces/:workspaceId/invitations': () => ({ email: `invitee-${unique()}@example.com`, role: 'editor' }),
  'POST /api/workspaces/:workspaceId/api-tokens': ({ role }) => ({
    name: `token ${unique()}`,
    role,
    expiresInDays: 30,
  }),
  'POST /api/workspaces/:workspaceId/channels/connect': () => ({ network: 'x' }),
  'POST /api/workspaces/:workspaceId/channels/bluesky': () => ({
    identifier: `brand-${unique()}.bsky.social`,
    appPassword: FAKE_BLUESKY_APP_PASSWORD,
  }),
  'POST /api/workspaces/:workspaceId/posts': () => ({ text: `Post ${unique()}`, channelIds: [] }),
  'POST /api/workspaces/:workspaceId/posts/validate': () => ({ text: `Post ${unique()}`, channelIds: [] }),
  'POST /api/workspaces/:workspaceId/listening/queries': () => ({
    name: `Query ${unique()}`,
    text: '"maison lumière" OR #maisonlumiere',
    kind: 'brand',
  }),
  'PATCH /api/workspaces/:workspaceId/listening/queries/:queryId': () => ({ name: `Renamed query ${unique()}` }),
  'PATCH /api/workspaces/:workspaceId/listening/alerts/:alertId': () => ({ status: 'acknowledged' }),
  'POST /api/workspaces/:workspaceId/crises': () => ({ title: `Crisis ${unique()}`, severity: 'warning' }),
  'PATCH /api/workspaces/:workspaceId/crises/:crisisId': () => ({ severity: 'crisis' }),
  'POST /api/workspaces/:workspaceId/crises/:crisisId/notes': () => ({ text: `Note ${unique()}` }),
  'POST /api/workspaces/:workspaceId/crises/:crisisId/close': () => ({ summary: 'Over.', lessons: 'Answer sooner.' }),
  'POST /api/workspaces/:workspaceId/crises/:crisisId/statements': () => ({
    language: 'en',
    text: `We are aware of the issue ${unique()}.`,
    channelIds: [],
  }),
  'POST /api/workspaces/:workspaceId/crises/:crisisId/statements/:statementId/decision': () => ({
    decision: 'approve',
  }),
  'POST /api/workspaces/:workspaceId/publishing-pause': () => ({ reason: 'Crisis' }),
  'POST /api/workspaces/:workspaceId/posts/:postId/schedule': () => ({
    date: '2030-01-15',
    time: '09:00',
    timeZone: 'Europe/Paris',
  }),
  'POST /api/workspaces/:workspaceId/posts/:postId/reschedule': () => ({ date: '2030-01-16' }),
  'POST /api/workspaces/:workspaceId/posts/:postId/recurrence': () => ({ rrule: 'FREQ=WEEKLY;COUNT=8' }),
  'POST /api/workspaces/:workspaceId/posts/import': () => ({ csv: 'date,time,zone,channels,text\n' }),
  'PATCH /api/workspaces/:workspaceId/inbox/items/:itemId': () => ({ status: 'pending', tags: ['seed'] }),
  'POST /api/workspaces/:workspaceId/inbox/items/:itemId/notes': () => ({ text: `Note ${unique()}` }),
  'POST /api/workspaces/:workspaceId/inbox/items/:itemId/replies': () => ({ text: `Reply ${unique()}` }),
  'POST /api/workspaces/:workspaceId/inbox/items/:itemId/hidden': () => ({ hidden: true }),
  'PUT /api/workspaces/:workspaceId/inbox/escalation-rules': () => ({
    rules: [{ name: `Rule ${unique()}`, threshold: 10, windowMinutes: 30, severity: 'warning' }],
  }),
  'PUT /api/workspaces/:workspaceId/inbox/rules': () => ({
    rules: [{ name: `Rule ${unique()}`, conditions: { keywords: ['remboursement'] }, actions: { tags: ['refund'] } }],
  }),
  'POST /api/workspaces/:workspaceId/inbox/rules/dry-run': () => ({
    conditions: { keywords: ['bonjour'] },
    actions: { tags: ['hello'] },
  }),
  'POST /api/workspaces/:workspaceId/inbox/saved-replies': () => ({
    title: `Thanks ${unique()}`,
    body: 'Merci {{author_name}} !',
  }),
  'PUT /api/workspaces/:workspaceId/inbox/saved-replies/:savedReplyId': () => ({
    title: `Thanks ${unique()}`,
    body: 'Merci {{author_name}}, {{agent_name}}',
  }),
  'PUT /api/workspaces/:workspaceId/inbox/items/:itemId/presence': () => ({ typing: true }),
  'POST /api/workspaces/:workspaceId/clients': () => ({ name: `Client ${unique()}` }),
  'PATCH /api/workspaces/:workspaceId/clients/:clientId': () => ({ name: `Renamed client ${unique()}` }),
  'PUT /api/workspaces/:workspaceId/channels/:channelId/client': () => ({ clientId: null }),
  'PUT /api/workspaces/:workspaceId/members/:userId/scope': () => ({ scoped: false, clientIds: [], channelIds: [] }),
  'POST /api/auth/password': () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new long password' }),
  'PATCH /api/me': () => ({ name: `Renamed ${unique()}` }),
  'POST /api/workspaces/:workspaceId/links': () => ({
    destinationUrl: 'https://shop.example/sale?ref=1#top',
    utm: { source: 'Instagram', medium: 'social', campaign: `Sale ${unique()}` },
  }),
  'PUT /api/workspaces/:workspaceId/links/utm-conventions': () => ({
    lowercase: true,
    separator: '-',
    allowedMediums: [],
  }),
  'POST /api/workspaces/:workspaceId/site-keys': () => ({
    name: `Shop ${unique()}`,
    allowedOrigins: ['https://shop.example'],
  }),
  'POST /api/workspaces/:workspaceId/media': () => sampleUploadForm(),
  'POST /api/workspaces/:workspaceId/media/import': () => ({ url: fixtureMediaUrl(), tags: ['imported'] }),
  'PATCH /api/workspaces/:workspaceId/media/:mediaId': () => ({ altText: `Alt ${unique()}`, tags: ['edited'] }),
  'POST /api/workspaces/:workspaceId/reports': () => sampleReportBody([]),
  'PUT /api/workspaces/:workspaceId/reports/:reportId': () => sampleReportBody([]),
  'POST /api/workspaces/:workspaceId/conversions/import': () => ({
    csv: `event_id,type,occurred_at,visitor_id,value,currency\norder-${unique()},purchase,2026-01-05T10:00:00Z,visitor-${unique()},49.90,EUR\n`,
  }),
};

/** A saved report sent every Monday at 09:00 to `recipients` (members of the workspace). */
export function sampleReportBody(recipients: string[]) {
  return {
    title: `Report ${unique()}`,
    language: 'en' as const,
    period: 'last_7_days' as const,
    kpis: ['impressions' as const, 'engagements' as const],
    sections: ['kpis' as const, 'series' as const, 'commentary' as const],
    commentary: 'Seed commentary',
    recipients,
    branding: { brandColor: '#1d4ed8', agencyName: null, logoDataUrl: null },
    schedule: { kind: 'weekly' as const, weekday: 1, time: '09:00' },
  };
}

/** A body the route's own schema accepts, so a refusal is never a 400; throws when the route has no sample yet. */
export function sampleBody(route: RouteDefinition, context: BodyContext): unknown {
  if (!route.body) return undefined;
  const make = sampleBodies[routeKey(route)];
  if (!make)
    throw new Error(`no sample body for ${routeKey(route)}: add one to sampleBodies in http/tests/fixtures.ts`);
  const body = make(context);
  route.body.parse(body);
  return body;
}

export const actorIn = (workspaceId: string, user: { id: string; email: string }, role: Role): ActorInWorkspace => ({
  userId: user.id,
  email: user.email,
  ip: '127.0.0.1',
  workspaceId,
  role,
});

/** A workspace with an owner, an editor, a pending invitation and an API token of the owner. */
export type SeededWorkspace = {
  id: string;
  owner: { id: string; email: string };
  member: { id: string; email: string };
  invitationId: string;
  tokenId: string;
  token: string;
  channelId: string;
  postId: string;
  notificationId: string;
  itemId: string;
  roleId: string;
  queryId: string;
  alertId: string;
};

export async function seedWorkspace(
  t: TestApp,
  name: string,
  options: { ownerIsInstanceAdmin?: boolean } = {},
): Promise<SeededWorkspace> {
  const workspace = await t.createWorkspace(name);
  const tag = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${unique()}`;
  const owner = await t.createUser({
    email: `owner-${tag}@example.com`,
    workspaceId: workspace.id,
    role: 'owner',
    instanceAdmin: options.ownerIsInstanceAdmin ?? false,
  });
  const member = await t.createUser({ email: `member-${tag}@example.com`, workspaceId: workspace.id, role: 'editor' });
  const actor = actorIn(workspace.id, owner, 'owner');
  const { invitation } = await t.composition.services.invitations.create(actor, {
    email: `invited-${tag}@example.com`,
    role: 'analyst',
  });
  const { token, record } = await t.composition.services.apiTokens.create(actor, {
    name: 'seed token',
    role: 'owner',
    expiresInDays: 30,
  });
  const channel = await connectFakeChannel(t, actor);
  const post = await t.composition.services.publishing.posts.create(actor, {
    text: `Seed post ${tag}`,
    channelIds: [channel.id],
  });
  const notification = await t.testDatabase.database.db
    .insertInto('notifications')
    .values({ workspace_id: workspace.id, user_id: owner.id, kind: 'test', message: `Seed notice ${tag}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const role = await t.composition.services.customRoles.create(actor, {
    name: `Seed role ${tag}`,
    baseRole: 'analyst',
    permissions: ['workspace.read', 'analytics.read'],
  });
  return {
    roleId: role.id,
    id: workspace.id,
    owner,
    member,
    invitationId: invitation.id,
    tokenId: record.id,
    token,
    channelId: channel.id,
    postId: post.id,
    notificationId: notification.id,
    itemId: await seedInboxItem(t, workspace.id),
    ...(await seedListeningAlert(t, workspace.id)),
  };
}

/**
 * An open crisis of the workspace and a holding statement on a channel of it: a draft, or as far as `stage`
 * (submitted, approved) so the decision and publish routes have something to act on.
 */
export async function seedCrisis(
  t: TestApp,
  workspaceId: string,
  user: { id: string; email: string },
  stage: 'draft' | 'submitted' | 'approved' = 'draft',
): Promise<{ crisisId: string; statementId: string }> {
  const { crisis } = t.composition.services;
  const actor = actorIn(workspaceId, user, 'owner');
  const crisisId = await crisis.service.open(actor, { title: `Crisis ${unique()}`, severity: 'warning' });
  const channel = await connectFakeChannel(t, actor);
  await crisis.statements.draft(actor, crisisId, {
    language: 'en',
    text: `We are aware of the issue ${unique()}.`,
    channelIds: [channel.id],
  });
  const [statement] = await crisis.crises.statements(workspaceId, crisisId);
  if (stage !== 'draft') await crisis.statements.submit(actor, crisisId, statement!.id);
  if (stage === 'approved')
    await crisis.statements.decide(actor, crisisId, statement!.id, { decision: 'approve', comment: '' });
  return { crisisId, statementId: statement!.id };
}

/** A listening query of the workspace and an alert raised on it. */
export async function seedListeningAlert(
  t: TestApp,
  workspaceId: string,
): Promise<{ queryId: string; alertId: string }> {
  const { queries, alerts } = t.composition.services.listening;
  const query = await queries.insert({
    workspaceId,
    name: `Query ${unique()}`,
    text: 'bougie OR candle',
    kind: 'topic',
    active: true,
    createdBy: null,
    now: new Date(),
  });
  const at = new Date();
  const alertId = await alerts.insert({
    workspaceId,
    queryId: query.id,
    kind: 'volume',
    severity: 'warning',
    windowStart: at,
    windowEnd: new Date(at.getTime() + 240_000),
    observed: 40,
    expected: 4,
    score: 6,
    raisedAt: at,
  });
  if (alertId === undefined) throw new Error('the seeded listening alert was not stored');
  return { queryId: query.id, alertId };
}

/** An inbox item on a channel of the fake `x` network, whose test inbox answers and hides. */
export async function seedInboxItem(t: TestApp, workspaceId: string): Promise<string> {
  const services = t.composition.services;
  const channel = await services.publishing.channels.insert({
    workspaceId,
    network: 'x',
    networkAccountId: `inbox-${unique()}`,
    displayName: 'Inbox channel',
    instanceUrl: null,
    accessTokenEncrypted: createSecretBox(TEST_SECRET_KEY).seal('access', workspaceId),
    refreshTokenEncrypted: null,
    tokenExpiresAt: null,
    createdBy: null,
  });
  const [id] = await services.inbox.repository.insertItems(
    { id: channel.id, workspaceId, network: channel.network },
    [
      {
        networkItemId: `item-${unique()}`,
        kind: 'mention',
        threadKey: `thread-${unique()}`,
        author: { networkId: 'author-1', name: 'Author' },
        text: 'Bonjour !',
        createdAt: new Date(),
        lang: 'fr',
        sentiment: 'neutral',
        sentimentScore: 0,
      },
    ],
    new Date(),
  );
  return id!;
}

/** A saved reply of the workspace whose variables every seeded inbox item fills. */
export async function seedSavedReply(t: TestApp, workspaceId: string): Promise<string> {
  const saved = await t.testDatabase.database.db
    .insertInto('inbox_saved_replies')
    .values({
      workspace_id: workspaceId,
      title: `Seed reply ${unique()}`,
      body: 'Merci {{author_name}} !',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return saved.id;
}

/** A Bluesky channel connected through the fake network of the test app. */
export function connectFakeChannel(t: TestApp, actor: ActorInWorkspace) {
  return t.composition.services.channelConnections.connectBluesky(actor, {
    identifier: `account-${unique()}.bsky.social`,
    appPassword: FAKE_BLUESKY_APP_PASSWORD,
  });
}

/**
 * Real resources of one workspace for each path param, made fresh for every call so destructive routes
 * (remove a member, revoke an invitation or a token) always have a target. The token belongs to the caller.
 * An unknown param throws: a new route must teach this table how to make its resource.
 */
export async function freshParams(
  t: TestApp,
  route: RouteDefinition,
  workspaceId: string,
  caller: { id: string; email: string; role: Role },
): Promise<Record<string, string>> {
  const services = t.composition.services;
  const makers: Record<string, () => Promise<string>> = {
    workspaceId: async () => {
      // The approval chain is on only for the routes that need one (sending for approval); every other route,
      // scheduling included, runs in a workspace without approvals.
      const wanted = route.url.includes('/approval/submit');
      if ((await services.approvals.policyOf(workspaceId)).enabled !== wanted)
        await services.approvals.setPolicy(actorIn(workspaceId, caller, 'owner'), {
          ...openApprovalPolicy,
          enabled: wanted,
        });
      return workspaceId;
    },
    userId: async () =>
      (await t.createUser({ email: `target-${unique()}@example.com`, workspaceId, role: 'editor' })).id,
    invitationId: async () =>
      (
        await services.invitations.create(actorIn(workspaceId, caller, 'owner'), {
          email: `fresh-${unique()}@example.com`,
          role: 'editor',
        })
      ).invitation.id,
    tokenId: async () =>
      (
        await services.apiTokens.create(actorIn(workspaceId, caller, caller.role), {
          name: `fresh ${unique()}`,
          role: caller.role,
          expiresInDays: 30,
        })
      ).record.id,
    channelId: async () => (await connectFakeChannel(t, actorIn(workspaceId, caller, 'owner'))).id,
    roleId: async () =>
      (
        await services.customRoles.create(actorIn(workspaceId, caller, 'owner'), {
          name: `Fresh role ${unique()}`,
          baseRole: 'analyst',
          permissions: ['workspace.read', 'analytics.read'],
        })
      ).id,
    itemId: () => seedInboxItem(t, workspaceId),
    savedReplyId: () => seedSavedReply(t, workspaceId),
    postId: async () => {
      const owner = actorIn(workspaceId, caller, 'owner');
      const channel = await connectFakeChannel(t, owner);
      const postId = (
        await services.publishing.posts.create(owner, { text: `Post ${unique()}`, channelIds: [channel.id] })
      ).id;
      if (/\/(reschedule|recurrence|occurrences)$/.test(route.url)) {
        // The calendar's routes act on a scheduled post; the occurrences are those of a recurring one.
        await services.publishing.posts.schedule(owner, postId, {
          date: '2030-01-15',
          time: '09:00',
          timeZone: 'Europe/Paris',
        });
        if (route.url.endsWith('/occurrences'))
          await services.publishing.posts.calendar.setRecurrence(owner, postId, 'FREQ=WEEKLY;COUNT=8');
      }
      if (route.url.includes('/approval/decision')) {
        // A decision needs a post waiting for approval under a chain the caller may decide.
        await services.approvals.setPolicy(owner, openApprovalPolicy);
        await services.approvals.submit(owner, postId, {});
        await services.approvals.setPolicy(owner, { ...openApprovalPolicy, enabled: false });
      }
      return postId;
    },
    queryId: async () => (await seedListeningAlert(t, workspaceId)).queryId,
    siteKeyId: async () =>
      (
        await services.links.conversions.createSiteKey(actorIn(workspaceId, caller, 'owner'), {
          name: `Fresh key ${unique()}`,
          allowedOrigins: ['https://shop.example'],
        })
      ).id,
    alertId: async () => (await seedListeningAlert(t, workspaceId)).alertId,
    reportId: async () =>
      (
        await services.reports.service.create(
          actorIn(workspaceId, caller, 'owner'),
          sampleReportBody([caller.email.toLowerCase()]),
        )
      ).id,
    clientId: async () =>
      (await services.scopes.createClient(actorIn(workspaceId, caller, 'owner'), { name: `Client ${unique()}` })).id,
    // The statement routes take the crisis of their statement (made by statementId below, which runs second).
    crisisId: async () => {
      if (route.url.includes(':statementId')) return '';
      return (await seedCrisis(t, workspaceId, caller)).crisisId;
    },
    statementId: async () => {
      const stage = route.url.endsWith('/decision')
        ? 'submitted'
        : route.url.endsWith('/publish')
          ? 'approved'
          : 'draft';
      const seeded = await seedCrisis(t, workspaceId, caller, stage);
      values.crisisId = seeded.crisisId;
      return seeded.statementId;
    },
    mediaId: () => seedMediaAsset(services.media, workspaceId),
    aspect: async () => '1x1',
    // A plan version: the workspace's plan, generated when it has none (the export and diff routes then find it too).
    version: async () => {
      const current = await services.strategy.current(workspaceId);
      const view =
        current ??
        (await services.strategy.generate(actorIn(workspaceId, caller, 'owner'), samplePlanAnswers, 'Fixture'));
      return String(view.version);
    },
    notificationId: async () =>
      (
        await t.testDatabase.database.db
          .insertInto('notifications')
          .values({ workspace_id: workspaceId, user_id: caller.id, kind: 'test', message: `Notice ${unique()}` })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
  };
  const values: Record<string, string> = {};
  for (const name of pathParams(route.url)) {
    const make = makers[name];
    if (!make)
      throw new Error(`freshParams cannot make :${name} for ${routeKey(route)}; add it to http/tests/fixtures.ts`);
    values[name] = await make();
  }
  return values;
}

/** Sends a route's request with the given path values and body through inject (or a signed-in client). */
export function callRoute(
  send: (options: InjectOptions) => Promise<LightMyRequestResponse>,
  route: RouteDefinition,
  values: Readonly<Record<string, string>>,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return send({
    method: route.method,
    url: fillPath(route.url, values),
    headers,
    ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
  });
}

/** The security-relevant tables, minus the columns that merely record use (last seen, last used). */
export async function snapshotTables(t: TestApp) {
  const db = t.testDatabase.database.db;
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    users: await rows(
      sql`select id, email, name, password_hash, locale, is_instance_admin, password_changed_at from users order by id`,
    ),
    workspaces: await rows(sql`select * from workspaces order by id`),
    memberships: await rows(
      sql`select workspace_id, user_id, role, custom_role_id from memberships order by workspace_id, user_id`,
    ),
    workspaceRoles: await rows(sql`select * from workspace_roles order by id`),
    invitations: await rows(
      sql`select id, workspace_id, email, role, accepted_at, revoked_at, expires_at from invitations order by id`,
    ),
    apiTokens: await rows(
      sql`select id, workspace_id, user_id, name, role, expires_at, revoked_at from api_tokens order by id`,
    ),
    sessions: await rows(sql`select id_hash, user_id, csrf_token from sessions order by id_hash`),
    channels: await rows(sql`select * from channels order by id`),
    oauthStates: await rows(sql`select * from oauth_states order by state_hash`),
    posts: await rows(sql`select * from posts order by id`),
    publications: await rows(sql`select * from publications order by id`),
    notifications: await rows(sql`select * from notifications order by id`),
    listeningQueries: await rows(sql`select * from listening_queries order by id`),
    listeningAlerts: await rows(sql`select * from listening_alerts order by id`),
  };
}

/** Error code of a JSON error answer, or undefined. */
export function errorCode(response: LightMyRequestResponse): string | undefined {
  try {
    return response.json<{ error?: { code?: string } }>().error?.code;
  } catch {
    return undefined;
  }
}

/** A bearer token for `user` in a workspace, made through the API as the user's signed-in client would. */
export async function createApiToken(
  client: { request(options: InjectOptions): Promise<LightMyRequestResponse> },
  workspaceId: string,
  role: Role,
): Promise<{ token: string; id: string }> {
  const response = await client.request({
    method: 'POST',
    url: `/api/workspaces/${workspaceId}/api-tokens`,
    payload: { name: `token ${unique()}`, role, expiresInDays: 30 },
  });
  if (response.statusCode !== 201) throw new Error(`token creation failed: ${response.statusCode} ${response.body}`);
  const created = response.json<{ token: string; apiToken: { id: string } }>();
  return { token: created.token, id: created.apiToken.id };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
