import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database, Executor } from '../db/database.ts';
import type { JobDefinition } from './job.ts';

export type Logger = {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payload types vary by job; each is checked by its own schema
type AnyJob<Context> = JobDefinition<any, Context>;

/**
 * The job queue (pg-boss) on the same database as the business data, so a job can be enqueued inside
 * the business transaction: rolled back, it never existed.
 */
export function createJobQueue<Context>(options: {
  database: Database;
  jobs: readonly AnyJob<Context>[];
  logger: Logger;
  supervise: boolean;
}) {
  const { database, jobs, logger } = options;
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const boss = new PgBoss({
    ...database.queueConnection,
    schema: 'pgboss',
    // Maintenance (expiry, archiving, retries of timed-out jobs) runs in worker processes.
    supervise: options.supervise,
    schedule: false,
    migrate: true,
  });
  boss.on('error', (error: Error) => logger.error({ err: { message: error.message } }, 'job queue error'));
  let started = false;

  return {
    async start(): Promise<void> {
      await boss.start();
      for (const job of jobs) {
        await boss.createQueue(job.name, {
          name: job.name,
          retryLimit: job.retryLimit,
          retryBackoff: true,
          retryDelay: 5,
        });
      }
      started = true;
    },

    /** Starts handling jobs in this process with `concurrency` fetch loops per job name. */
    async work(context: Context, concurrency: number): Promise<void> {
      for (const job of jobs) {
        for (let loop = 0; loop < concurrency; loop += 1) {
          await boss.work(job.name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([received]) => {
            if (!received) return;
            const payload: unknown = job.payload.parse(received.data);
            await job.handle(payload, context);
          });
        }
      }
    },

    /**
     * Enqueues a job through `executor`: pass the business transaction to make the job part of it.
     * The payload is validated before it is written.
     */
    async enqueue<P>(
      executor: Executor,
      job: JobDefinition<P, Context>,
      payload: P,
      options: { startAfter?: Date; singletonKey?: string } = {},
    ): Promise<string | null> {
      if (!byName.has(job.name)) throw new Error(`Job ${job.name} is not in the job index`);
      const data = job.payload.parse(payload);
      return boss.send(job.name, data as object, {
        ...options,
        db: {
          async executeSql(text: string, values?: unknown[]) {
            const result = await executor.executeQuery(CompiledQuery.raw(text, values ?? []));
            return { rows: result.rows };
          },
        },
      });
    },

    /** Whether the queue answers: for /api/ready. */
    async ping(): Promise<boolean> {
      if (!started) return false;
      try {
        await boss.getQueue(jobs[0]?.name ?? 'send-email');
        return true;
      } catch {
        return false;
      }
    },

    async stop(): Promise<void> {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },

    boss,
  };
}

export type JobQueue<Context> = ReturnType<typeof createJobQueue<Context>>;
