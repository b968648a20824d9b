import { connectors as registry, type Connector, type NetworkId } from '@sillage/connectors';
import { createTextAnalyzer } from '@sillage/domain';
import type { Database, Executor } from '../db/database.ts';
import type { Logger } from '../jobs/queue.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { createChannelsRepository } from '../repositories/channels.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createInboxChannels } from './inbox-channels.ts';
import { createInboxIngestion } from './inbox-ingestion.service.ts';
import type { InboxJobHandlers } from './inbox.jobs.ts';
import { createInboxRepository } from './inbox.repository.ts';
import { inboxRoutes, metaWebhookRoutes } from './inbox.routes.ts';
import { createInboxService } from './inbox.service.ts';
import { createMetaWebhook, type MetaWebhookSettings } from './meta-webhook.ts';
import { createInboxPresenceRepository } from './presence/inbox-presence.repository.ts';
import { createInboxPresenceService } from './presence/inbox-presence.service.ts';
import { createInboxRulesRepository } from './rules/inbox-rules.repository.ts';
import { inboxRulesRoutes } from './rules/inbox-rules.routes.ts';
import { createInboxRulesService } from './rules/inbox-rules.service.ts';
import { createSavedRepliesRepository } from './saved-replies/saved-replies.repository.ts';
import { createSavedRepliesService } from './saved-replies/saved-replies.service.ts';

/** What tests and the demo may replace: the connectors, where the networks are, Meta's webhook settings. */
export type InboxOverrides = {
  connectors?: Partial<Record<NetworkId, Connector>>;
  networkBaseUrls?: Partial<Record<NetworkId, string>>;
  metaWebhook?: Partial<MetaWebhookSettings>;
};

/** Wires the inbox: repository, ingestion (polls and webhooks), the service, its jobs' handlers and routes. */
export function createInbox(options: {
  database: Database;
  secretKey: Buffer;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  networkBaseUrls?: Partial<Record<NetworkId, string>>;
  /** The Meta app secret (the Facebook app's client secret) and the webhook verify token. */
  metaWebhook: MetaWebhookSettings;
  enqueueDelivery: (executor: Executor, deliveryId: string) => Promise<unknown>;
  enqueuePoll: (channelId: string) => Promise<unknown>;
  /** The publishing engine's token refresh under the account's lock. */
  refreshAfterExpiry?: Parameters<typeof createInboxChannels>[0]['refreshAfterExpiry'];
  logger: Logger;
  now: () => Date;
  overrides?: InboxOverrides | undefined;
  /** Called after new items are stored (inbox escalation). */
  afterItemsStored?: ((workspaceIds: readonly string[]) => Promise<void>) | undefined;
}) {
  const { now } = options;
  const db = options.database.db;
  const overrides = options.overrides ?? {};
  const inbox = createInboxRepository(db);
  const channels = createInboxChannels({
    channels: createChannelsRepository(db),
    secretBox: createSecretBox(options.secretKey),
    connectors: overrides.connectors ?? registry,
    networkBaseUrls: { ...options.networkBaseUrls, ...overrides.networkBaseUrls },
    fetch: globalThis.fetch,
    now,
    ...(options.refreshAfterExpiry ? { refreshAfterExpiry: options.refreshAfterExpiry } : {}),
  });
  const rules = createInboxRulesService({
    db,
    rules: createInboxRulesRepository(db),
    inbox,
    channels,
    audit: options.audit,
    logger: options.logger,
    now,
  });
  const savedReplies = createSavedRepliesService({
    db,
    savedReplies: createSavedRepliesRepository(db),
    inbox,
    workspaces: options.workspaces,
    audit: options.audit,
    now,
  });
  const presence = createInboxPresenceService({ presence: createInboxPresenceRepository(db), inbox, now });
  const ingestion = createInboxIngestion({
    db,
    inbox,
    channels,
    analyzer: createTextAnalyzer(),
    enqueuePoll: options.enqueuePoll,
    logger: options.logger,
    now,
    afterStored: options.afterItemsStored,
    moderation: {
      apply: (workspaceId, itemIds, executor) => rules.applyToNewItems(workspaceId, itemIds, executor),
      afterCommit: (itemIds) => rules.performPendingHides(itemIds),
    },
  });
  const service = createInboxService({
    db,
    inbox,
    channels,
    workspaces: options.workspaces,
    audit: options.audit,
    now,
    ruleActionsOf: (workspaceId, itemId) => rules.actionsOf(workspaceId, itemId),
  });
  const metaWebhook = createMetaWebhook({
    db,
    inbox,
    settings: () => ({ ...options.metaWebhook, ...overrides.metaWebhook }),
    enqueueDelivery: options.enqueueDelivery,
    now,
  });
  const jobHandlers: InboxJobHandlers = {
    processDelivery: (deliveryId) => ingestion.processDelivery(deliveryId),
    pollChannel: (channelId) => ingestion.pollChannel(channelId),
  };
  return {
    repository: inbox,
    ingestion,
    service,
    metaWebhook,
    jobHandlers,
    rules,
    savedReplies,
    presence,
    routes: [
      ...inboxRoutes({ inbox: service }),
      ...inboxRulesRoutes({ rules, savedReplies, presence }),
      ...metaWebhookRoutes({ metaWebhook }),
    ],
  };
}

export type Inbox = ReturnType<typeof createInbox>;

/**
 * Enqueues a poll of every inbox channel every `intervalMs` in a worker process (each poll resumes from its
 * channel's cursor; one waiting poll per channel).
 */
export function startInboxPolling(options: { inbox: Inbox; intervalMs: number; logger: Logger }): () => void {
  const tick = (): void => {
    options.inbox.ingestion
      .pollAll()
      .catch((error: unknown) => options.logger.warn({ err: { message: String(error) } }, 'inbox polling failed'));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
