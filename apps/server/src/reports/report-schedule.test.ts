import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestOccurrence, nextOccurrence, reportPeriod } from './report-schedule.ts';

const paris = 'Europe/Paris';
const at = (iso: string) => new Date(iso);

describe('report schedules in the workspace zone', () => {
  const mondayNine = { kind: 'weekly', weekday: 1, time: '09:00' } as const;

  it('sends weekly at the local time on both sides of the spring change', () => {
    // Monday 23 March 2026 is in winter time (UTC+1), Monday 30 March in summer time (UTC+2).
    assert.deepEqual(latestOccurrence(mondayNine, paris, at('2026-03-23T08:00:00Z')), {
      date: '2026-03-23',
      dueAt: at('2026-03-23T08:00:00Z'),
    });
    assert.equal(latestOccurrence(mondayNine, paris, at('2026-03-23T07:59:59Z'))?.date, '2026-03-16');
    assert.deepEqual(nextOccurrence(mondayNine, paris, at('2026-03-23T08:00:00Z')), {
      date: '2026-03-30',
      dueAt: at('2026-03-30T07:00:00Z'),
    });
    assert.equal(latestOccurrence(mondayNine, paris, at('2026-03-30T06:59:00Z'))?.date, '2026-03-23');
    assert.equal(latestOccurrence(mondayNine, paris, at('2026-03-30T07:00:00Z'))?.date, '2026-03-30');
  });

  it('sends a skipped local time at the first valid minute, and a repeated one the first time', () => {
    const sundayHalfPastTwo = { kind: 'weekly', weekday: 7, time: '02:30' } as const;
    // 29 March 2026: 02:00 jumps to 03:00 in Paris (01:00 UTC).
    assert.deepEqual(nextOccurrence(sundayHalfPastTwo, paris, at('2026-03-28T12:00:00Z')), {
      date: '2026-03-29',
      dueAt: at('2026-03-29T01:00:00Z'),
    });
    // 25 October 2026: 03:00 goes back to 02:00; 02:30 happens at 00:30 and 01:30 UTC.
    assert.deepEqual(nextOccurrence(sundayHalfPastTwo, paris, at('2026-10-24T12:00:00Z')), {
      date: '2026-10-25',
      dueAt: at('2026-10-25T00:30:00Z'),
    });
    assert.equal(latestOccurrence(sundayHalfPastTwo, paris, at('2026-10-25T01:30:00Z'))?.date, '2026-10-25');
  });

  it('sends monthly on the day, or the last day of a shorter month', () => {
    const thirtyFirst = { kind: 'monthly', dayOfMonth: 31, time: '08:00' } as const;
    assert.deepEqual(nextOccurrence(thirtyFirst, paris, at('2026-02-10T00:00:00Z')), {
      date: '2026-02-28',
      dueAt: at('2026-02-28T07:00:00Z'),
    });
    assert.equal(latestOccurrence(thirtyFirst, paris, at('2026-03-15T00:00:00Z'))?.date, '2026-02-28');
    assert.equal(nextOccurrence(thirtyFirst, paris, at('2026-03-15T00:00:00Z'))?.date, '2026-03-31');
    assert.equal(latestOccurrence({ kind: 'none' }, paris, at('2026-03-15T00:00:00Z')), null);
  });

  it('covers the whole days before the send day', () => {
    assert.deepEqual(reportPeriod('last_7_days', '2026-03-30'), { start: '2026-03-23', end: '2026-03-30' });
    assert.deepEqual(reportPeriod('last_28_days', '2026-03-30'), { start: '2026-03-02', end: '2026-03-30' });
    assert.deepEqual(reportPeriod('last_calendar_month', '2026-03-01'), { start: '2026-02-01', end: '2026-03-01' });
    assert.deepEqual(reportPeriod('last_calendar_month', '2026-03-31'), { start: '2026-02-01', end: '2026-03-01' });
  });
});
