import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import path from 'node:path';
import { Writable } from 'node:stream';
import { compose, type Composition } from '../composition.ts';
import { createFakeNetworks } from '../channels/fake-networks.ts';
import { createFakeInboxConnector } from '../inbox/testing/fake-inbox-connector.ts';
import { buildApp } from '../http/app.ts';
import { hashPassword } from '../security/passwords.ts';
import type { PublishingOverrides } from '../publishing/publishing.module.ts';
import type { Role } from '@sillage/domain';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './test-database.ts';
import { startFixtureMediaHost } from '../media/testing/media-fixtures.ts';

const silentLogger = { info() {}, warn() {}, error() {} };

export type TestApp = {
  app: FastifyInstance;
  composition: Composition;
  testDatabase: TestDatabase;
  /** The in-memory OAuth networks and Bluesky the channels connect to, and what they were asked. */
  fakeNetworks: ReturnType<typeof createFakeNetworks>;
  /** The stand-in public image host media imports reach in tests (see media/testing/media-fixtures.ts). */
  mediaHost: Awaited<ReturnType<typeof startFixtureMediaHost>>;
  /** Creates a user (password "correct horse battery") and, when given, a membership. */
  createUser(input: {
    email: string;
    name?: string;
    instanceAdmin?: boolean;
    workspaceId?: string;
    role?: Role;
  }): Promise<{ id: string; email: string }>;
  createWorkspace(name: string): Promise<{ id: string }>;
  /** Signs in and returns a client that sends the session cookie and the CSRF token. */
  signIn(email: string, password?: string): Promise<SignedInClient>;
  close(): Promise<void>;
};

export type SignedInClient = {
  csrfToken: string;
  cookie: string;
  request(options: InjectOptions & { withCsrf?: boolean }): Promise<LightMyRequestResponse>;
};

export const TEST_PASSWORD = 'correct horse battery';
/** The key channel credentials are sealed with in tests. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);
let passwordHash: Promise<string> | undefined;

/** The whole HTTP application on a fresh database, driven with inject() (no socket). */
export async function createTestApp(
  kind: TestDatabaseKind = 'pglite',
  options: { now?: () => Date; apiRateLimitPerMinute?: number; publishing?: PublishingOverrides } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase(kind);
  const fakeNetworks = createFakeNetworks();
  const mediaHost = await startFixtureMediaHost();
  const composition = compose({
    config: {
      smtpUrl: undefined,
      mailFrom: 'test@sillage.local',
      apiRateLimitPerMinute: options.apiRateLimitPerMinute ?? 100_000,
      publicUrl: 'http://sillage.test',
      mediaDir: path.join(testDatabase.dataDir, 'media'),
    },
    database: testDatabase.database,
    secretKey: TEST_SECRET_KEY,
    channelNetworks: fakeNetworks.overrides,
    logger: silentLogger,
    supervise: false,
    publicUrl: () => 'http://sillage.test',
    ...(options.now ? { now: options.now } : {}),
    ...(options.publishing ? { publishing: options.publishing } : {}),
    inbox: { connectors: { x: createFakeInboxConnector().connector } },
    media: { remote: mediaHost.remote },
  });
  await composition.jobs.start();
  const app = await buildApp({
    routes: composition.routes,
    dependencies: composition.routeDependencies,
    logLevel: 'silent',
    trustProxy: false,
    webRoot: undefined,
    logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  const { users, workspaces } = composition.services;

  return {
    app,
    composition,
    testDatabase,
    fakeNetworks,
    mediaHost,
    async createUser(input) {
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const user = await users.insert({
        email: input.email,
        name: input.name ?? input.email.split('@')[0]!,
        passwordHash: await passwordHash,
        locale: 'en',
        isInstanceAdmin: input.instanceAdmin ?? false,
      });
      if (input.workspaceId) await workspaces.addMember(input.workspaceId, user.id, input.role ?? 'editor');
      return { id: user.id, email: user.email };
    },
    async createWorkspace(name) {
      return workspaces.insert({ name, timeZone: 'Europe/Paris', locale: 'fr' });
    },
    async signIn(email, password = TEST_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      const session = response.cookies.find((cookie) => cookie.name === 'sillage_session');
      const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
      const cookie = `sillage_session=${session!.value}; sillage_csrf=${csrfToken}`;
      return {
        csrfToken,
        cookie,
        request(options) {
          const { withCsrf = true, headers, ...rest } = options;
          return app.inject({
            ...rest,
            headers: { ...headers, cookie, ...(withCsrf ? { 'x-csrf-token': csrfToken } : {}) },
          });
        },
      };
    },
    async close() {
      await app.close();
      await composition.jobs.stop();
      await testDatabase.dispose();
    },
  };
}
