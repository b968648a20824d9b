import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutcomeUnknown, RateLimited, Rejected, Transient } from '@sillage/connectors';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { createPublishingHarness } from './testing/publishing-harness.ts';

for (const kind of databaseKindsUnderTest()) {
  describe(`publishing engine on ${kind}`, () => {
    it('publishes a scheduled post at its time, once, storing the network id with the published state', async () => {
      const h = await createPublishingHarness(kind, { start: '2026-06-01T08:00:00Z' });
      try {
        const channel = await h.addChannel();
        const post = await h.posts.create(h.actor, {
          text: 'Scheduled',
          channelIds: [channel.id],
          schedule: { date: '2026-06-01', time: '10:30', timeZone: 'Europe/Paris' },
        });
        assert.equal(post.publications[0]!.state, 'scheduled');
        assert.equal(post.publications[0]!.scheduledAt?.toISOString(), '2026-06-01T08:30:00.000Z');
        h.clock.set('2026-06-01T08:29:59Z');
        await h.engine.tick();
        assert.equal(h.fake.publishCalls.length, 0, 'nothing before the scheduled instant');
        h.clock.set('2026-06-01T08:30:00Z');
        await h.engine.tick();
        await h.engine.tick();
        const [publication] = await h.publication(post.id);
        assert.equal(h.fake.publishCalls.length, 1);
        assert.equal(publication!.state, 'published');
        assert.equal(publication!.networkPostId, h.fake.posts.get(publication!.id)!.id);
        assert.deepEqual(
          publication!.attemptLog.map((attempt) => [attempt.kind, attempt.outcome]),
          [['publish', 'published']],
        );
        const again = await h.posts.publishNow(h.actor, post.id);
        await h.engine.tick();
        assert.equal(again.publications[0]!.state, 'published', 'publish now leaves a published target alone');
        assert.equal(h.fake.publishCalls.length, 1);
      } finally {
        await h.close();
      }
    });

    it('makes exactly one network post for 20 concurrent "publish now" on one post racing 20 workers', async () => {
      const h = await createPublishingHarness(kind);
      try {
        const channel = await h.addChannel();
        const post = await h.posts.create(h.actor, { text: 'Race', channelIds: [channel.id] });
        await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            index % 2 === 0 ? h.posts.publishNow(h.actor, post.id) : h.engine.tick(),
          ).concat(Array.from({ length: 20 }, () => h.engine.tick())),
        );
        await h.engine.tick();
        assert.equal(h.fake.publishCalls.length, 1);
        assert.equal(h.fake.posts.size, 1);
        assert.equal((await h.publication(post.id))[0]!.state, 'published');
      } finally {
        await h.close();
      }
    });

    it('never retries blindly after a 500 once the body was sent: reconciles to published with the id', async () => {
      const h = await createPublishingHarness(kind);
      try {
        h.fake.behaviour = ({ request, network }) => {
          network.accept(request);
          throw new OutcomeUnknown('500 after the body was read');
        };
        const channel = await h.addChannel();
        const post = await h.postNow([channel.id]);
        for (let tick = 0; tick < 5; tick += 1) {
          await h.engine.tick();
          h.clock.advance(60_000);
        }
        const [publication] = await h.publication(post.id);
        assert.equal(h.fake.publishCalls.length, 1, 'no second publish');
        assert.equal(h.fake.findCalls.length, 1, 'asked the network once');
        assert.equal(publication!.state, 'published');
        assert.equal(publication!.networkPostId, h.fake.posts.get(publication!.id)!.id);
        assert.deepEqual(
          publication!.attemptLog.map((attempt) => attempt.outcome),
          ['outcome_unknown', 'found'],
        );
      } finally {
        await h.close();
      }
    });

    it('publishes again only after reconciliation found no post', async () => {
      const h = await createPublishingHarness(kind);
      try {
        h.fake.behaviour = ({ call, request, network }) => {
          if (call === 1) throw new OutcomeUnknown('connection reset before the network stored it');
          return network.accept(request);
        };
        const channel = await h.addChannel();
        const post = await h.postNow([channel.id]);
        await h.engine.tick();
        assert.equal((await h.publication(post.id))[0]!.state, 'scheduled', 'absent: rescheduled with backoff');
        h.clock.advance(60 * 60_000);
        await h.engine.tick();
        const [publication] = await h.publication(post.id);
        assert.equal(publication!.state, 'published');
        assert.equal(h.fake.findCalls.length, 1);
        assert.equal(h.fake.publishCalls.length, 2);
        assert.equal(h.fake.posts.size, 1);
      } finally {
        await h.close();
      }
    });

    it('makes no call to a rate-limited account before Retry-After, and waits the limit out without failing', async () => {
      const h = await createPublishingHarness(kind, { start: '2026-06-01T08:00:00Z' });
      try {
        const retryAt = new Date('2026-06-01T08:10:00Z');
        h.fake.behaviour = ({ call, request, network }) => {
          if (call === 1) throw new RateLimited('429 Too Many Requests', retryAt, 'account');
          return network.accept(request);
        };
        const channel = await h.addChannel();
        const first = await h.postNow([channel.id], 'first');
        await h.engine.tick();
        const second = await h.postNow([channel.id], 'second');
        for (const minute of [1, 5, 9]) {
          h.clock.set(new Date(Date.parse('2026-06-01T08:00:00Z') + minute * 60_000));
          await h.engine.tick();
        }
        assert.equal(h.fake.publishCalls.length, 1, 'no call while the account is blocked');
        assert.equal((await h.publication(first.id))[0]!.state, 'scheduled');
        assert.equal((await h.channel(channel.id)).blocked_until?.toISOString(), retryAt.toISOString());
        h.clock.set(retryAt);
        await h.engine.tick();
        assert.equal(h.fake.publishCalls.length, 3);
        assert.ok(h.fake.publishCalls.slice(1).every((call) => call.at.getTime() >= retryAt.getTime()));
        assert.equal((await h.publication(first.id))[0]!.state, 'published');
        assert.equal((await h.publication(second.id))[0]!.state, 'published');
      } finally {
        await h.close();
      }
    });

    it('refreshes an expired token once for 10 concurrent publications on the account', async () => {
      const h = await createPublishingHarness(kind, { settings: { concurrency: 10 } });
      try {
        const channel = await h.addChannel({ access: 'access-expired', refresh: 'refresh-1' });
        const posts = [];
        for (let index = 0; index < 10; index += 1) posts.push(await h.postNow([channel.id], `post ${index}`));
        await h.engine.tick(10);
        assert.equal(h.fake.refreshCalls.length, 1);
        for (const post of posts) assert.equal((await h.publication(post.id))[0]!.state, 'published');
        assert.equal(h.fake.posts.size, 10);
      } finally {
        await h.close();
      }
    });

    it('marks an account whose refresh is revoked, tells its owners in the app and by e-mail, then calls it no more', async () => {
      const h = await createPublishingHarness(kind);
      try {
        h.fake.revokedRefreshTokens.add('refresh-revoked');
        const channel = await h.addChannel({ access: 'access-expired', refresh: 'refresh-revoked' });
        const post = await h.postNow([channel.id]);
        const later = await h.posts.create(h.actor, {
          text: 'later',
          channelIds: [channel.id],
          schedule: { date: '2026-06-02', time: '09:00', timeZone: 'Europe/Paris' },
        });
        const emailsBefore = await h.emailJobs();
        await h.engine.tick();
        assert.equal((await h.channel(channel.id)).status, 'needs_reconnect');
        assert.equal((await h.publication(post.id))[0]!.state, 'needs_reconnect');
        assert.equal((await h.publication(later.id))[0]!.state, 'needs_reconnect');
        const notifications = await h.t.composition.services.publishing.notifications.list(h.actor);
        assert.equal(notifications.filter((row) => row.kind === 'channel.needs_reconnect').length, 1);
        assert.equal((await h.emailJobs()) - emailsBefore, 1, 'one e-mail to the only owner');
        const calls = h.fake.publishCalls.length + h.fake.refreshCalls.length + h.fake.findCalls.length;
        await h.posts.publishNow(h.actor, later.id);
        for (let tick = 0; tick < 3; tick += 1) {
          h.clock.advance(24 * 60 * 60_000);
          await h.engine.tick();
        }
        assert.equal(h.fake.publishCalls.length + h.fake.refreshCalls.length + h.fake.findCalls.length, calls);
        // Reconnected (the channels module stores new tokens and revives it): what waited is published.
        await h.publishing.channels.setStatus(channel.id, 'active', h.clock.now());
        await h.publishing.channels.updateCredentials(
          channel.id,
          { accessTokenEncrypted: h.seal('access-1'), refreshTokenEncrypted: null, tokenExpiresAt: null },
          h.clock.now(),
        );
        assert.equal(await h.publishing.resumeAfterReconnect(channel.id), 2);
        await h.engine.tick();
        assert.equal((await h.publication(post.id))[0]!.state, 'published');
        assert.equal((await h.publication(later.id))[0]!.state, 'published');
      } finally {
        await h.close();
      }
    });

    it('renews a token about to expire before publishing, once', async () => {
      const h = await createPublishingHarness(kind, { start: '2026-06-01T08:00:00Z' });
      try {
        const channel = await h.addChannel({ access: 'access-1', refresh: 'refresh-1' });
        await h.publishing.channels.updateCredentials(
          channel.id,
          {
            accessTokenEncrypted: h.seal('access-1'),
            refreshTokenEncrypted: h.seal('refresh-1'),
            tokenExpiresAt: new Date('2026-06-01T08:00:30Z'),
          },
          h.clock.now(),
        );
        const first = await h.postNow([channel.id], 'one');
        const second = await h.postNow([channel.id], 'two');
        await h.engine.tick();
        assert.deepEqual(h.fake.refreshCalls, ['refresh-1']);
        assert.ok(h.fake.publishCalls.every((call) => call.accessToken === 'access-2'));
        assert.equal((await h.publication(first.id))[0]!.state, 'published');
        assert.equal((await h.publication(second.id))[0]!.state, 'published');
      } finally {
        await h.close();
      }
    });

    it('never marks a false success (no post id) as published', async () => {
      const h = await createPublishingHarness(kind, {
        settings: { retryPolicy: { baseDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 3 } },
      });
      try {
        h.fake.behaviour = () => ({ networkPostId: '', url: null });
        const channel = await h.addChannel();
        const post = await h.postNow([channel.id]);
        for (let tick = 0; tick < 10; tick += 1) {
          await h.engine.tick();
          const [publication] = await h.publication(post.id);
          assert.notEqual(publication!.state, 'published');
          h.clock.advance(60_000);
        }
        const [publication] = await h.publication(post.id);
        assert.equal(publication!.state, 'failed');
        assert.equal(publication!.networkPostId, null);
        assert.equal(h.fake.publishCalls.length, 3, 'gives up after the policy attempts');
        assert.ok(h.fake.findCalls.length >= 3, 'each unknown outcome was reconciled before the next try');
      } finally {
        await h.close();
      }
    });

    it('fails a rejected target for good and retries only the failed targets of a post', async () => {
      const h = await createPublishingHarness(kind);
      try {
        const good = await h.addChannel();
        const bad = await h.addChannel();
        h.fake.behaviour = ({ request, network, context }) => {
          if (context.credentials.accountId === badAccount) throw new Rejected('Text too long for this account');
          return network.accept(request);
        };
        const badAccount = bad.networkAccountId;
        const post = await h.postNow([good.id, bad.id]);
        await h.engine.tick();
        const states = Object.fromEntries((await h.publication(post.id)).map((row) => [row.channelId, row]));
        assert.equal(states[good.id]!.state, 'published');
        assert.deepEqual(states[bad.id]!.failure, { reason: 'Text too long for this account', retryable: false });
        h.fake.behaviour = ({ request, network }) => network.accept(request);
        await h.posts.retryFailed(h.actor, post.id);
        await h.engine.tick();
        assert.ok((await h.publication(post.id)).every((row) => row.state === 'published'));
        assert.equal(h.fake.publishCalls.length, 3, 'the published target was not published again');
      } finally {
        await h.close();
      }
    });

    it('backs off with jitter after a transient failure', async () => {
      const h = await createPublishingHarness(kind, { start: '2026-06-01T08:00:00Z' });
      try {
        h.fake.behaviour = ({ call, request, network }) => {
          if (call === 1) throw new Transient('503 on connect');
          return network.accept(request);
        };
        const channel = await h.addChannel();
        const post = await h.postNow([channel.id]);
        await h.engine.tick();
        const [publication] = await h.publication(post.id);
        assert.equal(publication!.state, 'scheduled');
        // random 0.5 × 30 s base for the first attempt
        assert.equal(publication!.nextAttemptAt?.toISOString(), '2026-06-01T08:00:15.000Z');
        h.clock.set('2026-06-01T08:00:15Z');
        await h.engine.tick();
        assert.equal((await h.publication(post.id))[0]!.state, 'published');
      } finally {
        await h.close();
      }
    });

    it('marks a publication missed when no worker ran within the late window, and tells the owners', async () => {
      const h = await createPublishingHarness(kind, {
        start: '2026-06-01T08:00:00Z',
        settings: { lateWindowMinutes: 15 },
      });
      try {
        const channel = await h.addChannel();
        const onTime = await h.posts.create(h.actor, {
          text: 'late but within',
          channelIds: [channel.id],
          schedule: { date: '2026-06-01', time: '10:10', timeZone: 'Europe/Paris' },
        });
        const missed = await h.posts.create(h.actor, {
          text: 'too late',
          channelIds: [channel.id],
          schedule: { date: '2026-06-01', time: '10:01', timeZone: 'Europe/Paris' },
        });
        h.clock.set('2026-06-01T08:20:00Z');
        await h.engine.tick();
        assert.equal((await h.publication(onTime.id))[0]!.state, 'published', '10 minutes late is within 15');
        assert.equal((await h.publication(missed.id))[0]!.state, 'missed');
        const notifications = await h.publishing.notifications.list(h.actor);
        assert.equal(notifications.filter((row) => row.kind === 'publication.missed').length, 1);
        await h.posts.retryFailed(h.actor, missed.id);
        await h.engine.tick();
        assert.equal((await h.publication(missed.id))[0]!.state, 'published', 'a user retry accepts lateness');
      } finally {
        await h.close();
      }
    });

    it('records the attempts with the claim and settles concurrent successes together, a swept one as found', async () => {
      const h = await createPublishingHarness(kind);
      try {
        const channels = [await h.addChannel(), await h.addChannel()];
        const posts = [];
        for (let index = 0; index < 12; index += 1)
          posts.push(await h.postNow([channels[index % 2]!.id], `batch ${index}`));
        const claimed = await h.engine.claim(20);
        assert.equal(claimed.length, 12);
        assert.ok(
          claimed.every((row) => row.attemptId !== undefined && row.channel?.id === row.channelId),
          'the claim records each publish attempt and reads each channel',
        );
        const open = await h.publishing.publications.findById(claimed[0]!.id);
        assert.equal(open?.state, 'publishing');
        // A sweep expired one lease while the network was answering: it is settled as found, not lost.
        const swept = claimed[5]!;
        await h.t.testDatabase.database.db
          .updateTable('publications')
          .set({ state: 'unknown_outcome' })
          .where('id', '=', swept.id)
          .execute();
        await Promise.all(claimed.map((row) => h.engine.publishClaimed(row)));
        assert.equal(h.fake.publishCalls.length, 12);
        for (const post of posts) {
          const [publication] = await h.publication(post.id);
          assert.equal(publication!.state, 'published', `${post.id} published`);
          assert.equal(publication!.networkPostId, h.fake.posts.get(publication!.id)!.id);
          assert.deepEqual(
            publication!.attemptLog.map((attempt) => [attempt.kind, attempt.outcome]),
            [['publish', 'published']],
          );
        }
        for (const channel of channels) assert.ok((await h.channel(channel.id)).last_success_at, 'last success');
        // Nothing left to claim, and a late settle of any of them is refused by the fence.
        assert.equal((await h.engine.claim(20)).length, 0);
        const late = await h.publishing.publications.settlePublished([
          {
            id: claimed[0]!.id,
            expected: { state: 'publishing', fence: claimed[0]!.fence },
            next: { ...claimed[0]!, state: 'failed' },
            attemptId: claimed[0]!.attemptId!,
            channelId: claimed[0]!.channelId,
            at: h.clock.now(),
          },
        ]);
        assert.equal(late.size, 0);
      } finally {
        await h.close();
      }
    });

    it('recovers a claim whose worker died: reconciles and leaves exactly one post', async () => {
      const h = await createPublishingHarness(kind, { settings: { leaseMs: 60_000 } });
      try {
        const channel = await h.addChannel();
        const accepted = await h.postNow([channel.id], 'accepted then crashed');
        const lost = await h.postNow([channel.id], 'crashed before sending');
        const claimed = await h.engine.claim(10);
        assert.equal(claimed.length, 2);
        // The network accepted one of them; the worker died before recording anything.
        const acceptedRow = claimed.find((row) => row.postId === accepted.id)!;
        h.fake.accept({ idempotencyKey: acceptedRow.id, text: acceptedRow.text, format: 'text', media: [] });
        h.clock.advance(30_000);
        await h.engine.tick();
        assert.equal(h.fake.publishCalls.length, 0, 'within the lease nobody touches it');
        h.clock.advance(31_000);
        await h.engine.tick();
        h.clock.advance(60 * 60_000);
        await h.engine.tick();
        assert.equal((await h.publication(accepted.id))[0]!.state, 'published');
        assert.equal((await h.publication(lost.id))[0]!.state, 'published');
        assert.equal(h.fake.posts.size, 2);
        assert.equal(h.fake.publishCalls.length, 1, 'only the post that never reached the network was sent');
        // The dead worker's late settle cannot overwrite anything: its fence is stale.
        const saved = await h.publishing.publications.save(
          acceptedRow.id,
          { state: 'publishing', fence: acceptedRow.fence },
          { ...acceptedRow, state: 'failed', failure: { reason: 'late', retryable: false } },
        );
        assert.equal(saved, false);
      } finally {
        await h.close();
      }
    });
  });
}
