import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { networkIds } from '@sillage/domain';
import { startSimulators, type RunningSimulators } from '@sillage/simulators';
import { createSecretBox } from '../security/secret-box.ts';
import { createTestApp, TEST_SECRET_KEY, type TestApp } from '../testing/test-app.ts';
import { connectDemoChannels, scheduleLaunchPost } from './demo-publishing.ts';

// The demo's launch post goes to all eleven networks, through the real connectors, to the simulators that
// speak each network's wire format; each publication ends published with the network's id and link.
describe('the demo launch post on the eleven network simulators', () => {
  let t: TestApp;
  let simulators: RunningSimulators;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);

  before(async () => {
    simulators = await startSimulators();
    t = await createTestApp('pglite', { now, publishing: { settings: { publishTimeoutMs: 20_000 } } });
  });
  after(async () => {
    await t?.close();
    await simulators?.stop();
  });

  it('publishes each network its native format and records every id and link', async () => {
    const mediaBase = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
    const workspace = await t.createWorkspace('Maison Lumière');
    const owner = await t.createUser({ email: 'owner@demo.test', workspaceId: workspace.id, role: 'owner' });
    const channels = await connectDemoChannels({
      db: t.testDatabase.database.db,
      secretBox: createSecretBox(TEST_SECRET_KEY),
      simulators,
      workspaceId: workspace.id,
      ownerId: owner.id,
      now,
    });
    assert.deepEqual([...channels.keys()].sort(), [...networkIds].sort());
    const post = await scheduleLaunchPost({
      db: t.testDatabase.database.db,
      posts: t.composition.services.publishing.posts,
      channels,
      workspaceId: workspace.id,
      timeZone: 'Europe/Paris',
      owner: { userId: owner.id, email: owner.email },
      mediaBase,
      now,
    });
    assert.ok(post, 'the launch post is created');
    assert.equal(post.publications.length, 11);
    assert.ok(post.publications.every((publication) => publication.state === 'scheduled'));

    // Once only: a second start does not schedule it again.
    const again = await scheduleLaunchPost({
      db: t.testDatabase.database.db,
      posts: t.composition.services.publishing.posts,
      channels,
      workspaceId: workspace.id,
      timeZone: 'Europe/Paris',
      owner: { userId: owner.id, email: owner.email },
      mediaBase,
      now,
    });
    assert.equal(again, undefined);

    offsetMs = post.publications[0]!.scheduledAt!.getTime() - Date.now() + 1_000;
    const engine = t.composition.services.publishing.engine;
    for (let round = 0; round < 10; round += 1) {
      const claimed = await engine.claim(20);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((publication) => engine.publishClaimed(publication)));
    }
    const actor = {
      userId: owner.id,
      email: owner.email,
      ip: '127.0.0.1',
      workspaceId: workspace.id,
      role: 'owner' as const,
    };
    const published = await t.composition.services.publishing.posts.get(actor, post.id);
    const failures = published.publications
      .filter((publication) => publication.state !== 'published')
      .map(
        (publication) =>
          `${publication.network}: ${publication.state} ${publication.failure?.reason ?? ''} ${publication.attemptLog.map((attempt) => attempt.reason).join(' | ')}`,
      );
    assert.deepEqual(failures, []);
    for (const publication of published.publications) {
      assert.ok(publication.networkPostId, `${publication.network} has the network's id`);
      assert.match(publication.url ?? '', /^https?:\/\//, `${publication.network} has a link`);
    }

    // What each simulator holds, in that network's own shape: the native format of each variant.
    type Sim = Record<string, unknown> & { id?: string };
    const on = (network: (typeof networkIds)[number]) => simulators.posts(network) as readonly Sim[];
    const idOf = (network: string) => published.publications.find((row) => row.network === network)!.networkPostId;
    for (const network of networkIds) {
      const posts = on(network);
      const threads = network === 'x' || network === 'threads';
      assert.equal(posts.length, threads ? 2 : 1, `${network}: one post (a thread of two on X and Threads)`);
    }
    assert.equal(on('facebook')[0]!.kind, 'photo');
    assert.equal(on('instagram')[0]!.mediaType, 'CAROUSEL_ALBUM');
    assert.equal((on('instagram')[0]!.media as unknown[]).length, 2);
    assert.equal(on('threads')[1]!.replyToId, on('threads')[0]!.id);
    assert.equal((on('linkedin')[0]!.media as { kind: string }[])[0]!.kind, 'document');
    assert.equal(on('x')[1]!.inReplyTo, on('x')[0]!.id);
    assert.equal(on('x')[0]!.id, idOf('x'));
    assert.equal(on('tiktok')[0]!.kind, 'video');
    assert.match(String(on('youtube')[0]!.title), /#Shorts/);
    assert.equal(on('youtube')[0]!.id, idOf('youtube'));
    assert.equal(on('pinterest')[0]!.boardId, channels.get('pinterest')!.account.defaults.boardId);
    assert.equal((on('bluesky')[0]!.embed as { $type: string }).$type, 'app.bsky.embed.external');
    assert.equal(on('bluesky')[0]!.uri, idOf('bluesky'));
    assert.equal((on('mastodon')[0]!.media as { description: string }[])[0]!.description.length > 0, true);
    assert.equal(on('google_business')[0]!.topicType, 'OFFER');
    assert.equal((on('google_business')[0]!.offer as { couponCode: string }).couponCode, 'AUTOMNE15');
  });

  it('refuses a post a network would refuse, says why for each channel, and writes nothing', async () => {
    const workspace = await t.createWorkspace('Atelier');
    const owner = await t.createUser({ email: 'owner@atelier.test', workspaceId: workspace.id, role: 'owner' });
    const channels = await connectDemoChannels({
      db: t.testDatabase.database.db,
      secretBox: createSecretBox(TEST_SECRET_KEY),
      simulators,
      workspaceId: workspace.id,
      ownerId: owner.id,
      now,
    });
    const actor = {
      userId: owner.id,
      email: owner.email,
      ip: '127.0.0.1',
      workspaceId: workspace.id,
      role: 'owner' as const,
    };
    const image = { url: 'https://cdn.example/one.jpg', mimeType: 'image/jpeg', width: 1080, height: 1080 };
    const attempt = t.composition.services.publishing.posts.create(actor, {
      text: 'x'.repeat(281),
      channelIds: [
        channels.get('x')!.channelId,
        channels.get('instagram')!.channelId,
        channels.get('mastodon')!.channelId,
      ],
      variants: [{ channelId: channels.get('instagram')!.channelId, format: 'carousel', media: [image] }],
    });
    await assert.rejects(
      attempt,
      (error: { status: number; code: string; details: { problems: { network: string; field: string }[] } }) => {
        assert.equal(error.status, 400);
        assert.equal(error.code, 'content_rejected');
        const networks = error.details.problems.map((problem) => `${problem.network}:${problem.field}`);
        assert.ok(networks.includes('x:text'), networks.join());
        assert.ok(networks.includes('instagram:variants[0]'), networks.join());
        assert.ok(!networks.some((entry) => entry.startsWith('mastodon')), 'Mastodon takes 281 characters');
        return true;
      },
    );
    const written = await t.testDatabase.database.db
      .selectFrom('posts')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .execute();
    assert.equal(written.length, 0);
  });
});
