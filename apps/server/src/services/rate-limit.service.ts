import type { RateLimitsRepository } from '../repositories/rate-limits.repository.ts';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Failed logins allowed per address (and per e-mail) within the sliding window. */
export const LOGIN_FAILURES_ALLOWED = 10;
const LOGIN_WINDOW_SECONDS = 60;

export function createRateLimitService(deps: {
  rateLimits: RateLimitsRepository;
  now: () => Date;
  apiLimitPerMinute: number;
}) {
  const { rateLimits, now } = deps;

  async function slidingCheck(bucket: string, key: string): Promise<RateLimitDecision> {
    const current = now();
    const since = new Date(current.getTime() - LOGIN_WINDOW_SECONDS * 1000);
    const { count, oldest } = await rateLimits.countEventsSince(bucket, key, since);
    if (count < LOGIN_FAILURES_ALLOWED) return { allowed: true };
    const freesAt = (oldest ?? current).getTime() + LOGIN_WINDOW_SECONDS * 1000;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - current.getTime()) / 1000)) };
  }

  return {
    /** Whether another login attempt is allowed from this address for this e-mail. */
    async checkLogin(ip: string, email: string): Promise<RateLimitDecision> {
      const byAddress = await slidingCheck('login_failure_ip', ip);
      if (!byAddress.allowed) return byAddress;
      return slidingCheck('login_failure_email', email.toLowerCase());
    },
    async recordLoginFailure(ip: string, email: string): Promise<void> {
      const at = now();
      await rateLimits.recordEvent('login_failure_ip', ip, at);
      await rateLimits.recordEvent('login_failure_email', email.toLowerCase(), at);
    },
    /** Counts one API request for a caller in the current minute. */
    async hitApi(callerKey: string): Promise<RateLimitDecision> {
      const current = now();
      const windowStart = new Date(Math.floor(current.getTime() / 60_000) * 60_000);
      const hits = await rateLimits.hitWindow('api', callerKey, windowStart);
      if (hits <= deps.apiLimitPerMinute) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - current.getTime()) / 1000)),
      };
    },
    async prune(): Promise<void> {
      await rateLimits.deleteOlderThan(new Date(now().getTime() - 10 * 60_000));
    },
  };
}

export type RateLimitService = ReturnType<typeof createRateLimitService>;
