import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { IncomingMention } from '../listening/mention-ingestion.ts';
import type { Listening } from '../listening/listening.module.ts';
import {
  chatter,
  cities,
  deliveryIncident,
  demoBrands,
  demoQueries,
  firstNames,
  listeningSources,
  products,
  templates,
  type DemoBrand,
} from './demo-listening-corpus.ts';

export { demoQueries } from './demo-listening-corpus.ts';

const MINUTE = 60_000;

/** An injected crisis: from `onset` (ms), a burst of negative mentions about a delivery failure of the brand. */
export type DemoIncident = { onset: number; durationMinutes: number; peakPerMinute: number };

/** mulberry32 on a seed mixed with the minute, so each minute's mentions are the same whoever asks. */
function randomFor(seed: number, minute: number): () => number {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(minute, 0xc2b2ae35)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

/** Share of the daily peak at a given hour of Paris time: quiet nights, a lunch bump, a busy evening. */
function dailyShape(at: number): number {
  const parisHour = (new Date(at).getUTCHours() + 1) % 24; // CET; the demo does not need DST precision here
  const shape = [
    0.12, 0.08, 0.05, 0.04, 0.04, 0.06, 0.15, 0.3, 0.45, 0.55, 0.6, 0.65, 0.8, 0.75, 0.6, 0.6, 0.62, 0.7, 0.85, 1, 1,
    0.9, 0.6, 0.3,
  ];
  return shape[parisHour]!;
}

/**
 * A deterministic stream of French and English mentions of Maison Lumière and its two competitors, plus
 * brandless chatter about candles, with a daily rhythm; during an incident, a burst of negative mentions
 * about a delivery failure (many of them reposts). The same seed and minute always give the same mentions,
 * so a restarted demo regenerates a period and the store skips what it already has.
 */
export function createDemoMentionGenerator(options: { seed?: number; incidents?: DemoIncident[] } = {}) {
  const seed = options.seed ?? 20261128;
  const incidents: DemoIncident[] = [...(options.incidents ?? [])];

  function mentionsOfMinute(minute: number): IncomingMention[] {
    const random = randomFor(seed, minute);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const start = minute * MINUTE;
    const at = () => new Date(start + Math.floor(random() * MINUTE));
    const author = () => `${pick(firstNames)}${pick(['', '_', '.'])}${Math.floor(random() * 900) + 10}`;
    const reach = () => (random() < 0.15 ? null : Math.round(Math.exp(3 + random() * random() * 9)));
    const result: IncomingMention[] = [];
    const push = (text: string, language: 'fr' | 'en', source = pick(listeningSources), by = author()) => {
      const networkId = `demo-${minute}-${result.length}`;
      result.push({
        source,
        networkId,
        text,
        author: by,
        language,
        url: `https://${source}.demo.invalid/${by}/${networkId}`,
        country: language === 'fr' ? pick(['FR', 'FR', 'FR', 'BE', 'CH']) : pick(['GB', 'US', 'CA']),
        publishedAt: at(),
        reach: reach(),
      });
    };
    const fill = (template: string, brand: DemoBrand, language: 'fr' | 'en') => {
      const written = random() < 0.2 ? `#${brand.hashtag}` : random() < 0.15 ? `@${brand.handle}` : pick(brand.names);
      return template
        .replace('{b}', written)
        .replace('{p}', pick(products[language]))
        .replace('{c}', pick(cities[language]));
    };

    const shape = dailyShape(start);
    for (const brand of demoBrands) {
      const count = poisson(random, brand.peakPerMinute * shape);
      for (let index = 0; index < count; index += 1) {
        const language = random() < 0.7 ? 'fr' : 'en';
        const roll = random();
        const tone = roll < 0.5 ? 'positive' : roll < 0.82 ? 'neutral' : 'negative';
        push(fill(pick(templates[language][tone]), brand, language), language);
      }
    }
    const chatterCount = poisson(random, 0.6 * shape);
    for (let index = 0; index < chatterCount; index += 1) {
      const language = random() < 0.7 ? 'fr' : 'en';
      push(pick(chatter[language]), language);
    }

    const lumiere = demoBrands[0]!;
    for (const incident of incidents) {
      const elapsed = (start - incident.onset) / MINUTE;
      if (elapsed < 0 || elapsed >= incident.durationMinutes) continue;
      // Ramps up over three minutes, holds for a quarter of the incident, then fades.
      const ramp = Math.min(1, (elapsed + 1) / 3);
      const fade = elapsed < incident.durationMinutes / 4 ? 1 : Math.max(0.1, 1 - elapsed / incident.durationMinutes);
      const count = poisson(random, incident.peakPerMinute * ramp * fade);
      for (let index = 0; index < count; index += 1) {
        const language = random() < 0.75 ? 'fr' : 'en';
        const text = fill(pick(deliveryIncident[language]), lumiere, language);
        // A third are reposts of an earlier complaint: same words, another author (one near-duplicate cluster).
        push(
          random() < 0.33 ? `RT @${author()}: ${text}` : text,
          language,
          random() < 0.6 ? 'x' : pick(listeningSources),
        );
      }
    }
    // Mentions inside one minute come in time order, as a stream would deliver them.
    return result.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  }

  return {
    seed,
    incidents,
    /** Adds an incident (onset in ms since the epoch). */
    inject(incident: DemoIncident): void {
      incidents.push(incident);
    },
    /** The mentions published in [from, to) (ms), whole minutes only: a partial minute waits for its end. */
    mentionsBetween(from: number, to: number): IncomingMention[] {
      const result: IncomingMention[] = [];
      for (let minute = Math.ceil(from / MINUTE); (minute + 1) * MINUTE <= to; minute += 1)
        result.push(...mentionsOfMinute(minute));
      return result;
    },
  };
}

export type DemoMentionGenerator = ReturnType<typeof createDemoMentionGenerator>;

export type DemoListeningStream = {
  workspaceId: string;
  generator: DemoMentionGenerator;
  /** Collects the minutes completed since the last tick, stores them, and runs spike detection. */
  tick(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * At each start of the demo: the default queries (once), the last `historyHours` of mentions (so charts and
 * the spike baseline have a past), then a background stream collecting new mentions every few seconds, with
 * an incident `firstIncidentMinutes` after start and every `incidentEveryHours` after that.
 */
export async function startDemoListening(deps: {
  db: Kysely<DB>;
  listening: Listening;
  now: () => Date;
  seed?: number;
  historyHours?: number;
  intervalMs?: number;
  firstIncidentMinutes?: number;
  incidentEveryHours?: number;
  /**
   * A past incident this many hours before start (in the history, so the demo opens with alerts to explore and a
   * crisis room to open); null: none. Its alerts are raised during the history replay, at the end of their bucket.
   * 26 hours: after the detector's 24-hour warm-up on the default history, and over a day before the first live
   * incident, so the one-day cooldown does not silence it.
   */
  pastIncidentHoursAgo?: number | null;
  onError?: (error: unknown) => void;
}): Promise<DemoListeningStream | undefined> {
  const workspace = await deps.db.selectFrom('workspaces').select('id').where('is_demo', '=', true).executeTakeFirst();
  if (!workspace) return undefined;
  const workspaceId = workspace.id;
  const { listening } = deps;
  await listening.service.seedQueries(workspaceId, demoQueries);

  const startedAt = deps.now().getTime();
  const incidentEvery = (deps.incidentEveryHours ?? 12) * 60 * MINUTE;
  const firstIncident = Math.floor((startedAt + (deps.firstIncidentMinutes ?? 20) * MINUTE) / MINUTE) * MINUTE;
  const generator = createDemoMentionGenerator({
    ...(deps.seed === undefined ? {} : { seed: deps.seed }),
    incidents: Array.from({ length: 14 }, (_, index) => ({
      onset: firstIncident + index * incidentEvery,
      durationMinutes: 90,
      peakPerMinute: 40,
    })),
  });
  const pastIncidentHoursAgo = deps.pastIncidentHoursAgo === undefined ? 26 : deps.pastIncidentHoursAgo;
  if (pastIncidentHoursAgo !== null)
    generator.inject({
      onset: Math.floor((startedAt - pastIncidentHoursAgo * 60 * MINUTE) / MINUTE) * MINUTE,
      durationMinutes: 90,
      peakPerMinute: 40,
    });

  // 56 hours by default: the past incident (26 hours ago) comes after the detector's 24-hour warm-up.
  const historyStart = startedAt - (deps.historyHours ?? 56) * 60 * MINUTE;
  // A restart regenerates only the minutes after the last stored mention (the store would skip the rest anyway).
  const latest = await deps.db
    .selectFrom('mentions')
    .select((eb) => eb.fn.max('published_at').as('at'))
    .where('workspace_id', '=', workspaceId)
    .where('network_id', 'like', 'demo-%')
    .executeTakeFirst();
  const latestAt = latest?.at ? new Date(latest.at).getTime() : undefined;
  const collectFrom =
    latestAt === undefined ? historyStart : Math.max(historyStart, Math.floor(latestAt / MINUTE) * MINUTE);
  const history = generator.mentionsBetween(collectFrom, startedAt);
  for (let index = 0; index < history.length; index += 2_000)
    await listening.ingestion.ingestMentions(workspaceId, history.slice(index, index + 2_000));
  await listening.monitor.watch(workspaceId, { from: new Date(historyStart) });
  let collectedUntil = Math.floor(startedAt / MINUTE) * MINUTE;

  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running
      .catch(() => undefined)
      .then(async () => {
        const now = deps.now().getTime();
        const mentions = generator.mentionsBetween(collectedUntil, now);
        collectedUntil = Math.max(collectedUntil, Math.floor(now / MINUTE) * MINUTE);
        for (let index = 0; index < mentions.length; index += 2_000)
          await listening.ingestion.ingestMentions(workspaceId, mentions.slice(index, index + 2_000));
        await listening.monitor.tick();
      });
    return running;
  };
  const timer = setInterval(() => {
    tick().catch((error: unknown) => deps.onError?.(error));
  }, deps.intervalMs ?? 5_000);
  timer.unref();

  return {
    workspaceId,
    generator,
    tick,
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
