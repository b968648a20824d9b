import type { PublicationContent } from '@sillage/contracts';
import type { Publication, PublicationState } from '@sillage/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { publishingNotPaused } from '../crisis/publishing-pause-condition.ts';
import type { ChannelStatus, ChannelWithSecrets } from '../repositories/channels.repository.ts';

/** A publication row: the domain's lifecycle plus where it belongs and the wall clock the user chose. */
export type PublicationRecord = Publication & {
  id: string;
  workspaceId: string;
  postId: string;
  channelId: string;
  timeZone: string | null;
  localDate: string | null;
  localTime: string | null;
  claimedBy: string | null;
  /** What this channel publishes; null on rows from before content was stored (they publish the post's text). */
  content: PublicationContent | null;
  createdAt: Date;
};

/** A claimed publication with what the worker needs to publish it. */
export type ClaimedPublication = PublicationRecord & {
  text: string;
  network: string;
  /**
   * The channel's token expiry as the claim read it (null: it does not expire); absent when not read. Lets
   * the engine skip loading the channel just to see that no refresh is due.
   */
  channelTokenExpiresAt?: Date | null;
  /** The channel with its sealed credentials as the claim read it; absent when not read. */
  channel?: ChannelWithSecrets;
  /**
   * The publish attempt the claim recorded (in the claim's own statement, so before any call to the network);
   * absent when the claim left it to the engine (a token to renew first, no attempt left, no connector).
   */
  attemptId?: string;
};

/** When a claim also records the publish attempt: the engine can call at once, with nothing to check first. */
export type AttemptStartCondition = {
  /** Networks the engine has a connector for. */
  networks: readonly string[];
  /** The most attempts a publication may make (after this claim's). */
  maxAttempts: number;
  /** Tokens that expire before this instant are renewed first: no attempt for them at claim time. */
  tokenValidUntil: Date;
};

const columns = [
  'publications.id',
  'publications.workspace_id as workspaceId',
  'publications.post_id as postId',
  'publications.channel_id as channelId',
  'publications.state',
  'publications.scheduled_at as scheduledAt',
  'publications.time_zone as timeZone',
  'publications.local_date as localDate',
  'publications.local_time as localTime',
  'publications.fence',
  'publications.attempts',
  'publications.next_attempt_at as nextAttemptAt',
  'publications.network_post_id as networkPostId',
  'publications.url',
  'publications.published_at as publishedAt',
  'publications.failure_reason as failureReason',
  'publications.failure_retryable as failureRetryable',
  'publications.claimed_at as claimedAt',
  'publications.claimed_by as claimedBy',
  'publications.content',
  'publications.created_at as createdAt',
  'publications.updated_at as updatedAt',
] as const;

type Row = {
  state: string;
  failureReason: string | null;
  failureRetryable: boolean | null;
  [key: string]: unknown;
};

function toRecord<T extends Row>(row: T) {
  const { failureReason, failureRetryable, ...rest } = row;
  return {
    ...rest,
    state: row.state as PublicationState,
    failure: failureReason === null ? null : { reason: failureReason, retryable: failureRetryable ?? false },
    rejectionReason: null,
  };
}

const asPublication = (row: Row) => toRecord(row) as unknown as PublicationRecord;

/** A row of the claim statement: the publication, the post's text, the channel (prefixed) and the attempt. */
type ClaimRow = Row & {
  text: string;
  network: string;
  channelId: string;
  channelTokenExpiresAt: Date | null;
  channelWorkspaceId: string;
  channelNetworkAccountId: string;
  channelDisplayName: string;
  channelInstanceUrl: string | null;
  channelStatus: string;
  channelLastSuccessAt: Date | null;
  channelLastErrorAt: Date | null;
  channelLastError: string | null;
  channelBlockedUntil: Date | null;
  channelCreatedAt: Date;
  channelAccessTokenEncrypted: string;
  channelRefreshTokenEncrypted: string | null;
  attemptId: string | null;
};

function toClaimed(row: ClaimRow): ClaimedPublication {
  const {
    channelWorkspaceId,
    channelNetworkAccountId,
    channelDisplayName,
    channelInstanceUrl,
    channelStatus,
    channelLastSuccessAt,
    channelLastErrorAt,
    channelLastError,
    channelBlockedUntil,
    channelCreatedAt,
    channelAccessTokenEncrypted,
    channelRefreshTokenEncrypted,
    attemptId,
    ...publication
  } = row;
  const channel: ChannelWithSecrets = {
    id: row.channelId,
    workspaceId: channelWorkspaceId,
    network: row.network,
    networkAccountId: channelNetworkAccountId,
    displayName: channelDisplayName,
    instanceUrl: channelInstanceUrl,
    status: channelStatus as ChannelStatus,
    tokenExpiresAt: row.channelTokenExpiresAt,
    lastSuccessAt: channelLastSuccessAt,
    lastErrorAt: channelLastErrorAt,
    lastError: channelLastError,
    blockedUntil: channelBlockedUntil,
    createdAt: channelCreatedAt,
    accessTokenEncrypted: channelAccessTokenEncrypted,
    refreshTokenEncrypted: channelRefreshTokenEncrypted,
  };
  return {
    ...(asPublication(publication) as ClaimedPublication),
    channel,
    ...(attemptId === null ? {} : { attemptId }),
  };
}

/** The columns a domain transition may change. */
function lifecycleColumns(publication: Publication) {
  return {
    state: publication.state,
    fence: publication.fence,
    attempts: publication.attempts,
    scheduled_at: publication.scheduledAt,
    next_attempt_at: publication.nextAttemptAt,
    network_post_id: publication.networkPostId,
    url: publication.url,
    published_at: publication.publishedAt,
    failure_reason: publication.failure?.reason ?? null,
    failure_retryable: publication.failure?.retryable ?? null,
    claimed_at: publication.claimedAt,
    updated_at: publication.updatedAt,
  };
}

export function createPublicationsRepository(db: Executor) {
  const select = (executor: Executor) => executor.selectFrom('publications').select(columns);

  return {
    async insert(
      rows: readonly {
        workspaceId: string;
        postId: string;
        channelId: string;
        publication: Publication;
        timeZone: string | null;
        localDate: string | null;
        localTime: string | null;
        content: PublicationContent;
      }[],
      executor: Executor = db,
    ): Promise<void> {
      if (rows.length === 0) return;
      await executor
        .insertInto('publications')
        .values(
          rows.map((row) => ({
            workspace_id: row.workspaceId,
            post_id: row.postId,
            channel_id: row.channelId,
            time_zone: row.timeZone,
            local_date: row.localDate,
            local_time: row.localTime,
            content: JSON.stringify(row.content),
            ...lifecycleColumns(row.publication),
          })),
        )
        .execute();
    },

    /** The posts' publications with their channel's network and name, for people. */
    async listOfPosts(
      workspaceId: string,
      postIds: readonly string[],
      executor: Executor = db,
    ): Promise<(PublicationRecord & { network: string; channelName: string })[]> {
      if (postIds.length === 0) return [];
      const rows = await select(executor)
        .innerJoin('channels', 'channels.id', 'publications.channel_id')
        .select(['channels.network', 'channels.display_name as channelName'])
        .where('publications.workspace_id', '=', workspaceId)
        .where('publications.post_id', 'in', [...postIds])
        .orderBy('publications.created_at')
        .execute();
      return rows.map((row) => asPublication(row) as PublicationRecord & { network: string; channelName: string });
    },

    /** The post's publications, locked until the transaction ends (user actions on a post serialise here). */
    async lockOfPost(trx: Executor, workspaceId: string, postId: string): Promise<PublicationRecord[]> {
      const rows = await select(trx)
        .where('publications.workspace_id', '=', workspaceId)
        .where('publications.post_id', '=', postId)
        .orderBy('publications.id')
        .forUpdate()
        .execute();
      return rows.map(asPublication);
    },

    async findById(id: string, executor: Executor = db): Promise<PublicationRecord | undefined> {
      const row = await select(executor).where('publications.id', '=', id).executeTakeFirst();
      return row && asPublication(row);
    },

    /**
     * Persists a domain transition only if the row is still in the state and claim it was computed from:
     * the fence of every settle. Returns false when another worker or a user got there first.
     */
    async save(
      id: string,
      expected: { state: PublicationState; fence: number },
      next: Publication,
      executor: Executor = db,
      wallClock?: { timeZone: string; localDate: string; localTime: string },
    ): Promise<boolean> {
      const result = await executor
        .updateTable('publications')
        .set({
          ...lifecycleColumns(next),
          ...(wallClock
            ? { time_zone: wallClock.timeZone, local_date: wallClock.localDate, local_time: wallClock.localTime }
            : {}),
        })
        .where('id', '=', id)
        .where('state', '=', expected.state)
        .where('fence', '=', expected.fence)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /**
     * Claims up to `limit` due publications in one statement: scheduled, due, on an active and unblocked
     * channel; each gets a new fence. Rows locked by another claimer are skipped, so no two workers share one.
     * The channel is checked per candidate (a scalar subquery, not a join) after the due rows are ordered,
     * and only until `limit` pass: `offset 0` keeps PostgreSQL from pushing that check under the sort. With
     * the check inside, a planner that underestimates how many are due (statistics lag behind a burst) sorts
     * them all and runs the check for every one: 10,000 due cost about 100 ms per claim instead of about 9.
     * Candidates are locked as they are read (skip locked), so no two workers share one.
     * The same statement returns what publishing needs (the post's text, the channel with its sealed
     * credentials) and, with `startAttempts`, records the publish attempt of each claimed row that meets it:
     * the attempt exists, committed with the claim, before any call to the network.
     */
    async claimDue(
      input: { now: Date; limit: number; workerId: string; onlyId?: string; startAttempts?: AttemptStartCondition },
      executor: Executor = db,
    ): Promise<ClaimedPublication[]> {
      const { now, limit, workerId, onlyId, startAttempts } = input;
      const startWhen =
        startAttempts && startAttempts.networks.length > 0
          ? sql`c.network in (${sql.join([...startAttempts.networks])})
                and p.attempts <= ${startAttempts.maxAttempts}
                and (c.token_expires_at is null or c.token_expires_at >= ${startAttempts.tokenValidUntil})`
          : sql`false`;
      const result = await sql<ClaimRow>`
        with claimed as (
          update publications p
             set state = 'publishing', fence = p.fence + 1, attempts = p.attempts + 1,
                 claimed_at = ${now}, claimed_by = ${workerId}, updated_at = ${now}
           where p.id in (
             select due.id from (
               select candidate.id, candidate.channel_id from publications candidate
                where candidate.state = 'scheduled'
                  and candidate.next_attempt_at <= ${now}
                  ${onlyId === undefined ? sql`` : sql`and candidate.id = ${onlyId}`}
                order by candidate.next_attempt_at
                offset 0
                for update of candidate skip locked) due
              where (select c.status = 'active' and (c.blocked_until is null or c.blocked_until <= ${now})
                       from channels c where c.id = due.channel_id)
                and ${publishingNotPaused('due.id')}
              limit ${limit})
             and p.state = 'scheduled'
          returning p.*
        ), started as (
          insert into publication_attempts (workspace_id, publication_id, fence, kind, started_at)
          select p.workspace_id, p.id, p.fence, 'publish', ${now}
            from claimed p join channels c on c.id = p.channel_id
           where ${startWhen}
          returning id, publication_id
        )
        select p.id, p.workspace_id as "workspaceId", p.post_id as "postId", p.channel_id as "channelId",
               p.state, p.scheduled_at as "scheduledAt", p.time_zone as "timeZone", p.local_date as "localDate",
               p.local_time as "localTime", p.fence, p.attempts, p.next_attempt_at as "nextAttemptAt",
               p.network_post_id as "networkPostId", p.url, p.published_at as "publishedAt",
               p.failure_reason as "failureReason", p.failure_retryable as "failureRetryable",
               p.claimed_at as "claimedAt", p.claimed_by as "claimedBy", p.content, p.created_at as "createdAt",
               p.updated_at as "updatedAt", posts.text, c.network,
               c.token_expires_at as "channelTokenExpiresAt",
               c.workspace_id as "channelWorkspaceId", c.network_account_id as "channelNetworkAccountId",
               c.display_name as "channelDisplayName", c.instance_url as "channelInstanceUrl",
               c.status as "channelStatus", c.last_success_at as "channelLastSuccessAt",
               c.last_error_at as "channelLastErrorAt", c.last_error as "channelLastError",
               c.blocked_until as "channelBlockedUntil", c.created_at as "channelCreatedAt",
               c.access_token_encrypted as "channelAccessTokenEncrypted",
               c.refresh_token_encrypted as "channelRefreshTokenEncrypted",
               started.id as "attemptId"
          from claimed p
          join posts on posts.id = p.post_id
          join channels c on c.id = p.channel_id
          left join started on started.publication_id = p.id
         order by p.next_attempt_at, p.id`.execute(executor);
      return result.rows.map(toClaimed);
    },

    /**
     * Settles many publications the network confirmed, in one statement: each row is written only if it is
     * still in the state and fence it was claimed with (the same fence as `save`), its publish attempt is
     * closed as published and its channel's last success recorded, for the rows written only. Returns the
     * ids written; the others (a sweep or a user got there first) are for the caller to settle one by one.
     * Channels are locked in id order, so two workers settling on the same channels cannot deadlock.
     */
    async settlePublished(
      rows: readonly {
        id: string;
        expected: { state: PublicationState; fence: number };
        next: Publication;
        attemptId: string;
        channelId: string;
        at: Date;
      }[],
      executor: Executor = db,
    ): Promise<Set<string>> {
      if (rows.length === 0) return new Set();
      const values = sql.join(
        rows.map((row) => {
          const next = lifecycleColumns(row.next);
          return sql`(${row.id}::uuid, ${row.expected.state}::text, ${row.expected.fence}::int,
            ${next.state}::text, ${next.fence}::int, ${next.attempts}::int, ${next.scheduled_at}::timestamptz,
            ${next.next_attempt_at}::timestamptz, ${next.network_post_id}::text, ${next.url}::text,
            ${next.published_at}::timestamptz, ${next.failure_reason}::text, ${next.failure_retryable}::boolean,
            ${next.claimed_at}::timestamptz, ${next.updated_at}::timestamptz, ${row.attemptId}::uuid,
            ${row.channelId}::uuid, ${row.at}::timestamptz)`;
        }),
      );
      const result = await sql<{ id: string }>`
        with v (id, expected_state, expected_fence, state, fence, attempts, scheduled_at, next_attempt_at,
                network_post_id, url, published_at, failure_reason, failure_retryable, claimed_at, updated_at,
                attempt_id, channel_id, at) as (values ${values}),
        settled as (
          update publications p
             set state = v.state, fence = v.fence, attempts = v.attempts, scheduled_at = v.scheduled_at,
                 next_attempt_at = v.next_attempt_at, network_post_id = v.network_post_id, url = v.url,
                 published_at = v.published_at, failure_reason = v.failure_reason,
                 failure_retryable = v.failure_retryable, claimed_at = v.claimed_at, updated_at = v.updated_at
            from v
           where p.id = v.id and p.state = v.expected_state and p.fence = v.expected_fence
          returning p.id
        ),
        finished as (
          update publication_attempts a
             set ended_at = v.at, outcome = 'published', reason = null, network_post_id = v.network_post_id
            from v join settled s on s.id = v.id
           where a.id = v.attempt_id
        ),
        successes as (
          select v.channel_id, max(v.at) as at from v join settled s on s.id = v.id group by v.channel_id
        ),
        locked as (
          select c.id from channels c where c.id in (select channel_id from successes) order by c.id for update
        ),
        recorded as (
          update channels c set last_success_at = successes.at
            from locked join successes on successes.channel_id = locked.id
           where c.id = locked.id
        )
        select id from settled`.execute(executor);
      return new Set(result.rows.map((row) => row.id));
    },

    /**
     * Publications never tried whose time passed more than the late window ago (workers were down):
     * marked missed in one statement, returned so their owners can be told.
     */
    async markMissed(input: { now: Date; notAfter: Date }, executor: Executor = db): Promise<PublicationRecord[]> {
      const rows = await executor
        .updateTable('publications')
        .set({ state: 'missed', next_attempt_at: null, updated_at: input.now })
        .where('state', '=', 'scheduled')
        .where('attempts', '=', 0)
        .where('next_attempt_at', '<', input.notAfter)
        // A wait imposed by the network (rate limit, quota) is not lateness: those are waited out.
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('channels')
              .select('channels.id')
              .whereRef('channels.id', '=', 'publications.channel_id')
              .where('channels.status', '=', 'active')
              .where(sql<boolean>`(channels.blocked_until is null or channels.blocked_until <= ${input.notAfter})`),
          ),
        )
        .where(publishingNotPaused('publications.id'))
        .returning(columns)
        .execute();
      return rows.map(asPublication);
    },

    /**
     * Publications held in `publishing` beyond the lease (their worker died or hung): the post may exist, so
     * they become unknown_outcome, to be reconciled now. The fence is kept; a late settle fails on the state.
     */
    async expireLeases(input: { now: Date; claimedBefore: Date }, executor: Executor = db): Promise<string[]> {
      const rows = await executor
        .updateTable('publications')
        .set({
          state: 'unknown_outcome',
          failure_reason: 'The worker publishing this stopped before recording the outcome.',
          failure_retryable: true,
          next_attempt_at: input.now,
          updated_at: input.now,
        })
        .where('state', '=', 'publishing')
        .where('claimed_at', '<', input.claimedBefore)
        .returning('id')
        .execute();
      return rows.map((row) => row.id);
    },

    /**
     * Takes up to `limit` unknown outcomes due for reconciliation and pushes their next look to `leaseUntil`,
     * so two workers do not ask the network about the same one at once.
     */
    async claimReconciliations(
      input: { now: Date; leaseUntil: Date; limit: number },
      executor: Executor = db,
    ): Promise<ClaimedPublication[]> {
      const { now, leaseUntil, limit } = input;
      const result = await sql<{ id: string }>`
        update publications p set next_attempt_at = ${leaseUntil}
         where p.id in (
           select candidate.id from publications candidate
             join channels c on c.id = candidate.channel_id
            where candidate.state = 'unknown_outcome'
              and candidate.next_attempt_at <= ${now}
              and c.status = 'active'
              and (c.blocked_until is null or c.blocked_until <= ${now})
              and ${publishingNotPaused('candidate.id')}
            order by candidate.next_attempt_at
            limit ${limit}
            for update of candidate skip locked)
        returning p.id`.execute(executor);
      const ids = result.rows.map((row) => row.id);
      if (ids.length === 0) return [];
      const rows = await select(executor)
        .innerJoin('posts', 'posts.id', 'publications.post_id')
        .innerJoin('channels', 'channels.id', 'publications.channel_id')
        .select(['posts.text', 'channels.network'])
        .where('publications.id', 'in', ids)
        .execute();
      return rows.map((row) => asPublication(row) as ClaimedPublication);
    },

    /** After the account is reconnected, what waited for it is due now (the domain's `reconnected`). */
    async resumeAfterReconnect(channelId: string, now: Date, executor: Executor = db): Promise<number> {
      const result = await executor
        .updateTable('publications')
        .set({
          state: 'scheduled',
          failure_reason: null,
          failure_retryable: null,
          next_attempt_at: now,
          updated_at: now,
        })
        .where('channel_id', '=', channelId)
        .where('state', '=', 'needs_reconnect')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Scheduled publications of an account that needs reconnecting wait for the reconnect instead. */
    async holdForReconnect(channelId: string, now: Date, executor: Executor = db): Promise<number> {
      const result = await executor
        .updateTable('publications')
        .set({
          state: 'needs_reconnect',
          failure_reason: 'The account must be reconnected.',
          failure_retryable: true,
          next_attempt_at: null,
          updated_at: now,
        })
        .where('channel_id', '=', channelId)
        .where('state', '=', 'scheduled')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type PublicationsRepository = ReturnType<typeof createPublicationsRepository>;
