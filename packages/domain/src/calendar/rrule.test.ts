import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandRrule, formatRrule, parseRrule, recurrenceInstant, type RecurrenceRule } from './rrule.ts';

function rule(text: string): RecurrenceRule {
  const result = parseRrule(text);
  assert.ok(result.ok, `${text} should parse: ${result.ok ? '' : result.message}`);
  return result.rule;
}

const expand = (text: string, date: string, time: string, timeZone: string, limit = 50) =>
  expandRrule(rule(text), { date, time, timeZone }, { limit });

describe('parseRrule', () => {
  it('reads every supported part, with or without the RRULE: prefix', () => {
    assert.deepEqual(rule('RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=MO,FR;BYMONTHDAY=1,-1;COUNT=5'), {
      freq: 'MONTHLY',
      interval: 2,
      byDay: ['MO', 'FR'],
      byMonthDay: [1, -1],
      end: { count: 5 },
    });
    assert.deepEqual(rule('freq=daily;until=20261231').end, { untilDate: '2026-12-31' });
    assert.deepEqual(rule('FREQ=DAILY;UNTIL=20261231T225959Z').end, {
      untilInstant: new Date('2026-12-31T22:59:59Z'),
    });
  });

  const errors: [string, string, RegExp][] = [
    ['', 'RRULE', /empty/],
    ['FREQ=WEEKLY', 'COUNT', /needs an end/],
    ['FREQ=YEARLY;COUNT=3', 'FREQ', /YEARLY is not supported/],
    ['COUNT=3', 'FREQ', /FREQ is required/],
    ['FREQ=WEEKLY;INTERVAL=0;COUNT=3', 'INTERVAL', /whole number/],
    ['FREQ=WEEKLY;BYDAY=MO,XX;COUNT=3', 'BYDAY', /"XX"/],
    ['FREQ=MONTHLY;BYDAY=1MO;COUNT=3', 'BYDAY', /numbered weekdays/],
    ['FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3', 'BYMONTHDAY', /"32"/],
    ['FREQ=WEEKLY;BYMONTHDAY=3;COUNT=3', 'BYMONTHDAY', /cannot be used with FREQ=WEEKLY/],
    ['FREQ=DAILY;COUNT=2;UNTIL=20261231', 'COUNT', /cannot be used together/],
    ['FREQ=DAILY;COUNT=1001', 'COUNT', /1 to 1000/],
    ['FREQ=DAILY;UNTIL=20260231', 'UNTIL', /not a date/],
    ['FREQ=DAILY;UNTIL=2026-12-31', 'UNTIL', /not a date/],
    ['FREQ=DAILY;COUNT=2;BYHOUR=9', 'BYHOUR', /not supported/],
    ['FREQ=DAILY;COUNT=2;COUNT=3', 'COUNT', /twice/],
    ['FREQ=DAILY;COUNT', 'COUNT', /NAME=VALUE/],
  ];
  for (const [text, part, message] of errors) {
    it(`refuses "${text}" naming ${part}`, () => {
      const result = parseRrule(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.part, part);
      assert.match(result.message, message);
    });
  }

  it('formats a rule that parses back to the same rule', () => {
    for (const text of [
      'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8',
      'FREQ=DAILY;INTERVAL=3;UNTIL=20270115',
      'FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231T230000Z',
    ]) {
      assert.equal(formatRrule(rule(text)), text);
      assert.deepEqual(rule(formatRrule(rule(text))), rule(text));
    }
  });
});

describe('expandRrule', () => {
  it('keeps 09:00 in Paris across the spring-forward (29 March 2026): the UTC hour moves, the wall clock does not', () => {
    const found = expand('FREQ=WEEKLY;COUNT=3', '2026-03-22', '09:00', 'Europe/Paris');
    assert.deepEqual(
      found.map((occurrence) => [occurrence.date, occurrence.time, occurrence.instant.toISOString()]),
      [
        ['2026-03-22', '09:00', '2026-03-22T08:00:00.000Z'],
        ['2026-03-29', '09:00', '2026-03-29T07:00:00.000Z'],
        ['2026-04-05', '09:00', '2026-04-05T07:00:00.000Z'],
      ],
    );
  });

  it('keeps 09:00 in New York across the fall-back (1 November 2026)', () => {
    const found = expand('FREQ=DAILY;COUNT=3', '2026-10-31', '09:00', 'America/New_York');
    assert.deepEqual(
      found.map((occurrence) => occurrence.instant.toISOString()),
      ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z'],
    );
    assert.ok(found.every((occurrence) => occurrence.time === '09:00'));
  });

  it('moves a time skipped by DST forward by the gap and takes the first of a repeated time (RFC 5545 §3.3.5)', () => {
    const spring = expand('FREQ=DAILY;COUNT=3', '2026-03-07', '02:30', 'America/New_York');
    assert.deepEqual(
      spring.map((occurrence) => [occurrence.date, occurrence.time, occurrence.instant.toISOString()]),
      [
        ['2026-03-07', '02:30', '2026-03-07T07:30:00.000Z'],
        ['2026-03-08', '03:30', '2026-03-08T07:30:00.000Z'],
        ['2026-03-09', '02:30', '2026-03-09T06:30:00.000Z'],
      ],
    );
    assert.equal(recurrenceInstant('2026-10-25', '02:30', 'Europe/Paris').toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(recurrenceInstant('2026-03-29', '02:30', 'Europe/Paris').toISOString(), '2026-03-29T01:30:00.000Z');
  });

  it('gives eight weekly occurrences on the days of BYDAY, Monday-first weeks, with INTERVAL', () => {
    // 2026-03-23 is a Monday.
    const found = expand('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=8', '2026-03-23', '10:00', 'Europe/Paris');
    assert.deepEqual(
      found.map((occurrence) => occurrence.date),
      ['2026-03-23', '2026-03-26', '2026-04-06', '2026-04-09', '2026-04-20', '2026-04-23', '2026-05-04', '2026-05-07'],
    );
  });

  it('counts DTSTART as the first occurrence and skips days of its week before it', () => {
    // Wednesday start, BYDAY=MO,WE,FR: the Monday before the start is not an occurrence.
    const found = expand('FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=4', '2026-03-25', '08:00', 'Europe/Paris');
    assert.deepEqual(
      found.map((occurrence) => occurrence.date),
      ['2026-03-25', '2026-03-27', '2026-03-30', '2026-04-01'],
    );
  });

  it('skips months without the day (31st) and resolves negative BYMONTHDAY from the month end', () => {
    assert.deepEqual(
      expand('FREQ=MONTHLY;COUNT=4', '2026-01-31', '12:00', 'Europe/Paris').map((occurrence) => occurrence.date),
      ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31'],
    );
    assert.deepEqual(
      expand('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3', '2026-01-31', '12:00', 'Europe/Paris').map(
        (occurrence) => occurrence.date,
      ),
      ['2026-01-31', '2026-02-28', '2026-03-31'],
    );
  });

  it('combines BYDAY and BYMONTHDAY in a month as an intersection (Friday the 13th)', () => {
    assert.deepEqual(
      expand('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=3', '2026-02-13', '12:00', 'UTC').map(
        (occurrence) => occurrence.date,
      ),
      ['2026-02-13', '2026-03-13', '2026-11-13'],
    );
  });

  it('filters DAILY by BYDAY (weekdays only) and stops at UNTIL (a local date, inclusive)', () => {
    assert.deepEqual(
      expand('FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260331', '2026-03-26', '09:00', 'Europe/Paris').map(
        (occurrence) => occurrence.date,
      ),
      ['2026-03-26', '2026-03-27', '2026-03-30', '2026-03-31'],
    );
  });

  it('stops at an UTC UNTIL instant, inclusive', () => {
    const found = expand('FREQ=DAILY;UNTIL=20260330T070000Z', '2026-03-28', '09:00', 'Europe/Paris');
    assert.deepEqual(
      found.map((occurrence) => occurrence.instant.toISOString()),
      ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    );
  });

  it('honours limit, from and to while COUNT keeps counting skipped occurrences', () => {
    const weekly = rule('FREQ=WEEKLY;COUNT=10');
    const start = { date: '2026-01-05', time: '09:00', timeZone: 'Europe/Paris' };
    const later = expandRrule(weekly, start, { limit: 100, from: new Date('2026-02-20T00:00:00Z') });
    assert.deepEqual(
      later.map((occurrence) => occurrence.index),
      [8, 9, 10],
    );
    assert.equal(expandRrule(weekly, start, { limit: 3 }).length, 3);
    assert.equal(expandRrule(weekly, start, { limit: 100, to: new Date('2026-01-13T00:00:00Z') }).length, 2);
    assert.equal(expandRrule(weekly, start, { limit: 0 }).length, 0);
  });

  it('does not depend on the process time zone', () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Kolkata';
      const found = expand('FREQ=WEEKLY;COUNT=2', '2026-03-22', '09:00', 'Europe/Paris');
      assert.deepEqual(
        found.map((occurrence) => occurrence.instant.toISOString()),
        ['2026-03-22T08:00:00.000Z', '2026-03-29T07:00:00.000Z'],
      );
    } finally {
      process.env.TZ = original;
    }
  });
});
