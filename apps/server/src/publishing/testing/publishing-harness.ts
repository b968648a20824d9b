import type { Connector, NetworkId } from '@sillage/connectors';
import { sql } from 'kysely';
import { actorIn, seedWorkspace, type SeededWorkspace } from '../../http/tests/fixtures.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { createTestApp, TEST_SECRET_KEY, type TestApp } from '../../testing/test-app.ts';
import type { TestDatabaseKind } from '../../testing/test-database.ts';
import type { PublishingSettings } from '../publishing-settings.ts';
import { createFakeNetwork } from './fake-connector.ts';

/** A movable clock: tests decide what "now" is. */
export function createClock(start: string) {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (iso: string | Date) => void (current = new Date(iso).getTime()),
    advance: (ms: number) => void (current += ms),
  };
}

/** A test app whose only network is a fake one on `x`, a seeded workspace and one connected channel. */
export async function createPublishingHarness(
  kind: TestDatabaseKind,
  options: {
    start?: string;
    settings?: Partial<PublishingSettings>;
    connector?: Connector;
    networkBaseUrls?: Partial<Record<NetworkId, string>>;
  } = {},
) {
  const clock = createClock(options.start ?? '2026-06-01T08:00:00Z');
  const fake = createFakeNetwork('x');
  const t: TestApp = await createTestApp(kind, {
    now: clock.now,
    publishing: {
      connectors: { x: options.connector ?? fake.connector },
      settings: { retryPolicy: { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000, maxAttempts: 5 }, ...options.settings },
      random: () => 0.5,
      workerId: 'test-worker',
      ...(options.networkBaseUrls ? { networkBaseUrls: options.networkBaseUrls } : {}),
    },
  });
  const w: SeededWorkspace = await seedWorkspace(t, 'Publishing');
  const actor = actorIn(w.id, w.owner, 'owner');
  const box = createSecretBox(TEST_SECRET_KEY);
  const publishing = t.composition.services.publishing;

  async function addChannel(tokens: { access?: string; refresh?: string } = {}) {
    return publishing.channels.insert({
      workspaceId: w.id,
      network: 'x',
      networkAccountId: `account-${Math.random().toString(36).slice(2)}`,
      displayName: 'Brand on X',
      instanceUrl: null,
      accessTokenEncrypted: box.seal(tokens.access ?? 'access-1', w.id),
      refreshTokenEncrypted: box.seal(tokens.refresh ?? 'refresh-1', w.id),
      tokenExpiresAt: null,
      createdBy: w.owner.id,
    });
  }

  const db = t.testDatabase.database.db;
  return {
    t,
    w,
    actor,
    clock,
    fake: fake.network,
    publishing,
    engine: publishing.engine,
    posts: publishing.posts,
    addChannel,
    seal: (secret: string) => box.seal(secret, w.id),
    /** A post on the channels, scheduled to publish now. */
    async postNow(channelIds: string[], text = 'Hello from Sillage') {
      const post = await publishing.posts.create(actor, { text, channelIds });
      return publishing.posts.publishNow(actor, post.id);
    },
    publication: async (postId: string) => (await publishing.posts.get(actor, postId)).publications,
    async channel(id: string) {
      return db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
    async emailJobs(): Promise<number> {
      const result = await sql<{
        count: string;
      }>`select count(*)::text as count from pgboss.job where name = 'send-email.v1'`.execute(db);
      return Number(result.rows[0]?.count ?? 0);
    },
    close: () => t.close(),
  };
}
