import type { ChannelNetwork } from '@sillage/contracts';

/** How an account of the network is connected: OAuth, OAuth on the account's own instance, or an app password. */
export type ConnectionKind = 'oauth' | 'instance' | 'app_password';

type NetworkInfo = { network: ChannelNetwork; name: string; kind: ConnectionKind };

// Brand names are the same in every language, so they are not messages.
export const networks: readonly NetworkInfo[] = [
  { network: 'facebook', name: 'Facebook', kind: 'oauth' },
  { network: 'instagram', name: 'Instagram', kind: 'oauth' },
  { network: 'threads', name: 'Threads', kind: 'oauth' },
  { network: 'linkedin', name: 'LinkedIn', kind: 'oauth' },
  { network: 'x', name: 'X', kind: 'oauth' },
  { network: 'tiktok', name: 'TikTok', kind: 'oauth' },
  { network: 'youtube', name: 'YouTube', kind: 'oauth' },
  { network: 'pinterest', name: 'Pinterest', kind: 'oauth' },
  { network: 'google_business', name: 'Google Business Profile', kind: 'oauth' },
  { network: 'mastodon', name: 'Mastodon', kind: 'instance' },
  { network: 'bluesky', name: 'Bluesky', kind: 'app_password' },
];

export const networkName = (network: string): string =>
  networks.find((info) => info.network === network)?.name ?? network;
