import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseKindsUnderTest } from './testing/test-database.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/sillage.mjs');
const PASSWORD = 'a long enough password';
const ITEMS_PER_ROUND = 20;
const ROUNDS = 3;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type RunningServer = { child: ChildProcess; baseUrl: string; output: () => string };

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SILLAGE_DEMO: 'false',
      SILLAGE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { child, baseUrl, output: () => output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within 60 s:\n${output}`);
    await sleep(100);
  }
}

async function kill(server: RunningServer): Promise<void> {
  const exited = new Promise<void>((resolve) =>
    server.child.exitCode !== null || server.child.signalCode !== null
      ? resolve()
      : server.child.once('exit', () => resolve()),
  );
  server.child.kill('SIGKILL');
  await exited;
}

type Client = { cookie: string; csrfToken: string; workspaceId: string };

function clientFrom(response: Response, body: { csrfToken: string; workspaces: { id: string }[] }): Client {
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('sillage_session='));
  assert.ok(session, 'a session cookie');
  return {
    cookie: `${session.split(';')[0]}; sillage_csrf=${body.csrfToken}`,
    csrfToken: body.csrfToken,
    workspaceId: body.workspaces[0]!.id,
  };
}

async function call(baseUrl: string, client: Client, method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      cookie: client.cookie,
      'x-csrf-token': client.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function signIn(baseUrl: string): Promise<Client> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return clientFrom(response, (await response.json()) as { csrfToken: string; workspaces: { id: string }[] });
}

/** Where the server keeps its data: a temp folder, plus a fresh PostgreSQL database on that kind. */
async function prepareStorage(
  kind: 'pglite' | 'postgres',
): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sillage-durability-'));
  if (kind === 'pglite') {
    return { env: { SILLAGE_DATA_DIR: dataDir }, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `sillage_durability_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { SILLAGE_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    async dispose() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

for (const kind of databaseKindsUnderTest()) {
  describe(`server durability on ${kind}`, () => {
    let storage: Awaited<ReturnType<typeof prepareStorage>>;
    let server: RunningServer | undefined;

    before(async () => {
      storage = await prepareStorage(kind);
    });
    after(async () => {
      if (server) await kill(server);
      await storage.dispose();
    });

    it(`SIGKILL of the running server and a restart lose no committed data (${ROUNDS} rounds)`, async () => {
      server = await startServer(storage.env);
      const setup = await fetch(`${server.baseUrl}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Owner',
          email: 'owner@example.com',
          password: PASSWORD,
          workspaceName: 'Durable',
          timeZone: 'Europe/Paris',
          locale: 'en',
        }),
      });
      assert.equal(setup.status, 201, await setup.clone().text());
      let client = clientFrom(setup, (await setup.json()) as { csrfToken: string; workspaces: { id: string }[] });
      const workspaceId = client.workspaceId;
      const invitedEmails: string[] = [];
      const tokenIds: string[] = [];

      for (let round = 1; round <= ROUNDS; round += 1) {
        for (let index = 1; index <= ITEMS_PER_ROUND; index += 1) {
          const invitation = await call(server.baseUrl, client, 'POST', `/api/workspaces/${workspaceId}/invitations`, {
            email: `guest-${round}-${index}@example.com`,
            role: 'editor',
          });
          assert.equal(invitation.status, 201, await invitation.clone().text());
          invitedEmails.push(`guest-${round}-${index}@example.com`);
          const token = await call(server.baseUrl, client, 'POST', `/api/workspaces/${workspaceId}/api-tokens`, {
            name: `token ${round}-${index}`,
            role: 'editor',
          });
          assert.equal(token.status, 201, await token.clone().text());
          tokenIds.push(((await token.json()) as { apiToken: { id: string } }).apiToken.id);
        }
        // No grace period: the process dies right after the last 201.
        await kill(server);

        server = await startServer(storage.env);
        client = await signIn(server.baseUrl);
        const invitations = await call(server.baseUrl, client, 'GET', `/api/workspaces/${workspaceId}/invitations`);
        assert.equal(invitations.status, 200);
        const storedEmails = ((await invitations.json()) as { email: string }[])
          .map((invitation) => invitation.email)
          .sort();
        assert.deepEqual(
          storedEmails,
          [...invitedEmails].sort(),
          `round ${round}: every invitation answered 201 is still there`,
        );
        const tokens = await call(server.baseUrl, client, 'GET', `/api/workspaces/${workspaceId}/api-tokens`);
        assert.equal(tokens.status, 200);
        const storedTokenIds = ((await tokens.json()) as { id: string }[]).map((token) => token.id).sort();
        assert.deepEqual(
          storedTokenIds,
          [...tokenIds].sort(),
          `round ${round}: every API token answered 201 is still there`,
        );
      }
    });
  });
}
