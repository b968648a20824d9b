import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDraftPublication,
  publicationEventTypes,
  publicationStates,
  transition,
  type Publication,
  type PublicationEvent,
  type PublicationEventType,
  type PublicationState,
} from './publication-state.ts';

const now = new Date('2026-03-29T07:00:00.000Z');
const later = new Date('2026-03-29T07:05:00.000Z');

/** A publication in the given state, as it would look after reaching it (fence 3 = claimed 3 times). */
function publicationIn(state: PublicationState, overrides: Partial<Publication> = {}): Publication {
  return {
    ...createDraftPublication(now),
    state,
    fence: 3,
    attempts: 3,
    failure: { reason: 'rejected by network', retryable: false },
    ...overrides,
  };
}

/** A well-formed event of each type, presenting the current fence of `publication`. */
function eventOf(type: PublicationEventType, publication: Publication): PublicationEvent {
  const fence = publication.fence;
  const events: Record<PublicationEventType, PublicationEvent> = {
    submit: { type: 'submit' },
    approve: { type: 'approve' },
    reject: { type: 'reject', reason: 'tone' },
    schedule: { type: 'schedule', scheduledAt: later },
    unschedule: { type: 'unschedule' },
    claim: { type: 'claim' },
    confirm_published: { type: 'confirm_published', fence, networkPostId: '1789', url: 'https://x.com/a/status/1789' },
    fail: { type: 'fail', fence, reason: 'media too large', retryable: false },
    outcome_unknown: { type: 'outcome_unknown', fence, reason: 'timeout' },
    auth_expired: { type: 'auth_expired', fence },
    reconcile_found: { type: 'reconcile_found', networkPostId: '1789' },
    reconcile_absent: { type: 'reconcile_absent' },
    retry: { type: 'retry', by: 'user' },
    miss: { type: 'miss' },
    cancel: { type: 'cancel' },
    reconnected: { type: 'reconnected' },
  };
  return events[type];
}

// The expected machine, written out independently of the implementation's table.
const expected: Record<PublicationState, Partial<Record<PublicationEventType, PublicationState>>> = {
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
  unknown_outcome: { reconcile_found: 'published', reconcile_absent: 'scheduled' },
  needs_reconnect: { reconnected: 'scheduled', cancel: 'cancelled' },
  missed: { retry: 'scheduled', cancel: 'cancelled' },
  cancelled: {},
};

test('covers all 11 states and 16 events', () => {
  assert.equal(publicationStates.length, 11);
  assert.equal(new Set(publicationEventTypes).size, 16);
});

for (const state of publicationStates) {
  for (const type of publicationEventTypes) {
    const target = expected[state][type];
    test(`${target === undefined ? 'refuses' : 'allows'} ${type} from ${state}${target === undefined ? '' : ` (to ${target})`}`, () => {
      const publication = publicationIn(state);
      const result = transition(publication, eventOf(type, publication), { now: later });
      if (target === undefined) {
        assert.equal(result.ok, false);
      } else {
        assert.ok(result.ok, JSON.stringify(result));
        assert.equal(result.publication.state, target);
        assert.deepEqual(result.publication.updatedAt, later);
      }
    });
  }
}

test('gives every claim a fencing token one higher than the last', () => {
  const first = transition(publicationIn('scheduled', { fence: 0, attempts: 0 }), { type: 'claim' }, { now });
  assert.ok(first.ok);
  assert.equal(first.publication.fence, 1);
  assert.equal(first.publication.attempts, 1);
  assert.deepEqual(first.publication.claimedAt, now);
  const second = transition({ ...first.publication, state: 'scheduled' }, { type: 'claim' }, { now });
  assert.ok(second.ok);
  assert.equal(second.publication.fence, 2);
});

test('refuses settling events from a worker holding a stale fence', () => {
  const publication = publicationIn('publishing', { fence: 7 });
  const stale: PublicationEvent[] = [
    { type: 'confirm_published', fence: 6, networkPostId: '1' },
    { type: 'fail', fence: 6, reason: 'x', retryable: true },
    { type: 'outcome_unknown', fence: 6 },
    { type: 'auth_expired', fence: 8 },
  ];
  for (const event of stale) {
    const result = transition(publication, event, { now });
    assert.ok(!result.ok && result.reason === 'stale_claim', event.type);
  }
});

test('makes published impossible without a non-empty network post id', () => {
  const publishing = publicationIn('publishing');
  for (const networkPostId of ['', '   ']) {
    const confirmed = transition(
      publishing,
      { type: 'confirm_published', fence: publishing.fence, networkPostId },
      { now },
    );
    assert.ok(!confirmed.ok && confirmed.reason === 'missing_network_post_id');
    const found = transition(publicationIn('unknown_outcome'), { type: 'reconcile_found', networkPostId }, { now });
    assert.ok(!found.ok && found.reason === 'missing_network_post_id');
  }
});

test('stores the network post id and url the moment the network confirms', () => {
  const publishing = publicationIn('publishing');
  const result = transition(
    publishing,
    { type: 'confirm_published', fence: 3, networkPostId: '42', url: 'https://x.com/s/42' },
    { now },
  );
  assert.ok(result.ok);
  assert.equal(result.publication.networkPostId, '42');
  assert.equal(result.publication.url, 'https://x.com/s/42');
  assert.deepEqual(result.publication.publishedAt, now);
});

test('never retries an unknown outcome blindly: only reconciliation leaves it', () => {
  const unknown = publicationIn('unknown_outcome');
  for (const by of ['user', 'system'] as const) {
    const result = transition(unknown, { type: 'retry', by }, { now });
    assert.ok(!result.ok && result.reason === 'reconciliation_required');
  }
  for (const type of ['claim', 'cancel', 'schedule'] as const) {
    assert.equal(transition(unknown, eventOf(type, unknown), { now }).ok, false, type);
  }
  const absent = transition(unknown, { type: 'reconcile_absent', retryAt: later }, { now });
  assert.ok(absent.ok);
  assert.equal(absent.publication.state, 'scheduled');
  assert.deepEqual(absent.publication.nextAttemptAt, later);
});

test('lets the system retry only retryable failures, and a user retry any failure', () => {
  const permanent = publicationIn('failed', { failure: { reason: 'rejected', retryable: false } });
  const system = transition(permanent, { type: 'retry', by: 'system' }, { now });
  assert.ok(!system.ok && system.reason === 'not_retryable');
  const user = transition(permanent, { type: 'retry', by: 'user', at: later }, { now });
  assert.ok(user.ok);
  assert.equal(user.publication.state, 'scheduled');
  assert.equal(user.publication.failure, null);
  assert.deepEqual(user.publication.nextAttemptAt, later);
  const transient = publicationIn('failed', { failure: { reason: '503', retryable: true } });
  assert.equal(transition(transient, { type: 'retry', by: 'system' }, { now }).ok, true);
});

test('lets only a user retry a missed publication', () => {
  const missed = publicationIn('missed');
  const system = transition(missed, { type: 'retry', by: 'system' }, { now });
  assert.ok(!system.ok && system.reason === 'not_retryable');
  assert.equal(transition(missed, { type: 'retry', by: 'user' }, { now }).ok, true);
});

test('records the failure reason and whether it is retryable', () => {
  const result = transition(
    publicationIn('publishing'),
    { type: 'fail', fence: 3, reason: 'too long', retryable: false },
    { now },
  );
  assert.ok(result.ok);
  assert.deepEqual(result.publication.failure, { reason: 'too long', retryable: false });
});

test('keeps the schedule when claimed and sets both times when scheduled', () => {
  const scheduled = transition(publicationIn('approved'), { type: 'schedule', scheduledAt: later }, { now });
  assert.ok(scheduled.ok);
  assert.deepEqual(scheduled.publication.scheduledAt, later);
  assert.deepEqual(scheduled.publication.nextAttemptAt, later);
});

test('does not change the publication it is given', () => {
  const publication = publicationIn('scheduled');
  const copy = structuredClone(publication);
  transition(publication, { type: 'claim' }, { now });
  assert.deepEqual(publication, copy);
});
