import { blueskyConnector } from './bluesky/index.ts';
import type { Connector, NetworkId } from './connector.ts';
import { facebookConnector } from './facebook/index.ts';
import { googleBusinessConnector } from './google_business/index.ts';
import { instagramConnector } from './instagram/index.ts';
import { linkedinConnector } from './linkedin/index.ts';
import { mastodonConnector } from './mastodon/index.ts';
import { pinterestConnector } from './pinterest/index.ts';
import { threadsConnector } from './threads/index.ts';
import { tiktokConnector } from './tiktok/index.ts';
import { xConnector } from './x/index.ts';
import { youtubeConnector } from './youtube/index.ts';

/** The explicit list of connectors: one per network, each from its own folder. */
export const connectors = {
  facebook: facebookConnector,
  instagram: instagramConnector,
  threads: threadsConnector,
  linkedin: linkedinConnector,
  x: xConnector,
  tiktok: tiktokConnector,
  youtube: youtubeConnector,
  pinterest: pinterestConnector,
  bluesky: blueskyConnector,
  mastodon: mastodonConnector,
  google_business: googleBusinessConnector,
} satisfies Record<NetworkId, Connector>;

/** The connector of a network, or undefined for a name that is not one. */
export function connectorFor(network: NetworkId): Connector | undefined {
  return (connectors as Partial<Record<string, Connector>>)[network];
}
