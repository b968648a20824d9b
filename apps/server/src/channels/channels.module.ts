import { createIdentifyWithConnector } from './identify-account.ts';
import { permits } from '@sillage/domain';
import { connectorFor, networkIds, type Connector, type NetworkId } from '@sillage/connectors';
import type { Config } from '../config.ts';
import type { Database, Executor } from '../db/database.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createChannelConnectionsService, type IdentifyAccount } from './channel-connections.service.ts';
import { createChannelStoreRepository } from './channel-store.repository.ts';
import {
  createBlueskySession,
  registerMastodonApp,
  type CreateBlueskySession,
  type RegisterMastodonApp,
} from './network-handshakes.ts';
import { createOAuthStatesRepository } from './oauth-states.repository.ts';

export { channelsRoutes } from './channels.routes.ts';

/** What tests and the demo may replace: the networks' code and addresses. */
export type ChannelNetworkOverrides = {
  connectors?: Partial<Record<NetworkId, Connector>>;
  createBlueskySession?: CreateBlueskySession;
  registerMastodonApp?: RegisterMastodonApp;
  identifyAccount?: IdentifyAccount;
  oauthClients?: Config['oauthClients'];
  baseUrls?: Config['networkBaseUrls'];
  fetch?: typeof fetch;
};

// Bluesky accounts mostly live on the main PDS; every other network's address comes from its connector's
// configuration (SILLAGE_NETWORK_<NETWORK>_URL), as the Connector contract carries no default host.
const defaultBaseUrls: Partial<Record<NetworkId, string>> = { bluesky: 'https://bsky.social' };

/** The connection flows of channels (OAuth, app passwords, disconnection), wired with their repositories. */
export function createChannelConnections(options: {
  db: Database['db'];
  audit: AuditRepository;
  workspaces: WorkspacesRepository;
  secretKey: Buffer;
  config: Partial<Pick<Config, 'oauthClients' | 'networkBaseUrls'>>;
  publicUrl: () => string;
  now: () => Date;
  resumeHeldPublications?: (channelId: string, executor: Executor) => Promise<number>;
  overrides?: ChannelNetworkOverrides | undefined;
}) {
  const overrides = options.overrides ?? {};
  const registered = Object.fromEntries(
    networkIds.flatMap((network) => {
      const connector = connectorFor(network);
      return connector ? [[network, connector]] : [];
    }),
  ) as Partial<Record<NetworkId, Connector>>;
  return createChannelConnectionsService({
    db: options.db,
    oauthStates: createOAuthStatesRepository(options.db),
    channels: createChannelStoreRepository(options.db),
    audit: options.audit,
    secretBox: createSecretBox(options.secretKey),
    connectors: overrides.connectors ?? registered,
    oauthClients: { ...options.config.oauthClients, ...overrides.oauthClients },
    baseUrls: { ...defaultBaseUrls, ...options.config.networkBaseUrls, ...overrides.baseUrls },
    mayManageChannels: async (workspaceId, userId) => {
      const access = await options.workspaces.findAccess(workspaceId, userId);
      return (
        access !== undefined &&
        permits({ role: access.role, customPermissions: access.customRole?.permissions ?? null }, 'channels.manage')
      );
    },
    createBlueskySession: overrides.createBlueskySession ?? createBlueskySession,
    registerMastodonApp: overrides.registerMastodonApp ?? registerMastodonApp,
    identifyAccount:
      overrides.identifyAccount ??
      createIdentifyWithConnector({ fetch: overrides.fetch ?? globalThis.fetch, now: options.now }),
    ...(options.resumeHeldPublications ? { resumeHeldPublications: options.resumeHeldPublications } : {}),
    publicUrl: options.publicUrl,
    fetch: overrides.fetch ?? globalThis.fetch,
    now: options.now,
  });
}
