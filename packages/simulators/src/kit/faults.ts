/**
 * Faults a test can ask a simulator for. Each applies to the next matching request, once.
 * - delay: answer after `ms` milliseconds;
 * - error_after_body: read the body, DO the work (the post exists), then answer 500 — the classic duplicate trap;
 * - reset_after_body: do the work, then destroy the connection without an answer;
 * - reset_before_body: destroy the connection before doing anything;
 * - false_success: answer 200 with no id (and do not create anything);
 * - status: answer this status with the network's error body, doing nothing (e.g. 429, 401, 500).
 */
export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'error_after_body' }
  | { kind: 'reset_after_body' }
  | { kind: 'reset_before_body' }
  | { kind: 'false_success' }
  | { kind: 'status'; status: number; retryAfterSeconds?: number };

export type FaultRule = { fault: Fault; method?: string; pathIncludes?: string; remaining: number };

/** The queue of injected faults of one simulator. */
export function createFaults() {
  const rules: FaultRule[] = [];
  return {
    inject(fault: Fault, match: { method?: string; pathIncludes?: string; times?: number } = {}): void {
      rules.push({ fault, method: match.method, pathIncludes: match.pathIncludes, remaining: match.times ?? 1 });
    },
    /** The fault for this request, if any, consumed. */
    take(method: string, path: string): Fault | undefined {
      const index = rules.findIndex(
        (rule) => (!rule.method || rule.method === method) && (!rule.pathIncludes || path.includes(rule.pathIncludes)),
      );
      if (index < 0) return undefined;
      const rule = rules[index]!;
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules.splice(index, 1);
      return rule.fault;
    },
    clear(): void {
      rules.length = 0;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
