import type { Connector, NetworkId } from '@sillage/connectors';
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { createFakeNetworks } from '../../channels/fake-networks.ts';
import { compose } from '../../composition.ts';
import { buildApp } from '../../http/app.ts';
import { actorIn, seedWorkspace } from '../../http/tests/fixtures.ts';
import { createClock } from '../../publishing/testing/publishing-harness.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { hashPassword } from '../../security/passwords.ts';
import { TEST_PASSWORD, TEST_SECRET_KEY, type TestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabaseKind } from '../../testing/test-database.ts';
import type { MetaWebhookSettings } from '../meta-webhook.ts';

const silentLogger = { info() {}, warn() {}, error() {} };

/**
 * The application on a fresh database with the given connectors pointed at simulators, Meta webhook settings,
 * a movable clock, a listening port (for webhook deliveries), a seeded workspace and a signed-in owner.
 */
export async function createInboxHarness(
  kind: TestDatabaseKind,
  options: {
    start: string;
    connectors: Partial<Record<NetworkId, Connector>>;
    networkBaseUrls: Partial<Record<NetworkId, string>>;
    metaWebhook: MetaWebhookSettings;
  },
) {
  const clock = createClock(options.start);
  const testDatabase = await createTestDatabase(kind);
  const composition = compose({
    config: {
      smtpUrl: undefined,
      mailFrom: 'test@sillage.local',
      apiRateLimitPerMinute: 100_000,
      publicUrl: undefined,
    },
    database: testDatabase.database,
    secretKey: TEST_SECRET_KEY,
    channelNetworks: createFakeNetworks().overrides,
    logger: silentLogger,
    supervise: false,
    publicUrl: () => 'http://sillage.test',
    now: clock.now,
    inbox: {
      connectors: options.connectors,
      networkBaseUrls: options.networkBaseUrls,
      metaWebhook: options.metaWebhook,
    },
  });
  await composition.jobs.start();
  const app: FastifyInstance = await buildApp({
    routes: composition.routes,
    dependencies: composition.routeDependencies,
    logLevel: 'silent',
    trustProxy: false,
    webRoot: undefined,
    logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { users, workspaces } = composition.services;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  // The fixtures' TestApp shape, enough for seedWorkspace.
  const t = {
    app,
    composition,
    testDatabase,
    async createUser(input: { email: string; workspaceId?: string; role?: 'owner' | 'editor' | 'analyst' }) {
      const user = await users.insert({
        email: input.email,
        name: input.email.split('@')[0]!,
        passwordHash,
        locale: 'en',
        isInstanceAdmin: false,
      });
      if (input.workspaceId) await workspaces.addMember(input.workspaceId, user.id, input.role ?? 'editor');
      return { id: user.id, email: user.email };
    },
    createWorkspace: (name: string) => workspaces.insert({ name, timeZone: 'Europe/Paris', locale: 'fr' }),
  } as unknown as TestApp;
  const w = await seedWorkspace(t, 'Inbox');
  const actor = actorIn(w.id, w.owner, 'owner');
  const box = createSecretBox(TEST_SECRET_KEY);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: w.owner.email, password: TEST_PASSWORD },
  });
  const csrfToken = login.json<{ csrfToken: string }>().csrfToken;
  const session = login.cookies.find((cookie) => cookie.name === 'sillage_session')!.value;
  const db = testDatabase.database.db;

  return {
    app,
    url,
    clock,
    composition,
    w,
    actor,
    db,
    inbox: composition.services.inbox,
    /** A channel of the workspace on `network` for `accountId`, with its token sealed. */
    addChannel: (
      network: NetworkId,
      accountId: string,
      accessToken: string,
      instanceUrl: string | null = null,
      refreshToken?: string,
    ) =>
      composition.services.publishing.channels.insert({
        workspaceId: w.id,
        network,
        networkAccountId: accountId,
        displayName: `Brand on ${network}`,
        instanceUrl,
        accessTokenEncrypted: box.seal(accessToken, w.id),
        refreshTokenEncrypted: refreshToken === undefined ? null : box.seal(refreshToken, w.id),
        tokenExpiresAt: null,
        createdBy: w.owner.id,
      }),
    /** A request as the signed-in owner (session cookie and CSRF token). */
    request: (input: { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: object }) =>
      app.inject({
        ...input,
        headers: { cookie: `sillage_session=${session}; sillage_csrf=${csrfToken}`, 'x-csrf-token': csrfToken },
      }),
    async close() {
      await app.close();
      await composition.jobs.stop();
      await testDatabase.dispose();
    },
  };
}

export type InboxHarness = Awaited<ReturnType<typeof createInboxHarness>>;
