import { defaultRetryPolicy, type RetryPolicy } from '@sillage/domain';

/** How the publishing engine behaves; every value can be overridden in the composition (tests, demo). */
export type PublishingSettings = {
  /** A publication never tried whose time passed longer ago than this (workers down) is marked missed. */
  lateWindowMinutes: number;
  /** A claim older than this (ms) is presumed dead: its outcome becomes unknown and is reconciled. */
  leaseMs: number;
  /** A call to the network is abandoned after this (ms) and its outcome treated as unknown; below the lease. */
  publishTimeoutMs: number;
  /** How often a worker sweeps dead claims and missed posts and reconciles unknown outcomes (ms). */
  tickMs: number;
  /**
   * How often an idle worker looks for due publications (ms): the most a publication waits for its first
   * claim. While a backlog lasts, freed slots are refilled at once instead.
   */
  claimPollMs: number;
  /**
   * Publications one worker process publishes at once (calls to the networks in flight, each until its
   * outcome is recorded). SILLAGE_PUBLISH_CONCURRENCY in a worker.
   */
  concurrency: number;
  /**
   * Most publications one claim statement takes, and the most that wait claimed in memory for a free slot:
   * big enough that a burst costs few claims, small enough that none waits anywhere near its lease.
   */
  claimBatch: number;
  retryPolicy: RetryPolicy;
};

export const defaultPublishingSettings: PublishingSettings = {
  lateWindowMinutes: 15,
  leaseMs: 5 * 60_000,
  publishTimeoutMs: 2 * 60_000,
  tickMs: 1_000,
  claimPollMs: 100,
  concurrency: 32,
  claimBatch: 100,
  retryPolicy: defaultRetryPolicy,
};
