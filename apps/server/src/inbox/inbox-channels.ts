import { AuthExpired, type Connector, type ConnectorContext, type NetworkId } from '@sillage/connectors';
import type { ChannelsRepository, ChannelWithSecrets } from '../repositories/channels.repository.ts';
import { baseUrlFor } from '../publishing/network-hosts.ts';
import type { SecretBox } from '../security/secret-box.ts';

/** A channel's connector and the context to call it with, its tokens decrypted just before the call. */
export function createInboxChannels(deps: {
  channels: ChannelsRepository;
  secretBox: SecretBox;
  connectors: Partial<Record<NetworkId, Connector>>;
  networkBaseUrls: Partial<Record<NetworkId, string>>;
  fetch: typeof fetch;
  now: () => Date;
  /** Renews an expired access token under the account's lock (the publishing engine's); null credentials: reconnect. */
  refreshAfterExpiry?: (
    channelId: string,
    failedAccessToken: string,
  ) => Promise<{ ok: true; credentials: ConnectorContext['credentials'] } | { ok: false; reason: string }>;
}) {
  function contextFor(channel: ChannelWithSecrets): ConnectorContext {
    const refreshToken =
      channel.refreshTokenEncrypted === null
        ? undefined
        : deps.secretBox.open(channel.refreshTokenEncrypted, channel.workspaceId);
    return {
      baseUrl: baseUrlFor(channel.network as NetworkId, channel.instanceUrl, deps.networkBaseUrls) ?? '',
      credentials: {
        accessToken: deps.secretBox.open(channel.accessTokenEncrypted, channel.workspaceId),
        ...(refreshToken === undefined ? {} : { refreshToken }),
        accountId: channel.networkAccountId,
        ...(channel.instanceUrl === null ? {} : { instanceUrl: channel.instanceUrl }),
      },
      fetch: deps.fetch,
      now: deps.now,
      loadMedia: async (item) => new Uint8Array(await (await deps.fetch(item.url)).arrayBuffer()),
    };
  }

  return {
    connectorOf: (network: string): Connector | undefined => deps.connectors[network as NetworkId],
    /** Networks whose connector can read an inbox. */
    pollableNetworks: (): NetworkId[] =>
      (Object.entries(deps.connectors) as [NetworkId, Connector | undefined][])
        .filter(([, connector]) => connector?.listInboxItems !== undefined)
        .map(([network]) => network),
    async open(channelId: string): Promise<{ channel: ChannelWithSecrets; context: ConnectorContext } | undefined> {
      const channel = await deps.channels.findWithSecrets(channelId);
      return channel ? { channel, context: contextFor(channel) } : undefined;
    },
    /**
     * Runs `call` with the channel's context; when the network says the access token expired and a refresh is
     * possible, renews it once (under the account's lock) and calls again with the new token.
     */
    async withFreshToken<T>(
      channelId: string,
      context: ConnectorContext,
      call: (context: ConnectorContext) => Promise<T>,
    ): Promise<T> {
      try {
        return await call(context);
      } catch (error) {
        if (!(error instanceof AuthExpired) || !error.refreshable || !deps.refreshAfterExpiry) throw error;
        const renewed = await deps.refreshAfterExpiry(channelId, context.credentials.accessToken);
        if (!renewed.ok) throw error;
        return call({ ...context, credentials: renewed.credentials });
      }
    },
  };
}

export type InboxChannels = ReturnType<typeof createInboxChannels>;
