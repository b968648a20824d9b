import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { defineJob } from './job.ts';
import { createJobQueue, type JobQueue } from './queue.ts';

type Context = { handled: { marker: string; at: number }[] };

const recordJob = defineJob({
  name: 'test-record.v1',
  payload: z.object({ marker: z.string().min(1) }),
  retryLimit: 0,
  async handle(payload, context: Context) {
    context.handled.push({ marker: payload.marker, at: Date.now() });
  },
});

const notInIndexJob = defineJob({
  name: 'test-not-in-index.v1',
  payload: z.object({}),
  retryLimit: 0,
  async handle() {},
});

const silentLogger = { info() {}, warn() {}, error() {} };

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

for (const kind of databaseKindsUnderTest()) {
  describe(`job queue on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let jobs: JobQueue<Context>;
    const context: Context = { handled: [] };

    const jobCount = async (marker?: string): Promise<number> => {
      const filter = marker === undefined ? sql`true` : sql`data->>'marker' = ${marker}`;
      const result = await sql<{
        count: number;
      }>`select count(*)::int as count from pgboss.job where name = ${recordJob.name} and ${filter}`.execute(
        testDatabase.database.db,
      );
      return result.rows[0]!.count;
    };

    before(async () => {
      testDatabase = await createTestDatabase(kind);
      jobs = createJobQueue<Context>({
        database: testDatabase.database,
        jobs: [recordJob],
        logger: silentLogger,
        supervise: false,
      });
      await jobs.start();
    });
    after(async () => {
      await jobs.stop();
      await testDatabase.dispose();
    });

    it('leaves no job when the business transaction that enqueued it rolls back', async () => {
      let enqueuedId: string | null = null;
      await assert.rejects(
        testDatabase.database.db.transaction().execute(async (trx) => {
          enqueuedId = await jobs.enqueue(trx, recordJob, { marker: 'rolled-back' });
          assert.ok(enqueuedId, 'pg-boss returned an id inside the transaction');
          throw new Error('business rule failed');
        }),
        /business rule failed/,
      );
      assert.equal(await jobCount('rolled-back'), 0);
      assert.equal(await jobs.boss.getJobById(recordJob.name, enqueuedId!), null);
    });

    it('refuses an invalid payload before anything is written', async () => {
      const before = await jobCount();
      await assert.rejects(
        // @ts-expect-error -- the wrong payload type is the point of the test
        jobs.enqueue(testDatabase.database.db, recordJob, { marker: 42 }),
        (error: Error) => error.name === 'ZodError',
      );
      await assert.rejects(
        jobs.enqueue(testDatabase.database.db, recordJob, { marker: '' }),
        (error: Error) => error.name === 'ZodError',
      );
      assert.equal(await jobCount(), before);
    });

    it('refuses a job that is not in the index', async () => {
      await assert.rejects(
        jobs.enqueue(testDatabase.database.db, notInIndexJob as unknown as typeof recordJob, { marker: 'x' }),
        /not in the job index/,
      );
      const result = await sql<{
        count: number;
      }>`select count(*)::int as count from pgboss.job where name = ${notInIndexJob.name}`.execute(
        testDatabase.database.db,
      );
      assert.equal(result.rows[0]!.count, 0);
    });

    it('keeps a committed job, and a worker handles it exactly once', async () => {
      const id = await testDatabase.database.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        return jobs.enqueue(trx, recordJob, { marker: 'committed' });
      });
      assert.ok(id);
      assert.equal(await jobCount('committed'), 1);
      const stored = await jobs.boss.getJobById(recordJob.name, id);
      assert.equal(stored?.state, 'created');
      assert.deepEqual(stored?.data, { marker: 'committed' });

      await jobs.work(context, 2);
      await waitFor(() => context.handled.some((entry) => entry.marker === 'committed'), 15_000);
      // Longer than several polling intervals of both fetch loops: a second delivery would show here.
      await sleep(2_000);
      assert.deepEqual(
        context.handled.filter((entry) => entry.marker === 'committed').map((entry) => entry.marker),
        ['committed'],
      );
      assert.equal(
        context.handled.some((entry) => entry.marker === 'rolled-back'),
        false,
        'the rolled-back job never ran',
      );
      let state: string | undefined;
      for (let attempt = 0; attempt < 40 && state !== 'completed'; attempt += 1) {
        state = (await jobs.boss.getJobById(recordJob.name, id))?.state;
        if (state !== 'completed') await sleep(100);
      }
      assert.equal(state, 'completed');
    });
  });
}
