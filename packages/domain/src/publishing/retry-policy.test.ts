import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRetryPolicy, isWithinLateWindow, nextRetry, type RetryPolicy } from './retry-policy.ts';

const now = new Date('2026-03-29T07:00:00.000Z');
const policy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 10_000, maxAttempts: 6 };

test('doubles the backoff ceiling after each attempt, capped at the maximum delay', () => {
  const ceilings = [1, 2, 3, 4, 5].map((attemptsMade) => {
    const decision = nextRetry({ attemptsMade, now, random: () => 0.999999, policy });
    assert.ok(decision.retry);
    return Math.round(decision.delayMs / 1000);
  });
  assert.deepEqual(ceilings, [1, 2, 4, 8, 10]);
});

test('draws the delay with full jitter between 0 and the ceiling', () => {
  const zero = nextRetry({ attemptsMade: 3, now, random: () => 0, policy });
  const half = nextRetry({ attemptsMade: 3, now, random: () => 0.5, policy });
  assert.ok(zero.retry && half.retry);
  assert.equal(zero.delayMs, 0);
  assert.equal(half.delayMs, 2_000);
  assert.deepEqual(half.at, new Date(now.getTime() + 2_000));
});

test('stops after the maximum number of attempts', () => {
  assert.deepEqual(nextRetry({ attemptsMade: 6, now, random: () => 0.5, policy }), {
    retry: false,
    reason: 'max_attempts_reached',
  });
  assert.equal(nextRetry({ attemptsMade: 5, now, random: () => 0.5, policy }).retry, true);
  assert.equal(nextRetry({ attemptsMade: defaultRetryPolicy.maxAttempts, now, random: () => 0.5 }).retry, false);
});

test('waits until Retry-After when it is later than the backoff', () => {
  const retryAt = new Date(now.getTime() + 60_000);
  const decision = nextRetry({ attemptsMade: 1, now, random: () => 0.5, retryAt, policy });
  assert.ok(decision.retry);
  assert.deepEqual(decision.at, retryAt);
  assert.equal(decision.delayMs, 60_000);
});

test('keeps the backoff when Retry-After is earlier', () => {
  const decision = nextRetry({
    attemptsMade: 4,
    now,
    random: () => 0.5,
    retryAt: new Date(now.getTime() + 100),
    policy,
  });
  assert.ok(decision.retry);
  assert.equal(decision.delayMs, 4_000);
});

test('accepts publishing up to the late window after the scheduled time and refuses after', () => {
  const scheduledAt = new Date('2026-03-29T09:00:00.000Z');
  assert.equal(isWithinLateWindow(scheduledAt, new Date('2026-03-29T08:59:00.000Z'), 15), true);
  assert.equal(isWithinLateWindow(scheduledAt, new Date('2026-03-29T09:15:00.000Z'), 15), true);
  assert.equal(isWithinLateWindow(scheduledAt, new Date('2026-03-29T09:15:00.001Z'), 15), false);
});
