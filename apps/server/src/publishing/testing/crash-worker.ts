// A worker process for the crash test: the real engine and dispatcher against PostgreSQL, publishing to the
// fake network at FAKE_NETWORK_URL. Prints "ready" once it polls; the test SIGKILLs it mid-publication.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/database.ts';
import { createWorkspacesRepository } from '../../repositories/workspaces.repository.ts';
import { createPublishing } from '../publishing.module.ts';
import { createHttpFakeConnector } from './http-fake-connector.ts';

const silent = { info() {}, warn() {}, error() {} };
const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: await mkdtemp(path.join(tmpdir(), 'sillage-crash-worker-')),
});
const publishing = createPublishing({
  database,
  secretKey: Buffer.from(process.env.SECRET_KEY_HEX ?? '', 'hex'),
  workspaces: createWorkspacesRepository(database.db),
  enqueueEmail: async () => undefined,
  logger: silent,
  now: () => new Date(),
  overrides: {
    connectors: { x: createHttpFakeConnector() },
    networkBaseUrls: { x: process.env.FAKE_NETWORK_URL ?? '' },
    settings: { leaseMs: 60_000, tickMs: 20, concurrency: 1, publishTimeoutMs: 10_000 },
    workerId: `crash-worker:${process.pid}`,
  },
});
publishing.dispatcher.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void publishing.dispatcher
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
