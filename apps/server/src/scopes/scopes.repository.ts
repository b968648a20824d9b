import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { ChannelScope } from './scope.ts';

export type ClientRecord = { id: string; name: string; channelIds: string[]; createdAt: Date; updatedAt: Date };

/** What a member's scope is made of; `scoped: false` is the whole workspace. */
export type MemberScopeRecord = { userId: string; scoped: boolean; clientIds: string[]; channelIds: string[] };

/** Clients, the client of each channel, and members' scopes. Every query names the workspace. */
export function createScopesRepository(db: Executor) {
  async function clientChannels(workspaceId: string, executor: Executor) {
    const rows = await executor
      .selectFrom('channels')
      .select(['id', 'client_id as clientId'])
      .where('workspace_id', '=', workspaceId)
      .where('client_id', 'is not', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const byClient = new Map<string, string[]>();
    for (const row of rows) byClient.set(row.clientId!, [...(byClient.get(row.clientId!) ?? []), row.id]);
    return byClient;
  }

  return {
    async listClients(workspaceId: string, executor: Executor = db): Promise<ClientRecord[]> {
      const [rows, channels] = await Promise.all([
        executor
          .selectFrom('clients')
          .select(['id', 'name', 'created_at as createdAt', 'updated_at as updatedAt'])
          .where('workspace_id', '=', workspaceId)
          .orderBy(sql`lower(name)`)
          .orderBy('id')
          .execute(),
        clientChannels(workspaceId, executor),
      ]);
      return rows.map((row) => ({ ...row, channelIds: channels.get(row.id) ?? [] }));
    },

    async findClient(workspaceId: string, clientId: string, executor: Executor = db) {
      return (await this.listClients(workspaceId, executor)).find((client) => client.id === clientId);
    },

    async nameTaken(workspaceId: string, name: string, exceptId: string | null, executor: Executor = db) {
      let query = executor
        .selectFrom('clients')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where(sql<boolean>`lower(name) = lower(${name})`);
      if (exceptId) query = query.where('id', '<>', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async insertClient(workspaceId: string, name: string, createdBy: string, executor: Executor = db) {
      const row = await executor
        .insertInto('clients')
        .values({ workspace_id: workspaceId, name, created_by: createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async renameClient(workspaceId: string, clientId: string, name: string, at: Date, executor: Executor = db) {
      await executor
        .updateTable('clients')
        .set({ name, updated_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', clientId)
        .execute();
    },

    async removeClient(workspaceId: string, clientId: string, executor: Executor = db) {
      await executor.deleteFrom('clients').where('workspace_id', '=', workspaceId).where('id', '=', clientId).execute();
    },

    async findChannel(workspaceId: string, channelId: string, executor: Executor = db) {
      return executor
        .selectFrom('channels')
        .select(['id', 'display_name as displayName', 'client_id as clientId'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', channelId)
        .executeTakeFirst();
    },

    /** Each channel of the workspace with its client id (null when unassigned). */
    async channelClients(workspaceId: string, executor: Executor = db): Promise<Map<string, string | null>> {
      const rows = await executor
        .selectFrom('channels')
        .select(['id', 'client_id as clientId'])
        .where('workspace_id', '=', workspaceId)
        .execute();
      return new Map(rows.map((row) => [row.id, row.clientId]));
    },

    async setChannelClient(workspaceId: string, channelId: string, clientId: string | null, executor: Executor = db) {
      await executor
        .updateTable('channels')
        .set({ client_id: clientId })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', channelId)
        .execute();
    },

    /** Every member's scope; members without entries and not scoped are unscoped. */
    async listMemberScopes(workspaceId: string, executor: Executor = db): Promise<MemberScopeRecord[]> {
      const [members, entries] = await Promise.all([
        executor
          .selectFrom('memberships')
          .select(['user_id as userId', 'scoped'])
          .where('workspace_id', '=', workspaceId)
          .execute(),
        executor
          .selectFrom('member_scope_entries')
          .select(['user_id as userId', 'client_id as clientId', 'channel_id as channelId'])
          .where('workspace_id', '=', workspaceId)
          .execute(),
      ]);
      return members.map((member) => {
        const own = entries.filter((entry) => entry.userId === member.userId);
        return {
          userId: member.userId,
          scoped: member.scoped,
          clientIds: own.flatMap((entry) => (entry.clientId ? [entry.clientId] : [])).sort(),
          channelIds: own.flatMap((entry) => (entry.channelId ? [entry.channelId] : [])).sort(),
        };
      });
    },

    async findMemberScope(workspaceId: string, userId: string, executor: Executor = db) {
      const row = await executor
        .selectFrom('memberships')
        .select('scoped')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!row) return undefined;
      const entries = await executor
        .selectFrom('member_scope_entries')
        .select(['client_id as clientId', 'channel_id as channelId'])
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
      return {
        userId,
        scoped: row.scoped,
        clientIds: entries.flatMap((entry) => (entry.clientId ? [entry.clientId] : [])).sort(),
        channelIds: entries.flatMap((entry) => (entry.channelId ? [entry.channelId] : [])).sort(),
      } satisfies MemberScopeRecord;
    },

    /** Replaces a member's scope (null: unscoped) in `executor`, which should be a transaction. */
    async setMemberScope(
      workspaceId: string,
      userId: string,
      scope: { clientIds: readonly string[]; channelIds: readonly string[] } | null,
      executor: Executor = db,
    ) {
      await executor
        .deleteFrom('member_scope_entries')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
      await executor
        .updateTable('memberships')
        .set({ scoped: scope !== null })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
      if (!scope) return;
      // A calendar feed link shows the whole workspace's calendar: a scoped member keeps none.
      await executor
        .deleteFrom('calendar_feeds')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
      const rows = [
        ...scope.clientIds.map((clientId) => ({
          workspace_id: workspaceId,
          user_id: userId,
          client_id: clientId,
          channel_id: null,
        })),
        ...scope.channelIds.map((channelId) => ({
          workspace_id: workspaceId,
          user_id: userId,
          client_id: null,
          channel_id: channelId,
        })),
      ];
      if (rows.length > 0) await executor.insertInto('member_scope_entries').values(rows).execute();
    },

    /** The caller's resolved scope for the route gate: null when unscoped, else the channels they may see. */
    async resolve(workspaceId: string, userId: string, executor: Executor = db): Promise<ChannelScope | null> {
      const member = await this.findMemberScope(workspaceId, userId, executor);
      if (!member?.scoped) return null;
      const visible = new Set(member.channelIds);
      if (member.clientIds.length > 0) {
        const rows = await executor
          .selectFrom('channels')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('client_id', 'in', member.clientIds)
          .execute();
        for (const row of rows) visible.add(row.id);
      }
      return { clientIds: member.clientIds, channelIds: member.channelIds, visibleChannelIds: visible };
    },

    /** The channels a post targets and its author, or undefined when the workspace has no such post. */
    async postTargets(workspaceId: string, postId: string, executor: Executor = db) {
      const post = await executor
        .selectFrom('posts')
        .select(['id', 'author_id as authorId'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', postId)
        .executeTakeFirst();
      if (!post) return undefined;
      const rows = await executor
        .selectFrom('publications')
        .select('channel_id as channelId')
        .where('workspace_id', '=', workspaceId)
        .where('post_id', '=', postId)
        .execute();
      return { authorId: post.authorId, channelIds: [...new Set(rows.map((row) => row.channelId))] };
    },

    async inboxItemChannel(workspaceId: string, itemId: string, executor: Executor = db) {
      const row = await executor
        .selectFrom('inbox_items')
        .select('channel_id as channelId')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', itemId)
        .executeTakeFirst();
      return row?.channelId;
    },
  };
}

export type ScopesRepository = ReturnType<typeof createScopesRepository>;
