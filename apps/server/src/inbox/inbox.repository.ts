import type { InboxItem } from '@sillage/connectors';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type InboxStatus = 'open' | 'pending' | 'closed';

/** An inbox item as stored, with its channel's name. */
export type InboxItemRecord = {
  id: string;
  workspaceId: string;
  channelId: string;
  channelName: string;
  network: string;
  networkItemId: string;
  kind: InboxItem['kind'];
  threadKey: string;
  parentNetworkId: string | null;
  authorNetworkId: string;
  authorName: string;
  authorHandle: string | null;
  text: string;
  rating: number | null;
  url: string | null;
  replyContext: Record<string, unknown>;
  createdAt: Date;
  receivedAt: Date;
  status: InboxStatus;
  assigneeId: string | null;
  tags: string[];
  lang: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  sentimentScore: number | null;
  hidden: boolean;
  spam: boolean;
  priority: 'low' | 'normal' | 'high' | 'urgent' | null;
};

/** An item to store: what the network said, and what the analyzer read in it. */
export type NewInboxItem = InboxItem & {
  lang: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  sentimentScore: number | null;
};

export type InboxFilters = {
  status?: InboxStatus | undefined;
  channelId?: string | undefined;
  /** Only items of these channels: a scoped member's visible channels (scopes/scope.ts). */
  channelIds?: readonly string[] | undefined;
  /** A user id, or 'none' for unassigned items. */
  assignee?: string | undefined;
  kind?: InboxItem['kind'] | undefined;
  search?: string | undefined;
  /** Items carrying this tag. */
  tag?: string | undefined;
  /** Items created strictly before this instant (the next page). */
  before?: Date | undefined;
  limit: number;
};

const itemColumns = [
  'inbox_items.id',
  'inbox_items.workspace_id as workspaceId',
  'inbox_items.channel_id as channelId',
  'channels.display_name as channelName',
  'inbox_items.network',
  'inbox_items.network_item_id as networkItemId',
  'inbox_items.kind',
  'inbox_items.thread_key as threadKey',
  'inbox_items.parent_network_id as parentNetworkId',
  'inbox_items.author_network_id as authorNetworkId',
  'inbox_items.author_name as authorName',
  'inbox_items.author_handle as authorHandle',
  'inbox_items.text',
  'inbox_items.rating',
  'inbox_items.url',
  'inbox_items.reply_context as replyContext',
  'inbox_items.created_at as createdAt',
  'inbox_items.received_at as receivedAt',
  'inbox_items.status',
  'inbox_items.assignee_id as assigneeId',
  'inbox_items.tags',
  'inbox_items.lang',
  'inbox_items.sentiment',
  'inbox_items.sentiment_score as sentimentScore',
  'inbox_items.hidden',
  'inbox_items.spam',
  'inbox_items.priority',
] as const;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

export function createInboxRepository(db: Executor) {
  const items = (executor: Executor) =>
    executor.selectFrom('inbox_items').innerJoin('channels', 'channels.id', 'inbox_items.channel_id');

  return {
    /** Stores new items; an item already stored for the channel (by webhook or an earlier poll) is skipped. */
    async insertItems(
      channel: { id: string; workspaceId: string; network: string },
      newItems: readonly NewInboxItem[],
      receivedAt: Date,
      executor: Executor = db,
    ): Promise<string[]> {
      if (newItems.length === 0) return [];
      const rows = await executor
        .insertInto('inbox_items')
        .values(
          newItems.map((item) => ({
            workspace_id: channel.workspaceId,
            channel_id: channel.id,
            network: channel.network,
            network_item_id: item.networkItemId,
            kind: item.kind,
            thread_key: item.threadKey,
            parent_network_id: item.parentNetworkId ?? null,
            author_network_id: item.author.networkId,
            author_name: item.author.name,
            author_handle: item.author.handle ?? null,
            text: item.text,
            rating: item.rating ?? null,
            url: item.url ?? null,
            reply_context: JSON.stringify(item.replyContext ?? {}),
            created_at: item.createdAt,
            received_at: receivedAt,
            lang: item.lang,
            sentiment: item.sentiment,
            sentiment_score: item.sentimentScore,
          })),
        )
        .onConflict((conflict) => conflict.columns(['channel_id', 'network_item_id']).doNothing())
        .returning('id')
        .execute();
      return rows.map((row) => row.id);
    },

    async findCursor(channelId: string, executor: Executor = db): Promise<string | null> {
      const row = await executor
        .selectFrom('inbox_cursors')
        .select('cursor')
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row?.cursor ?? null;
    },

    /** Locks the channel's cursor row for one poll at a time (created on first use). */
    async lockCursor(channel: { id: string; workspaceId: string }, at: Date, trx: Executor): Promise<string | null> {
      await trx
        .insertInto('inbox_cursors')
        .values({ channel_id: channel.id, workspace_id: channel.workspaceId, cursor: null, polled_at: at })
        .onConflict((conflict) => conflict.column('channel_id').doNothing())
        .execute();
      const row = await trx
        .selectFrom('inbox_cursors')
        .select('cursor')
        .where('channel_id', '=', channel.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      return row.cursor;
    },

    async saveCursor(
      channelId: string,
      update: { cursor: string | null; polledAt: Date; error: string | null },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('inbox_cursors')
        .set({ cursor: update.cursor, polled_at: update.polledAt, last_error: update.error })
        .where('channel_id', '=', channelId)
        .execute();
    },

    async recordPollError(channelId: string, error: string, at: Date, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('inbox_cursors')
        .set({ last_error: error, polled_at: at })
        .where('channel_id', '=', channelId)
        .execute();
    },

    /** Records a verified delivery; null when the same bytes were already received (a replay). */
    async recordDelivery(
      delivery: { source: string; bodySha256: string; body: unknown; receivedAt: Date },
      executor: Executor = db,
    ): Promise<string | null> {
      const row = await executor
        .insertInto('webhook_deliveries')
        .values({
          source: delivery.source,
          body_sha256: delivery.bodySha256,
          body: JSON.stringify(delivery.body),
          received_at: delivery.receivedAt,
        })
        .onConflict((conflict) => conflict.columns(['source', 'body_sha256']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async findDelivery(id: string, executor: Executor = db) {
      return executor
        .selectFrom('webhook_deliveries')
        .select(['id', 'source', 'body', 'processed_at as processedAt'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async markDeliveryProcessed(id: string, at: Date, executor: Executor = db): Promise<void> {
      await executor.updateTable('webhook_deliveries').set({ processed_at: at }).where('id', '=', id).execute();
    },

    /** The active channels, in any workspace, connected to this account of the network. */
    async channelsOfAccount(network: string, accountId: string, executor: Executor = db) {
      return executor
        .selectFrom('channels')
        .select(['id', 'workspace_id as workspaceId', 'network'])
        .where('network', '=', network)
        .where('network_account_id', '=', accountId)
        .where('status', '=', 'active')
        .execute();
    },

    /** Active channels whose network has an inbox to poll. */
    async channelsToPoll(networks: readonly string[], executor: Executor = db) {
      if (networks.length === 0) return [];
      return executor
        .selectFrom('channels')
        .select(['id', 'workspace_id as workspaceId', 'network'])
        .where('network', 'in', networks)
        .where('status', '=', 'active')
        .orderBy('id')
        .execute();
    },

    async list(workspaceId: string, filters: InboxFilters, executor: Executor = db): Promise<InboxItemRecord[]> {
      let query = items(executor).select(itemColumns).where('inbox_items.workspace_id', '=', workspaceId);
      if (filters.status) query = query.where('inbox_items.status', '=', filters.status);
      if (filters.channelId) query = query.where('inbox_items.channel_id', '=', filters.channelId);
      if (filters.channelIds) {
        if (filters.channelIds.length === 0) return [];
        query = query.where('inbox_items.channel_id', 'in', filters.channelIds);
      }
      if (filters.kind) query = query.where('inbox_items.kind', '=', filters.kind);
      if (filters.assignee === 'none') query = query.where('inbox_items.assignee_id', 'is', null);
      else if (filters.assignee) query = query.where('inbox_items.assignee_id', '=', filters.assignee);
      if (filters.before) query = query.where('inbox_items.created_at', '<', filters.before);
      if (filters.tag) query = query.where(sql<boolean>`${filters.tag} = any(inbox_items.tags)`);
      if (filters.search) {
        const pattern = `%${escapeLike(filters.search)}%`;
        query = query.where((where) =>
          where.or([
            where('inbox_items.text', 'ilike', pattern),
            where('inbox_items.author_name', 'ilike', pattern),
            where('inbox_items.author_handle', 'ilike', pattern),
          ]),
        );
      }
      const rows = await query
        .orderBy('inbox_items.created_at', 'desc')
        .orderBy('inbox_items.id', 'desc')
        .limit(filters.limit)
        .execute();
      return rows;
    },

    async find(workspaceId: string, id: string, executor: Executor = db): Promise<InboxItemRecord | undefined> {
      const row = await items(executor)
        .select(itemColumns)
        .where('inbox_items.workspace_id', '=', workspaceId)
        .where('inbox_items.id', '=', id)
        .executeTakeFirst();
      return row;
    },

    /** The author's other items in the workspace, newest first. */
    async authorHistory(workspaceId: string, item: InboxItemRecord, limit: number, executor: Executor = db) {
      const rows = await items(executor)
        .select(itemColumns)
        .where('inbox_items.workspace_id', '=', workspaceId)
        .where('inbox_items.network', '=', item.network)
        .where('inbox_items.author_network_id', '=', item.authorNetworkId)
        .where('inbox_items.id', '<>', item.id)
        .orderBy('inbox_items.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows as InboxItemRecord[];
    },

    /** The last inbound DM of a thread (the 24-hour messaging window counts from it). */
    async lastInboundInThread(workspaceId: string, channelId: string, threadKey: string, executor: Executor = db) {
      const row = await executor
        .selectFrom('inbox_items')
        .select(sql<Date>`max(created_at)`.as('createdAt'))
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .where('thread_key', '=', threadKey)
        .executeTakeFirst();
      return row?.createdAt ? new Date(row.createdAt) : null;
    },

    async update(
      workspaceId: string,
      id: string,
      changes: {
        status?: InboxStatus;
        assigneeId?: string | null;
        tags?: string[];
        hidden?: boolean;
        spam?: boolean;
        priority?: 'low' | 'normal' | 'high' | 'urgent' | null;
      },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('inbox_items')
        .set({
          ...(changes.status === undefined ? {} : { status: changes.status }),
          ...(changes.assigneeId === undefined ? {} : { assignee_id: changes.assigneeId }),
          ...(changes.tags === undefined ? {} : { tags: changes.tags }),
          ...(changes.hidden === undefined ? {} : { hidden: changes.hidden }),
          ...(changes.spam === undefined ? {} : { spam: changes.spam }),
          ...(changes.priority === undefined ? {} : { priority: changes.priority }),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    async addNote(
      note: { workspaceId: string; itemId: string; authorId: string; text: string; at: Date },
      executor: Executor = db,
    ) {
      return executor
        .insertInto('inbox_notes')
        .values({
          workspace_id: note.workspaceId,
          item_id: note.itemId,
          author_id: note.authorId,
          text: note.text,
          created_at: note.at,
        })
        .returning(['id', 'author_id as authorId', 'text', 'created_at as createdAt'])
        .executeTakeFirstOrThrow();
    },

    async notes(workspaceId: string, itemId: string, executor: Executor = db) {
      return executor
        .selectFrom('inbox_notes')
        .select(['id', 'author_id as authorId', 'text', 'created_at as createdAt'])
        .where('workspace_id', '=', workspaceId)
        .where('item_id', '=', itemId)
        .orderBy('created_at')
        .execute();
    },

    async addReply(
      reply: { workspaceId: string; itemId: string; authorId: string; text: string; networkReplyId: string; at: Date },
      executor: Executor = db,
    ) {
      return executor
        .insertInto('inbox_replies')
        .values({
          workspace_id: reply.workspaceId,
          item_id: reply.itemId,
          author_id: reply.authorId,
          text: reply.text,
          network_reply_id: reply.networkReplyId,
          sent_at: reply.at,
        })
        .returning(['id', 'author_id as authorId', 'text', 'network_reply_id as networkReplyId', 'sent_at as sentAt'])
        .executeTakeFirstOrThrow();
    },

    async replies(workspaceId: string, itemId: string, executor: Executor = db) {
      return executor
        .selectFrom('inbox_replies')
        .select(['id', 'author_id as authorId', 'text', 'network_reply_id as networkReplyId', 'sent_at as sentAt'])
        .where('workspace_id', '=', workspaceId)
        .where('item_id', '=', itemId)
        .orderBy('sent_at')
        .execute();
    },

    /** Items created in [from, to) with every reply sent on them: the input of the community KPIs. */
    async activity(workspaceId: string, range: { from: Date; to: Date }, executor: Executor = db) {
      const rows = await executor
        .selectFrom('inbox_items')
        .leftJoin('inbox_replies', 'inbox_replies.item_id', 'inbox_items.id')
        .select([
          'inbox_items.id',
          'inbox_items.channel_id as channelId',
          'inbox_items.thread_key as threadKey',
          'inbox_items.created_at as createdAt',
          'inbox_items.assignee_id as assigneeId',
          'inbox_replies.author_id as replyAuthorId',
          'inbox_replies.sent_at as replySentAt',
          'inbox_items.sentiment',
        ])
        .where('inbox_items.workspace_id', '=', workspaceId)
        .where('inbox_items.created_at', '>=', range.from)
        .where('inbox_items.created_at', '<', range.to)
        .execute();
      return rows;
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
