import { createHash, randomBytes } from 'node:crypto';
import type { Connector, NetworkId, OAuthClient, TokenSet } from '@sillage/connectors';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { hashSecret, newSecret } from '../security/tokens.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { ChannelStoreRepository, ChannelSummary } from './channel-store.repository.ts';
import {
  HandshakeRefused,
  jwtExpiry,
  type CreateBlueskySession,
  type RegisterMastodonApp,
  type RegisteredClient,
} from './network-handshakes.ts';
import type { OAuthStatesRepository } from './oauth-states.repository.ts';

const STATE_LIFETIME_MS = 10 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MASTODON_SCOPES = ['read', 'write'];

/** Who the tokens belong to. The Connector contract has no such hook, so it is injected (or guessed, see below). */
export type IdentifyAccount = (input: {
  network: NetworkId;
  connector: Connector;
  baseUrl: string;
  tokens: TokenSet;
  instanceUrl: string | null;
}) => Promise<{ accountId: string; displayName: string; accessToken?: string } | null>;

/** Why a callback did not connect: the `?error=` the web app explains. */
export type CallbackFailure =
  'denied' | 'invalid_state' | 'expired' | 'signed_out' | 'forbidden' | 'unavailable' | 'exchange_failed';

type FlowSecrets = { codeVerifier?: string; client?: RegisteredClient };

const base64url = (bytes: Buffer) => bytes.toString('base64url');

export function createChannelConnectionsService(deps: {
  db: Kysely<DB>;
  oauthStates: OAuthStatesRepository;
  channels: ChannelStoreRepository;
  audit: AuditRepository;
  secretBox: SecretBox;
  connectors: Partial<Record<NetworkId, Connector>>;
  oauthClients: Partial<Record<NetworkId, RegisteredClient>>;
  /** The network's API base URL (real or simulator); ignored where the account names its instance. */
  baseUrls: Partial<Record<NetworkId, string>>;
  /** Whether the user may still manage channels of the workspace when the callback comes back. */
  mayManageChannels: (workspaceId: string, userId: string) => Promise<boolean>;
  createBlueskySession: CreateBlueskySession;
  registerMastodonApp: RegisterMastodonApp;
  identifyAccount?: IdentifyAccount;
  /** Once an account is connected again, what waited for it becomes due (in the same transaction). */
  resumeHeldPublications?: (channelId: string, executor: Executor) => Promise<number>;
  publicUrl: () => string;
  fetch: typeof fetch;
  now: () => Date;
}) {
  const { db, oauthStates, channels, audit, secretBox, now } = deps;
  const redirectUri = (network: string) => `${deps.publicUrl()}/api/oauth/callback/${network}`;
  const channelsPage = (workspaceId: string) => `${deps.publicUrl()}/w/${workspaceId}/settings/channels`;

  function baseUrlFor(network: NetworkId, instanceUrl: string | null): string {
    const url = instanceUrl ?? deps.baseUrls[network];
    if (!url) throw new AppError(422, 'network_unavailable', `No server address is configured for ${network}.`);
    return url;
  }

  function oauthConnector(network: NetworkId): Connector & Required<Pick<Connector, 'authorizeUrl' | 'exchangeCode'>> {
    const connector = deps.connectors[network];
    if (!connector?.authorizeUrl || !connector.exchangeCode)
      throw new AppError(422, 'network_unavailable', `Connecting ${network} accounts is not available yet.`);
    return connector as Connector & Required<Pick<Connector, 'authorizeUrl' | 'exchangeCode'>>;
  }

  async function identify(
    network: NetworkId,
    connector: Connector,
    baseUrl: string,
    tokens: TokenSet,
    instanceUrl: string | null,
  ) {
    const found = await deps.identifyAccount?.({ network, connector, baseUrl, tokens, instanceUrl });
    // Without a way to ask who the account is, one account per network (and instance) per workspace:
    // reconnecting replaces it rather than adding a twin.
    if (!found)
      return {
        accountId: instanceUrl ?? network,
        displayName: instanceUrl ? new URL(instanceUrl).host : network,
        tokens,
      };
    // A Page token (Facebook) is what publishes as the Page: it replaces the user's token. Page tokens
    // obtained from a long-lived user token do not expire, so no refresh is scheduled for them.
    const accountTokens: TokenSet = found.accessToken
      ? { accessToken: found.accessToken, ...(tokens.scopes ? { scopes: tokens.scopes } : {}) }
      : tokens;
    return { accountId: found.accountId, displayName: found.displayName, tokens: accountTokens };
  }

  async function record(actor: ActorInWorkspace, action: string, channel: ChannelSummary, executor: Kysely<DB>) {
    await audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: 'channel',
        targetId: channel.id,
        ip: actor.ip,
        outcome: 'success',
        details: { network: channel.network, name: channel.displayName, instanceUrl: channel.instanceUrl },
      },
      executor,
    );
  }

  async function storeConnected(
    actor: ActorInWorkspace,
    input: { network: NetworkId; instanceUrl: string | null; tokens: TokenSet; accountId: string; displayName: string },
  ): Promise<ChannelSummary> {
    const { workspaceId } = actor;
    return db.transaction().execute(async (trx) => {
      const channel = await channels.upsertConnected(
        {
          workspaceId,
          network: input.network,
          networkAccountId: input.accountId,
          displayName: input.displayName,
          instanceUrl: input.instanceUrl,
          accessTokenEncrypted: secretBox.seal(input.tokens.accessToken, workspaceId),
          refreshTokenEncrypted: input.tokens.refreshToken
            ? secretBox.seal(input.tokens.refreshToken, workspaceId)
            : null,
          tokenExpiresAt: input.tokens.expiresAt ?? null,
          scopes: [...(input.tokens.scopes ?? [])],
          createdBy: actor.userId,
        },
        now(),
        trx,
      );
      await record(actor, 'channel.connected', channel, trx);
      await deps.resumeHeldPublications?.(channel.id, trx);
      return channel;
    });
  }

  return {
    list: (workspaceId: string) => channels.list(workspaceId),

    /** Starts an OAuth connection: a single-use state bound to the user and workspace, PKCE where supported. */
    async startConnect(
      actor: ActorInWorkspace,
      input: { network: NetworkId; instanceUrl?: string | undefined },
    ): Promise<{ authorizeUrl: string }> {
      if (input.network === 'bluesky')
        throw badRequest('app_password_required', 'Bluesky accounts connect with an app password, not OAuth.');
      const connector = oauthConnector(input.network);
      const perInstance = connector.capabilities.auth === 'oauth2_per_instance';
      if (perInstance && !input.instanceUrl)
        throw badRequest('instance_required', 'Enter the address of the server the account lives on.');
      const instanceUrl = perInstance ? input.instanceUrl! : null;
      const baseUrl = baseUrlFor(input.network, instanceUrl);

      const secrets: FlowSecrets = {};
      let client = deps.oauthClients[input.network];
      if (!client && perInstance) {
        client = await deps
          .registerMastodonApp({
            fetch: deps.fetch,
            instanceUrl: baseUrl,
            redirectUri: redirectUri(input.network),
            clientName: 'Sillage',
            scopes: MASTODON_SCOPES,
          })
          .catch((error: unknown) => {
            const reason = error instanceof HandshakeRefused ? error.reason : 'the instance did not answer';
            throw new AppError(502, 'instance_refused', `Could not register Sillage on ${baseUrl}: ${reason}.`);
          });
        secrets.client = client;
      }
      if (!client)
        throw new AppError(422, 'network_unavailable', `No OAuth client is configured for ${input.network}.`);

      let codeChallenge: string | undefined;
      if (connector.capabilities.auth === 'oauth2_pkce') {
        secrets.codeVerifier = base64url(randomBytes(32));
        codeChallenge = base64url(createHash('sha256').update(secrets.codeVerifier).digest());
      }
      // The workspace id travels in the state so a failed callback can still land on the right page.
      const state = `${actor.workspaceId}.${newSecret('', 32)}`;
      await oauthStates.insert({
        stateHash: hashSecret(state),
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        network: input.network,
        flowSecretsEncrypted: Object.keys(secrets).length
          ? secretBox.seal(JSON.stringify(secrets), actor.workspaceId)
          : null,
        instanceUrl,
        expiresAt: new Date(now().getTime() + STATE_LIFETIME_MS),
      });
      const oauthClient: OAuthClient = { ...client, redirectUri: redirectUri(input.network) };
      return {
        authorizeUrl: connector.authorizeUrl(baseUrl, oauthClient, {
          state,
          ...(codeChallenge ? { codeChallenge } : {}),
          ...(perInstance ? { scopes: MASTODON_SCOPES } : {}),
        }),
      };
    },

    /** Finishes an OAuth connection; answers where to send the browser (`?connected=` or `?error=`). */
    async completeCallback(input: {
      network: string;
      code?: string | undefined;
      state?: string | undefined;
      error?: string | undefined;
      caller: { userId: string; email: string; ip: string } | undefined;
    }): Promise<{ redirectTo: string; outcome: 'connected' | CallbackFailure }> {
      const statedWorkspace = input.state?.split('.')[0];
      const landing = (outcome: 'connected' | CallbackFailure, workspaceId = statedWorkspace) => {
        const query = outcome === 'connected' ? `connected=${input.network}` : `error=${outcome}`;
        const page = workspaceId && UUID.test(workspaceId) ? channelsPage(workspaceId) : `${deps.publicUrl()}/`;
        return { redirectTo: `${page}?${query}`, outcome };
      };
      if (!input.caller) return landing('signed_out');
      if (!input.state) return landing('invalid_state');
      const flow = await oauthStates.take({
        stateHash: hashSecret(input.state),
        userId: input.caller.userId,
        network: input.network,
      });
      if (!flow) return landing('invalid_state');
      if (flow.expiresAt.getTime() <= now().getTime()) return landing('expired', flow.workspaceId);
      if (input.error || !input.code) return landing('denied', flow.workspaceId);
      if (!(await deps.mayManageChannels(flow.workspaceId, flow.userId))) return landing('forbidden', flow.workspaceId);

      const network = flow.network as NetworkId;
      const actor: ActorInWorkspace = { ...input.caller, workspaceId: flow.workspaceId, role: 'owner' };
      let connector: ReturnType<typeof oauthConnector>;
      try {
        connector = oauthConnector(network);
      } catch {
        return landing('unavailable', flow.workspaceId);
      }
      const secrets: FlowSecrets = flow.flowSecretsEncrypted
        ? (JSON.parse(secretBox.open(flow.flowSecretsEncrypted, flow.workspaceId)) as FlowSecrets)
        : {};
      const client = secrets.client ?? deps.oauthClients[network];
      if (!client) return landing('unavailable', flow.workspaceId);
      const baseUrl = baseUrlFor(network, flow.instanceUrl);
      try {
        const tokens = await connector.exchangeCode(
          { baseUrl, fetch: deps.fetch, now },
          { ...client, redirectUri: redirectUri(network) },
          { code: input.code, ...(secrets.codeVerifier ? { codeVerifier: secrets.codeVerifier } : {}) },
        );
        const identity = await identify(network, connector, baseUrl, tokens, flow.instanceUrl);
        await storeConnected(actor, { network, instanceUrl: flow.instanceUrl, ...identity });
        return landing('connected', flow.workspaceId);
      } catch (error) {
        await audit.insert({
          workspaceId: flow.workspaceId,
          actorUserId: actor.userId,
          actorEmail: actor.email,
          action: 'channel.connected',
          targetType: 'network',
          targetId: network,
          ip: actor.ip,
          outcome: 'failure',
          details: { reason: error instanceof Error ? error.message.slice(0, 300) : 'unknown' },
        });
        return landing('exchange_failed', flow.workspaceId);
      }
    },

    /** Bluesky: a session opened with an app password; the password itself is never stored. */
    async connectBluesky(
      actor: ActorInWorkspace,
      input: { identifier: string; appPassword: string; instanceUrl?: string | undefined },
    ): Promise<ChannelSummary> {
      const instanceUrl = input.instanceUrl ?? null;
      const baseUrl = baseUrlFor('bluesky', instanceUrl);
      const session = await deps
        .createBlueskySession({
          fetch: deps.fetch,
          baseUrl,
          identifier: input.identifier,
          appPassword: input.appPassword,
        })
        .catch((error: unknown) => {
          if (error instanceof HandshakeRefused && error.status === 401)
            throw new AppError(
              422,
              'bluesky_login_failed',
              'Bluesky refused this handle and app password; check both.',
            );
          throw new AppError(502, 'bluesky_unreachable', `Could not open a Bluesky session on ${baseUrl}.`);
        });
      const expiresAt = jwtExpiry(session.accessJwt);
      return storeConnected(actor, {
        network: 'bluesky',
        instanceUrl,
        tokens: {
          accessToken: session.accessJwt,
          refreshToken: session.refreshJwt,
          ...(expiresAt ? { expiresAt } : {}),
        },
        accountId: session.did,
        displayName: session.handle,
      });
    },

    /** Disconnects: tokens wiped, the account stays listed as disconnected with its history. */
    async disconnect(actor: ActorInWorkspace, channelId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const channel = await channels.findInWorkspace(actor.workspaceId, channelId, trx);
        if (!channel) throw notFound('channel');
        await channels.disconnect(actor.workspaceId, channelId, now(), trx);
        await record(actor, 'channel.disconnected', channel, trx);
      });
    },

    deleteExpiredStates: () => oauthStates.deleteExpired(now()),
  };
}

export type ChannelConnectionsService = ReturnType<typeof createChannelConnectionsService>;
