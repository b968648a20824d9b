import type { CalendarPostView, PublicationView } from '@sillage/contracts';
import {
  addLocalDays,
  addLocalMonths,
  localDaysBetween,
  localIsoWeekday,
  utcToZoned,
  zonedToUtc,
  type LocalDate,
} from '@sillage/domain';

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

/** The first day of the month holding `date`. */
export function firstOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 8)}01`;
}

/**
 * The month grid holding `date`: whole ISO weeks from the Monday on or before the 1st to the Sunday on or
 * after the last day (5 or 6 weeks), and the UTC range [from, to) that covers them.
 */
export function monthGrid(date: LocalDate, timeZone: string) {
  const first = firstOfMonth(date);
  const start = mondayOf(first);
  const last = addLocalDays(addLocalMonths(first, 1), -1);
  const weeks = Math.ceil((localDaysBetween(start, last) + 1) / 7);
  const days = Array.from({ length: weeks * 7 }, (_, index) => addLocalDays(start, index));
  return {
    month: first.slice(0, 7),
    days,
    from: startOfLocalDay(start, timeZone),
    to: startOfLocalDay(addLocalDays(start, weeks * 7), timeZone),
  };
}

/** One publication placed on the calendar: its day and time on the zone the calendar is displayed in. */
export type CalendarEntry = {
  post: CalendarPostView;
  publication: PublicationView;
  date: LocalDate;
  time: string;
};

/** Every scheduled publication of the posts, on the display zone's wall clock (its own when they agree). */
export function entriesOf(posts: readonly CalendarPostView[], displayZone: string): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const post of posts) {
    for (const publication of post.publications) {
      if (publication.scheduledAt === null) continue;
      if (publication.timeZone === displayZone && publication.localDate && publication.localTime) {
        entries.push({ post, publication, date: publication.localDate, time: publication.localTime });
      } else {
        const local = utcToZoned(new Date(publication.scheduledAt), displayZone);
        entries.push({ post, publication, date: local.date, time: local.time });
      }
    }
  }
  return entries;
}

/** What the calendar shows: '' means any. */
export type CalendarFilters = { channelId: string; state: string; authorId: string };

export function filterEntries(entries: readonly CalendarEntry[], filters: CalendarFilters): CalendarEntry[] {
  return entries.filter(
    (entry) =>
      (filters.channelId === '' || entry.publication.channelId === filters.channelId) &&
      (filters.state === '' || entry.publication.state === filters.state) &&
      (filters.authorId === '' || entry.post.authorId === filters.authorId),
  );
}

/** The entries by local day, each day in time order. */
export function byDay(entries: readonly CalendarEntry[]): Map<LocalDate, CalendarEntry[]> {
  const days = new Map<LocalDate, CalendarEntry[]>();
  for (const entry of entries) {
    const list = days.get(entry.date);
    if (list) list.push(entry);
    else days.set(entry.date, [entry]);
  }
  for (const list of days.values()) list.sort((a, b) => a.time.localeCompare(b.time));
  return days;
}
