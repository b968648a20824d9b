import { createHash } from 'node:crypto';
import type { PostFigures, RunningSimulators, SimulatedNetwork } from '@sillage/simulators';

/** A post a simulator holds: its id on the network, when it was published, and whether it carries a link. */
type HeldPost = { id: string; createdAt: Date; link: boolean };

const hourMs = 3_600_000;
/** How fast a post's audience fills up: most of it comes in the first day, as on the networks. */
const riseMs = 6 * hourMs;

const at = (value: string | number | Date) => (value instanceof Date ? value : new Date(value));

/** The posts (not replies, not deleted ones) one simulator holds, read from its own wire shape. */
export function heldPosts(simulators: RunningSimulators, network: SimulatedNetwork): HeldPost[] {
  const posts = simulators.posts(network) as Record<string, unknown>[];
  const held = (id: unknown, createdAt: string | number | Date, link = false): HeldPost[] =>
    typeof id === 'string' && !Number.isNaN(at(createdAt).getTime()) ? [{ id, createdAt: at(createdAt), link }] : [];
  return posts.flatMap((post): HeldPost[] => {
    switch (network) {
      case 'facebook':
        return post.deleted ? [] : held(post.id, post.createdAt as Date, post.kind === 'link');
      case 'instagram':
        return held(post.id, post.timestamp as Date);
      case 'threads':
        return post.deleted || post.replyToId ? [] : held(post.id, post.timestamp as Date);
      case 'mastodon':
        return post.inReplyTo ? [] : held(post.id, post.createdAt as string);
      case 'bluesky':
        return post.reply ? [] : held(post.uri, post.createdAt as string);
      case 'youtube':
        return held(post.id, post.publishedAt as string);
      case 'tiktok':
        return held(post.id, (post.createTime as number) * 1000);
      case 'linkedin':
        return held(post.urn, post.createdAt as number, post.content !== null && post.content !== undefined);
      case 'pinterest':
        // Pinterest's created_at has no zone designator: it is UTC.
        return held(post.id, `${post.createdAt as string}Z`, typeof post.link === 'string');
      case 'x':
        return post.inReplyTo ? [] : held(post.id, post.createdAt as string, /https?:\/\//.test(String(post.text)));
      case 'google_business':
        return [];
    }
  });
}

/** Fractions in [0, 1) drawn from the post id, so the same post always gets the same audience. */
function seeded(postId: string): number[] {
  const digest = createHash('sha256').update(postId).digest();
  return Array.from({ length: 8 }, (_, index) => digest.readUInt32BE(index * 4) / 2 ** 32);
}

/**
 * A post's lifetime figures at a given age: impressions = base × (1 − e^(−age/6 h)) with a base of 800 to 5,000
 * drawn from the post id, reach 60-75 % of impressions, engagement 2-6 % of impressions split into reactions,
 * comments, shares and saves, link clicks about 1 % for link posts. Grows with age, never decreases.
 */
export function demoFigures(postId: string, ageMs: number, link: boolean): Required<PostFigures> {
  const [base, reachShare, engagementShare, commentShare, shareShare, saveShare, clickShare, viewShare] = seeded(
    postId,
  ) as [number, number, number, number, number, number, number, number];
  const impressions = Math.floor((800 + base * 4200) * (1 - Math.exp(-Math.max(0, ageMs) / riseMs)));
  const engaged = impressions * (0.02 + engagementShare * 0.04);
  return {
    impressions,
    reach: Math.floor(impressions * (0.6 + reachShare * 0.15)),
    reactions: Math.floor(engaged * 0.7),
    comments: Math.floor(engaged * (0.05 + commentShare * 0.1)),
    shares: Math.floor(engaged * (0.05 + shareShare * 0.1)),
    saves: Math.floor(engaged * (0.03 + saveShare * 0.07)),
    linkClicks: link ? Math.floor(impressions * (0.007 + clickShare * 0.006)) : 0,
    videoViews: Math.floor(impressions * (0.4 + viewShare * 0.3)),
  };
}

const networks: readonly SimulatedNetwork[] = [
  'facebook',
  'instagram',
  'threads',
  'mastodon',
  'bluesky',
  'youtube',
  'tiktok',
  'linkedin',
  'pinterest',
  'x',
];

/**
 * The demo's audience: every `intervalMs` (a minute by default), each post published on the simulators gets its
 * figures for its age, so the metrics collection reads realistic, growing, deterministic numbers.
 * @example const engagement = startDemoEngagement({ simulators }); engagement.stop();
 */
export function startDemoEngagement(options: {
  simulators: RunningSimulators;
  now?: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}) {
  const now = options.now ?? (() => new Date());
  // What each post was last given, so figures never go down (a clock set back, a post dated in the future).
  const given = new Map<string, Required<PostFigures>>();

  function tick(): void {
    const instant = now();
    for (const network of networks) {
      for (const post of heldPosts(options.simulators, network)) {
        const key = `${network}:${post.id}`;
        const fresh = demoFigures(post.id, instant.getTime() - post.createdAt.getTime(), post.link);
        const previous = given.get(key);
        const figures = previous
          ? (Object.fromEntries(
              Object.entries(fresh).map(([name, value]) => [
                name,
                Math.max(value, previous[name as keyof PostFigures]),
              ]),
            ) as Required<PostFigures>)
          : fresh;
        try {
          options.simulators.setPostFigures(network, post.id, figures, instant);
          given.set(key, figures);
        } catch (error) {
          options.onError?.(error);
        }
      }
    }
  }

  const timer = setInterval(() => {
    try {
      tick();
    } catch (error) {
      options.onError?.(error);
    }
  }, options.intervalMs ?? 60_000);
  timer.unref();
  tick();
  return {
    /** Runs one round now (tests drive the clock and call this). */
    tick,
    stop: () => clearInterval(timer),
  };
}
