import type { CrisisFiguresView } from '@sillage/contracts';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

const HOUR = 3_600_000;
const BASELINE_HOURS = 7 * 24;
/** The room shows at most this many hourly buckets (the latest ones). */
const MAX_BUCKETS = 168;

export type PeriodFigures = {
  from: Date;
  to: Date;
  mentions: number;
  negative: number;
  perHour: number;
  negativeShare: number | null;
};

export type CrisisFigures = {
  baseline: PeriodFigures;
  sinceOnset: PeriodFigures;
  volumeRatio: number | null;
  peak: { start: Date; mentions: number } | null;
  lastHour: PeriodFigures;
  hourly: { start: Date; mentions: number; negative: number }[];
};

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The crisis room's figures (defined in docs/metrics.md, "Crisis figures"): mentions of the crisis's query (every
 * mention of the workspace when it has none) since the onset, against the 7 days before it; the busiest hour;
 * the last hour (recovery); hourly counts from the onset.
 */
export function createCrisisFigures(db: Executor) {
  /** The matches of the query, or every mention of the workspace: (published_at, sentiment) rows. */
  const source = (workspaceId: string, queryId: string | null) =>
    queryId === null
      ? sql`(select published_at, sentiment from mentions where workspace_id = ${workspaceId})`
      : sql`(select published_at, sentiment from mention_matches
              where workspace_id = ${workspaceId} and query_id = ${queryId})`;

  async function period(workspaceId: string, queryId: string | null, from: Date, to: Date): Promise<PeriodFigures> {
    const result = await sql<{ mentions: string; negative: string }>`
      select count(*)::text as mentions, count(*) filter (where m.sentiment = 'negative')::text as negative
        from ${source(workspaceId, queryId)} m
       where m.published_at >= ${from} and m.published_at < ${to}`.execute(db);
    const mentions = Number(result.rows[0]?.mentions ?? 0);
    const negative = Number(result.rows[0]?.negative ?? 0);
    // A period shorter than a minute counts as one minute, so a crisis opened seconds ago has a finite rate.
    const hours = Math.max((to.getTime() - from.getTime()) / HOUR, 1 / 60);
    return {
      from,
      to,
      mentions,
      negative,
      perHour: round(mentions / hours, 2),
      negativeShare: mentions === 0 ? null : round(negative / mentions),
    };
  }

  return {
    async of(crisis: {
      workspaceId: string;
      queryId: string | null;
      onsetAt: Date;
      end: Date;
    }): Promise<CrisisFigures> {
      const { workspaceId, queryId, onsetAt } = crisis;
      const end = new Date(Math.max(crisis.end.getTime(), onsetAt.getTime()));
      const baseline = await period(workspaceId, queryId, new Date(onsetAt.getTime() - BASELINE_HOURS * HOUR), onsetAt);
      const sinceOnset = await period(workspaceId, queryId, onsetAt, end);
      const lastHour = await period(
        workspaceId,
        queryId,
        new Date(Math.max(onsetAt.getTime(), end.getTime() - HOUR)),
        end,
      );
      const totalBuckets = Math.max(1, Math.ceil((end.getTime() - onsetAt.getTime()) / HOUR));
      const firstBucket = Math.max(0, totalBuckets - MAX_BUCKETS);
      const rows = await sql<{ bucket: number; mentions: string; negative: string }>`
        select floor(extract(epoch from (m.published_at - ${onsetAt}::timestamptz)) / 3600)::int as bucket,
               count(*)::text as mentions, count(*) filter (where m.sentiment = 'negative')::text as negative
          from ${source(workspaceId, queryId)} m
         where m.published_at >= ${new Date(onsetAt.getTime() + firstBucket * HOUR)} and m.published_at < ${end}
         group by 1`.execute(db);
      const byBucket = new Map(rows.rows.map((row) => [Number(row.bucket), row]));
      const hourly = Array.from({ length: totalBuckets - firstBucket }, (_, index) => {
        const bucket = firstBucket + index;
        const row = byBucket.get(bucket);
        return {
          start: new Date(onsetAt.getTime() + bucket * HOUR),
          mentions: Number(row?.mentions ?? 0),
          negative: Number(row?.negative ?? 0),
        };
      });
      const peak = hourly.reduce<(typeof hourly)[number] | undefined>(
        (best, bucket) => (bucket.mentions > (best?.mentions ?? 0) ? bucket : best),
        undefined,
      );
      return {
        baseline,
        sinceOnset,
        volumeRatio: baseline.perHour > 0 ? round(sinceOnset.perHour / baseline.perHour, 2) : null,
        peak: peak ? { start: peak.start, mentions: peak.mentions } : null,
        lastHour,
        hourly,
      };
    },
  };
}

export type CrisisFiguresReader = ReturnType<typeof createCrisisFigures>;

const iso = (date: Date) => date.toISOString();
const presentPeriod = (figures: PeriodFigures) => ({ ...figures, from: iso(figures.from), to: iso(figures.to) });

export function presentFigures(figures: CrisisFigures): CrisisFiguresView {
  return {
    baseline: presentPeriod(figures.baseline),
    sinceOnset: presentPeriod(figures.sinceOnset),
    volumeRatio: figures.volumeRatio,
    peak: figures.peak ? { start: iso(figures.peak.start), mentions: figures.peak.mentions } : null,
    lastHour: presentPeriod(figures.lastHour),
    hourly: figures.hourly.map((bucket) => ({ ...bucket, start: iso(bucket.start) })),
  };
}
