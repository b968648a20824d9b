/**
 * DST-safe conversion between a wall-clock time in an IANA time zone and a UTC instant.
 * Only `Intl.DateTimeFormat` is used, so nothing depends on the process's `TZ`.
 * Local dates are `YYYY-MM-DD`, local times `HH:mm` (24-hour), offsets minutes east of UTC.
 */

/** A calendar date as the user sees it, `YYYY-MM-DD` (no zone attached). */
export type LocalDate = string;
/** A wall-clock time, `HH:mm` in 24-hour notation (no zone attached). */
export type LocalTime = string;

/** What to do with a wall-clock time that happens twice (when clocks go back). */
export type Disambiguation = 'earlier' | 'later' | 'reject';

/** A wall-clock reading in a zone: date, time (minute precision) and the zone's offset then. */
export type ZonedDateTime = { date: LocalDate; time: LocalTime; offsetMinutes: number };

/** Why a wall-clock time could not be turned into an instant. */
export type ZonedToUtcFailure =
  | { ok: false; reason: 'nonexistent_local_time'; message: string; suggestion: ZonedDateTime & { instant: Date } }
  | { ok: false; reason: 'ambiguous_local_time'; message: string; candidates: [Date, Date] }
  | { ok: false; reason: 'invalid_time_zone' | 'invalid_local_date_time'; message: string };

export type ZonedToUtcResult = { ok: true; instant: Date } | ZonedToUtcFailure;

const minuteMs = 60_000;
const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `epochMs` in `timeZone`, re-expressed as if it were UTC (ms since epoch). */
function wallClockAsUtcMs(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1);
  utc.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, 0);
  return utc.getTime();
}

function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return (wallClockAsUtcMs(wholeSecond, timeZone) - wholeSecond) / minuteMs;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function wallClockParts(wallMs: number): { date: LocalDate; time: LocalTime } {
  const wall = new Date(wallMs);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  return { date, time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` };
}

/** Parses `YYYY-MM-DD` into ms since epoch at 00:00 UTC of that date, or undefined when not a real date. */
function parseLocalDate(date: LocalDate): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  const valid = utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
  return valid && year >= 1 ? utc.getTime() : undefined;
}

function parseLocalTime(time: LocalTime): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (match === null) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? (hours * 60 + minutes) * minuteMs : undefined;
}

/**
 * True when `name` is an IANA time zone this runtime knows (e.g. `Europe/Paris`).
 * @example isValidTimeZone('Europe/Paris') // true; isValidTimeZone('Mars/Olympus') // false
 */
export function isValidTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's offset from UTC at an instant, in minutes east of UTC (Paris in summer: 120).
 * @example zoneOffsetMinutes(new Date('2026-07-01T12:00:00Z'), 'America/New_York') // -240
 */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  return offsetAt(instant.getTime(), timeZone);
}

/**
 * The wall-clock date and time (minute precision, seconds dropped) of a UTC instant in a zone.
 * @example utcToZoned(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris') // { date: '2026-03-29', time: '03:00', offsetMinutes: 120 }
 */
export function utcToZoned(instant: Date, timeZone: string): ZonedDateTime {
  const offsetMinutes = offsetAt(instant.getTime(), timeZone);
  return { ...wallClockParts(instant.getTime() + offsetMinutes * minuteMs), offsetMinutes };
}

/** First instant (minute precision) in [from, to] whose offset differs from the offset at `from`. */
function findTransition(fromMs: number, toMs: number, timeZone: string): number {
  const before = offsetAt(fromMs, timeZone);
  let [low, high] = [fromMs, toMs];
  while (high - low > minuteMs) {
    const middle = low + Math.floor((high - low) / 2 / minuteMs) * minuteMs;
    if (offsetAt(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * Converts a wall-clock time in an IANA zone to a UTC instant; refuses times skipped by DST and
 * resolves repeated times to the earlier one unless told otherwise.
 * @example zonedToUtc({ date: '2026-07-01', time: '09:00', timeZone: 'Europe/Paris' }) // { ok: true, instant: 2026-07-01T07:00:00.000Z }
 */
export function zonedToUtc(
  local: { date: LocalDate; time: LocalTime; timeZone: string },
  options: { disambiguation?: Disambiguation } = {},
): ZonedToUtcResult {
  const { date, time, timeZone } = local;
  if (!isValidTimeZone(timeZone)) {
    return { ok: false, reason: 'invalid_time_zone', message: `"${timeZone}" is not a known IANA time zone.` };
  }
  const dayStart = parseLocalDate(date);
  const timeOfDay = parseLocalTime(time);
  if (dayStart === undefined || timeOfDay === undefined) {
    return {
      ok: false,
      reason: 'invalid_local_date_time',
      message: `"${date} ${time}" is not a valid date (YYYY-MM-DD) and time (HH:mm).`,
    };
  }
  const wallMs = dayStart + timeOfDay;
  const offsetBefore = offsetAt(wallMs - dayMs, timeZone);
  const offsetAfter = offsetAt(wallMs + dayMs, timeZone);
  const candidates = [...new Set([offsetBefore, offsetAt(wallMs, timeZone), offsetAfter])]
    .map((offset) => wallMs - offset * minuteMs)
    .filter((epochMs) => wallClockAsUtcMs(epochMs, timeZone) === wallMs)
    .sort((a, b) => a - b);
  const [first, second] = candidates;

  if (first === undefined) {
    const transition = findTransition(wallMs - dayMs, wallMs + dayMs, timeZone);
    const suggestion = { ...utcToZoned(new Date(transition), timeZone), instant: new Date(transition) };
    const skippedFrom = wallClockParts(transition + offsetBefore * minuteMs).time;
    return {
      ok: false,
      reason: 'nonexistent_local_time',
      message:
        `${date} ${time} does not exist in ${timeZone}: clocks jump from ${skippedFrom} to ${suggestion.time} ` +
        `that day (daylight saving time). The next valid time is ${suggestion.date} ${suggestion.time}.`,
      suggestion,
    };
  }
  if (second === undefined) return { ok: true, instant: new Date(first) };
  const disambiguation = options.disambiguation ?? 'earlier';
  if (disambiguation === 'reject') {
    return {
      ok: false,
      reason: 'ambiguous_local_time',
      message: `${date} ${time} happens twice in ${timeZone} (clocks go back that day); choose the earlier or the later one.`,
      candidates: [new Date(first), new Date(second)],
    };
  }
  return { ok: true, instant: new Date(disambiguation === 'earlier' ? first : second) };
}

/**
 * Adds whole calendar days to a local date (DST-free: pure calendar arithmetic).
 * @example addLocalDays('2026-03-28', 2) // '2026-03-30'
 */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const start = parseLocalDate(date);
  if (start === undefined) throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD).`);
  return wallClockParts(start + days * dayMs).date;
}

/**
 * Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29).
 * @example addLocalMonths('2026-01-31', 1) // '2026-02-28'
 */
export function addLocalMonths(date: LocalDate, months: number): LocalDate {
  const start = parseLocalDate(date);
  if (start === undefined) throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD).`);
  const origin = new Date(start);
  const target = new Date(0);
  target.setUTCFullYear(origin.getUTCFullYear(), origin.getUTCMonth() + months, 1);
  target.setUTCDate(Math.min(origin.getUTCDate(), daysInMonth(target.getUTCFullYear(), target.getUTCMonth())));
  return wallClockParts(target.getTime()).date;
}

function daysInMonth(year: number, monthIndex: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, monthIndex + 1, 0);
  return lastDay.getUTCDate();
}

/**
 * ISO weekday of a local date: 1 = Monday ... 7 = Sunday.
 * @example localIsoWeekday('2026-03-29') // 7
 */
export function localIsoWeekday(date: LocalDate): number {
  const start = parseLocalDate(date);
  if (start === undefined) throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD).`);
  return ((new Date(start).getUTCDay() + 6) % 7) + 1;
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @example localDaysBetween('2026-03-28', '2026-03-30') // 2
 */
export function localDaysBetween(from: LocalDate, to: LocalDate): number {
  const [start, end] = [parseLocalDate(from), parseLocalDate(to)];
  if (start === undefined || end === undefined) throw new RangeError(`Invalid local date "${from}" or "${to}".`);
  return Math.round((end - start) / dayMs);
}
