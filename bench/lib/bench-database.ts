import pg from 'pg';

/**
 * Drops and recreates the benchmark's own database, so every run starts from nothing on any machine where
 * PostgreSQL is up. Refuses a URL without a database name rather than guess.
 */
export async function resetDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(
      `BENCH_DATABASE_URL must name a database of lowercase letters, digits and underscores (got "${name}"), ` +
        'e.g. postgres://postgres@127.0.0.1:5432/sillage_bench_publishing',
    );
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${maintenance.host} (${(error as Error).message}). ` +
        'Start it, or point BENCH_DATABASE_URL at one.',
      { cause: error },
    );
  }
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}
