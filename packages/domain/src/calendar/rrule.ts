/**
 * A subset of RFC 5545 recurrence rules (RRULE): FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY, BYMONTHDAY,
 * COUNT and UNTIL, with an end (COUNT or UNTIL) required. Occurrences are expanded on the wall clock of an
 * IANA zone (09:00 stays 09:00 across a DST change), then turned into UTC instants as RFC 5545 §3.3.5 says:
 * a time skipped by DST moves forward by the gap, a time that happens twice takes the first.
 */
import {
  addLocalDays,
  addLocalMonths,
  localDaysBetween,
  localIsoWeekday,
  utcToZoned,
  zonedToUtc,
  zoneOffsetMinutes,
  type LocalDate,
  type LocalTime,
} from './zoned-time.ts';

export const rruleFrequencies = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type RruleFrequency = (typeof rruleFrequencies)[number];
/** RFC 5545 weekday codes, Monday first (ISO weekday = index + 1). */
export const rruleWeekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type RruleWeekday = (typeof rruleWeekdays)[number];

/** When the series ends: after `count` occurrences, or on a local date (inclusive) or a UTC instant (inclusive). */
export type RruleEnd = { count: number } | { untilDate: LocalDate } | { untilInstant: Date };

/** A parsed rule. `byMonthDay` accepts -31..-1 (from the month's end) and 1..31. */
export type RecurrenceRule = {
  freq: RruleFrequency;
  interval: number;
  byDay: RruleWeekday[];
  byMonthDay: number[];
  end: RruleEnd;
};

export type RruleError = { ok: false; part: string; message: string };
export type RruleParseResult = { ok: true; rule: RecurrenceRule } | RruleError;

/** One occurrence: the wall clock it happens on in the zone, and its UTC instant. */
export type Occurrence = { index: number; date: LocalDate; time: LocalTime; timeZone: string; instant: Date };

const MAX_COUNT = 1_000;
// Periods examined before giving up on a rule that (almost) never matches, e.g. BYMONTHDAY=31;BYDAY=MO.
const MAX_PERIODS = 20_000;

const fail = (part: string, message: string): RruleError => ({ ok: false, part, message });

function positiveInteger(value: string): number | undefined {
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : undefined;
}

function parseUntil(value: string): RruleEnd | RruleError {
  const dateOnly = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const utc = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const [, year, month, day] = dateOnly ?? utc ?? [];
  const date = `${year}-${month}-${day}`;
  const invalid = fail('UNTIL', `UNTIL=${value} is not a date: use YYYYMMDD (a local date) or YYYYMMDDTHHMMSSZ (UTC).`);
  if (year === undefined) return invalid;
  try {
    addLocalDays(date, 0);
  } catch {
    return invalid;
  }
  if (dateOnly) return { untilDate: date };
  const [hours, minutes, seconds] = [Number(utc![4]), Number(utc![5]), Number(utc![6])];
  if (hours > 23 || minutes > 59 || seconds > 59)
    return fail('UNTIL', `UNTIL=${value} has an impossible time: use HHMMSS between 000000 and 235959.`);
  return { untilInstant: new Date(`${date}T${utc![4]}:${utc![5]}:${utc![6]}Z`) };
}

/**
 * Parses an RRULE (with or without the `RRULE:` prefix); each error names the part that is wrong and what to write.
 * @example parseRrule('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8') // { ok: true, rule: { freq: 'WEEKLY', interval: 1, byDay: ['MO', 'TH'], byMonthDay: [], end: { count: 8 } } }
 */
export function parseRrule(text: string): RruleParseResult {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '') return fail('RRULE', 'The rule is empty: write for example FREQ=WEEKLY;COUNT=8.');
  const parts = new Map<string, string>();
  for (const piece of body.split(';')) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(piece.trim());
    if (match === null) return fail(piece, `"${piece}" is not NAME=VALUE; separate parts with ";".`);
    const name = match[1]!.toUpperCase();
    if (parts.has(name)) return fail(name, `${name} appears twice; keep one.`);
    parts.set(name, match[2]!.trim().toUpperCase());
  }
  const supported = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST'];
  for (const name of parts.keys())
    if (!supported.includes(name))
      return fail(
        name,
        `${name} is not supported; use only ${supported.filter((part) => part !== 'WKST').join(', ')}.`,
      );
  if (parts.has('WKST') && parts.get('WKST') !== 'MO')
    return fail('WKST', 'Weeks start on Monday here; remove WKST or write WKST=MO.');

  const freqText = parts.get('FREQ');
  if (freqText === undefined) return fail('FREQ', 'FREQ is required: DAILY, WEEKLY or MONTHLY.');
  if (!(rruleFrequencies as readonly string[]).includes(freqText))
    return fail('FREQ', `FREQ=${freqText} is not supported; use DAILY, WEEKLY or MONTHLY.`);
  const freq = freqText as RruleFrequency;

  const intervalText = parts.get('INTERVAL');
  const interval = intervalText === undefined ? 1 : positiveInteger(intervalText);
  if (interval === undefined || interval > 1_000)
    return fail('INTERVAL', `INTERVAL=${intervalText} must be a whole number from 1 to 1000.`);

  const byDay: RruleWeekday[] = [];
  for (const code of parts.get('BYDAY')?.split(',') ?? []) {
    if (/^[+-]?\d+[A-Z]{2}$/.test(code))
      return fail('BYDAY', `BYDAY=${code}: numbered weekdays (such as 1MO or -1FR) are not supported; use MO..SU.`);
    if (!(rruleWeekdays as readonly string[]).includes(code))
      return fail('BYDAY', `BYDAY has "${code}"; use two-letter days separated by commas: MO,TU,WE,TH,FR,SA,SU.`);
    if (!byDay.includes(code as RruleWeekday)) byDay.push(code as RruleWeekday);
  }

  const byMonthDay: number[] = [];
  for (const value of parts.get('BYMONTHDAY')?.split(',') ?? []) {
    const day = /^[+-]?\d{1,2}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(day) || day === 0 || day < -31 || day > 31)
      return fail(
        'BYMONTHDAY',
        `BYMONTHDAY has "${value}"; use days 1 to 31, or -1 to -31 counted from the month's end.`,
      );
    if (!byMonthDay.includes(day)) byMonthDay.push(day);
  }
  if (freq === 'WEEKLY' && byMonthDay.length)
    return fail('BYMONTHDAY', 'BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545); use FREQ=MONTHLY or BYDAY.');

  const countText = parts.get('COUNT');
  const untilText = parts.get('UNTIL');
  if (countText !== undefined && untilText !== undefined)
    return fail('COUNT', 'COUNT and UNTIL cannot be used together; keep one of them.');
  if (countText === undefined && untilText === undefined)
    return fail('COUNT', 'A recurring post needs an end: add COUNT=<number of times> or UNTIL=<YYYYMMDD>.');
  let end: RruleEnd;
  if (countText !== undefined) {
    const count = positiveInteger(countText);
    if (count === undefined || count > MAX_COUNT)
      return fail('COUNT', `COUNT=${countText} must be a whole number from 1 to ${MAX_COUNT}.`);
    end = { count };
  } else {
    const until = parseUntil(untilText!);
    if ('ok' in until) return until;
    end = until;
  }
  return { ok: true, rule: { freq, interval, byDay, byMonthDay, end } };
}

const compact = (date: LocalDate) => date.replaceAll('-', '');

/**
 * The canonical text of a rule (parts in a fixed order, defaults left out); parseRrule reads it back.
 * @example formatRrule({ freq: 'DAILY', interval: 2, byDay: [], byMonthDay: [], end: { untilDate: '2026-12-31' } }) // 'FREQ=DAILY;INTERVAL=2;UNTIL=20261231'
 */
export function formatRrule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay.length) parts.push(`BYDAY=${rule.byDay.join(',')}`);
  if (rule.byMonthDay.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if ('count' in rule.end) parts.push(`COUNT=${rule.end.count}`);
  else if ('untilDate' in rule.end) parts.push(`UNTIL=${compact(rule.end.untilDate)}`);
  else parts.push(`UNTIL=${rule.end.untilInstant.toISOString().replace(/[-:]|\.\d{3}/g, '')}`);
  return parts.join(';');
}

const weekdayOf = (date: LocalDate): RruleWeekday => rruleWeekdays[localIsoWeekday(date) - 1]!;

function daysInMonthOf(firstOfMonth: LocalDate): number {
  return localDaysBetween(firstOfMonth, addLocalMonths(firstOfMonth, 1));
}

/** The candidate dates of one period (a day, a week from Monday, or a month from its 1st), in order. */
function datesOfPeriod(rule: RecurrenceRule, start: LocalDate, period: number): LocalDate[] {
  if (rule.freq === 'DAILY') return [addLocalDays(start, period * rule.interval)];
  if (rule.freq === 'WEEKLY') {
    const monday = addLocalDays(start, 1 - localIsoWeekday(start) + 7 * period * rule.interval);
    const days = rule.byDay.length ? rule.byDay : [weekdayOf(start)];
    return rruleWeekdays.flatMap((code, index) => (days.includes(code) ? [addLocalDays(monday, index)] : []));
  }
  const first = addLocalMonths(`${start.slice(0, 8)}01`, period * rule.interval);
  const length = daysInMonthOf(first);
  const all = Array.from({ length }, (_, index) => addLocalDays(first, index));
  if (rule.byMonthDay.length === 0 && rule.byDay.length === 0) {
    const day = Number(start.slice(8, 10));
    return day <= length ? [all[day - 1]!] : [];
  }
  const wanted = new Set(rule.byMonthDay.map((day) => (day > 0 ? day : length + day + 1)));
  return all.filter(
    (date, index) =>
      (wanted.size === 0 || wanted.has(index + 1)) && (rule.byDay.length === 0 || rule.byDay.includes(weekdayOf(date))),
  );
}

/** Whether a DAILY candidate passes the BYDAY and BYMONTHDAY filters. */
function keepsDaily(rule: RecurrenceRule, date: LocalDate): boolean {
  if (rule.byDay.length && !rule.byDay.includes(weekdayOf(date))) return false;
  if (rule.byMonthDay.length === 0) return true;
  const day = Number(date.slice(8, 10));
  const length = daysInMonthOf(`${date.slice(0, 8)}01`);
  return rule.byMonthDay.some((wanted) => (wanted > 0 ? wanted : length + wanted + 1) === day);
}

/** The instant of a wall-clock time, per RFC 5545 §3.3.5 (gap: the offset before it; overlap: the first). */
export function recurrenceInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const result = zonedToUtc({ date, time, timeZone }, { disambiguation: 'earlier' });
  if (result.ok) return result.instant;
  if (result.reason !== 'nonexistent_local_time') throw new RangeError(result.message);
  const offsetBefore = zoneOffsetMinutes(new Date(result.suggestion.instant.getTime() - 60_000), timeZone);
  return new Date(Date.parse(`${date}T${time}:00Z`) - offsetBefore * 60_000);
}

/**
 * The occurrences of `rule` from `start` (always the first occurrence, as DTSTART), in order, on the zone's
 * wall clock. `from` skips earlier instants (COUNT still counts them); `limit` caps the answer.
 * @example expandRrule(parseWeekly8, { date: '2026-03-23', time: '09:00', timeZone: 'Europe/Paris' }, { limit: 2 }) // 09:00 on 23 and 30 March: 08:00Z then 07:00Z
 */
export function expandRrule(
  rule: RecurrenceRule,
  start: { date: LocalDate; time: LocalTime; timeZone: string },
  options: { limit: number; from?: Date; to?: Date },
): Occurrence[] {
  const found: Occurrence[] = [];
  const { end } = rule;
  let index = 0;
  const accept = (date: LocalDate): 'stop' | 'next' => {
    if ('untilDate' in end && date > end.untilDate) return 'stop';
    const instant = recurrenceInstant(date, start.time, start.timeZone);
    if ('untilInstant' in end && instant.getTime() > end.untilInstant.getTime()) return 'stop';
    if (options.to && instant.getTime() >= options.to.getTime()) return 'stop';
    index += 1;
    if (!options.from || instant.getTime() >= options.from.getTime()) {
      const local = utcToZoned(instant, start.timeZone);
      found.push({ index, date: local.date, time: local.time, timeZone: start.timeZone, instant });
    }
    if ('count' in end && index >= end.count) return 'stop';
    return found.length >= options.limit ? 'stop' : 'next';
  };
  if (options.limit <= 0 || accept(start.date) === 'stop') return found;
  for (let period = 0; period < MAX_PERIODS; period += 1) {
    for (const date of datesOfPeriod(rule, start.date, period)) {
      if (date <= start.date) continue;
      if (rule.freq === 'DAILY' && !keepsDaily(rule, date)) continue;
      if (accept(date) === 'stop') return found;
    }
  }
  return found;
}
