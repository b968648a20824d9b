import { startBlueskySimulator } from './bluesky/bluesky-simulator.ts';
import { startFacebookSimulator } from './facebook/facebook-simulator.ts';
import { startGoogleBusinessSimulator } from './google_business/google-business-simulator.ts';
import { startInstagramSimulator } from './instagram/instagram-simulator.ts';
import { startLinkedinSimulator } from './linkedin/linkedin-simulator.ts';
import { startMastodonSimulator } from './mastodon/mastodon-simulator.ts';
import { startPinterestSimulator } from './pinterest/pinterest-simulator.ts';
import { startThreadsSimulator } from './threads/threads-simulator.ts';
import { startTikTokSimulator } from './tiktok/tiktok-simulator.ts';
import { startXSimulator } from './x/x-simulator.ts';
import { startYouTubeSimulator } from './youtube/youtube-simulator.ts';
import { networkIds, type NetworkId } from '@sillage/domain';

/** The networks Sillage simulates; each gets its own loopback HTTP server speaking that network's wire format. */
export const simulatedNetworks = networkIds;
export type SimulatedNetwork = NetworkId;

export type RunningSimulators = {
  /** Base URL of each network's simulator, e.g. http://127.0.0.1:41234 */
  baseUrls: Record<SimulatedNetwork, string>;
  stop(): Promise<void>;
};

const starters: Record<
  NetworkId,
  (options: { host?: string }) => Promise<{ baseUrl: string; close(): Promise<void> }>
> = {
  facebook: startFacebookSimulator,
  instagram: startInstagramSimulator,
  threads: startThreadsSimulator,
  linkedin: startLinkedinSimulator,
  x: startXSimulator,
  tiktok: startTikTokSimulator,
  youtube: startYouTubeSimulator,
  pinterest: startPinterestSimulator,
  bluesky: startBlueskySimulator,
  mastodon: startMastodonSimulator,
  google_business: startGoogleBusinessSimulator,
};

/** Starts one loopback server per network, each speaking that network's wire format. */
export async function startSimulators(options: { host?: string } = {}): Promise<RunningSimulators> {
  const host = options.host ?? '127.0.0.1';
  const running = await Promise.all(simulatedNetworks.map((network) => starters[network]({ host })));
  const baseUrls = Object.fromEntries(
    simulatedNetworks.map((network, index) => [network, running[index]!.baseUrl]),
  ) as Record<SimulatedNetwork, string>;
  return {
    baseUrls,
    async stop() {
      await Promise.all(running.map((simulator) => simulator.close()));
    },
  };
}
