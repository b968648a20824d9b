import { z } from 'zod';
import { Id, Instant } from './common.ts';

/** The networks a channel can belong to; the same list as the connectors' `networkIds`. */
export const ChannelNetwork = z.enum([
  'facebook',
  'instagram',
  'threads',
  'linkedin',
  'x',
  'tiktok',
  'youtube',
  'pinterest',
  'bluesky',
  'mastodon',
  'google_business',
]);
export type ChannelNetwork = z.infer<typeof ChannelNetwork>;

export const ChannelStatus = z.enum(['active', 'needs_reconnect', 'disconnected']);
export type ChannelStatus = z.infer<typeof ChannelStatus>;

/** A connected account and its health; credentials never leave the server. */
export const Channel = z
  .object({
    id: Id,
    network: ChannelNetwork,
    name: z.string(),
    networkAccountId: z.string(),
    instanceUrl: z.string().nullable(),
    status: ChannelStatus,
    tokenExpiresAt: Instant.nullable().meta({ description: 'Null when the network gave no expiry' }),
    lastSuccessAt: Instant.nullable().meta({ description: 'Null when no call has succeeded yet' }),
    lastErrorAt: Instant.nullable(),
    lastError: z.string().nullable(),
    connectedAt: Instant,
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

export const ChannelParams = z.object({ workspaceId: Id, channelId: Id });

const InstanceUrl = z
  .url({ protocol: /^https?$/, message: 'Enter the address of the server, such as https://mastodon.social' })
  .transform((value) => value.replace(/\/+$/, ''));

export const ConnectChannelRequest = z
  .object({
    network: ChannelNetwork,
    instanceUrl: InstanceUrl.optional().meta({ description: 'Mastodon: the instance of the account' }),
  })
  .meta({ id: 'ConnectChannelRequest' });

/** Where to send the browser so the user grants access on the network. */
export const ConnectChannelResponse = z.object({ authorizeUrl: z.string() }).meta({ id: 'ConnectChannelResponse' });

export const ConnectBlueskyRequest = z
  .object({
    identifier: z.string().trim().min(1).max(253).meta({ description: 'Handle or e-mail of the account' }),
    appPassword: z.string().trim().min(1).max(100).meta({ description: 'An app password, never the main password' }),
    instanceUrl: InstanceUrl.optional().meta({ description: 'The PDS; https://bsky.social when absent' }),
  })
  .meta({ id: 'ConnectBlueskyRequest' });

export const OAuthCallbackParams = z.object({ network: z.string().max(40) });
export const OAuthCallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
});
