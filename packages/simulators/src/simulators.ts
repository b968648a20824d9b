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

/**
 * An account created on a simulator, in the shape Sillage stores a connected channel: the account's id on the
 * network, its tokens, and the defaults a post needs there (a Pinterest board).
 */
export type SimulatedAccount = {
  network: SimulatedNetwork;
  accountId: string;
  displayName: string;
  accessToken: string;
  refreshToken?: string;
  expiresAt?: Date;
  /** Set where the network has many hosts (Mastodon instance, Bluesky PDS). */
  instanceUrl?: string;
  /** Options a publication to this account needs, e.g. `{ boardId }` on Pinterest. */
  defaults: Record<string, string>;
};

export type RunningSimulators = {
  /** Base URL of each network's simulator, e.g. http://127.0.0.1:41234 */
  baseUrls: Record<SimulatedNetwork, string>;
  /** Creates an account (a page, a profile, an organization, a channel...) on one simulator. */
  createAccount(network: SimulatedNetwork, name: string): Promise<SimulatedAccount>;
  /** What one simulator holds as published, in its own wire shape (newest last). */
  posts(network: SimulatedNetwork): readonly unknown[];
  /** The incoming side of the simulators with an inbox: comments, messages, mentions and reviews to add. */
  inbox: {
    facebook: Started['facebook']['inbox'];
    instagram: Started['instagram']['inbox'];
    mastodon: Started['mastodon']['inbox'];
    bluesky: Started['bluesky']['inbox'];
    google_business: Started['google_business']['inbox'];
  };
  /**
   * Sets a post's LIFETIME figures through the simulator's own hook, mapping only what that network reports
   * (Mastodon and Pinterest keep increments: the delta is computed here). `at` is the UTC day Pinterest files the
   * growth under. Google Business Profile reports no post figures.
   */
  setPostFigures(network: SimulatedNetwork, postId: string, figures: PostFigures, at?: Date): void;
  stop(): Promise<void>;
};

/** A post's lifetime figures, as `setPostFigures` takes them (missing ones are left as they are). */
export type PostFigures = {
  impressions?: number;
  reach?: number;
  reactions?: number;
  comments?: number;
  shares?: number;
  saves?: number;
  linkClicks?: number;
  videoViews?: number;
};

type Started = {
  facebook: Awaited<ReturnType<typeof startFacebookSimulator>>;
  instagram: Awaited<ReturnType<typeof startInstagramSimulator>>;
  threads: Awaited<ReturnType<typeof startThreadsSimulator>>;
  linkedin: Awaited<ReturnType<typeof startLinkedinSimulator>>;
  x: Awaited<ReturnType<typeof startXSimulator>>;
  tiktok: Awaited<ReturnType<typeof startTikTokSimulator>>;
  youtube: Awaited<ReturnType<typeof startYouTubeSimulator>>;
  pinterest: Awaited<ReturnType<typeof startPinterestSimulator>>;
  bluesky: Awaited<ReturnType<typeof startBlueskySimulator>>;
  mastodon: Awaited<ReturnType<typeof startMastodonSimulator>>;
  google_business: Awaited<ReturnType<typeof startGoogleBusinessSimulator>>;
};

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

const expiry = (seconds: number | undefined) =>
  seconds === undefined ? {} : { expiresAt: new Date(Date.now() + seconds * 1000) };

/** One account on one simulator, whatever that simulator's own `createAccount` returns. */
async function createAccountOn(sims: Started, network: SimulatedNetwork, name: string): Promise<SimulatedAccount> {
  const base = { network, displayName: name, defaults: {} as Record<string, string> };
  switch (network) {
    case 'facebook': {
      const account = sims.facebook.createAccount({ pageName: name });
      return { ...base, accountId: account.pageId, accessToken: account.pageAccessToken };
    }
    case 'instagram': {
      const account = sims.instagram.createAccount({ username: slug(name) });
      return { ...base, accountId: account.igUserId, accessToken: account.accessToken };
    }
    case 'threads': {
      const account = sims.threads.createAccount({ username: slug(name) });
      return { ...base, accountId: account.userId, accessToken: account.accessToken };
    }
    case 'linkedin': {
      const account = sims.linkedin.createAccount();
      return { ...base, accountId: account.organizationUrn, ...tokensOf(account) };
    }
    case 'x': {
      const account = sims.x.createAccount({ username: slug(name), name });
      return { ...base, accountId: account.account.id, ...tokensOf(account) };
    }
    case 'tiktok': {
      const account = sims.tiktok.createAccount({ username: slug(name) });
      return { ...base, accountId: account.accountId, ...tokensOf(account) };
    }
    case 'youtube': {
      const account = sims.youtube.createAccount();
      return { ...base, accountId: account.accountId, ...tokensOf(account) };
    }
    case 'pinterest': {
      const account = sims.pinterest.createAccount({ username: slug(name) });
      return { ...base, accountId: account.accountId, ...tokensOf(account), defaults: { boardId: account.boardId } };
    }
    case 'google_business': {
      const account = sims.google_business.createAccount();
      return { ...base, accountId: account.accountId, ...tokensOf(account) };
    }
    case 'mastodon': {
      const account = sims.mastodon.createAccount({ username: slug(name) });
      return {
        ...base,
        accountId: account.account.id,
        accessToken: account.accessToken,
        instanceUrl: sims.mastodon.baseUrl,
      };
    }
    case 'bluesky': {
      // Bluesky has no OAuth token to hand out: log in with the app password, as Sillage's connect flow does.
      const password = 'demo-app-pass-word';
      const handle = `${slug(name)}.bsky.test`;
      sims.bluesky.createAccount({ handle, password });
      const response = await fetch(`${sims.bluesky.baseUrl}/xrpc/com.atproto.server.createSession`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: handle, password }),
      });
      if (!response.ok) throw new Error(`the Bluesky simulator refused the session: ${response.status}`);
      const session = (await response.json()) as { did: string; accessJwt: string; refreshJwt: string };
      return {
        ...base,
        displayName: handle,
        accountId: session.did,
        accessToken: session.accessJwt,
        refreshToken: session.refreshJwt,
        instanceUrl: sims.bluesky.baseUrl,
      };
    }
  }
}

function tokensOf(issued: { accessToken: string; refreshToken?: string; expiresInSeconds?: number }) {
  return {
    accessToken: issued.accessToken,
    ...(issued.refreshToken === undefined ? {} : { refreshToken: issued.refreshToken }),
    ...expiry(issued.expiresInSeconds),
  };
}

const defined = <T extends Record<string, number | undefined>>(values: T) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: number;
  };

/** Pinterest reports growth per UTC day: each Pin's days, so a lifetime total becomes today's increment. */
type PinterestDays = Map<string, Map<string, { IMPRESSION: number; OUTBOUND_CLICK: number; SAVE: number }>>;

function setFiguresOn(
  sims: Started,
  pinterestDays: PinterestDays,
  network: SimulatedNetwork,
  postId: string,
  figures: PostFigures,
  at: Date,
): void {
  const { impressions, reach, reactions, comments, shares, saves, linkClicks, videoViews } = figures;
  switch (network) {
    case 'facebook':
      sims.facebook.setEngagement(
        postId,
        defined({ views: impressions, uniqueViews: reach, linkClicks, videoViews, shares, comments }),
      );
      if (reactions !== undefined) sims.facebook.setEngagement(postId, { reactions: { like: reactions } });
      return;
    case 'instagram': {
      const insights = defined({ views: impressions, reach, likes: reactions, comments, shares, saved: saves });
      const interactions = (reactions ?? 0) + (comments ?? 0) + (shares ?? 0) + (saves ?? 0);
      sims.instagram.setInsights(postId, { ...insights, total_interactions: interactions });
      return;
    }
    case 'threads':
      sims.threads.setInsights(
        postId,
        defined({ views: impressions, likes: reactions, replies: comments, reposts: shares }),
      );
      return;
    case 'mastodon': {
      const status = sims.mastodon.posts().find((candidate) => candidate.id === postId);
      if (!status) throw new Error(`No status ${postId} on the simulator`);
      sims.mastodon.engage(postId, {
        favourites: Math.max(0, (reactions ?? status.favourites ?? 0) - (status.favourites ?? 0)),
        reblogs: Math.max(0, (shares ?? status.reblogs ?? 0) - (status.reblogs ?? 0)),
      });
      return;
    }
    case 'bluesky':
      sims.bluesky.engage(postId, defined({ likes: reactions, reposts: shares, bookmarks: saves }));
      return;
    case 'youtube':
      sims.youtube.setStatistics(postId, {
        views: videoViews ?? impressions ?? 0,
        likes: reactions ?? 0,
        comments: comments ?? 0,
      });
      return;
    case 'tiktok':
      sims.tiktok.setCounters(postId, {
        views: videoViews ?? impressions ?? 0,
        likes: reactions ?? 0,
        comments: comments ?? 0,
        shares: shares ?? 0,
      });
      return;
    case 'linkedin':
      sims.linkedin.setShareStatistics(
        postId,
        defined({ impressions, uniqueImpressions: reach, clicks: linkClicks, likes: reactions, comments, shares }),
      );
      return;
    case 'pinterest': {
      sims.pinterest.setLifetimeMetrics(postId, defined({ TOTAL_REACTIONS: reactions, TOTAL_COMMENTS: comments }));
      const days =
        pinterestDays.get(postId) ?? new Map<string, { IMPRESSION: number; OUTBOUND_CLICK: number; SAVE: number }>();
      pinterestDays.set(postId, days);
      const today = at.toISOString().slice(0, 10);
      const before = { IMPRESSION: 0, OUTBOUND_CLICK: 0, SAVE: 0 };
      for (const [day, counted] of days) {
        if (day === today) continue;
        before.IMPRESSION += counted.IMPRESSION;
        before.OUTBOUND_CLICK += counted.OUTBOUND_CLICK;
        before.SAVE += counted.SAVE;
      }
      const current = days.get(today);
      const increment = (total: number | undefined, earlier: number, kept: number | undefined) =>
        total === undefined ? (kept ?? 0) : Math.max(0, total - earlier);
      const counted = {
        IMPRESSION: increment(impressions, before.IMPRESSION, current?.IMPRESSION),
        OUTBOUND_CLICK: increment(linkClicks, before.OUTBOUND_CLICK, current?.OUTBOUND_CLICK),
        SAVE: increment(saves, before.SAVE, current?.SAVE),
      };
      days.set(today, counted);
      sims.pinterest.setDailyMetrics(postId, today, counted);
      return;
    }
    case 'x':
      sims.x.setMetrics(
        postId,
        defined({
          impressions,
          nonPublicImpressions: impressions,
          likes: reactions,
          replies: comments,
          reposts: shares,
          bookmarks: saves,
          urlLinkClicks: linkClicks,
        }),
      );
      return;
    case 'google_business':
      return;
  }
}

/** Starts one loopback server per network, each speaking that network's wire format. */
export async function startSimulators(options: { host?: string } = {}): Promise<RunningSimulators> {
  const host = options.host ?? '127.0.0.1';
  const [facebook, instagram, threads, linkedin, x, tiktok, youtube, pinterest, bluesky, mastodon, googleBusiness] =
    await Promise.all([
      startFacebookSimulator({ host }),
      startInstagramSimulator({ host }),
      startThreadsSimulator({ host }),
      startLinkedinSimulator({ host }),
      startXSimulator({ host }),
      startTikTokSimulator({ host }),
      startYouTubeSimulator({ host }),
      startPinterestSimulator({ host }),
      startBlueskySimulator({ host }),
      startMastodonSimulator({ host }),
      startGoogleBusinessSimulator({ host }),
    ]);
  const sims: Started = {
    facebook,
    instagram,
    threads,
    linkedin,
    x,
    tiktok,
    youtube,
    pinterest,
    bluesky,
    mastodon,
    google_business: googleBusiness,
  };
  const pinterestDays: PinterestDays = new Map();
  const baseUrls = Object.fromEntries(simulatedNetworks.map((network) => [network, sims[network].baseUrl])) as Record<
    SimulatedNetwork,
    string
  >;
  return {
    baseUrls,
    createAccount: (network, name) => createAccountOn(sims, network, name),
    posts: (network) => sims[network].posts(),
    setPostFigures: (network, postId, figures, at = new Date()) =>
      setFiguresOn(sims, pinterestDays, network, postId, figures, at),
    inbox: {
      facebook: facebook.inbox,
      instagram: instagram.inbox,
      mastodon: mastodon.inbox,
      bluesky: bluesky.inbox,
      google_business: googleBusiness.inbox,
    },
    async stop() {
      await Promise.all(simulatedNetworks.map((network) => sims[network].close()));
    },
  };
}
