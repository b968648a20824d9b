import type { SpikeSensitivity } from '@sillage/domain';
import type { ListeningAlertsRepository, ListeningAlertInput } from './listening-alerts.repository.ts';
import type { ListeningAnalyticsRepository } from './listening-analytics.repository.ts';
import type { ListeningQueriesRepository } from './listening-queries.repository.ts';
import type { StoredMatch } from './mention-ingestion.ts';
import { createSpikeTracker, type SpikeTracker } from './spike-tracker.ts';

export type SpikeMonitorSettings = {
  /**
   * Bucket length in minutes. 4, not the 5 of the detector's evaluation on NAB series (docs/performance.md): a
   * bucket is judged only once it ends, so 4-minute buckets let a crisis that starts late in one bucket be seen
   * when the next one closes, within 5 minutes (measured on the demo stream, docs/performance.md).
   */
  stepMinutes: number;
  sensitivity: SpikeSensitivity | number;
  cooldownMinutes: number;
};

export const defaultSpikeMonitorSettings: SpikeMonitorSettings = {
  stepMinutes: 4,
  sensitivity: 'medium',
  cooldownMinutes: 1440,
};

/** Minutes east of UTC of a zone at an instant (Europe/Paris in winter: 60). */
function utcOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * Spike detection on the stored matches of the watched workspaces, in this process: ingestion reports each
 * committed batch (`observe`), `tick` judges the buckets that ended and stores the alerts (once per query, kind
 * and bucket, even if two processes judge it). `watch` warms the baseline up on the stored history.
 */
export function createSpikeMonitor(deps: {
  queries: ListeningQueriesRepository;
  analytics: ListeningAnalyticsRepository;
  alerts: ListeningAlertsRepository;
  now: () => Date;
  settings?: Partial<SpikeMonitorSettings>;
  onAlert?: (alert: ListeningAlertInput & { id: string }) => void;
}) {
  const settings = { ...defaultSpikeMonitorSettings, ...deps.settings };
  const stepMs = settings.stepMinutes * 60_000;
  const watched = new Map<string, SpikeTracker>();

  async function store(workspaceId: string, tracker: SpikeTracker, now: number, raisedAt?: (end: number) => Date) {
    const raised: (ListeningAlertInput & { id: string })[] = [];
    for (const alert of tracker.advanceTo(now)) {
      const input: ListeningAlertInput = {
        workspaceId,
        queryId: alert.queryId,
        kind: alert.kind,
        severity: alert.severity,
        windowStart: new Date(alert.at),
        windowEnd: new Date(alert.windowEnd),
        observed: alert.value,
        expected: alert.expected,
        score: Math.round(alert.score * 100) / 100,
        raisedAt: raisedAt ? raisedAt(alert.windowEnd) : deps.now(),
      };
      const id = await deps.alerts.insert(input);
      if (id !== undefined) {
        raised.push({ ...input, id });
        deps.onAlert?.({ ...input, id });
      }
    }
    return raised;
  }

  return {
    settings,

    /**
     * Follows a workspace's active queries, replaying the stored matches since `from` so the seasonal baseline
     * starts warm; alerts found in that past are stored as raised at the end of their bucket.
     */
    async watch(workspaceId: string, options: { from: Date; timeZone?: string }): Promise<void> {
      const tracker = createSpikeTracker({
        ...settings,
        utcOffsetMinutes: utcOffsetMinutes(options.timeZone ?? 'Europe/Paris', deps.now()),
      });
      tracker.setQueries((await deps.queries.listActive(workspaceId)).map((query) => query.id));
      const now = deps.now();
      const judgedUntil = Math.floor(now.getTime() / stepMs) * stepMs;
      const counts = await deps.analytics.bucketCounts(workspaceId, {
        from: options.from,
        to: new Date(judgedUntil),
        stepMinutes: settings.stepMinutes,
      });
      tracker.advanceTo(options.from.getTime(), options.from.getTime());
      for (const row of counts) {
        tracker.count(row.queryId, row.start.getTime(), false, row.total - row.negative);
        tracker.count(row.queryId, row.start.getTime(), true, row.negative);
      }
      watched.set(workspaceId, tracker);
      await store(workspaceId, tracker, judgedUntil, (end) => new Date(end));
    },

    unwatch(workspaceId: string): void {
      watched.delete(workspaceId);
    },

    /** Counts a committed batch's matches (ignored for workspaces not watched). */
    observe(workspaceId: string, matches: readonly StoredMatch[]): void {
      const tracker = watched.get(workspaceId);
      if (!tracker) return;
      for (const match of matches)
        tracker.count(match.queryId, match.publishedAt.getTime(), match.sentiment === 'negative');
    },

    /** Judges the buckets that ended, for every watched workspace; returns the alerts stored. */
    async tick(): Promise<(ListeningAlertInput & { id: string })[]> {
      const raised: (ListeningAlertInput & { id: string })[] = [];
      for (const [workspaceId, tracker] of watched) {
        // A query created since is followed from now on; a deleted or paused one is dropped.
        tracker.setQueries((await deps.queries.listActive(workspaceId)).map((query) => query.id));
        raised.push(...(await store(workspaceId, tracker, deps.now().getTime())));
      }
      return raised;
    },
  };
}

export type SpikeMonitor = ReturnType<typeof createSpikeMonitor>;
