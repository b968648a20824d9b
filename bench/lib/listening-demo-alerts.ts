import { compileQueries, createTextAnalyzer } from '@sillage/domain';
import { createDemoMentionGenerator, demoQueries } from '../../apps/server/src/demo/demo-listening.ts';
import { defaultSpikeMonitorSettings } from '../../apps/server/src/listening/spike-monitor.ts';
import { createSpikeTracker } from '../../apps/server/src/listening/spike-tracker.ts';

const MINUTE = 60_000;

export type DemoAlertFigures = {
  incidents: number;
  simulatedDays: number;
  /** Minutes from each incident's onset to its first alert (null: none within 3 hours). */
  delaysMinutes: (number | null)[];
  /** The query and kind of each incident's first alert. */
  firstAlerts: (string | null)[];
  /** Minutes from each onset to the brand query's first alert (null: none within 3 hours). */
  brandDelaysMinutes: (number | null)[];
  maxDelayMinutes: number | null;
  /** Alerts raised more than 3 hours away from any incident. */
  alertsOutsideIncidents: number;
};

/**
 * The demo stream's crisis alerts, without a database: 14 quiet days, then 8 delivery incidents about 27 hours
 * apart (so they fall at every hour of the day), each mention enriched and matched as ingestion does, counted
 * into the live monitor's buckets minute by minute, the buckets judged as the stream's ticks would.
 */
export function measureDemoAlerts(): DemoAlertFigures {
  const analyzer = createTextAnalyzer();
  const matcher = compileQueries(demoQueries.map((query) => ({ id: query.name, query: query.text })));
  const start = Date.UTC(2026, 10, 16);
  const onsets = Array.from({ length: 8 }, (_, index) => start + 14 * 1440 * MINUTE + index * (27 * 60 + 17) * MINUTE);
  const generator = createDemoMentionGenerator({
    incidents: onsets.map((onset) => ({ onset, durationMinutes: 90, peakPerMinute: 40 })),
  });
  const tracker = createSpikeTracker({ ...defaultSpikeMonitorSettings, utcOffsetMinutes: 60 });
  tracker.setQueries(demoQueries.map((query) => query.name));
  const end = onsets.at(-1)! + 180 * MINUTE;
  const delays = new Map<number, number>();
  const firsts = new Map<number, string>();
  const brandDelays = new Map<number, number>();
  let outside = 0;
  for (let minute = start; minute < end; minute += MINUTE) {
    for (const mention of generator.mentionsBetween(minute, minute + MINUTE)) {
      const analysis = analyzer.analyze(mention.text);
      const language = analysis.language === 'other' ? (mention.language ?? 'other') : analysis.language;
      const matched = matcher.match({ id: mention.networkId, text: mention.text, language, source: mention.source });
      for (const query of matched)
        tracker.count(query, mention.publishedAt.getTime(), analysis.sentiment.label === 'negative');
    }
    // The minute just collected is judged at once: a bucket closes at the tick that completes it.
    const raisedAt = minute + MINUTE;
    for (const alert of tracker.advanceTo(raisedAt, start)) {
      const incident = onsets.findIndex((onset) => raisedAt >= onset && raisedAt - onset < 180 * MINUTE);
      if (incident < 0) {
        outside += 1;
        continue;
      }
      const delay = (raisedAt - onsets[incident]!) / MINUTE;
      if (!delays.has(incident)) {
        delays.set(incident, delay);
        firsts.set(incident, `${alert.queryId}: ${alert.kind}`);
      }
      if (alert.queryId === demoQueries[0]!.name && !brandDelays.has(incident)) brandDelays.set(incident, delay);
    }
  }
  const delaysMinutes = onsets.map((_, index) => delays.get(index) ?? null);
  const found = delaysMinutes.filter((delay): delay is number => delay !== null);
  return {
    incidents: onsets.length,
    simulatedDays: Math.round(((end - start) / (1440 * MINUTE)) * 10) / 10,
    delaysMinutes,
    firstAlerts: onsets.map((_, index) => firsts.get(index) ?? null),
    brandDelaysMinutes: onsets.map((_, index) => brandDelays.get(index) ?? null),
    maxDelayMinutes: found.length === delaysMinutes.length ? Math.max(...found) : null,
    alertsOutsideIncidents: outside,
  };
}
