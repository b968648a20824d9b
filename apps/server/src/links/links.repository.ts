import type { UtmConventions } from '@sillage/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type TrackedLinkRecord = {
  id: string;
  workspaceId: string;
  code: string;
  destinationUrl: string;
  utm: { source: string; medium: string; campaign: string; term: string | null; content: string | null };
  postId: string | null;
  publicationId: string | null;
  channelId: string | null;
  campaignId: string | null;
  createdAt: Date;
};

export type TrackedLinkWithClicks = TrackedLinkRecord & { clicks: number; botClicks: number };

/** A click from a person (bots excluded) with what attribution needs of its link. */
export type AttributableClick = {
  visitorId: string;
  at: Date;
  linkId: string;
  code: string;
  channelId: string | null;
  channelName: string | null;
  utmSource: string;
  utmCampaign: string;
  campaignId: string | null;
  postId: string | null;
};

type LinkRow = {
  id: string;
  workspace_id: string;
  code: string;
  destination_url: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_term: string | null;
  utm_content: string | null;
  post_id: string | null;
  publication_id: string | null;
  channel_id: string | null;
  campaign_id: string | null;
  created_at: Date;
};

const toRecord = (row: LinkRow): TrackedLinkRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  code: row.code,
  destinationUrl: row.destination_url,
  utm: {
    source: row.utm_source,
    medium: row.utm_medium,
    campaign: row.utm_campaign,
    term: row.utm_term,
    content: row.utm_content,
  },
  postId: row.post_id,
  publicationId: row.publication_id,
  channelId: row.channel_id,
  campaignId: row.campaign_id,
  createdAt: new Date(row.created_at),
});

/** Tracked links, their clicks and the workspace's UTM conventions: the only SQL of the links. */
export function createLinksRepository(db: Executor) {
  return {
    async conventions(workspaceId: string, executor: Executor = db): Promise<UtmConventions | undefined> {
      const row = await executor
        .selectFrom('utm_conventions')
        .select(['lowercase', 'separator', 'allowed_mediums'])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        lowercase: row.lowercase,
        separator: row.separator as UtmConventions['separator'],
        allowedMediums: row.allowed_mediums,
      };
    },

    async saveConventions(
      workspaceId: string,
      conventions: UtmConventions,
      by: string,
      at: Date,
      executor: Executor = db,
    ): Promise<void> {
      const values = {
        lowercase: conventions.lowercase,
        separator: conventions.separator,
        allowed_mediums: [...conventions.allowedMediums],
        updated_by: by,
        updated_at: at,
      };
      await executor
        .insertInto('utm_conventions')
        .values({ workspace_id: workspaceId, ...values })
        .onConflict((conflict) => conflict.column('workspace_id').doUpdateSet(values))
        .execute();
    },

    /** Inserts a link; undefined when its code is taken (the caller draws another). */
    async insertLink(
      input: {
        workspaceId: string;
        code: string;
        destinationUrl: string;
        utm: {
          source: string;
          medium: string;
          campaign: string;
          term?: string | undefined;
          content?: string | undefined;
        };
        postId?: string | undefined;
        publicationId?: string | undefined;
        channelId?: string | undefined;
        campaignId?: string | undefined;
        createdBy: string;
        createdAt: Date;
      },
      executor: Executor = db,
    ): Promise<TrackedLinkRecord | undefined> {
      const row = await executor
        .insertInto('tracked_links')
        .values({
          workspace_id: input.workspaceId,
          code: input.code,
          destination_url: input.destinationUrl,
          utm_source: input.utm.source,
          utm_medium: input.utm.medium,
          utm_campaign: input.utm.campaign,
          utm_term: input.utm.term ?? null,
          utm_content: input.utm.content ?? null,
          post_id: input.postId ?? null,
          publication_id: input.publicationId ?? null,
          channel_id: input.channelId ?? null,
          campaign_id: input.campaignId ?? null,
          created_by: input.createdBy,
          created_at: input.createdAt,
        })
        .onConflict((conflict) => conflict.column('code').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /** Links of a workspace, newest first, with their human and bot clicks since creation. */
    async listWithClicks(workspaceId: string, executor: Executor = db): Promise<TrackedLinkWithClicks[]> {
      const rows = await executor
        .selectFrom('tracked_links as l')
        .leftJoin('link_clicks as c', 'c.link_id', 'l.id')
        .selectAll('l')
        .select([
          sql<string>`count(c.id) filter (where c.is_bot = false)`.as('clicks'),
          sql<string>`count(c.id) filter (where c.is_bot = true)`.as('bot_clicks'),
        ])
        .where('l.workspace_id', '=', workspaceId)
        .groupBy('l.id')
        .orderBy('l.created_at', 'desc')
        .orderBy('l.id')
        .execute();
      return rows.map((row) => ({ ...toRecord(row), clicks: Number(row.clicks), botClicks: Number(row.bot_clicks) }));
    },

    /** The link of a public short code, in whichever workspace (codes are unique across the instance). */
    async findByCode(code: string, executor: Executor = db): Promise<TrackedLinkRecord | undefined> {
      const row = await executor.selectFrom('tracked_links').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /** Whether a post, publication or channel id belongs to the workspace (ids from a body are checked here). */
    async ownsTargets(
      workspaceId: string,
      ids: { postId?: string | undefined; publicationId?: string | undefined; channelId?: string | undefined },
      executor: Executor = db,
    ): Promise<{ post: boolean; publication: boolean; channel: boolean }> {
      const exists = async (table: 'posts' | 'publications' | 'channels', id: string | undefined) => {
        if (id === undefined) return true;
        const row = await executor
          .selectFrom(table)
          .select('id')
          .where('id', '=', id)
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirst();
        return row !== undefined;
      };
      return {
        post: await exists('posts', ids.postId),
        publication: await exists('publications', ids.publicationId),
        channel: await exists('channels', ids.channelId),
      };
    },

    async insertClick(
      click: {
        workspaceId: string;
        linkId: string;
        at: Date;
        visitorId: string;
        ipHash: string;
        userAgentClass: string;
        referrerHost: string | null;
        isBot: boolean;
      },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .insertInto('link_clicks')
        .values({
          workspace_id: click.workspaceId,
          link_id: click.linkId,
          at: click.at,
          visitor_id: click.visitorId,
          ip_hash: click.ipHash,
          user_agent_class: click.userAgentClass,
          referrer_host: click.referrerHost,
          is_bot: click.isBot,
        })
        .execute();
    },

    /** Clicks from people on the workspace's links in [from, to), oldest first, for attribution. */
    async attributableClicks(
      workspaceId: string,
      from: Date,
      to: Date,
      executor: Executor = db,
    ): Promise<AttributableClick[]> {
      const rows = await executor
        .selectFrom('link_clicks as c')
        .innerJoin('tracked_links as l', 'l.id', 'c.link_id')
        .leftJoin('channels as ch', (join) =>
          join.onRef('ch.id', '=', 'l.channel_id').onRef('ch.workspace_id', '=', 'l.workspace_id'),
        )
        .select([
          'c.visitor_id',
          'c.at',
          'l.id as link_id',
          'l.code',
          'l.channel_id',
          'ch.display_name as channel_name',
          'l.utm_source',
          'l.utm_campaign',
          'l.campaign_id',
          'l.post_id',
        ])
        .where('c.workspace_id', '=', workspaceId)
        .where('l.workspace_id', '=', workspaceId)
        .where('c.is_bot', '=', false)
        .where('c.at', '>=', from)
        .where('c.at', '<', to)
        .orderBy('c.at')
        .orderBy('c.id')
        .execute();
      return rows.map((row) => ({
        visitorId: row.visitor_id,
        at: new Date(row.at),
        linkId: row.link_id,
        code: row.code,
        channelId: row.channel_id,
        channelName: row.channel_name,
        utmSource: row.utm_source,
        utmCampaign: row.utm_campaign,
        campaignId: row.campaign_id,
        postId: row.post_id,
      }));
    },
  };
}

export type LinksRepository = ReturnType<typeof createLinksRepository>;
