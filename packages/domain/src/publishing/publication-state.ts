/**
 * The publication state machine: one publication per post and channel, published exactly once
 * or failing loudly. Pure: the caller passes `now` and persists the returned publication.
 */

export const publicationStates = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unknown_outcome',
  'needs_reconnect',
  'missed',
  'cancelled',
] as const;

export type PublicationState = (typeof publicationStates)[number];

/** Events sent by the worker that holds a claim; they must carry the claim's fencing token. */
type Fenced = { fence: number };

export type PublicationEvent =
  | { type: 'submit' }
  | { type: 'approve' }
  | { type: 'reject'; reason?: string }
  | { type: 'schedule'; scheduledAt: Date }
  | { type: 'unschedule' }
  | { type: 'claim' }
  | ({ type: 'confirm_published'; networkPostId: string; url?: string } & Fenced)
  | ({ type: 'fail'; reason: string; retryable: boolean } & Fenced)
  | ({ type: 'outcome_unknown'; reason?: string } & Fenced)
  | ({ type: 'auth_expired' } & Fenced)
  | { type: 'reconcile_found'; networkPostId: string; url?: string }
  | { type: 'reconcile_absent'; retryAt?: Date }
  | { type: 'retry'; by: 'user' | 'system'; at?: Date }
  | { type: 'miss' }
  | { type: 'cancel' }
  | { type: 'reconnected' };

export type PublicationEventType = PublicationEvent['type'];

export const publicationEventTypes: readonly PublicationEventType[] = [
  'submit',
  'approve',
  'reject',
  'schedule',
  'unschedule',
  'claim',
  'confirm_published',
  'fail',
  'outcome_unknown',
  'auth_expired',
  'reconcile_found',
  'reconcile_absent',
  'retry',
  'miss',
  'cancel',
  'reconnected',
];

/** A publication's lifecycle data; instants are UTC `Date`s. */
export type Publication = {
  state: PublicationState;
  /** The last fencing token issued by a claim (0 = never claimed); only ever increases. */
  fence: number;
  /** Number of claims so far (publishing attempts). */
  attempts: number;
  /** When the user wants the post out. */
  scheduledAt: Date | null;
  /** When a worker may next claim it (the schedule, or a retry time). */
  nextAttemptAt: Date | null;
  /** The network's id for the post; never null once published. */
  networkPostId: string | null;
  url: string | null;
  failure: { reason: string; retryable: boolean } | null;
  rejectionReason: string | null;
  claimedAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
};

export type TransitionRefusal =
  'not_allowed' | 'stale_claim' | 'missing_network_post_id' | 'not_retryable' | 'reconciliation_required';

export type TransitionResult =
  { ok: true; publication: Publication } | { ok: false; reason: TransitionRefusal; message: string };

/** Which event moves which state where; anything absent is refused. */
export const publicationTransitions: Readonly<
  Record<PublicationState, Partial<Record<PublicationEventType, PublicationState>>>
> = {
  draft: { submit: 'in_review', cancel: 'cancelled' },
  in_review: { approve: 'approved', reject: 'draft', cancel: 'cancelled' },
  approved: { schedule: 'scheduled', reject: 'draft', cancel: 'cancelled' },
  scheduled: {
    schedule: 'scheduled',
    unschedule: 'approved',
    claim: 'publishing',
    miss: 'missed',
    cancel: 'cancelled',
  },
  publishing: {
    confirm_published: 'published',
    fail: 'failed',
    outcome_unknown: 'unknown_outcome',
    auth_expired: 'needs_reconnect',
  },
  published: {},
  failed: { retry: 'scheduled', cancel: 'cancelled' },
  // Only reconciliation leaves unknown_outcome: the post may exist, so no blind retry or cancel.
  unknown_outcome: { reconcile_found: 'published', reconcile_absent: 'scheduled' },
  needs_reconnect: { reconnected: 'scheduled', cancel: 'cancelled' },
  missed: { retry: 'scheduled', cancel: 'cancelled' },
  cancelled: {},
};

const fencedEvents = new Set<PublicationEventType>(['confirm_published', 'fail', 'outcome_unknown', 'auth_expired']);

function refuse(reason: TransitionRefusal, message: string): TransitionResult {
  return { ok: false, reason, message };
}

/** Rules beyond the table; returns a refusal or undefined when the event may proceed. */
function guard(publication: Publication, event: PublicationEvent): TransitionResult | undefined {
  if ('fence' in event && fencedEvents.has(event.type) && event.fence !== publication.fence) {
    return refuse('stale_claim', `Claim ${event.fence} is stale: the current claim is ${publication.fence}.`);
  }
  if (publication.state === 'unknown_outcome' && event.type === 'retry') {
    return refuse(
      'reconciliation_required',
      'The outcome is unknown: ask the network whether the post exists before any retry.',
    );
  }
  if (event.type === 'confirm_published' || event.type === 'reconcile_found') {
    if (event.networkPostId.trim() === '') {
      return refuse('missing_network_post_id', 'A publication cannot be published without the network post id.');
    }
  }
  if (
    event.type === 'retry' &&
    publication.state === 'failed' &&
    event.by === 'system' &&
    publication.failure?.retryable !== true
  ) {
    return refuse('not_retryable', 'This failure is not retryable automatically; a user may retry it.');
  }
  if (event.type === 'retry' && publication.state === 'missed' && event.by === 'system') {
    return refuse('not_retryable', 'A missed publication is only retried by a user, who accepts it will be late.');
  }
  return undefined;
}

function apply(publication: Publication, event: PublicationEvent, next: PublicationState, now: Date): Publication {
  const moved: Publication = { ...publication, state: next, updatedAt: now };
  switch (event.type) {
    case 'reject':
      return { ...moved, rejectionReason: event.reason ?? null };
    case 'submit':
      return { ...moved, rejectionReason: null };
    case 'schedule':
      return { ...moved, scheduledAt: event.scheduledAt, nextAttemptAt: event.scheduledAt };
    case 'unschedule':
      return { ...moved, nextAttemptAt: null };
    case 'claim':
      return { ...moved, fence: publication.fence + 1, attempts: publication.attempts + 1, claimedAt: now };
    case 'confirm_published':
    case 'reconcile_found':
      return {
        ...moved,
        networkPostId: event.networkPostId,
        url: event.url ?? null,
        publishedAt: now,
        failure: null,
        nextAttemptAt: null,
      };
    case 'fail':
      return { ...moved, failure: { reason: event.reason, retryable: event.retryable }, nextAttemptAt: null };
    case 'outcome_unknown':
      return { ...moved, failure: { reason: event.reason ?? 'outcome unknown', retryable: true }, nextAttemptAt: null };
    case 'auth_expired':
      return { ...moved, failure: { reason: 'authorization expired', retryable: true }, nextAttemptAt: null };
    case 'reconcile_absent':
      return { ...moved, nextAttemptAt: event.retryAt ?? now };
    case 'retry':
      return { ...moved, failure: null, nextAttemptAt: event.at ?? now };
    case 'reconnected':
      return { ...moved, failure: null, nextAttemptAt: now };
    case 'miss':
    case 'cancel':
    case 'approve':
      return { ...moved, nextAttemptAt: null };
  }
}

/**
 * Applies one event to a publication (pure; `now` is the UTC instant recorded as `updatedAt`).
 * @example transition(publication, { type: 'claim' }, { now }) // { ok: true, publication: { state: 'publishing', fence: 1, ... } }
 */
export function transition(
  publication: Publication,
  event: PublicationEvent,
  context: { now: Date },
): TransitionResult {
  const refusal = guard(publication, event);
  if (refusal !== undefined) return refusal;
  const next = publicationTransitions[publication.state][event.type];
  if (next === undefined) {
    return refuse(
      'not_allowed',
      `Cannot ${event.type.replaceAll('_', ' ')} a publication that is ${publication.state.replaceAll('_', ' ')}.`,
    );
  }
  return { ok: true, publication: apply(publication, event, next, context.now) };
}

/**
 * A new draft publication with no claim, no schedule and no network post.
 * @example createDraftPublication(new Date()).state // 'draft'
 */
export function createDraftPublication(now: Date): Publication {
  return {
    state: 'draft',
    fence: 0,
    attempts: 0,
    scheduledAt: null,
    nextAttemptAt: null,
    networkPostId: null,
    url: null,
    failure: null,
    rejectionReason: null,
    claimedAt: null,
    publishedAt: null,
    updatedAt: now,
  };
}
