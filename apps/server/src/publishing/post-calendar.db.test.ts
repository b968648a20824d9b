import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SignedInClient } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { createPublishingHarness } from './testing/publishing-harness.ts';

type Post = {
  id: string;
  publications: { id: string; state: string; scheduledAt: string | null; localDate: string; localTime: string }[];
};
type Series = {
  id: string;
  rrule: string;
  occurrences: { index: number; date: string; time: string; at: string; postId: string | null }[];
};

/** A CSV of `count` rows on the channel, one a day at 10:00 Paris from 1 April 2026, with `bad` lines broken. */
function csvOf(count: number, channelName: string, bad: Map<number, string[]>) {
  const lines = ['date,time,zone,channels,text,media_url,format'];
  for (let index = 0; index < count; index += 1) {
    const day = new Date(Date.UTC(2026, 3, 1) + (index % 200) * 86_400_000).toISOString().slice(0, 10);
    const row = [day, '10:00', 'Europe/Paris', channelName, `"Post ${index}, with a comma and ""quotes"""`, '', 'text'];
    lines.push((bad.get(lines.length + 1) ?? row).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

for (const kind of databaseKindsUnderTest()) {
  describe(`calendar: drag and drop, recurrence, CSV import on ${kind}`, () => {
    let h: Awaited<ReturnType<typeof createPublishingHarness>>;
    let client: SignedInClient;
    let channelId: string;
    const url = (path: string) => `/api/workspaces/${h.w.id}/${path}`;
    const create = (payload: Record<string, unknown>) => client.request({ method: 'POST', url: url('posts'), payload });

    before(async () => {
      h = await createPublishingHarness(kind, { start: '2026-03-01T00:00:00Z' });
      client = await h.t.signIn(h.w.owner.email);
      channelId = (await h.addChannel()).id;
    });
    after(() => h.close());

    it('moves a post to another day at the same wall-clock time across the DST change (09:00 stays 09:00)', async () => {
      const created = await create({
        text: 'Drag me',
        channelIds: [channelId],
        schedule: { date: '2026-03-27', time: '09:00', timeZone: 'Europe/Paris' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const post = created.json<Post>();
      assert.equal(post.publications[0]!.scheduledAt, '2026-03-27T08:00:00.000Z');
      const moved = await client.request({
        method: 'POST',
        url: url(`posts/${post.id}/reschedule`),
        payload: { date: '2026-03-30' },
      });
      assert.equal(moved.statusCode, 200, moved.body);
      const publication = moved.json<Post>().publications[0]!;
      assert.equal(publication.localDate, '2026-03-30');
      assert.equal(publication.localTime, '09:00');
      assert.equal(publication.scheduledAt, '2026-03-30T07:00:00.000Z');
      assert.equal(publication.state, 'scheduled');
      const audit = await h.t.testDatabase.database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('target_id', '=', post.id)
        .execute();
      assert.deepEqual(
        audit.map((row) => row.action),
        ['post.reschedule'],
      );
    });

    it('refuses a day where the time does not exist (DST gap) and a day already past, moving nothing', async () => {
      const post = (
        await create({
          text: 'At 02:30',
          channelIds: [channelId],
          schedule: { date: '2026-03-27', time: '02:30', timeZone: 'Europe/Paris' },
        })
      ).json<Post>();
      const gap = await client.request({
        method: 'POST',
        url: url(`posts/${post.id}/reschedule`),
        payload: { date: '2026-03-29' },
      });
      assert.equal(gap.statusCode, 400);
      assert.equal(gap.json<{ error: { code: string } }>().error.code, 'nonexistent_local_time');
      const past = await client.request({
        method: 'POST',
        url: url(`posts/${post.id}/reschedule`),
        payload: { date: '2026-02-01' },
      });
      assert.equal(past.statusCode, 400);
      assert.equal((await h.publication(post.id))[0]!.localDate, '2026-03-27');
    });

    it('leaves published publications where they are', async () => {
      const post = await h.postNow([channelId], 'Out already');
      await h.engine.tick();
      assert.equal((await h.publication(post.id))[0]!.state, 'published');
      const response = await client.request({
        method: 'POST',
        url: url(`posts/${post.id}/reschedule`),
        payload: { date: '2026-04-02' },
      });
      assert.equal(response.statusCode, 409, response.body);
      assert.equal((await h.publication(post.id))[0]!.state, 'published');
    });

    it('creates a weekly recurring post, gives its next eight occurrences at 09:00 across DST, never twice', async () => {
      const response = await create({
        text: 'Every Monday',
        channelIds: [channelId],
        schedule: { date: '2026-03-23', time: '09:00', timeZone: 'Europe/Paris' },
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=10' },
      });
      assert.equal(response.statusCode, 201, response.body);
      const post = response.json<Post>();
      const series = await client.request({ method: 'GET', url: url(`posts/${post.id}/occurrences`) });
      assert.equal(series.statusCode, 200, series.body);
      const { occurrences, rrule } = series.json<Series>();
      assert.equal(rrule, 'FREQ=WEEKLY;BYDAY=MO;COUNT=10');
      assert.equal(occurrences.length, 8);
      assert.deepEqual(
        occurrences.slice(0, 2).map((occurrence) => [occurrence.date, occurrence.time, occurrence.at]),
        [
          ['2026-03-23', '09:00', '2026-03-23T08:00:00.000Z'],
          ['2026-03-30', '09:00', '2026-03-30T07:00:00.000Z'],
        ],
      );
      assert.ok(
        occurrences.every((occurrence) => occurrence.postId !== null),
        'within the 90-day horizon',
      );
      // Viewing the range again materialises nothing twice.
      const range = `calendar?from=2026-03-01T00:00:00.000Z&to=2026-05-01T00:00:00.000Z`;
      const first = (await client.request({ method: 'GET', url: url(range) })).json<{
        posts: { seriesId: string | null }[];
      }>();
      const second = (await client.request({ method: 'GET', url: url(range) })).json<{
        posts: { seriesId: string | null }[];
      }>();
      const inSeries = (view: typeof first) => view.posts.filter((entry) => entry.seriesId !== null).length;
      assert.equal(inSeries(first), 6, '23 and 30 March, 6, 13, 20 and 27 April');
      assert.equal(inSeries(second), inSeries(first));
    });

    it('tops up series to the rolling horizon as time passes, never creating an occurrence twice', async () => {
      const post = (
        await create({
          text: 'Every day',
          channelIds: [channelId],
          schedule: { date: '2026-03-02', time: '08:00', timeZone: 'America/New_York' },
          recurrence: { rrule: 'FREQ=DAILY;COUNT=200' },
        })
      ).json<Post>();
      const db = h.t.testDatabase.database.db;
      const count = async () =>
        (
          await db
            .selectFrom('posts')
            .innerJoin('post_series', 'post_series.id', 'posts.series_id')
            .select('posts.id')
            .where('post_series.template_post_id', '=', post.id)
            .execute()
        ).length;
      const atCreation = await count();
      assert.equal(atCreation, 89, '2 March to 29 May: the occurrences within 90 days of 1 March');
      h.clock.set('2026-04-30T00:00:00Z');
      const created = await h.posts.calendar.materialiseDue();
      assert.equal(created, 60, '30 May to 28 July');
      assert.equal(await h.posts.calendar.materialiseDue(), 0, 'a second run finds nothing to add');
      assert.equal(await count(), atCreation + created);
      const occurrence = await db
        .selectFrom('publications')
        .innerJoin('posts', 'posts.id', 'publications.post_id')
        .select(['publications.local_time as localTime', 'publications.scheduled_at as scheduledAt'])
        .where('posts.occurrence_index', '=', 10)
        .where('posts.series_id', 'is not', null)
        .where('posts.text', '=', 'Every day')
        .executeTakeFirstOrThrow();
      // 11 March 2026 in New York, after the 8 March spring-forward: 08:00 EDT is 12:00 UTC.
      assert.equal(occurrence.localTime, '08:00');
      assert.equal(occurrence.scheduledAt?.toISOString(), '2026-03-11T12:00:00.000Z');
      h.clock.set('2026-03-01T00:00:00Z');
    });

    it('refuses a rule without an end, naming the part, and writes no post', async () => {
      const before = (await h.t.testDatabase.database.db.selectFrom('posts').select('id').execute()).length;
      const response = await create({
        text: 'Forever',
        channelIds: [channelId],
        schedule: { date: '2026-04-06', time: '09:00', timeZone: 'Europe/Paris' },
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO' },
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.json<{ error: { message: string } }>().error.message, /\(COUNT\).*needs an end/);
      assert.equal((await h.t.testDatabase.database.db.selectFrom('posts').select('id').execute()).length, before);
    });

    it('imports 997 of 1,000 CSV rows and reports the 3 bad ones with their line and reason', async () => {
      const bad = new Map([
        [10, ['2026-04-31', '10:00', 'Europe/Paris', 'Brand on X', 'Bad date', '', 'text']],
        [500, ['2026-04-10', '10:00', 'Europe/Paris', 'Nobody', 'Unknown channel', '', 'text']],
        [1001, ['2026-03-29', '02:30', 'Europe/Paris', 'Brand on X', 'In the DST gap', '', 'text']],
      ]);
      const before = (await h.t.testDatabase.database.db.selectFrom('posts').select('id').execute()).length;
      const response = await client.request({
        method: 'POST',
        url: url('posts/import'),
        payload: { csv: csvOf(1_000, 'Brand on X', bad) },
      });
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json<{ rows: number; imported: number; rejected: { line: number; reason: string }[] }>();
      assert.equal(report.rows, 1_000);
      assert.equal(report.imported, 997);
      assert.deepEqual(
        report.rejected.map((row) => row.line),
        [10, 500, 1001],
      );
      assert.match(report.rejected[0]!.reason, /not a valid date/);
      assert.match(report.rejected[1]!.reason, /no channel "Nobody"/);
      assert.match(report.rejected[2]!.reason, /does not exist in Europe\/Paris/);
      const posts = await h.t.testDatabase.database.db.selectFrom('posts').select('id').execute();
      assert.equal(posts.length, before + 997);
    });

    it('imports nothing from a file that is not CSV and says why', async () => {
      const before = (await h.t.testDatabase.database.db.selectFrom('posts').select('id').execute()).length;
      for (const csv of ['%PDF-1.7\u0000\u0001binary', '{"text": "json, not csv"}', 'date,time\n"unterminated']) {
        const response = await client.request({ method: 'POST', url: url('posts/import'), payload: { csv } });
        assert.equal(response.statusCode, 400, csv);
        assert.match(response.json<{ error: { message: string } }>().error.message, /^Nothing was imported/);
      }
      assert.equal((await h.t.testDatabase.database.db.selectFrom('posts').select('id').execute()).length, before);
    });

    it('serves the member a secret iCalendar feed that a new URL replaces and an outsider cannot guess', async () => {
      const renewed = await client.request({ method: 'POST', url: url('calendar/feed') });
      assert.equal(renewed.statusCode, 201, renewed.body);
      const { path } = renewed.json<{ path: string }>();
      const feed = await h.t.app.inject({ method: 'GET', url: path });
      assert.equal(feed.statusCode, 200, feed.body);
      assert.match(String(feed.headers['content-type']), /^text\/calendar/);
      const body = feed.body;
      assert.ok(body.startsWith('BEGIN:VCALENDAR\r\n') && body.endsWith('END:VCALENDAR\r\n'));
      assert.match(body, /DTSTART:20260330T070000Z\r\n/, 'the dragged post, at its UTC instant');
      assert.ok(
        body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
        'lines folded at 75 octets',
      );
      const again = (await client.request({ method: 'POST', url: url('calendar/feed') })).json<{ path: string }>();
      assert.notEqual(again.path, path);
      assert.equal((await h.t.app.inject({ method: 'GET', url: path })).statusCode, 404, 'the old URL stops working');
      assert.equal((await h.t.app.inject({ method: 'GET', url: again.path })).statusCode, 200);
      const guess = `/api/calendar-feeds/cal_${'A'.repeat(43)}`;
      assert.equal((await h.t.app.inject({ method: 'GET', url: guess })).statusCode, 404);
    });
  });
}
