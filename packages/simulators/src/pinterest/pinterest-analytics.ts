/**
 * Pinterest's `GET /v5/pins/{pin_id}/analytics` (OpenAPI `pins/analytics`): daily metrics between `start_date`
 * and `end_date` (UTC days, at most 90 days back from today and 90 days long), their sum over the period in
 * `summary_metrics`, and the lifetime counters (`TOTAL_COMMENTS`, `TOTAL_REACTIONS`) in `lifetime_metrics`,
 * keyed by app type (`all` for `app_types=ALL`).
 */
import type { SimResponse } from '../kit/index.ts';

export const pinMetricTypes = [
  'IMPRESSION',
  'OUTBOUND_CLICK',
  'PIN_CLICK',
  'SAVE',
  'SAVE_RATE',
  'TOTAL_COMMENTS',
  'TOTAL_REACTIONS',
  'USER_FOLLOW',
  'PROFILE_VISIT',
] as const;
export type PinMetricType = (typeof pinMetricTypes)[number];
/** The per-day counters a test sets (SAVE_RATE is derived: SAVE / IMPRESSION). */
export type PinDailyMetrics = Partial<
  Record<Exclude<PinMetricType, 'SAVE_RATE' | 'TOTAL_COMMENTS' | 'TOTAL_REACTIONS'>, number>
>;
export type PinLifetimeMetrics = { TOTAL_COMMENTS?: number; TOTAL_REACTIONS?: number };

const lifetimeTypes = new Set<string>(['TOTAL_COMMENTS', 'TOTAL_REACTIONS']);
const dayMs = 86_400_000;
const maxDaysBack = 90;
const appTypes = ['ALL', 'MOBILE', 'TABLET', 'WEB'];

function fail(status: number, message: string): SimResponse {
  return { status, body: { code: status, message } };
}

const dayOf = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The analytics state of the simulated Pins: daily counters by pin and UTC day, lifetime counters by pin. */
export function createPinAnalytics(now: () => Date) {
  const daily = new Map<string, Map<string, PinDailyMetrics>>();
  const lifetime = new Map<string, PinLifetimeMetrics>();

  /** Answers the analytics of `pin` (created at `createdAt`, UTC without zone) for a request's query. */
  function answer(pin: { id: string; createdAt: string }, query: URLSearchParams): SimResponse {
    const start = dayOf(query.get('start_date') ?? '');
    const end = dayOf(query.get('end_date') ?? '');
    const today = dayOf(now().toISOString().slice(0, 10));
    if (Number.isNaN(start) || Number.isNaN(end)) return fail(400, 'Invalid pins analytics parameters.');
    if (start < today - maxDaysBack * dayMs)
      return fail(400, `start_date cannot be more than ${maxDaysBack} days back from today.`);
    if (end < start || end > start + maxDaysBack * dayMs)
      return fail(400, 'end_date must be on or after start_date and at most 90 days past it.');
    const types = (query.get('metric_types') ?? '').split(',').filter(Boolean);
    if (types.length === 0 || types.some((type) => !(pinMetricTypes as readonly string[]).includes(type)))
      return fail(400, 'Invalid pins analytics parameters.');
    if (!appTypes.includes(query.get('app_types') ?? 'ALL')) return fail(400, 'Invalid pins analytics parameters.');
    const created = dayOf(pin.createdAt.slice(0, 10));
    const perDay = daily.get(pin.id) ?? new Map<string, PinDailyMetrics>();
    const dailyTypes = types.filter((type) => !lifetimeTypes.has(type));
    const summary: Record<string, number> = Object.fromEntries(dailyTypes.map((type) => [type, 0]));
    const days = [];
    for (let day = start; day <= Math.min(end, today); day += dayMs) {
      if (day < created) {
        days.push({ date: isoDay(day), data_status: 'BEFORE_PIN_CREATED', metrics: {} });
        continue;
      }
      const counters = perDay.get(isoDay(day)) ?? {};
      const metrics: Record<string, number> = {};
      for (const type of dailyTypes) {
        const value =
          type === 'SAVE_RATE'
            ? counters.IMPRESSION
              ? (counters.SAVE ?? 0) / counters.IMPRESSION
              : 0
            : (counters[type as keyof PinDailyMetrics] ?? 0);
        metrics[type] = value;
        summary[type] = (summary[type] ?? 0) + value;
      }
      // Pinterest finishes a day's figures the next day: today's are still being processed.
      days.push({ date: isoDay(day), data_status: day === today ? 'PROCESSING' : 'READY', metrics });
    }
    if ('SAVE_RATE' in summary) summary.SAVE_RATE = summary.IMPRESSION ? (summary.SAVE ?? 0) / summary.IMPRESSION : 0;
    const totals = lifetime.get(pin.id) ?? {};
    const lifetimeMetrics = Object.fromEntries(
      types
        .filter((type) => lifetimeTypes.has(type))
        .map((type) => [type, totals[type as keyof PinLifetimeMetrics] ?? 0]),
    );
    const key = (query.get('app_types') ?? 'ALL').toLowerCase();
    return {
      status: 200,
      body: { [key]: { daily_metrics: days, summary_metrics: summary, lifetime_metrics: lifetimeMetrics } },
    };
  }

  return {
    answer,
    /** Test hook: a Pin's counters for one UTC day (`YYYY-MM-DD`), replacing that day's. */
    setDailyMetrics: (pinId: string, date: string, metrics: PinDailyMetrics): void => {
      const perDay = daily.get(pinId) ?? new Map<string, PinDailyMetrics>();
      perDay.set(date, { ...metrics });
      daily.set(pinId, perDay);
    },
    /** Test hook: a Pin's lifetime comments and reactions. */
    setLifetimeMetrics: (pinId: string, metrics: PinLifetimeMetrics): void => {
      lifetime.set(pinId, { ...lifetime.get(pinId), ...metrics });
    },
  };
}
