import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SignedInClient } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { createPublishingHarness } from './testing/publishing-harness.ts';

type PostBody = {
  id: string;
  publications: {
    id: string;
    state: string;
    scheduledAt: string | null;
    localTime: string | null;
    networkPostId: string | null;
    attempts: unknown[];
  }[];
};

// Both sides of each 2026 DST transition: Paris (29 March, 25 October), New York (8 March, 1 November).
const cases = [
  { timeZone: 'Europe/Paris', date: '2026-03-28', time: '09:00', utc: '2026-03-28T08:00:00.000Z' },
  { timeZone: 'Europe/Paris', date: '2026-03-29', time: '09:00', utc: '2026-03-29T07:00:00.000Z' },
  { timeZone: 'Europe/Paris', date: '2026-10-24', time: '09:00', utc: '2026-10-24T07:00:00.000Z' },
  { timeZone: 'Europe/Paris', date: '2026-10-25', time: '09:00', utc: '2026-10-25T08:00:00.000Z' },
  { timeZone: 'America/New_York', date: '2026-03-07', time: '09:00', utc: '2026-03-07T14:00:00.000Z' },
  { timeZone: 'America/New_York', date: '2026-03-08', time: '09:00', utc: '2026-03-08T13:00:00.000Z' },
  { timeZone: 'America/New_York', date: '2026-10-31', time: '09:00', utc: '2026-10-31T13:00:00.000Z' },
  { timeZone: 'America/New_York', date: '2026-11-01', time: '09:00', utc: '2026-11-01T14:00:00.000Z' },
];

for (const kind of databaseKindsUnderTest()) {
  describe(`posts routes on ${kind}`, () => {
    let h: Awaited<ReturnType<typeof createPublishingHarness>>;
    let client: SignedInClient;
    let channelId: string;
    const originalTz = process.env.TZ;

    before(async () => {
      h = await createPublishingHarness(kind, { start: '2026-01-01T00:00:00Z' });
      client = await h.t.signIn(h.w.owner.email);
      channelId = (await h.addChannel()).id;
    });
    after(async () => {
      process.env.TZ = originalTz;
      await h.close();
    });

    const createPost = (schedule: { date: string; time: string; timeZone: string }) =>
      client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts`,
        payload: {
          text: `At ${schedule.date} ${schedule.time} ${schedule.timeZone}`,
          channelIds: [channelId],
          schedule,
        },
      });

    for (const processTz of ['UTC', 'Asia/Kolkata', undefined]) {
      it(`publishes at the intended wall-clock time on both sides of the DST changes (process TZ ${processTz ?? 'unset'})`, async () => {
        if (processTz === undefined) delete process.env.TZ;
        else process.env.TZ = processTz;
        h.clock.set('2026-01-01T00:00:00Z');
        client = await h.t.signIn(h.w.owner.email);
        for (const entry of cases) {
          h.clock.set('2026-01-01T00:00:00Z');
          const response = await createPost(entry);
          assert.equal(response.statusCode, 201, response.body);
          const post = response.json<PostBody>();
          assert.equal(post.publications[0]!.scheduledAt, entry.utc, `${entry.timeZone} ${entry.date} ${entry.time}`);
          assert.equal(post.publications[0]!.localTime, entry.time);
          h.clock.set(new Date(Date.parse(entry.utc) - 1_000));
          await h.engine.tick();
          // Sessions age with the test clock, so later reads go through the service.
          assert.equal((await h.publication(post.id))[0]!.state, 'scheduled', 'not a second early');
          h.clock.set(entry.utc);
          await h.engine.tick();
          assert.equal((await h.publication(post.id))[0]!.state, 'published');
          assert.equal(h.fake.publishCalls.at(-1)!.at.toISOString(), entry.utc);
        }
      });
    }

    for (const gap of [
      { timeZone: 'Europe/Paris', date: '2026-03-29', time: '02:30', next: '03:00' },
      { timeZone: 'America/New_York', date: '2026-03-08', time: '02:30', next: '03:00' },
    ]) {
      it(`refuses ${gap.date} ${gap.time} in ${gap.timeZone} (skipped by DST) with an explanation and the next valid time`, async () => {
        h.clock.set('2026-01-01T00:00:00Z');
        const response = await createPost(gap);
        assert.equal(response.statusCode, 400);
        const body = response.json<{
          error: { code: string; message: string; details: { suggestion: { time: string } } };
        }>();
        assert.equal(body.error.code, 'nonexistent_local_time');
        assert.match(body.error.message, /does not exist/);
        assert.equal(body.error.details.suggestion.time, gap.next);
      });
    }

    it('lists the calendar by date range with each publication, its network id and its attempts', async () => {
      const from = '2026-03-28T00:00:00.000Z';
      const to = '2026-03-30T00:00:00.000Z';
      h.clock.set('2026-01-01T00:00:00Z');
      client = await h.t.signIn(h.w.owner.email);
      const response = await client.request({ url: `/api/workspaces/${h.w.id}/posts?from=${from}&to=${to}` });
      assert.equal(response.statusCode, 200, response.body);
      const posts = response.json<PostBody[]>();
      assert.ok(posts.length >= 2);
      for (const post of posts) {
        const [publication] = post.publications;
        assert.ok(publication!.scheduledAt! >= from && publication!.scheduledAt! < to);
        assert.ok(publication!.networkPostId);
        assert.ok(publication!.attempts.length >= 1);
      }
    });

    it('publishes now, then cancel leaves the published target as it is', async () => {
      h.clock.set('2026-12-01T10:00:00Z');
      client = await h.t.signIn(h.w.owner.email);
      const created = await client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts`,
        payload: { text: 'now', channelIds: [channelId] },
      });
      const post = created.json<PostBody>();
      assert.equal(post.publications[0]!.state, 'draft');
      const now = await client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts/${post.id}/publish-now`,
      });
      assert.equal(now.json<PostBody>().publications[0]!.state, 'scheduled');
      await h.engine.tick();
      const cancelled = await client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts/${post.id}/cancel`,
      });
      assert.equal(cancelled.json<PostBody>().publications[0]!.state, 'published');
    });
  });
}
