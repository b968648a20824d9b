import {
  AuthExpired,
  Rejected,
  type Connector,
  type ConnectorContext,
  type Credentials,
  type NetworkId,
  type OAuthClient,
} from '@sillage/connectors';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { ChannelsRepository, ChannelWithSecrets } from '../repositories/channels.repository.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { callWithTimeout } from './call-with-timeout.ts';
import { baseUrlFor } from './network-hosts.ts';
import type { PublicationsRepository } from './publications.repository.ts';
import type { PublishingNotifier } from './publishing-notifier.ts';

export type RefreshOutcome =
  | { ok: true; credentials: Credentials }
  | { ok: false; kind: 'needs_reconnect'; reason: string }
  | { ok: false; kind: 'transient'; reason: string };

const REFRESH_TIMEOUT_MS = 30_000;
const OPENED_CREDENTIALS_MAX = 10_000;
const NO_CLIENT: OAuthClient = { clientId: '', clientSecret: '', redirectUri: '' };

/**
 * An account's credentials and health for the engine: decrypts tokens, refreshes them under a per-account
 * lock (one refresh however many workers saw the token expire), and marks an account that needs reconnecting.
 */
export function createChannelAccess(deps: {
  db: Kysely<DB>;
  channels: ChannelsRepository;
  publications: PublicationsRepository;
  secretBox: SecretBox;
  connectors: Partial<Record<NetworkId, Connector>>;
  oauthClients: Partial<Record<NetworkId, OAuthClient>>;
  networkBaseUrls: Partial<Record<NetworkId, string>>;
  notifier: PublishingNotifier;
  fetch: typeof fetch;
  now: () => Date;
}) {
  const { db, channels, secretBox, now } = deps;

  // Opened credentials per channel, kept while its sealed tokens are the same ciphertexts (a refresh or a
  // reconnect seals new ones, so a changed token is never served from here). Bounded: cleared when full.
  const opened = new Map<string, { access: string; refresh: string | null; credentials: Credentials }>();

  function credentialsOf(channel: ChannelWithSecrets): Credentials {
    const known = opened.get(channel.id);
    if (
      known &&
      known.access === channel.accessTokenEncrypted &&
      known.refresh === channel.refreshTokenEncrypted &&
      known.credentials.accountId === channel.networkAccountId &&
      (known.credentials.instanceUrl ?? null) === channel.instanceUrl
    )
      return { ...known.credentials };
    const credentials = openCredentials(channel);
    if (opened.size >= OPENED_CREDENTIALS_MAX) opened.clear();
    opened.set(channel.id, {
      access: channel.accessTokenEncrypted,
      refresh: channel.refreshTokenEncrypted,
      credentials,
    });
    return { ...credentials };
  }

  function openCredentials(channel: ChannelWithSecrets): Credentials {
    const refreshToken =
      channel.refreshTokenEncrypted === null
        ? undefined
        : secretBox.open(channel.refreshTokenEncrypted, channel.workspaceId);
    return {
      accessToken: secretBox.open(channel.accessTokenEncrypted, channel.workspaceId),
      ...(refreshToken === undefined ? {} : { refreshToken }),
      accountId: channel.networkAccountId,
      ...(channel.instanceUrl === null ? {} : { instanceUrl: channel.instanceUrl }),
    };
  }

  /** Marks the account, holds its scheduled publications and tells owners and admins, in `trx`. */
  async function markNeedsReconnect(trx: Executor, channel: ChannelWithSecrets, reason: string): Promise<void> {
    const at = now();
    await channels.setStatus(channel.id, 'needs_reconnect', at, trx);
    await channels.recordError(channel.id, reason, at, trx);
    await deps.publications.holdForReconnect(channel.id, at, trx);
    await deps.notifier.notifyAdmins(trx, {
      workspaceId: channel.workspaceId,
      kind: 'channel.needs_reconnect',
      subjectType: 'channel',
      subjectId: channel.id,
      subject: `Reconnect ${channel.displayName} (${channel.network}) in Sillage`,
      message:
        `${channel.displayName} on ${channel.network} must be reconnected: ${reason} ` +
        'Nothing will be published to it until then; reconnect it from the channels page.',
    });
  }

  /** What a connector call needs for this channel. */
  function contextFor(channel: ChannelWithSecrets, credentials: Credentials, fetchImpl = deps.fetch): ConnectorContext {
    const baseUrl = baseUrlFor(channel.network as NetworkId, channel.instanceUrl, deps.networkBaseUrls) ?? '';
    return {
      baseUrl,
      credentials,
      fetch: fetchImpl,
      now,
      loadMedia: async (item) => new Uint8Array(await (await deps.fetch(item.url)).arrayBuffer()),
    };
  }

  return {
    credentialsOf,

    contextFor,

    /** The HTTP client calls to the networks go through (a call's deadline is built on it). */
    fetch: deps.fetch,

    /**
     * After the network said the token `failedAccessToken` expired: under the account's lock, uses a token
     * another worker already refreshed, or refreshes it once; a refused refresh marks the account.
     */
    async refreshAfterExpiry(channelId: string, failedAccessToken: string): Promise<RefreshOutcome> {
      return db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
        await channels.lockForRefresh(trx, channelId);
        const channel = await channels.findWithSecrets(channelId, trx);
        if (!channel) return { ok: false, kind: 'needs_reconnect', reason: 'The channel was removed.' };
        if (channel.status !== 'active')
          return { ok: false, kind: 'needs_reconnect', reason: 'The account must be reconnected.' };
        const current = credentialsOf(channel);
        if (current.accessToken !== failedAccessToken) return { ok: true, credentials: current };

        const network = channel.network as NetworkId;
        const connector = deps.connectors[network];
        const refreshToken = current.refreshToken;
        const refresh = connector?.refreshToken?.bind(connector);
        if (!refresh || refreshToken === undefined) {
          const reason = 'The network ended the authorization and it cannot be renewed without you.';
          await markNeedsReconnect(trx, channel, reason);
          return { ok: false, kind: 'needs_reconnect', reason };
        }
        const context = contextFor(channel, current);
        try {
          // The lock's transaction stays open during the call: bound it.
          const { value: tokens, error } = await callWithTimeout(
            REFRESH_TIMEOUT_MS,
            (fetchWithDeadline) =>
              refresh(
                { baseUrl: context.baseUrl, fetch: fetchWithDeadline, now },
                deps.oauthClients[network] ?? NO_CLIENT,
                refreshToken,
              ),
            deps.fetch,
          );
          if (tokens === undefined) throw error;
          await channels.updateCredentials(
            channel.id,
            {
              accessTokenEncrypted: secretBox.seal(tokens.accessToken, channel.workspaceId),
              refreshTokenEncrypted: secretBox.seal(tokens.refreshToken ?? refreshToken, channel.workspaceId),
              tokenExpiresAt: tokens.expiresAt ?? null,
            },
            now(),
            trx,
          );
          return {
            ok: true,
            credentials: {
              ...current,
              accessToken: tokens.accessToken,
              refreshToken: tokens.refreshToken ?? refreshToken,
            },
          };
        } catch (error) {
          if (error instanceof AuthExpired || error instanceof Rejected) {
            const reason = `The network refused to renew the authorization (${error.message}).`;
            await markNeedsReconnect(trx, channel, reason);
            return { ok: false, kind: 'needs_reconnect', reason };
          }
          return { ok: false, kind: 'transient', reason: `Renewing the authorization failed: ${String(error)}` };
        }
      });
    },

    /** Marks an account whose authorization was revoked (no refresh can help), unless already marked. */
    async revoked(channelId: string, reason: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await channels.lockForRefresh(trx, channelId);
        const channel = await channels.findWithSecrets(channelId, trx);
        if (channel?.status === 'active') await markNeedsReconnect(trx, channel, reason);
      });
    },
  };
}

export type ChannelAccess = ReturnType<typeof createChannelAccess>;
