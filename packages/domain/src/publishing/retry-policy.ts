/**
 * When to try publishing again: exponential backoff with full jitter, a cap on attempts, and the
 * network's Retry-After honoured when it asks for a later time. Pure: `random` and `now` are inputs.
 */

/** Delays in milliseconds; `maxAttempts` counts every attempt, the first one included. */
export type RetryPolicy = { baseDelayMs: number; maxDelayMs: number; maxAttempts: number };

/** 30 s doubling up to 30 min, 5 attempts in all. */
export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000, maxAttempts: 5 };

export type RetryDecision =
  { retry: true; at: Date; delayMs: number } | { retry: false; reason: 'max_attempts_reached' };

/**
 * Decides the next attempt after `attemptsMade` attempts (≥ 1); delay in ms = random × min(max, base × 2^(n−1)).
 * @example nextRetry({ attemptsMade: 1, now, random: () => 0.5 }) // { retry: true, at: now + 15 s, delayMs: 15000 }
 */
export function nextRetry(input: {
  attemptsMade: number;
  now: Date;
  /** A random number in [0, 1), e.g. Math.random (passed in to keep this pure). */
  random: () => number;
  /** The earliest time the network accepts another call (Retry-After, rate-limit reset). */
  retryAt?: Date;
  policy?: RetryPolicy;
}): RetryDecision {
  const policy = input.policy ?? defaultRetryPolicy;
  if (input.attemptsMade >= policy.maxAttempts) return { retry: false, reason: 'max_attempts_reached' };
  const exponent = Math.max(0, input.attemptsMade - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const draw = Math.min(Math.max(input.random(), 0), 1);
  let delayMs = Math.floor(draw * ceiling);
  const retryAfterMs = input.retryAt === undefined ? 0 : input.retryAt.getTime() - input.now.getTime();
  if (retryAfterMs > delayMs) delayMs = retryAfterMs;
  return { retry: true, at: new Date(input.now.getTime() + delayMs), delayMs };
}

/**
 * True when publishing at `now` is at most `windowMinutes` after `scheduledAt` (early counts as within).
 * @example isWithinLateWindow(new Date('2026-01-01T09:00Z'), new Date('2026-01-01T09:10Z'), 15) // true
 */
export function isWithinLateWindow(scheduledAt: Date, now: Date, windowMinutes: number): boolean {
  return now.getTime() - scheduledAt.getTime() <= windowMinutes * 60_000;
}
