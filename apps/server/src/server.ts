import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startSimulators, type RunningSimulators } from '@sillage/simulators';
import type { Config } from './config.ts';
import { compose } from './composition.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { startDemoPublishing } from './demo/demo-publishing.ts';
import { startDemoInbox } from './demo/demo-inbox.ts';
import { startDemoEngagement } from './demo/demo-engagement.ts';
import { startPeriodic } from './jobs/periodic.ts';
import { startInboxPolling } from './inbox/inbox.module.ts';
import { startReportDispatcher } from './reports/report-dispatcher.ts';
import { startDemoListening, type DemoListeningStream } from './demo/demo-listening.ts';
import { ensureDemoWorld, type DemoCredentials } from './demo/demo-world.ts';
import { seedDemoLibrary } from './media/demo-library.ts';
import { buildApp } from './http/app.ts';
import { loadSecretKey } from './security/secret-key.ts';

export type ProcessRole = 'all' | 'api' | 'worker';

export type RunningSillage = {
  url: string | undefined;
  demo: DemoCredentials | undefined;
  simulators: RunningSimulators | undefined;
  stop(): Promise<void>;
};

const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Starts Sillage in this process: migrations, the job queue, then the API (roles all/api) and the workers
 * (roles all/worker). On the embedded database the demo world and the simulators start too, unless turned off.
 */
export async function startSillage(options: {
  config: Config;
  role: ProcessRole;
  logStream?: NodeJS.WritableStream;
}): Promise<RunningSillage> {
  const { config, role } = options;
  const logger = pino({ level: config.logLevel }, options.logStream ?? process.stdout);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const secretKey = await loadSecretKey({ fromEnv: config.secretKey, dataDir: config.dataDir });

  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const migrations = await migrate(database);
  if (migrations.applied.length) logger.info({ applied: migrations.applied }, 'database migrated');

  let listeningUrl: string | undefined;
  const publicUrl = () => config.publicUrl ?? listeningUrl ?? `http://${config.host}:${config.port}`;
  const composition = compose({
    config,
    database,
    secretKey,
    logger,
    supervise: role !== 'api',
    publicUrl,
    publishing: {
      settings: { lateWindowMinutes: config.publishLateWindowMinutes, concurrency: config.publishConcurrency },
    },
  });
  await composition.jobs.start();
  if (role !== 'api') await composition.jobs.work(composition.jobContext, config.workerConcurrency);
  // Workers publish: the loop claims due publications with a fence (see publishing/publishing-engine.ts).
  if (role !== 'api') composition.services.publishing.dispatcher.start();
  // Workers read every channel's inbox from its cursor (webhooks add what they push in between).
  const stopInboxPolling =
    role !== 'api' ? startInboxPolling({ inbox: composition.services.inbox, intervalMs: 60_000, logger }) : undefined;
  // Workers send the scheduled reports that came due (each report's period once, see reports/report-dispatcher.ts).
  const stopReportDispatcher =
    role !== 'api'
      ? startReportDispatcher({ dispatcher: composition.services.reports.dispatcher, intervalMs: 60_000, logger })
      : undefined;
  // Workers keep recurring series materialised a rolling horizon ahead (idempotent; rows locked, skip locked).
  const stopSeriesTopUp =
    role !== 'api'
      ? startPeriodic({
          name: 'recurring series top-up',
          intervalMs: 3_600_000,
          // At most 100 series per transaction: go on while a round still adds posts.
          run: async () => {
            for (let round = 0; round < 50; round += 1)
              if ((await composition.services.publishing.posts.calendar.materialiseDue()) === 0) break;
          },
          logger,
        })
      : undefined;
  // Workers read post figures from the networks (hourly for new posts, less often later; see metrics-collection.ts).
  const stopMetricsCollection =
    role !== 'api'
      ? startPeriodic({
          name: 'post metrics collection',
          intervalMs: 10 * 60_000,
          run: () => composition.services.metricsCollection.collectDue(),
          logger,
        })
      : undefined;

  let demo: DemoCredentials | undefined;
  let simulators: RunningSimulators | undefined;
  if (config.demo && role !== 'worker') {
    demo = await ensureDemoWorld({ ...composition.services, db: database.db, dataDir: config.dataDir });
    // The demo's pictures, video and lookbook are in its media library, as uploads would be.
    const demoWorkspace = await composition.services.workspaces.findDemo();
    if (demoWorkspace) await seedDemoLibrary(composition.services.media, demoWorkspace.id);
    simulators = await startSimulators({ host: '127.0.0.1' });
  }

  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  if (role !== 'worker') {
    app = await buildApp({
      routes: composition.routes,
      dependencies: composition.routeDependencies,
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      webRoot: config.webRoot ?? (existsSync(path.join(defaultWebRoot, 'index.html')) ? defaultWebRoot : undefined),
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
    const address = await app.listen({ port: config.port, host: config.host });
    listeningUrl = address.replace('[::1]', 'localhost');
  }
  if (demo && simulators) {
    // The demo's channels publish to the simulators, and its launch post goes to all eleven networks.
    await startDemoPublishing({
      db: database.db,
      secretKey,
      simulators,
      posts: composition.services.publishing.posts,
      mediaBase: publicUrl(),
      minutesAhead: config.demoLaunchMinutes,
      now: () => new Date(),
    });
  }

  let demoListening: DemoListeningStream | undefined;
  if (demo) {
    // The demo's mentions: default queries, two days of history, then a live stream with injected incidents.
    demoListening = await startDemoListening({
      db: database.db,
      listening: composition.services.listening,
      now: () => new Date(),
      onError: (error) => logger.error({ err: error }, 'demo listening stream failed'),
    });
  }

  // The demo's inbox: comments, DMs, mentions and reviews arriving on the simulators, in French and English.
  const demoInbox =
    demo && simulators
      ? await startDemoInbox({
          db: database.db,
          simulators,
          ingestion: composition.services.inbox.ingestion,
          onError: (error) => logger.error({ err: error }, 'demo inbox stream failed'),
        })
      : undefined;

  // The demo's audience: the posts on the simulators get growing figures, read back by the metrics collection.
  const demoEngagement =
    demo && simulators
      ? startDemoEngagement({
          simulators,
          onError: (error) => logger.error({ err: error }, 'demo engagement failed'),
        })
      : undefined;

  let stopping: Promise<void> | undefined;
  return {
    url: listeningUrl,
    demo,
    simulators,
    stop() {
      stopping ??= (async () => {
        await app?.close();
        demoInbox?.stop();
        demoEngagement?.stop();
        stopInboxPolling?.();
        stopReportDispatcher?.();
        await stopSeriesTopUp?.();
        await stopMetricsCollection?.();
        await demoListening?.stop();
        await composition.services.publishing.dispatcher.stop();
        await composition.jobs.stop();
        await simulators?.stop();
        await database.close();
      })();
      return stopping;
    },
  };
}
