import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient, type PublishResult } from '@sillage/connectors';
import { transition, type Publication, type PublicationEvent } from '@sillage/domain';

/** Tokens expiring within this (ms) are renewed before a publish. */
export const REFRESH_AHEAD_MS = 60_000;

/** What one call to the network came to, in the engine's terms. */
export type CallOutcome =
  | { kind: 'published'; result: PublishResult }
  | { kind: 'unknown'; reason: string }
  | { kind: 'rate_limited'; error: RateLimited }
  | { kind: 'rejected'; reason: string }
  | { kind: 'transient'; reason: string }
  | { kind: 'auth_expired'; refreshable: boolean; reason: string };

export function classify(error: unknown, timedOut: boolean): CallOutcome {
  // After our own timeout the request may have reached the network, whatever the connector made of the abort.
  if (timedOut) return { kind: 'unknown', reason: 'The network did not answer in time.' };
  if (error instanceof RateLimited) return { kind: 'rate_limited', error };
  if (error instanceof Rejected) return { kind: 'rejected', reason: error.reason };
  if (error instanceof Transient) return { kind: 'transient', reason: error.message };
  if (error instanceof AuthExpired)
    return { kind: 'auth_expired', refreshable: error.refreshable, reason: error.message };
  if (error instanceof OutcomeUnknown) return { kind: 'unknown', reason: error.message };
  // Anything unexpected may have happened after the request was sent: never retry it blindly.
  return { kind: 'unknown', reason: `Unexpected error: ${error instanceof Error ? error.message : String(error)}` };
}

/** Applies domain events in order; throws when the machine refuses one (a defect, not a user error). */
export function apply(publication: Publication, events: readonly PublicationEvent[], now: Date): Publication {
  let current = publication;
  for (const event of events) {
    const result = transition(current, event, { now });
    if (!result.ok) throw new Error(`publication transition refused: ${result.message}`);
    current = result.publication;
  }
  return current;
}
