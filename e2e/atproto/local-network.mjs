// A full local AT Protocol network from @atproto/dev-env: a PLC directory, a PDS and the Bluesky AppView
// (with its dataplane, on PostgreSQL and Redis), all in-process on loopback. Each run gets a PostgreSQL database
// of its own (the AppView and the moderation service each take a schema in it), dropped when the network stops.
import { randomBytes } from 'node:crypto';
import devEnv from '@atproto/dev-env';
import pg from 'pg';

const { TestNetwork } = devEnv;

/** The PostgreSQL server (no database in the URL) and the Redis host the network uses. */
const postgresServer = (process.env.ATPROTO_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
process.env.REDIS_HOST ??= '127.0.0.1:6379';

async function onMaintenanceDatabase(statement) {
  const client = new pg.Client({ connectionString: `${postgresServer}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A running network: `pds.url` (where accounts live and app.bsky.* reads are proxied to the AppView),
 * `bsky.url` (the AppView itself), `processAll()` (waits until the AppView has indexed every event) and stop().
 */
export async function startLocalNetwork() {
  const database = `sillage_atproto_${randomBytes(6).toString('hex')}`;
  await onMaintenanceDatabase(`CREATE DATABASE ${database}`);
  let network;
  try {
    network = await TestNetwork.create({ dbPostgresUrl: `${postgresServer}/${database}`, dbPostgresSchema: 'sillage' });
  } catch (error) {
    await onMaintenanceDatabase(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    throw error;
  }
  return {
    network,
    database,
    async stop() {
      try {
        await network.close();
      } finally {
        await onMaintenanceDatabase(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
    },
  };
}

/** Whether the database of a stopped network is gone (the test checks its own cleanup). */
export async function databaseExists(database) {
  const client = new pg.Client({ connectionString: `${postgresServer}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    return rowCount > 0;
  } finally {
    await client.end();
  }
}
