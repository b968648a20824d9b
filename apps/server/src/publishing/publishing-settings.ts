import { defaultRetryPolicy, type RetryPolicy } from '@sillage/domain';

/** How the publishing engine behaves; every value can be overridden in the composition (tests, demo). */
export type PublishingSettings = {
  /** A publication never tried whose time passed longer ago than this (workers down) is marked missed. */
  lateWindowMinutes: number;
  /** A claim older than this (ms) is presumed dead: its outcome becomes unknown and is reconciled. */
  leaseMs: number;
  /** A call to the network is abandoned after this (ms) and its outcome treated as unknown; below the lease. */
  publishTimeoutMs: number;
  /** How often a worker looks for due publications (ms). */
  tickMs: number;
  /** Publications one worker process publishes at once. */
  concurrency: number;
  retryPolicy: RetryPolicy;
};

export const defaultPublishingSettings: PublishingSettings = {
  lateWindowMinutes: 15,
  leaseMs: 5 * 60_000,
  publishTimeoutMs: 2 * 60_000,
  tickMs: 1_000,
  concurrency: 4,
  retryPolicy: defaultRetryPolicy,
};
