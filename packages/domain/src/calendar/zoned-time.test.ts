import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addLocalDays,
  addLocalMonths,
  isValidTimeZone,
  localDaysBetween,
  localIsoWeekday,
  utcToZoned,
  zonedToUtc,
  zoneOffsetMinutes,
  type Disambiguation,
} from './zoned-time.ts';

function instantOf(date: string, time: string, timeZone: string, disambiguation?: Disambiguation): string {
  const result = zonedToUtc({ date, time, timeZone }, disambiguation === undefined ? {} : { disambiguation });
  assert.ok(result.ok, `${date} ${time} ${timeZone} should convert`);
  return result.instant.toISOString();
}

const cases: [string, string, string, string, number][] = [
  // zone, local date, local time, expected UTC, expected offset (minutes)
  ['Europe/Paris', '2026-03-29', '01:59', '2026-03-29T00:59:00.000Z', 60],
  ['Europe/Paris', '2026-03-29', '03:00', '2026-03-29T01:00:00.000Z', 120],
  ['Europe/Paris', '2026-10-25', '01:59', '2026-10-24T23:59:00.000Z', 120],
  ['Europe/Paris', '2026-10-25', '03:00', '2026-10-25T02:00:00.000Z', 60],
  ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z', -300],
  ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00:00.000Z', -240],
  ['America/New_York', '2026-11-01', '00:59', '2026-11-01T04:59:00.000Z', -240],
  ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00.000Z', -300],
  ['Asia/Kolkata', '2026-06-15', '09:00', '2026-06-15T03:30:00.000Z', 330],
  ['Asia/Kolkata', '2026-12-31', '23:45', '2026-12-31T18:15:00.000Z', 330],
  ['Australia/Lord_Howe', '2026-01-15', '12:00', '2026-01-15T01:00:00.000Z', 660],
  ['Australia/Lord_Howe', '2026-07-15', '12:00', '2026-07-15T01:30:00.000Z', 630],
  ['Europe/Paris', '2099-07-01', '12:00', '2099-07-01T10:00:00.000Z', 120],
  ['Europe/Paris', '2099-12-01', '12:00', '2099-12-01T11:00:00.000Z', 60],
  ['UTC', '2026-03-29', '02:30', '2026-03-29T02:30:00.000Z', 0],
];

for (const [timeZone, date, time, utc, offset] of cases) {
  test(`converts ${date} ${time} in ${timeZone} to ${utc} (offset ${offset} min) and back`, () => {
    assert.equal(instantOf(date, time, timeZone), utc);
    assert.equal(zoneOffsetMinutes(new Date(utc), timeZone), offset);
    assert.deepEqual(utcToZoned(new Date(utc), timeZone), { date, time, offsetMinutes: offset });
  });
}

test('refuses 02:30 in Paris on the spring-forward day and suggests 03:00', () => {
  const result = zonedToUtc({ date: '2026-03-29', time: '02:30', timeZone: 'Europe/Paris' });
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.reason === 'nonexistent_local_time');
  assert.deepEqual(result.suggestion, {
    date: '2026-03-29',
    time: '03:00',
    offsetMinutes: 120,
    instant: new Date('2026-03-29T01:00:00.000Z'),
  });
  assert.match(
    result.message,
    /does not exist in Europe\/Paris.*from 02:00 to 03:00.*next valid time is 2026-03-29 03:00/,
  );
});

test('refuses 02:00 and 02:59 in New York on the spring-forward day and suggests 03:00', () => {
  for (const time of ['02:00', '02:59']) {
    const result = zonedToUtc({ date: '2026-03-08', time, timeZone: 'America/New_York' });
    assert.ok(!result.ok && result.reason === 'nonexistent_local_time');
    assert.equal(result.suggestion.time, '03:00');
    assert.equal(result.suggestion.instant.toISOString(), '2026-03-08T07:00:00.000Z');
  }
});

test('resolves the repeated 02:30 in Paris to the first occurrence by default', () => {
  assert.equal(instantOf('2026-10-25', '02:30', 'Europe/Paris'), '2026-10-25T00:30:00.000Z');
  assert.equal(instantOf('2026-10-25', '02:30', 'Europe/Paris', 'earlier'), '2026-10-25T00:30:00.000Z');
  assert.equal(instantOf('2026-10-25', '02:30', 'Europe/Paris', 'later'), '2026-10-25T01:30:00.000Z');
});

test('resolves the repeated 01:30 in New York to earlier (EDT) or later (EST) as asked', () => {
  assert.equal(instantOf('2026-11-01', '01:30', 'America/New_York'), '2026-11-01T05:30:00.000Z');
  assert.equal(instantOf('2026-11-01', '01:30', 'America/New_York', 'later'), '2026-11-01T06:30:00.000Z');
});

test('rejects an ambiguous time when asked to, listing both instants', () => {
  const result = zonedToUtc(
    { date: '2026-11-01', time: '01:30', timeZone: 'America/New_York' },
    { disambiguation: 'reject' },
  );
  assert.ok(!result.ok && result.reason === 'ambiguous_local_time');
  assert.deepEqual(
    result.candidates.map((instant) => instant.toISOString()),
    ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'],
  );
});

test('handles the 30-minute DST shift of Lord Howe Island (gap and repeat)', () => {
  const gap = zonedToUtc({ date: '2026-10-04', time: '02:15', timeZone: 'Australia/Lord_Howe' });
  assert.ok(!gap.ok && gap.reason === 'nonexistent_local_time');
  assert.equal(gap.suggestion.time, '02:30');
  assert.equal(instantOf('2026-04-05', '01:45', 'Australia/Lord_Howe', 'earlier'), '2026-04-04T14:45:00.000Z');
  assert.equal(instantOf('2026-04-05', '01:45', 'Australia/Lord_Howe', 'later'), '2026-04-04T15:15:00.000Z');
});

test('refuses an unknown time zone and an impossible date or time', () => {
  const zone = zonedToUtc({ date: '2026-01-01', time: '09:00', timeZone: 'Mars/Olympus' });
  assert.ok(!zone.ok && zone.reason === 'invalid_time_zone');
  for (const [date, time] of [
    ['2026-02-30', '09:00'],
    ['2026-01-01', '24:00'],
    ['2026-1-1', '09:00'],
    ['2026-01-01', '9:00'],
  ]) {
    const result = zonedToUtc({ date: date ?? '', time: time ?? '', timeZone: 'Europe/Paris' });
    assert.ok(!result.ok && result.reason === 'invalid_local_date_time', `${date} ${time}`);
  }
});

test('recognises IANA zone names and refuses others', () => {
  assert.equal(isValidTimeZone('Europe/Paris'), true);
  assert.equal(isValidTimeZone('Asia/Kolkata'), true);
  assert.equal(isValidTimeZone('Mars/Olympus'), false);
  assert.equal(isValidTimeZone(''), false);
});

test('adds calendar days across DST changes and month and year ends', () => {
  assert.equal(addLocalDays('2026-03-28', 2), '2026-03-30');
  assert.equal(addLocalDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addLocalDays('2028-03-01', -1), '2028-02-29');
});

test('adds months clamping to the last day of shorter months', () => {
  assert.equal(addLocalMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addLocalMonths('2028-01-31', 1), '2028-02-29');
  assert.equal(addLocalMonths('2026-11-15', 3), '2027-02-15');
  assert.equal(addLocalMonths('2026-03-31', -1), '2026-02-28');
});

test('gives the ISO weekday and the number of days between local dates', () => {
  assert.equal(localIsoWeekday('2026-03-29'), 7);
  assert.equal(localIsoWeekday('2026-03-30'), 1);
  assert.equal(localDaysBetween('2026-03-28', '2026-03-30'), 2);
  assert.equal(localDaysBetween('2026-03-30', '2026-03-28'), -2);
});

test('keeps a daily 09:00 Paris slot at 09:00 local across the spring change', () => {
  const instants = ['2026-03-28', '2026-03-29', '2026-03-30'].map((date) => instantOf(date, '09:00', 'Europe/Paris'));
  assert.deepEqual(instants, ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
});
