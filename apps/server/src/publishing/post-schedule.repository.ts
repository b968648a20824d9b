import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { PostRecord } from './posts.repository.ts';

/** A recurring series: its rule, the wall clock of its first occurrence, and how far it is materialised. */
export type SeriesRecord = {
  id: string;
  workspaceId: string;
  templatePostId: string;
  rrule: string;
  timeZone: string;
  startDate: string;
  startTime: string;
  materialisedUntil: Date;
};

/** A post on the calendar, with the series it belongs to (if any). */
export type CalendarPostRecord = PostRecord & { seriesId: string | null; occurrenceIndex: number | null };

const seriesColumns = [
  'post_series.id',
  'post_series.workspace_id as workspaceId',
  'post_series.template_post_id as templatePostId',
  'post_series.rrule',
  'post_series.time_zone as timeZone',
  'post_series.start_date as startDate',
  'post_series.start_time as startTime',
  'post_series.materialised_until as materialisedUntil',
] as const;

const postColumns = [
  'posts.id',
  'posts.workspace_id as workspaceId',
  'posts.author_id as authorId',
  'posts.text',
  'posts.created_at as createdAt',
  'posts.series_id as seriesId',
  'posts.occurrence_index as occurrenceIndex',
] as const;

// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters.
const CHUNK = 500;

/** The calendar's SQL: the views' ranges, recurring series and their occurrences, and bulk imports. */
export function createPostScheduleRepository(db: Executor) {
  return {
    /** Posts with a publication scheduled in [from, to), with their series; capped at `limit`. */
    async listScheduledBetween(
      workspaceId: string,
      range: { from: Date; to: Date; limit: number },
      executor: Executor = db,
    ): Promise<CalendarPostRecord[]> {
      return executor
        .selectFrom('posts')
        .select(postColumns)
        .where('posts.workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('publications')
              .select('publications.id')
              .whereRef('publications.post_id', '=', 'posts.id')
              .where('publications.workspace_id', '=', workspaceId)
              .where('publications.scheduled_at', '>=', range.from)
              .where('publications.scheduled_at', '<', range.to),
          ),
        )
        .orderBy('posts.created_at')
        .orderBy('posts.id')
        .limit(range.limit)
        .execute();
    },

    async insertSeries(
      series: Omit<SeriesRecord, 'id'> & { createdBy: string; now: Date },
      executor: Executor = db,
    ): Promise<SeriesRecord> {
      return executor
        .insertInto('post_series')
        .values({
          workspace_id: series.workspaceId,
          template_post_id: series.templatePostId,
          rrule: series.rrule,
          time_zone: series.timeZone,
          start_date: series.startDate,
          start_time: series.startTime,
          materialised_until: series.materialisedUntil,
          created_by: series.createdBy,
          created_at: series.now,
        })
        .returning(seriesColumns)
        .executeTakeFirstOrThrow();
    },

    /** Marks a post as occurrence `index` of a series (the template is occurrence 1). */
    async attachToSeries(
      workspaceId: string,
      postId: string,
      seriesId: string,
      index: number,
      executor: Executor = db,
    ) {
      await executor
        .updateTable('posts')
        .set({ series_id: seriesId, occurrence_index: index })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', postId)
        .execute();
    },

    /** The series a post belongs to, as its template or as one of its occurrences. */
    async findSeriesOfPost(workspaceId: string, postId: string, executor: Executor = db) {
      return executor
        .selectFrom('post_series')
        .select(seriesColumns)
        .where('post_series.workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.or([
            eb('post_series.template_post_id', '=', postId),
            eb(
              'post_series.id',
              '=',
              eb
                .selectFrom('posts')
                .select('posts.series_id')
                .where('posts.workspace_id', '=', workspaceId)
                .where('posts.id', '=', postId),
            ),
          ]),
        )
        .executeTakeFirst() as Promise<SeriesRecord | undefined>;
    },

    /** The workspace's series not yet materialised up to `until` (locked, so two runs do not race). */
    async lockSeriesBehind(workspaceId: string, until: Date, executor: Executor): Promise<SeriesRecord[]> {
      return executor
        .selectFrom('post_series')
        .select(seriesColumns)
        .where('post_series.workspace_id', '=', workspaceId)
        .where('post_series.materialised_until', '<', until)
        .orderBy('post_series.id')
        .forUpdate()
        .execute();
    },

    /** Up to `limit` series of any workspace not materialised up to `until`, locked (others skip them). */
    async lockAllSeriesBehind(until: Date, limit: number, executor: Executor): Promise<SeriesRecord[]> {
      return executor
        .selectFrom('post_series')
        .select(seriesColumns)
        .where('post_series.materialised_until', '<', until)
        .orderBy('post_series.materialised_until')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
    },

    async setMaterialisedUntil(seriesId: string, until: Date, executor: Executor = db) {
      await executor.updateTable('post_series').set({ materialised_until: until }).where('id', '=', seriesId).execute();
    },

    /**
     * Inserts occurrence `index` of a series as a post, unless it exists (the unique (series_id,
     * occurrence_index) key): returns its id when inserted now, undefined when it was already there.
     */
    async insertOccurrence(
      occurrence: { workspaceId: string; seriesId: string; index: number; authorId: string | null; text: string },
      now: Date,
      executor: Executor = db,
    ): Promise<string | undefined> {
      const row = await executor
        .insertInto('posts')
        .values({
          workspace_id: occurrence.workspaceId,
          author_id: occurrence.authorId,
          text: occurrence.text,
          series_id: occurrence.seriesId,
          occurrence_index: occurrence.index,
          created_at: now,
          updated_at: now,
        })
        .onConflict((conflict) =>
          conflict.columns(['series_id', 'occurrence_index']).where('series_id', 'is not', null).doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    /** The materialised occurrences of a series by index: their post ids. */
    async occurrencePosts(workspaceId: string, seriesId: string, executor: Executor = db) {
      return executor
        .selectFrom('posts')
        .select(['posts.id', 'posts.occurrence_index as occurrenceIndex'])
        .where('posts.workspace_id', '=', workspaceId)
        .where('posts.series_id', '=', seriesId)
        .execute();
    },

    /** Inserts many posts in a few statements (CSV import); returns their ids in the order given. */
    async insertPosts(
      rows: readonly { workspaceId: string; authorId: string; text: string }[],
      now: Date,
      executor: Executor,
    ): Promise<string[]> {
      const ids = rows.map(() => randomUUID());
      for (let start = 0; start < rows.length; start += CHUNK) {
        await executor
          .insertInto('posts')
          .values(
            rows.slice(start, start + CHUNK).map((row, offset) => ({
              id: ids[start + offset]!,
              workspace_id: row.workspaceId,
              author_id: row.authorId,
              text: row.text,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
      }
      return ids;
    },

    /** Gives the member a new feed secret (its hash), replacing the one they had. */
    async replaceFeed(
      feed: { workspaceId: string; userId: string; tokenHash: string; now: Date },
      executor: Executor = db,
    ) {
      await executor
        .insertInto('calendar_feeds')
        .values({
          workspace_id: feed.workspaceId,
          user_id: feed.userId,
          token_hash: feed.tokenHash,
          created_at: feed.now,
        })
        .onConflict((conflict) =>
          conflict.columns(['workspace_id', 'user_id']).doUpdateSet({ token_hash: feed.tokenHash }),
        )
        .execute();
    },

    /** The workspace and member of a feed secret's hash, while they are still a member. */
    async findFeed(tokenHash: string, executor: Executor = db) {
      return executor
        .selectFrom('calendar_feeds')
        .innerJoin('memberships', (join) =>
          join
            .onRef('memberships.workspace_id', '=', 'calendar_feeds.workspace_id')
            .onRef('memberships.user_id', '=', 'calendar_feeds.user_id'),
        )
        .innerJoin('workspaces', 'workspaces.id', 'calendar_feeds.workspace_id')
        .select([
          'calendar_feeds.workspace_id as workspaceId',
          'calendar_feeds.user_id as userId',
          'workspaces.name as workspaceName',
        ])
        .where('calendar_feeds.token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    /** The publications scheduled in [from, to) with their post's text and channel, for the feed. */
    async feedEntries(workspaceId: string, range: { from: Date; to: Date; limit: number }, executor: Executor = db) {
      return executor
        .selectFrom('publications')
        .innerJoin('posts', 'posts.id', 'publications.post_id')
        .innerJoin('channels', 'channels.id', 'publications.channel_id')
        .select([
          'publications.id',
          'publications.state',
          'publications.scheduled_at as scheduledAt',
          'publications.updated_at as updatedAt',
          'publications.url',
          'publications.content',
          'posts.text',
          'channels.network',
          'channels.display_name as channelName',
        ])
        .where('publications.workspace_id', '=', workspaceId)
        .where('publications.scheduled_at', '>=', range.from)
        .where('publications.scheduled_at', '<', range.to)
        .orderBy('publications.scheduled_at')
        .limit(range.limit)
        .execute();
    },
  };
}

export type PostScheduleRepository = ReturnType<typeof createPostScheduleRepository>;
