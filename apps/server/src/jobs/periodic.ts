import type { Logger } from './queue.ts';

/**
 * Runs `run` now and then every `intervalMs`, never two at once (a tick that finds the previous one still
 * running is skipped). Failures are logged and the next tick tries again. Returns the stop function, which
 * resolves once a run in progress has finished (so the database can be closed after it).
 * @example const stop = startPeriodic({ name: 'series top-up', intervalMs: 3_600_000, run, logger });
 */
export function startPeriodic(options: {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
  logger: Pick<Logger, 'warn'>;
}): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tick = (): void => {
    if (running) return;
    running = options
      .run()
      .then(() => undefined)
      .catch((error: unknown) =>
        options.logger.warn(
          { err: { message: error instanceof Error ? error.message : String(error) } },
          `${options.name} failed`,
        ),
      )
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
