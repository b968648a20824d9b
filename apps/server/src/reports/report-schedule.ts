import type { ReportPeriod, ReportSchedule } from '@sillage/contracts';
import { addLocalDays, addLocalMonths, localIsoWeekday, utcToZoned, zonedToUtc, type LocalDate } from '@sillage/domain';

/** A scheduled sending: the local day it is due and the instant it becomes due. */
export type Occurrence = { date: LocalDate; dueAt: Date };

/**
 * The instant of a wall-clock time in a zone. A time skipped when clocks go forward is sent at the first
 * valid minute after it; a time that happens twice when they go back is sent the first time.
 */
function dueInstant(date: LocalDate, time: string, timeZone: string): Date {
  const result = zonedToUtc({ date, time, timeZone }, { disambiguation: 'earlier' });
  if (result.ok) return result.instant;
  if (result.reason === 'nonexistent_local_time') return result.suggestion.instant;
  throw new RangeError(result.message);
}

const firstOfMonth = (date: LocalDate) => `${date.slice(0, 7)}-01`;

/** The day `dayOfMonth` of the month of `monthStart`, or its last day when the month is shorter. */
function dayInMonth(monthStart: LocalDate, dayOfMonth: number): LocalDate {
  const last = addLocalDays(addLocalMonths(monthStart, 1), -1);
  return addLocalDays(monthStart, Math.min(dayOfMonth, Number(last.slice(8, 10))) - 1);
}

/** The schedule's occurrences around `now` (from the week or month before to the one after), in order. */
function candidates(schedule: Exclude<ReportSchedule, { kind: 'none' }>, timeZone: string, now: Date): Occurrence[] {
  const today = utcToZoned(now, timeZone).date;
  const dates: LocalDate[] = [];
  if (schedule.kind === 'weekly') {
    for (let offset = -8; offset <= 8; offset += 1) {
      const date = addLocalDays(today, offset);
      if (localIsoWeekday(date) === schedule.weekday) dates.push(date);
    }
  } else {
    for (let offset = -2; offset <= 2; offset += 1)
      dates.push(dayInMonth(addLocalMonths(firstOfMonth(today), offset), schedule.dayOfMonth));
  }
  return dates.map((date) => ({ date, dueAt: dueInstant(date, schedule.time, timeZone) }));
}

/**
 * The latest occurrence due at `now` (its instant at or before `now`), or null without a schedule.
 * @example latestOccurrence({ kind: 'weekly', weekday: 1, time: '09:00' }, 'Europe/Paris', new Date('2026-03-30T08:00:00Z'))
 * // { date: '2026-03-30', dueAt: 2026-03-30T07:00:00.000Z } (Monday 09:00 in summer time)
 */
export function latestOccurrence(schedule: ReportSchedule, timeZone: string, now: Date): Occurrence | null {
  if (schedule.kind === 'none') return null;
  return (
    candidates(schedule, timeZone, now)
      .filter((occurrence) => occurrence.dueAt.getTime() <= now.getTime())
      .at(-1) ?? null
  );
}

/** The first occurrence after `now`, or null without a schedule. */
export function nextOccurrence(schedule: ReportSchedule, timeZone: string, now: Date): Occurrence | null {
  if (schedule.kind === 'none') return null;
  return candidates(schedule, timeZone, now).find((occurrence) => occurrence.dueAt.getTime() > now.getTime()) ?? null;
}

/**
 * The whole local days a report sent on `sendDay` covers; `end` is exclusive (the send day itself is not
 * in it, being unfinished).
 * @example reportPeriod('last_calendar_month', '2026-04-03') // { start: '2026-03-01', end: '2026-04-01' }
 */
export function reportPeriod(period: ReportPeriod, sendDay: LocalDate): { start: LocalDate; end: LocalDate } {
  if (period === 'last_calendar_month') {
    const end = firstOfMonth(sendDay);
    return { start: addLocalMonths(end, -1), end };
  }
  return { start: addLocalDays(sendDay, period === 'last_7_days' ? -7 : -28), end: sendDay };
}
