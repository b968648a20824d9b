import { createApprovalsRepository } from '../approvals/approvals.repository.ts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  connectors as registry,
  createHttpFetch,
  type Connector,
  type NetworkId,
  type OAuthClient,
} from '@sillage/connectors';
import type { Database, Executor } from '../db/database.ts';
import type { Logger } from '../jobs/queue.ts';
import { createChannelsRepository } from '../repositories/channels.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createChannelAccess } from './channel-access.ts';
import { createNotificationsRepository } from './notifications.repository.ts';
import { createNotificationsService } from './notifications.service.ts';
import { createPostsRepository } from './posts.repository.ts';
import { postsRoutes } from './posts.routes.ts';
import { createPostsService } from './posts.service.ts';
import { createPublicationAttemptsRepository } from './publication-attempts.repository.ts';
import { createPublicationsRepository } from './publications.repository.ts';
import { createPublishingDispatcher } from './publishing-dispatcher.ts';
import { createPublishingEngine } from './publishing-engine.ts';
import { createPublishingNotifier, type EmailMessage } from './publishing-notifier.ts';
import { defaultPublishingSettings, type PublishingSettings } from './publishing-settings.ts';

/** What tests and the demo may replace: the connectors, where the networks are, the clock, the settings. */
export type PublishingOverrides = {
  connectors?: Partial<Record<NetworkId, Connector>>;
  networkBaseUrls?: Partial<Record<NetworkId, string>>;
  settings?: Partial<PublishingSettings>;
  random?: () => number;
  workerId?: string;
};

/** Wires the publishing engine, its services and routes (called from the composition and by worker scripts). */
export function createPublishing(options: {
  database: Database;
  secretKey: Buffer;
  workspaces: WorkspacesRepository;
  enqueueEmail: (executor: Executor, message: EmailMessage) => Promise<unknown>;
  oauthClients?: Partial<Record<NetworkId, { clientId: string; clientSecret: string }>>;
  redirectUri?: (network: NetworkId) => string;
  networkBaseUrls?: Partial<Record<NetworkId, string>>;
  logger: Logger;
  now: () => Date;
  overrides?: PublishingOverrides | undefined;
}) {
  const { now, logger } = options;
  const db = options.database.db;
  const overrides = options.overrides ?? {};
  const settings: PublishingSettings = { ...defaultPublishingSettings, ...overrides.settings };
  const connectors = overrides.connectors ?? registry;
  const oauthClients: Partial<Record<NetworkId, OAuthClient>> = {};
  for (const [network, client] of Object.entries(options.oauthClients ?? {}) as [NetworkId, OAuthClient][])
    oauthClients[network] = { ...client, redirectUri: options.redirectUri?.(network) ?? '' };

  const channels = createChannelsRepository(db);
  const publications = createPublicationsRepository(db);
  const attempts = createPublicationAttemptsRepository(db);
  const posts = createPostsRepository(db);
  const notifications = createNotificationsRepository(db);
  const notifier = createPublishingNotifier({
    notifications,
    workspaces: options.workspaces,
    enqueueEmail: options.enqueueEmail,
    now,
  });
  const channelAccess = createChannelAccess({
    db,
    channels,
    publications,
    secretBox: createSecretBox(options.secretKey),
    connectors,
    oauthClients,
    networkBaseUrls: { ...options.networkBaseUrls, ...overrides.networkBaseUrls },
    notifier,
    // Calls to the networks on pooled keep-alive connections (what it cannot send itself goes to global fetch).
    fetch: createHttpFetch(),
    now,
  });
  const engine = createPublishingEngine({
    db,
    publications,
    attempts,
    channels,
    channelAccess,
    notifier,
    connectors,
    settings,
    workerId: overrides.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    now,
    random: overrides.random ?? Math.random,
    logger,
  });
  const approvalPolicies = createApprovalsRepository(db);
  const postsService = createPostsService({
    db,
    posts,
    publications,
    attempts,
    channels,
    connectors,
    lateWindowMinutes: settings.lateWindowMinutes,
    approvalRequired: async (workspaceId) => (await approvalPolicies.policy(workspaceId))?.enabled ?? false,
    now,
  });
  const notificationsService = createNotificationsService({ notifications, now });
  const dispatcher = createPublishingDispatcher({ engine, settings, logger, now });
  return {
    settings,
    channels,
    publications,
    engine,
    dispatcher,
    /** Credentials and their refresh under the account's lock (the inbox uses it too). */
    channelAccess,
    posts: postsService,
    notifications: notificationsService,
    routes: postsRoutes({ posts: postsService, notifications: notificationsService }),
    /** For the channels module once an account is reconnected: its held publications become due. */
    resumeAfterReconnect: (channelId: string) => publications.resumeAfterReconnect(channelId, now()),
  };
}

export type Publishing = ReturnType<typeof createPublishing>;
