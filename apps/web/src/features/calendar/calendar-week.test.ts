import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CalendarPostView } from '@sillage/contracts';
import { byDay, entriesOf, filterEntries, monthGrid } from './calendar-week.ts';

const post = (id: string, authorId: string, scheduledAt: string, localDate: string, localTime: string) =>
  ({
    id,
    text: `Post ${id}`,
    authorId,
    createdAt: '2026-01-01T00:00:00.000Z',
    seriesId: null,
    occurrenceIndex: null,
    publications: [
      {
        id: `${id}-publication`,
        channelId: `channel-${authorId}`,
        network: 'x',
        channelName: 'Brand on X',
        state: 'scheduled',
        content: { format: 'text', text: `Post ${id}`, media: [] },
        scheduledAt,
        timeZone: 'Europe/Paris',
        localDate,
        localTime,
        networkPostId: null,
        url: null,
        publishedAt: null,
        failure: null,
        attempts: [],
      },
    ],
  }) as CalendarPostView;

describe('the calendar grid', () => {
  it('covers a month with whole Monday-first weeks, and its UTC range on the zone (March 2026, Paris)', () => {
    const grid = monthGrid('2026-03-17', 'Europe/Paris');
    assert.equal(grid.month, '2026-03');
    assert.equal(grid.days[0], '2026-02-23');
    assert.equal(grid.days.at(-1), '2026-04-05');
    assert.equal(grid.days.length, 42);
    assert.equal(grid.from.toISOString(), '2026-02-22T23:00:00.000Z');
    assert.equal(grid.to.toISOString(), '2026-04-05T22:00:00.000Z', 'after the spring-forward: UTC+2');
  });

  it("places a post on its own wall clock in its zone, and on the display zone's when they differ", () => {
    const late = post('a', 'u1', '2026-03-27T22:30:00.000Z', '2026-03-27', '23:30');
    assert.deepEqual(
      entriesOf([late], 'Europe/Paris').map((entry) => [entry.date, entry.time]),
      [['2026-03-27', '23:30']],
    );
    assert.deepEqual(
      entriesOf([late], 'America/New_York').map((entry) => [entry.date, entry.time]),
      [['2026-03-27', '18:30']],
    );
    assert.deepEqual(
      entriesOf([late], 'Asia/Tokyo').map((entry) => [entry.date, entry.time]),
      [['2026-03-28', '07:30']],
    );
  });

  it('filters by author and groups by day in time order', () => {
    const entries = entriesOf(
      [
        post('b', 'u1', '2026-03-27T10:00:00.000Z', '2026-03-27', '11:00'),
        post('c', 'u2', '2026-03-27T07:00:00.000Z', '2026-03-27', '08:00'),
        post('d', 'u1', '2026-03-27T06:00:00.000Z', '2026-03-27', '07:00'),
      ],
      'Europe/Paris',
    );
    const mine = filterEntries(entries, { channelId: '', state: '', authorId: 'u1' });
    assert.deepEqual(
      byDay(mine)
        .get('2026-03-27')!
        .map((entry) => entry.post.id),
      ['d', 'b'],
    );
    assert.equal(filterEntries(entries, { channelId: '', state: 'published', authorId: '' }).length, 0);
  });
});
