import { addLocalDays, localIsoWeekday, utcToZoned, zonedToUtc, type LocalDate } from '@sillage/domain';

/** The Monday of the week holding `date` (ISO weeks, as in France). */
export function mondayOf(date: LocalDate): LocalDate {
  return addLocalDays(date, 1 - localIsoWeekday(date));
}

/** Today's date on the workspace's zone (never the browser's). */
export function todayIn(timeZone: string, now = new Date()): LocalDate {
  return utcToZoned(now, timeZone).date;
}

/** The first instant of a local day: midnight, or the first valid minute when midnight is skipped (DST). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const result = zonedToUtc({ date, time: '00:00', timeZone });
  if (result.ok) return result.instant;
  if (result.reason === 'nonexistent_local_time') return result.suggestion.instant;
  // Midnight twice (a fall-back at midnight): the day starts at the first.
  if (result.reason === 'ambiguous_local_time') return result.candidates[0];
  throw new Error(result.message);
}

/** The seven local days of the week starting `monday`, and the UTC range [from, to) that covers them. */
export function weekRange(monday: LocalDate, timeZone: string) {
  const days = Array.from({ length: 7 }, (_, index) => addLocalDays(monday, index));
  return {
    days,
    from: startOfLocalDay(monday, timeZone),
    to: startOfLocalDay(addLocalDays(monday, 7), timeZone),
  };
}
