import type { NetworkId } from '@sillage/connectors';

/** The real API hosts; configuration (SILLAGE_NETWORK_<NETWORK>_URL) points them at simulators instead. */
export const networkHosts: Readonly<Record<NetworkId, string | null>> = {
  facebook: 'https://graph.facebook.com',
  instagram: 'https://graph.instagram.com',
  threads: 'https://graph.threads.net',
  linkedin: 'https://api.linkedin.com',
  x: 'https://api.x.com',
  tiktok: 'https://open.tiktokapis.com',
  youtube: 'https://www.googleapis.com',
  pinterest: 'https://api.pinterest.com',
  bluesky: 'https://bsky.social',
  // Every account names its own instance.
  mastodon: null,
  google_business: 'https://mybusiness.googleapis.com',
};

/**
 * The base URL to call for one channel: the configured override, else the account's own host (Mastodon
 * instance, Bluesky PDS), else the network's real host.
 */
export function baseUrlFor(
  network: NetworkId,
  instanceUrl: string | null,
  overrides: Partial<Record<NetworkId, string>>,
): string | undefined {
  return overrides[network] ?? instanceUrl ?? networkHosts[network] ?? undefined;
}
