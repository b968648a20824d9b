import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { channelsRoutes, createChannelConnections, type ChannelNetworkOverrides } from './channels/channels.module.ts';
import { connectors as connectorRegistry } from '@sillage/connectors';
import { createAnalytics } from './analytics/analytics.module.ts';
import { createMetricsCollection } from './analytics/metrics-collection.ts';
import { createMetricsRepository } from './analytics/metrics.repository.ts';
import { createInboxChannels } from './inbox/inbox-channels.ts';
import { createChannelsRepository } from './repositories/channels.repository.ts';
import { createSecretBox } from './security/secret-box.ts';
import { createReports } from './reports/reports.module.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createMailer } from './email/mailer.ts';
import { apiTokensRoutes } from './http/api-tokens.routes.ts';
import { auditRoutes } from './http/audit.routes.ts';
import { authRoutes } from './http/auth.routes.ts';
import { invitationsRoutes } from './http/invitations.routes.ts';
import { membersRoutes } from './http/members.routes.ts';
import type { RouteDefinition } from './http/route.ts';
import { systemRoutes } from './http/system.routes.ts';
import { workspacesRoutes } from './http/workspaces.routes.ts';
import type { JobContext } from './jobs/context.ts';
import { jobIndex } from './jobs/index.ts';
import { createJobQueue, type Logger } from './jobs/queue.ts';
import { sendEmailJob } from './jobs/send-email.job.ts';
import { createApiTokensRepository } from './repositories/api-tokens.repository.ts';
import { createAuditRepository } from './repositories/audit.repository.ts';
import { createInstanceSettingsRepository } from './repositories/instance-settings.repository.ts';
import { createInvitationsRepository } from './repositories/invitations.repository.ts';
import { createRateLimitsRepository } from './repositories/rate-limits.repository.ts';
import { createSessionsRepository } from './repositories/sessions.repository.ts';
import { createUsersRepository } from './repositories/users.repository.ts';
import { createWorkspacesRepository } from './repositories/workspaces.repository.ts';
import { createPublicationsRepository } from './publishing/publications.repository.ts';
import { createApprovals } from './approvals/approvals.module.ts';
import { createStrategy } from './strategy/strategy.module.ts';
import { createApiTokensService } from './services/api-tokens.service.ts';
import { createCustomRolesService } from './services/custom-roles.service.ts';
import { createWorkspaceRolesRepository } from './repositories/workspace-roles.repository.ts';
import { customRolesRoutes } from './http/custom-roles.routes.ts';
import { createScopeGate } from './scopes/scope-gate.ts';
import { createScopesRepository } from './scopes/scopes.repository.ts';
import { scopesRoutes } from './scopes/scopes.routes.ts';
import { createScopesService } from './scopes/scopes.service.ts';
import { createAuthService } from './services/auth.service.ts';
import { createInvitationsService } from './services/invitations.service.ts';
import { createRateLimitService } from './services/rate-limit.service.ts';
import { createWorkspacesService } from './services/workspaces.service.ts';
import { createPublishing, type PublishingOverrides } from './publishing/publishing.module.ts';
import { createListening } from './listening/listening.module.ts';
import { createCrisis } from './crisis/crisis.module.ts';
import { createInbox, type InboxOverrides } from './inbox/inbox.module.ts';
import { createEscalation } from './inbox/escalation/escalation.module.ts';
import { inboxPollJob, inboxWebhookJob } from './inbox/inbox.jobs.ts';
import { createLinks } from './links/links.module.ts';
import { createMedia, type MediaOverrides } from './media/media.module.ts';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/**
 * Wires repositories, services, jobs and routes by hand: the one place that knows every part.
 * `publicUrl` is read lazily because the listening port is known only after listen().
 */
export function compose(options: {
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'apiRateLimitPerMinute' | 'publicUrl'> &
    Partial<Pick<Config, 'oauthClients' | 'networkBaseUrls' | 'metaWebhookVerifyToken'>> &
    Partial<Pick<Config, 'mediaDir' | 'mediaMaxBytes'>>;
  database: Database;
  /** 32 bytes: encrypts channel credentials at rest. */
  secretKey: Buffer;
  /** Tests and the demo replace the networks' connectors and handshakes here. */
  channelNetworks?: ChannelNetworkOverrides;
  logger: Logger;
  supervise: boolean;
  publicUrl: () => string;
  now?: () => Date;
  /** Tests and the demo replace the publishing engine's connectors, network URLs and settings here. */
  publishing?: PublishingOverrides;
  /** Tests and the demo replace the inbox's connectors, network URLs and Meta webhook settings here. */
  inbox?: InboxOverrides;
  /** Tests replace the media library's import resolver and address policy here. */
  media?: MediaOverrides;
}) {
  const { database, logger } = options;
  const db = database.db;
  const now = options.now ?? (() => new Date());

  const users = createUsersRepository(db);
  const workspaces = createWorkspacesRepository(db);
  const sessions = createSessionsRepository(db);
  const invitationsRepository = createInvitationsRepository(db);
  const apiTokensRepository = createApiTokensRepository(db);
  const audit = createAuditRepository(db);
  const rateLimits = createRateLimitsRepository(db);
  const instanceSettings = createInstanceSettingsRepository(db);

  const mailer = createMailer({ smtpUrl: options.config.smtpUrl, from: options.config.mailFrom, logger });
  const jobs = createJobQueue<JobContext>({ database, jobs: jobIndex, logger, supervise: options.supervise });
  const jobContext: JobContext = { mailer };

  const rateLimit = createRateLimitService({
    rateLimits,
    now,
    apiLimitPerMinute: options.config.apiRateLimitPerMinute,
  });
  const auth = createAuthService({
    db,
    users,
    sessions,
    workspaces,
    apiTokens: apiTokensRepository,
    audit,
    rateLimit,
    now,
  });
  const workspacesService = createWorkspacesService({ db, workspaces, apiTokens: apiTokensRepository, audit, now });
  const apiTokens = createApiTokensService({ db, apiTokens: apiTokensRepository, audit, now });
  const customRoles = createCustomRolesService({
    db,
    roles: createWorkspaceRolesRepository(db),
    workspaces,
    audit,
    now,
  });
  const scopesRepository = createScopesRepository(db);
  const scopes = createScopesService({ db, scopes: scopesRepository, workspaces, audit, now });
  const invitations = createInvitationsService({
    db,
    invitations: invitationsRepository,
    users,
    workspaces,
    audit,
    enqueueEmail: (executor, message) => jobs.enqueue(executor, sendEmailJob, message),
    openSession: (userId, caller, executor) => auth.openSession(userId, caller, executor),
    publicUrl: options.publicUrl,
    now,
  });
  const channelConnections = createChannelConnections({
    db,
    audit,
    workspaces,
    secretKey: options.secretKey,
    config: options.config,
    publicUrl: options.publicUrl,
    now,
    // A reconnected account's held publications become due at once (the domain's `reconnected`).
    resumeHeldPublications: (channelId, executor) =>
      createPublicationsRepository(db).resumeAfterReconnect(channelId, now(), executor),
    overrides: options.channelNetworks,
  });

  const publishing = createPublishing({
    database,
    secretKey: options.secretKey,
    workspaces,
    enqueueEmail: (executor, message) => jobs.enqueue(executor, sendEmailJob, message),
    oauthClients: options.config.oauthClients,
    redirectUri: (network) => `${options.publicUrl()}/api/oauth/callback/${network}`,
    networkBaseUrls: options.config.networkBaseUrls,
    logger,
    now,
    overrides: options.publishing,
  });
  const escalation = createEscalation({
    db,
    workspaces,
    audit,
    mailer,
    logger,
    publicUrl: options.publicUrl,
    now,
  });
  const inbox = createInbox({
    database,
    secretKey: options.secretKey,
    workspaces,
    audit,
    networkBaseUrls: { ...options.config.networkBaseUrls, ...options.publishing?.networkBaseUrls },
    metaWebhook: {
      appSecret: options.config.oauthClients?.facebook?.clientSecret,
      verifyToken: options.config.metaWebhookVerifyToken,
    },
    enqueueDelivery: (executor, deliveryId) => jobs.enqueue(executor, inboxWebhookJob, { deliveryId }),
    enqueuePoll: (channelId) => jobs.enqueue(db, inboxPollJob, { channelId }, { singletonKey: channelId }),
    refreshAfterExpiry: (channelId, token) => publishing.channelAccess.refreshAfterExpiry(channelId, token),
    logger,
    now,
    overrides: options.inbox ?? { connectors: options.publishing?.connectors },
    afterItemsStored: (workspaceIds) => escalation.service.afterItemsStored(workspaceIds),
  });
  jobContext.inbox = inbox.jobHandlers;
  const analytics = createAnalytics({ db, workspaces, audit, mailer, now });
  // Post figures read from the networks on a schedule (workers run `collectDue`; see server.ts).
  const metricsCollection = createMetricsCollection({
    db,
    metrics: createMetricsRepository(db),
    channels: createInboxChannels({
      channels: createChannelsRepository(db),
      secretBox: createSecretBox(options.secretKey),
      connectors: options.inbox?.connectors ?? options.publishing?.connectors ?? connectorRegistry,
      networkBaseUrls: {
        ...options.config.networkBaseUrls,
        ...options.publishing?.networkBaseUrls,
        ...options.inbox?.networkBaseUrls,
      },
      fetch: globalThis.fetch,
      now,
      refreshAfterExpiry: (channelId, token) => publishing.channelAccess.refreshAfterExpiry(channelId, token),
    }),
    logger,
    now,
  });
  const reports = createReports({ db, analytics: analytics.service, workspaces, audit, mailer, logger, now });

  const listening = createListening({ db, audit, workspaces, now });
  const links = createLinks({
    db,
    audit,
    workspaces,
    rateLimit,
    secretKey: options.secretKey,
    publicUrl: options.publicUrl,
    secureCookies: (options.config.publicUrl ?? '').startsWith('https://'),
    now,
  });
  const strategy = createStrategy({ db, audit, now });
  const media = createMedia({
    db,
    audit,
    // Without a configured folder (tests), files go to a folder of this process under the system's temporary one.
    dir: options.config.mediaDir ?? path.join(tmpdir(), `sillage-media-${process.pid}`),
    maxBytes: options.config.mediaMaxBytes ?? 200 * 1_048_576,
    secretKey: options.secretKey,
    publicUrl: options.publicUrl,
    now,
    overrides: options.media,
  });
  const approvals = createApprovals({
    db,
    publications: createPublicationsRepository(db),
    audit,
    publicUrl: options.publicUrl,
    now,
  });
  const crisis = createCrisis({
    db,
    listening,
    posts: publishing.posts,
    publications: publishing.publications,
    approvals: approvals.service,
    audit,
    now,
  });

  const services = {
    version,
    databaseKind: database.kind,
    secureCookies: (options.config.publicUrl ?? '').startsWith('https://'),
    users,
    workspaces,
    audit,
    auth,
    workspacesService,
    customRoles,
    scopes,
    invitations,
    apiTokens,
    rateLimit,
    instanceSettings,
    channelConnections,
    publishing,
    approvals: approvals.service,
    strategy: strategy.plans,
    listening,
    crisis,
    inbox,
    escalation,
    analytics,
    metricsCollection,
    reports,
    links,
    media: media.service,
    jobs,
    mailer,
    async checkDatabase() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    checkJobQueue: () => jobs.ping(),
  };

  const routes: RouteDefinition[] = [];
  routes.push(
    ...systemRoutes(services, () => routes),
    ...authRoutes(services),
    ...workspacesRoutes(services),
    ...membersRoutes(services),
    ...customRolesRoutes(services),
    ...invitationsRoutes(services),
    ...apiTokensRoutes(services),
    ...auditRoutes(services),
    ...channelsRoutes(services),
    ...publishing.routes,
    ...approvals.routes,
    ...strategy.routes,
    ...listening.routes,
    ...crisis.routes,
    ...inbox.routes,
    ...escalation.routes,
    ...analytics.routes,
    ...reports.routes,
    ...links.routes,
    ...media.routes,
    ...scopesRoutes(scopes),
  );

  return {
    services,
    routes,
    jobs,
    jobContext,
    routeDependencies: { auth, workspaces, audit, rateLimit, scopeGate: createScopeGate(scopesRepository) },
  };
}

export type Composition = ReturnType<typeof compose>;
export type Services = Composition['services'];
