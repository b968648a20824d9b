import type { Connector, NetworkId, PublishResult } from '@sillage/connectors';
import { nextRetry, type Publication, type PublicationEvent } from '@sillage/domain';
import { sql, type Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../jobs/queue.ts';
import type { ChannelsRepository, ChannelWithSecrets } from '../repositories/channels.repository.ts';
import type { ChannelAccess } from './channel-access.ts';
import type { AttemptOutcome, PublicationAttemptsRepository } from './publication-attempts.repository.ts';
import type { ClaimedPublication, PublicationsRepository } from './publications.repository.ts';
import type { PublishingNotifier } from './publishing-notifier.ts';
import type { PublishingSettings } from './publishing-settings.ts';
import { createBatchQueue } from './batch-queue.ts';
import { contentOf } from './publication-content.ts';
import { callWithTimeout } from './call-with-timeout.ts';
import { apply, classify, REFRESH_AHEAD_MS, type CallOutcome } from './publishing-outcomes.ts';

/** Most confirmed publications one settle statement writes. */
const SETTLE_BATCH = 100;
/**
 * How long a confirmed publication waits for others to settle with it while other calls wait for the network
 * (none waiting: at once). A settle statement costs about 1.3 ms of CPU whatever its size (docs/performance.md).
 */
const SETTLE_WAIT_MS = 30;

/**
 * The engine: claims due publications with a fence, publishes through the connector, settles each outcome
 * under that fence, reconciles unknown outcomes before any retry, and sweeps dead claims and missed posts.
 */
export function createPublishingEngine(deps: {
  db: Kysely<DB>;
  publications: PublicationsRepository;
  attempts: PublicationAttemptsRepository;
  channels: ChannelsRepository;
  channelAccess: ChannelAccess;
  notifier: PublishingNotifier;
  connectors: Partial<Record<NetworkId, Connector>>;
  settings: PublishingSettings;
  workerId: string;
  now: () => Date;
  random: () => number;
  logger: Logger;
}) {
  const { db, publications, attempts, channels, channelAccess, settings, now } = deps;

  /** Persists `next` if the row still holds `claimed`'s state and fence; false when someone got there first. */
  const save = (claimed: Publication & { id: string }, next: Publication, executor: Executor = db) =>
    publications.save(claimed.id, { state: claimed.state, fence: claimed.fence }, next, executor);

  async function finish(attemptId: string, outcome: AttemptOutcome, reason?: string | null, id?: string | null) {
    await attempts.finish(attemptId, { outcome, reason: reason ?? null, networkPostId: id ?? null, now: now() });
  }

  async function callPublish(
    claimed: ClaimedPublication,
    connector: Connector,
    options: { accessToken?: string; attemptId?: string; channel?: ChannelWithSecrets | undefined } = {},
  ): Promise<{ outcome: CallOutcome; attemptId: string; accessToken: string }> {
    // The first call uses the channel as the claim read it (when no refresh ran since); others read it again.
    const channel = options.channel ?? (await channels.findWithSecrets(claimed.channelId));
    if (!channel) throw new Error(`channel ${claimed.channelId} vanished`);
    const credentials = channelAccess.credentialsOf(channel);
    const token = options.accessToken ?? credentials.accessToken;
    // Recorded before the call (by the claim itself, or here), so a crash during the call leaves a trace.
    const attemptId =
      options.attemptId ??
      (await attempts.start({
        workspaceId: claimed.workspaceId,
        publicationId: claimed.id,
        fence: claimed.fence,
        kind: 'publish',
        now: now(),
      }));
    calling += 1;
    const { value, error, timedOut } = await callWithTimeout(
      settings.publishTimeoutMs,
      (fetchImpl) =>
        connector.publish(channelAccess.contextFor(channel, { ...credentials, accessToken: token }, fetchImpl), {
          idempotencyKey: claimed.id,
          ...contentOf(claimed),
        }),
      channelAccess.fetch,
    ).finally(() => (calling -= 1));
    if (value !== undefined) {
      // A success without the network's id is a false success: the post may or may not exist.
      if (value.networkPostId.trim() === '')
        return {
          outcome: { kind: 'unknown', reason: 'The network answered success without a post id.' },
          attemptId,
          accessToken: token,
        };
      return { outcome: { kind: 'published', result: value }, attemptId, accessToken: token };
    }
    return { outcome: classify(error, timedOut), attemptId, accessToken: token };
  }

  /** Closes the attempt a claim recorded for a publication that will not be sent after all. */
  async function closeUnsent(claimed: ClaimedPublication, outcome: AttemptOutcome, reason: string): Promise<void> {
    if (claimed.attemptId !== undefined) await finish(claimed.attemptId, outcome, `Not sent: ${reason}`);
  }

  // Successes are settled together: while one settle statement runs, the next ones queue and go in the
  // following statement; while other calls wait for the network, a success also waits up to SETTLE_WAIT_MS
  // for them (no waiting when none is in flight). A publication's settle completes before its
  // publishClaimed() resolves.
  type PendingSuccess = {
    claimed: ClaimedPublication;
    result: PublishResult;
    attemptId: string;
    done: () => void;
  };
  /** Publish calls waiting for the network: the successes a settle may soon be joined by. */
  let calling = 0;
  const successes = createBatchQueue<PendingSuccess>({
    maxBatch: SETTLE_BATCH,
    waitMs: SETTLE_WAIT_MS,
    moreComing: () => calling > 0,
    run: (batch) => settleSuccesses(batch),
  });

  function settleSuccessSoon(claimed: ClaimedPublication, result: PublishResult, attemptId: string): Promise<void> {
    return new Promise((resolve) => successes.push({ claimed, result, attemptId, done: resolve }));
  }

  /** Never rejects: each publication's settle ends (settled, or logged for the sweep) and its promise resolves. */
  async function settleSuccesses(batch: PendingSuccess[]): Promise<void> {
    const at = now();
    let written: Set<string> | undefined;
    try {
      written = await publications.settlePublished(
        batch.map(({ claimed, result, attemptId }) => ({
          id: claimed.id,
          expected: { state: claimed.state, fence: claimed.fence },
          next: confirmed(claimed, result, at),
          attemptId,
          channelId: claimed.channelId,
          at,
        })),
      );
    } catch (error) {
      // The statement is atomic: nothing of it was written. Settle each one on its own instead.
      deps.logger.warn({ err: { message: String(error) } }, 'publishing: batched settle failed; settling one by one');
    }
    await Promise.all(
      batch.map(async (item) => {
        try {
          if (!written?.has(item.claimed.id))
            await settlePublishedOne(item.claimed, item.result, item.attemptId, at, written === undefined);
        } catch (error) {
          deps.logger.error(
            { err: { message: String(error) }, publicationId: item.claimed.id },
            'publishing: settle failed',
          );
        } finally {
          item.done();
        }
      }),
    );
  }

  function confirmed(claimed: ClaimedPublication, result: PublishResult, at: Date): Publication {
    const { networkPostId, url } = result;
    return apply(
      claimed,
      [{ type: 'confirm_published', networkPostId, ...(url ? { url } : {}), fence: claimed.fence }],
      at,
    );
  }

  /**
   * Settles one confirmed publication: under the claim's fence (unless `tryFence` is false: the batch already
   * found the fence gone), else, when the sweep expired our lease while the network answered, as found.
   */
  async function settlePublishedOne(
    claimed: ClaimedPublication,
    result: PublishResult,
    attemptId: string,
    at: Date,
    tryFence = true,
  ): Promise<void> {
    const { networkPostId, url } = result;
    const saved =
      (tryFence && (await save(claimed, confirmed(claimed, result, at)))) ||
      (await db.transaction().execute(async (trx) => {
        // Our lease was swept while the network answered: the post exists and we know its id.
        const current = await publications.findById(claimed.id, trx);
        if (current?.state !== 'unknown_outcome' || current.fence !== claimed.fence) return false;
        const found = apply(current, [{ type: 'reconcile_found', networkPostId, ...(url ? { url } : {}) }], at);
        return save(current, found, trx);
      }));
    await channels.recordSuccess(claimed.channelId, at);
    await finish(attemptId, saved ? 'published' : 'stale', saved ? null : 'A newer claim owns it.', networkPostId);
  }

  async function markUnknown(claimed: ClaimedPublication, reason: string): Promise<boolean> {
    const next = {
      ...apply(claimed, [{ type: 'outcome_unknown', reason, fence: claimed.fence }], now()),
      nextAttemptAt: now(),
    };
    return save(claimed, next);
  }

  /** Publishes one claimed publication and settles the outcome under its fence. */
  async function publishClaimed(claimed: ClaimedPublication): Promise<void> {
    const network = claimed.network as NetworkId;
    const connector = deps.connectors[network];
    if (claimed.attempts > settings.retryPolicy.maxAttempts) {
      const reason = `Gave up after ${settings.retryPolicy.maxAttempts} attempts; each one's reason is listed.`;
      await closeUnsent(claimed, 'gave_up', reason);
      await save(claimed, apply(claimed, [{ type: 'fail', reason, retryable: true, fence: claimed.fence }], now()));
      return;
    }
    if (!connector) {
      const reason = `Sillage cannot publish to ${network} yet.`;
      await closeUnsent(claimed, 'rejected', reason);
      await save(claimed, apply(claimed, [{ type: 'fail', reason, retryable: false, fence: claimed.fence }], now()));
      return;
    }

    // Renew a token about to expire before using it (same lock and single refresh as after an expiry). The
    // claim already read the expiry: a token with none, or far from it, needs no second look at the channel.
    const knownExpiry = claimed.channelTokenExpiresAt;
    const refreshMayBeDue =
      knownExpiry === undefined || (knownExpiry !== null && knownExpiry.getTime() - now().getTime() < REFRESH_AHEAD_MS);
    const channel = refreshMayBeDue ? await channels.findWithSecrets(claimed.channelId) : undefined;
    const expiresAt = channel?.tokenExpiresAt?.getTime();
    let renewedBefore = false;
    if (channel?.refreshTokenEncrypted && expiresAt !== undefined && expiresAt - now().getTime() < REFRESH_AHEAD_MS) {
      renewedBefore = true;
      const renewed = await channelAccess.refreshAfterExpiry(
        channel.id,
        channelAccess.credentialsOf(channel).accessToken,
      );
      if (!renewed.ok && renewed.kind === 'needs_reconnect') {
        await closeUnsent(claimed, 'needs_reconnect', renewed.reason);
        await save(claimed, apply(claimed, [{ type: 'auth_expired', fence: claimed.fence }], now()));
        return;
      }
    }

    let call = await callPublish(claimed, connector, {
      ...(claimed.attemptId === undefined ? {} : { attemptId: claimed.attemptId }),
      channel: renewedBefore ? undefined : (channel ?? claimed.channel),
    });
    if (call.outcome.kind === 'auth_expired' && call.outcome.refreshable) {
      await finish(call.attemptId, 'auth_expired', call.outcome.reason);
      const refreshed = await channelAccess.refreshAfterExpiry(claimed.channelId, call.accessToken);
      if (refreshed.ok)
        call = await callPublish(claimed, connector, { accessToken: refreshed.credentials.accessToken });
      else if (refreshed.kind === 'transient') {
        await retryLater(claimed, refreshed.reason);
        return;
      } else {
        await save(claimed, apply(claimed, [{ type: 'auth_expired', fence: claimed.fence }], now()));
        return;
      }
    }
    await settle(claimed, call.outcome, call.attemptId);
  }

  async function retryLater(claimed: ClaimedPublication, reason: string, retryAt?: Date): Promise<void> {
    const at = now();
    const decision = nextRetry({
      attemptsMade: claimed.attempts,
      now: at,
      random: deps.random,
      policy: settings.retryPolicy,
      ...(retryAt ? { retryAt } : {}),
    });
    const failed: PublicationEvent = { type: 'fail', reason, retryable: true, fence: claimed.fence };
    const events: PublicationEvent[] = decision.retry
      ? [failed, { type: 'retry', by: 'system', at: decision.at }]
      : [failed];
    await save(claimed, apply(claimed, events, at));
  }

  async function settle(claimed: ClaimedPublication, outcome: CallOutcome, attemptId: string): Promise<void> {
    const at = now();
    switch (outcome.kind) {
      case 'published':
        await settleSuccessSoon(claimed, outcome.result, attemptId);
        return;
      case 'unknown': {
        await finish(attemptId, 'outcome_unknown', outcome.reason);
        if (await markUnknown(claimed, outcome.reason)) {
          const current = await publications.findById(claimed.id);
          if (current) await reconcile({ ...current, text: claimed.text, network: claimed.network });
        }
        return;
      }
      case 'rate_limited': {
        const { retryAt, scope } = outcome.error;
        await finish(attemptId, 'rate_limited', `${outcome.error.message} (until ${retryAt.toISOString()})`);
        const waiting = apply(
          claimed,
          [
            { type: 'fail', reason: outcome.error.message, retryable: true, fence: claimed.fence },
            { type: 'retry', by: 'system', at: retryAt },
          ],
          at,
        );
        await db.transaction().execute(async (trx) => {
          if (scope === 'app') await channels.blockNetwork(claimed.network, retryAt, trx);
          else await channels.blockUntil(claimed.channelId, retryAt, trx);
          await channels.recordError(claimed.channelId, outcome.error.message, at, trx);
          // Waiting out a limit is not a failed attempt.
          await save(claimed, { ...waiting, attempts: Math.max(0, claimed.attempts - 1) }, trx);
        });
        return;
      }
      case 'rejected': {
        await finish(attemptId, 'rejected', outcome.reason);
        const failed = apply(
          claimed,
          [{ type: 'fail', reason: outcome.reason, retryable: false, fence: claimed.fence }],
          at,
        );
        await save(claimed, failed);
        await channels.recordError(claimed.channelId, outcome.reason, at);
        return;
      }
      case 'transient': {
        await finish(attemptId, 'transient', outcome.reason);
        await channels.recordError(claimed.channelId, outcome.reason, at);
        await retryLater(claimed, outcome.reason);
        return;
      }
      case 'auth_expired': {
        await finish(attemptId, 'needs_reconnect', outcome.reason);
        await channelAccess.revoked(claimed.channelId, `The network revoked the authorization (${outcome.reason}).`);
        await save(claimed, apply(claimed, [{ type: 'auth_expired', fence: claimed.fence }], at));
        return;
      }
    }
  }

  /** Asks the network whether our post exists; only then may an unknown outcome be retried. */
  async function reconcile(publication: ClaimedPublication): Promise<void> {
    const network = publication.network as NetworkId;
    const connector = deps.connectors[network];
    const channel = await channels.findWithSecrets(publication.channelId);
    if (!connector || !channel || channel.status !== 'active') return;
    const attemptId = await attempts.start({
      workspaceId: publication.workspaceId,
      publicationId: publication.id,
      fence: publication.fence,
      kind: 'reconcile',
      now: now(),
    });
    const credentials = channelAccess.credentialsOf(channel);
    const { value, error, timedOut } = await callWithTimeout(
      settings.publishTimeoutMs,
      (fetchImpl) =>
        connector.findPublished(channelAccess.contextFor(channel, credentials, fetchImpl), {
          idempotencyKey: publication.id,
          text: contentOf(publication).text,
          notBefore: publication.createdAt,
        }),
      channelAccess.fetch,
    );
    const at = now();
    if (value !== undefined) {
      if (value !== null && value.networkPostId.trim() !== '') {
        const { networkPostId, url } = value;
        const found = apply(publication, [{ type: 'reconcile_found', networkPostId, ...(url ? { url } : {}) }], at);
        const saved = await save(publication, found);
        await finish(attemptId, saved ? 'found' : 'stale', null, networkPostId);
        return;
      }
      const decision = nextRetry({
        attemptsMade: publication.attempts,
        now: at,
        random: deps.random,
        policy: settings.retryPolicy,
      });
      const absent = apply(publication, [{ type: 'reconcile_absent', retryAt: decision.retry ? decision.at : at }], at);
      const saved = await save(publication, absent);
      await finish(attemptId, saved ? 'absent' : 'stale', 'The network has no such post: safe to publish again.');
      return;
    }
    const outcome = classify(error, timedOut);
    if (outcome.kind === 'auth_expired') {
      await finish(attemptId, 'auth_expired', outcome.reason);
      if (outcome.refreshable) await channelAccess.refreshAfterExpiry(channel.id, credentials.accessToken);
      else await channelAccess.revoked(channel.id, `The network revoked the authorization (${outcome.reason}).`);
      await save(publication, { ...publication, nextAttemptAt: at });
      return;
    }
    if (outcome.kind === 'rate_limited') {
      await channels.blockUntil(channel.id, outcome.error.retryAt, db);
      await save(publication, { ...publication, nextAttemptAt: outcome.error.retryAt });
      await finish(attemptId, 'rate_limited', outcome.error.message);
      return;
    }
    // Still unknown: ask again later, never publish meanwhile.
    const later = nextRetry({ attemptsMade: 1, now: at, random: deps.random, policy: settings.retryPolicy });
    await save(publication, { ...publication, nextAttemptAt: later.retry ? later.at : at });
    await finish(attemptId, 'outcome_unknown', 'reason' in outcome ? outcome.reason : 'unknown');
  }

  async function guarded(work: () => Promise<void>, what: string, id: string): Promise<void> {
    try {
      await work();
    } catch (error) {
      deps.logger.error({ err: { message: String(error) }, publicationId: id }, `publishing: ${what} failed`);
    }
  }

  return {
    /** Dead claims become unknown outcomes; long-missed publications are marked and their owners told. */
    async sweep(): Promise<{ expired: number; missed: number }> {
      const at = now();
      const expired = await publications.expireLeases({
        now: at,
        claimedBefore: new Date(at.getTime() - settings.leaseMs),
      });
      const missed = await db.transaction().execute(async (trx) => {
        const rows = await publications.markMissed(
          { now: at, notAfter: new Date(at.getTime() - settings.lateWindowMinutes * 60_000) },
          trx,
        );
        for (const row of rows)
          await deps.notifier.notifyAdmins(trx, {
            workspaceId: row.workspaceId,
            kind: 'publication.missed',
            subjectType: 'post',
            subjectId: row.postId,
            subject: 'A scheduled post was not published',
            message:
              `A post scheduled for ${row.scheduledAt?.toISOString() ?? 'a past time'} was not published within ` +
              `${settings.lateWindowMinutes} minutes (no worker was running). Retry it if it is still relevant.`,
          });
        return rows.length;
      });
      return { expired: expired.length, missed };
    },

    /** Reconciles up to `limit` unknown outcomes that are due. */
    async reconcileDue(limit: number): Promise<number> {
      const at = now();
      const due = await publications.claimReconciliations({
        now: at,
        leaseUntil: new Date(at.getTime() + settings.leaseMs),
        limit,
      });
      await Promise.all(due.map((row) => guarded(() => reconcile(row), 'reconcile', row.id)));
      return due.length;
    },

    /** Claims up to `limit` due publications (optionally only one); returns them without publishing. */
    claim(limit: number, onlyId?: string): Promise<ClaimedPublication[]> {
      const at = now();
      // No bitmap or sequential scans (this transaction only): the claim walks the due index in order and
      // reaches rows by key whatever the statistics say (docs/performance.md, "Publishing: burst").
      return db.transaction().execute(async (trx) => {
        await sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)`.execute(
          trx,
        );
        return publications.claimDue(
          {
            now: at,
            limit,
            workerId: deps.workerId,
            ...(onlyId === undefined ? {} : { onlyId }),
            // The claim records the publish attempt of every row that needs nothing before its call.
            startAttempts: {
              networks: Object.keys(deps.connectors).filter((network) => deps.connectors[network as NetworkId]),
              maxAttempts: settings.retryPolicy.maxAttempts,
              tokenValidUntil: new Date(at.getTime() + REFRESH_AHEAD_MS),
            },
          },
          trx,
        );
      });
    },

    /**
     * A claim the dispatcher will not send (it waited too long): closes the attempt its claim recorded. The
     * publication stays `publishing` until the sweep expires its lease and reconciliation looks for it.
     */
    release: (claimed: ClaimedPublication) =>
      guarded(() => closeUnsent(claimed, 'stale', 'the claim waited past its lease margin.'), 'release', claimed.id),

    /** Publishes one claimed publication; an error that escapes leaves it in publishing for the lease sweeper. */
    publishClaimed: (claimed: ClaimedPublication) => guarded(() => publishClaimed(claimed), 'publish', claimed.id),

    /** One pass as a worker makes it: sweep, reconcile, then claim and publish what is due (tests call it). */
    async tick(limit = settings.concurrency): Promise<number> {
      await this.sweep();
      await this.reconcileDue(limit);
      const claimed = await this.claim(limit);
      await Promise.all(claimed.map((row) => this.publishClaimed(row)));
      return claimed.length;
    },
  };
}

export type PublishingEngine = ReturnType<typeof createPublishingEngine>;
