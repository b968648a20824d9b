import { randomUUID } from 'node:crypto';
import {
  addLocalDays,
  localDaysBetween,
  localIsoWeekday,
  utcToZoned,
  zonedToUtc,
  type LocalDate,
  type NetworkId,
} from '@sillage/domain';
import type { Kysely } from 'kysely';
import { createMetricsRepository, type MetricName, type MetricObservation } from '../analytics/metrics.repository.ts';
import type { DB } from '../db/schema.ts';

/**
 * Maison Lumière's history for the analytics pages: about 90 days of published posts on five networks, each
 * with daily post figures (impressions, reactions, comments, shares, saves, link clicks, video views) and a
 * lifetime reach, and the accounts' daily followers and reach. Deterministic: the same "today" gives the
 * same history. What a network does not report is stored as "not reported" (value null), as its API would
 * leave it out: X gives no reach, Facebook and LinkedIn no saves, Instagram and TikTok no link clicks on posts.
 * Every figure is simulated and carries the source `demo.<network>`.
 */

/** How many days of history, and how long a post keeps gathering figures after it is published. */
export const DEMO_HISTORY_DAYS = 92;
const POST_LIFETIME_DAYS = 10;

type NetworkProfile = {
  /** Followers 120 days ago, and their daily growth. */
  followers: number;
  dailyGrowth: number;
  /** Posts on these ISO weekdays (1 = Monday), at these local hours. */
  weekdays: readonly number[];
  hours: readonly number[];
  formats: readonly string[];
  /** Lifetime impressions of an average post, as a share of followers. */
  impressionsPerFollower: number;
  /** Per impression. */
  rates: { reactions: number; comments: number; shares: number; saves: number | null; linkClicks: number | null };
  /** Lifetime reach / impressions of a post; null: the network does not report reach. */
  reachShare: number | null;
  /** Local hours that do better than the others (for the best-hours heatmap). */
  goodHours: readonly number[];
};

const profiles: Partial<Record<NetworkId, NetworkProfile>> = {
  instagram: {
    followers: 8_400,
    dailyGrowth: 11,
    weekdays: [1, 3, 5, 6],
    hours: [8, 12, 18, 20],
    formats: ['image', 'carousel', 'reel'],
    impressionsPerFollower: 0.42,
    rates: { reactions: 0.045, comments: 0.004, shares: 0.003, saves: 0.006, linkClicks: null },
    reachShare: 0.78,
    goodHours: [18, 20],
  },
  facebook: {
    followers: 5_200,
    dailyGrowth: 3,
    weekdays: [2, 4, 6],
    hours: [9, 13, 19],
    formats: ['image', 'link', 'video'],
    impressionsPerFollower: 0.3,
    rates: { reactions: 0.022, comments: 0.003, shares: 0.004, saves: null, linkClicks: 0.009 },
    reachShare: 0.83,
    goodHours: [19],
  },
  linkedin: {
    followers: 1_900,
    dailyGrowth: 2,
    weekdays: [2, 4],
    hours: [8, 12],
    formats: ['text', 'document', 'image'],
    impressionsPerFollower: 0.9,
    rates: { reactions: 0.018, comments: 0.002, shares: 0.001, saves: null, linkClicks: 0.012 },
    reachShare: 0.62,
    goodHours: [8],
  },
  x: {
    followers: 2_600,
    dailyGrowth: 1,
    weekdays: [1, 2, 3, 4, 5],
    hours: [9, 12, 17],
    formats: ['text', 'image', 'thread'],
    impressionsPerFollower: 0.35,
    rates: { reactions: 0.012, comments: 0.002, shares: 0.002, saves: 0.001, linkClicks: 0.006 },
    reachShare: null,
    goodHours: [12],
  },
  tiktok: {
    followers: 3_100,
    dailyGrowth: 19,
    weekdays: [3, 6, 7],
    hours: [19, 21],
    formats: ['video'],
    impressionsPerFollower: 1.6,
    rates: { reactions: 0.07, comments: 0.003, shares: 0.004, saves: 0.005, linkClicks: null },
    reachShare: 0.88,
    goodHours: [21],
  },
};
export const demoMetricNetworks = Object.keys(profiles) as NetworkId[];

const texts: Record<string, readonly string[]> = {
  default: [
    'Feu de bois, notre bougie la plus demandée, est de retour en boutique 🕯️',
    'Dans l’atelier de Lyon : la cire végétale coule à 68 °C, ni plus ni moins.',
    'Figue noire et cèdre : trois notes pour les soirées qui raccourcissent.',
    'Comment faire durer votre bougie : la première combustion, au moins deux heures.',
    'Nouveau : le coffret découverte, cinq parfums en format voyage.',
    'Les mèches en coton, coupées à 5 mm avant chaque allumage. Le secret d’une flamme calme.',
    'Un dimanche à l’atelier, en images.',
    'Vos photos de la semaine : merci pour vos intérieurs lumineux ✨',
    'Livraison offerte dès 45 € tout le week-end.',
    'Derrière chaque bougie, une main : rencontrez Inès, notre maîtresse cirière.',
  ],
};

/** A small, fast, seeded generator (mulberry32): the same seed gives the same history. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function instantAt(date: LocalDate, time: string, timeZone: string): Date {
  const result = zonedToUtc({ date, time, timeZone }, { disambiguation: 'earlier' });
  if (result.ok) return result.instant;
  if (result.reason === 'nonexistent_local_time') return result.suggestion.instant;
  throw new RangeError(result.message);
}

type DemoPublication = {
  network: NetworkId;
  channelId: string;
  localDate: LocalDate;
  localTime: string;
  publishedAt: Date;
  format: string;
  text: string;
  boosted: boolean;
  /** Filled once the rows exist. */
  publicationId?: string;
};

/** The demo's posts: on each network's posting days, from DEMO_HISTORY_DAYS ago until before this ISO week. */
export function planDemoPublications(
  channels: ReadonlyMap<NetworkId, { channelId: string }>,
  today: LocalDate,
  timeZone: string,
): DemoPublication[] {
  const random = seeded(20_261_001);
  // Posts stop before the current week so the demo's calendar week shows only what the user plans there.
  const lastDay = addLocalDays(today, -localIsoWeekday(today));
  const planned: DemoPublication[] = [];
  for (let date = addLocalDays(today, -DEMO_HISTORY_DAYS); date <= lastDay; date = addLocalDays(date, 1)) {
    for (const network of demoMetricNetworks) {
      const profile = profiles[network]!;
      const channel = channels.get(network);
      if (!channel || !profile.weekdays.includes(localIsoWeekday(date))) continue;
      // Not every posting day: about four in five.
      if (random() < 0.2) continue;
      const hour = profile.hours[Math.floor(random() * profile.hours.length)] ?? 12;
      const minute = [0, 15, 30, 45][Math.floor(random() * 4)] ?? 0;
      const localTime = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
      const pool = texts.default!;
      planned.push({
        network,
        channelId: channel.channelId,
        localDate: date,
        localTime,
        publishedAt: instantAt(date, localTime, timeZone),
        format: profile.formats[Math.floor(random() * profile.formats.length)] ?? 'text',
        text: pool[Math.floor(random() * pool.length)] ?? pool[0]!,
        boosted: (network === 'facebook' || network === 'instagram') && random() < 0.12,
      });
    }
  }
  return planned;
}

/** The figures of the demo's publications and accounts, until yesterday (today is not over). */
export function demoObservations(
  publications: readonly DemoPublication[],
  channels: ReadonlyMap<NetworkId, { channelId: string }>,
  today: LocalDate,
  timeZone: string,
): MetricObservation[] {
  const random = seeded(20_261_002);
  const collectedAt = instantAt(today, '06:00', timeZone);
  const observations: MetricObservation[] = [];
  const push = (
    item: Omit<MetricObservation, 'source' | 'collectedAt' | 'delivery'> & { delivery?: 'organic' | 'paid' },
    network: NetworkId,
  ) => observations.push({ delivery: 'organic', ...item, source: `demo.${network}`, collectedAt });

  for (const publication of publications) {
    const profile = profiles[publication.network]!;
    const publicationId = publication.publicationId ?? null;
    if (publicationId === null) continue;
    const hourBoost = profile.goodHours.includes(Number(publication.localTime.slice(0, 2))) ? 1.35 : 0.9;
    const formatBoost = ['video', 'reel', 'carousel'].includes(publication.format) ? 1.4 : 1;
    const daysSinceStart = DEMO_HISTORY_DAYS - localDaysBetween(publication.localDate, today);
    const followers = profile.followers + profile.dailyGrowth * (28 + daysSinceStart);
    const lifetime = followers * profile.impressionsPerFollower * hourBoost * formatBoost * (0.6 + random() * 0.8);
    const engagementBoost = 0.75 + random() * 0.6;
    let totalImpressions = 0;
    const days = Math.min(POST_LIFETIME_DAYS, localDaysBetween(publication.localDate, today));
    // The first day carries most of a post's figures; each later day about half of the one before.
    const weights = Array.from({ length: POST_LIFETIME_DAYS }, (_, index) => 0.5 ** index);
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
    for (let day = 0; day < days; day += 1) {
      const date = addLocalDays(publication.localDate, day);
      const bucketStart = instantAt(date, '00:00', timeZone);
      const share = (weights[day] ?? 0) / weightSum;
      const dayImpressions = Math.round(lifetime * share * (0.85 + random() * 0.3));
      totalImpressions += dayImpressions;
      const at = { channelId: publication.channelId, publicationId, granularity: 'day' as const, bucketStart };
      const count = (rate: number | null, extra = 1) =>
        rate === null ? null : Math.round(dayImpressions * rate * engagementBoost * extra * (0.7 + random() * 0.6));
      const figures: [MetricName, number | null][] = [
        ['impressions', dayImpressions],
        ['reactions', count(profile.rates.reactions)],
        ['comments', count(profile.rates.comments)],
        ['shares', count(profile.rates.shares)],
        ['saves', count(profile.rates.saves)],
        ['link_clicks', count(profile.rates.linkClicks, publication.format === 'link' ? 2.5 : 1)],
      ];
      if (['video', 'reel'].includes(publication.format))
        figures.push(['video_views', Math.round(dayImpressions * (0.35 + random() * 0.25))]);
      for (const [metric, value] of figures) push({ ...at, metric, value }, publication.network);
      if (publication.boosted && day < 7) {
        const paid = Math.round(dayImpressions * (0.8 + random() * 0.6));
        push({ ...at, metric: 'impressions', value: paid, delivery: 'paid' }, publication.network);
        const clicks = profile.rates.linkClicks === null ? null : Math.round(paid * profile.rates.linkClicks * 1.5);
        push({ ...at, metric: 'link_clicks', value: clicks, delivery: 'paid' }, publication.network);
      }
    }
    if (days > 0) {
      push(
        {
          channelId: publication.channelId,
          publicationId,
          granularity: 'lifetime',
          bucketStart: publication.publishedAt,
          metric: 'reach',
          value: profile.reachShare === null ? null : Math.round(totalImpressions * profile.reachShare),
        },
        publication.network,
      );
    }
  }

  // The accounts: followers at the end of each day, and the day's reach, over 120 days until yesterday.
  for (const network of demoMetricNetworks) {
    const profile = profiles[network]!;
    const channel = channels.get(network);
    if (!channel) continue;
    let followers = profile.followers;
    for (let date = addLocalDays(today, -120); date < today; date = addLocalDays(date, 1)) {
      followers += Math.max(0, Math.round(profile.dailyGrowth * (0.4 + random() * 1.2) - (random() < 0.1 ? 3 : 0)));
      const at = { channelId: channel.channelId, publicationId: null, granularity: 'day' as const };
      const bucketStart = instantAt(date, '00:00', timeZone);
      push({ ...at, bucketStart, metric: 'followers', value: followers }, network);
      const dayReach =
        profile.reachShare === null
          ? null
          : Math.round(followers * profile.impressionsPerFollower * profile.reachShare * (0.15 + random() * 0.2));
      push({ ...at, bucketStart, metric: 'reach', value: dayReach }, network);
    }
  }
  return observations;
}

/**
 * Seeds the history once (nothing happens when the workspace already has figures): the posts and their
 * publications, published, then their figures through the metrics repository.
 */
export async function seedDemoMetrics(deps: {
  db: Kysely<DB>;
  workspaceId: string;
  timeZone: string;
  authorId: string;
  channels: ReadonlyMap<NetworkId, { channelId: string }>;
  now: () => Date;
}): Promise<{ publications: number; observations: number } | undefined> {
  const metrics = createMetricsRepository(deps.db);
  if (await metrics.hasObservations(deps.workspaceId)) return undefined;
  const today = utcToZoned(deps.now(), deps.timeZone).date;
  const planned = planDemoPublications(deps.channels, today, deps.timeZone);
  return deps.db.transaction().execute(async (trx) => {
    // Ids made here so that posts and publications go in a few multi-row statements.
    planned.forEach((publication) => (publication.publicationId = randomUUID()));
    for (let index = 0; index < planned.length; index += 200) {
      const batch = planned.slice(index, index + 200).map((publication, offset) => ({
        publication,
        postId: randomUUID(),
        sequence: index + offset + 1,
      }));
      await trx
        .insertInto('posts')
        .values(
          batch.map(({ publication, postId }) => ({
            id: postId,
            workspace_id: deps.workspaceId,
            author_id: deps.authorId,
            text: publication.text,
            language: 'fr' as const,
            created_at: new Date(publication.publishedAt.getTime() - 2 * 86_400_000),
          })),
        )
        .execute();
      await trx
        .insertInto('publications')
        .values(
          batch.map(({ publication, postId, sequence }) => ({
            id: publication.publicationId!,
            workspace_id: deps.workspaceId,
            post_id: postId,
            channel_id: publication.channelId,
            state: 'published',
            scheduled_at: publication.publishedAt,
            time_zone: deps.timeZone,
            local_date: publication.localDate,
            local_time: publication.localTime,
            network_post_id: `demo-${publication.network}-${sequence}`,
            url: null,
            published_at: publication.publishedAt,
            content: JSON.stringify({ format: publication.format, text: publication.text, media: [] }),
          })),
        )
        .execute();
    }
    const observations = demoObservations(planned, deps.channels, today, deps.timeZone);
    await metrics.record(deps.workspaceId, observations, trx);
    return { publications: planned.length, observations: observations.length };
  });
}
