import type { InboxItem } from '@sillage/connectors';
import type { TextAnalyzer } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../jobs/queue.ts';
import type { InboxChannels } from './inbox-channels.ts';
import type { InboxRepository, NewInboxItem } from './inbox.repository.ts';

/** Pages read in one poll at most; the rest waits for the next poll (the cursor keeps the place). */
const maxPagesPerPoll = 20;

/** Which connector reads which webhook source's bodies. */
const webhookNetworks: Record<string, string[]> = { meta: ['facebook', 'instagram'] };

/**
 * Ingestion: items from polls and webhooks, enriched with language and sentiment, stored once per channel.
 * A poll stores a page's items and advances the cursor in one transaction, so a crash or a downtime loses
 * nothing, and the unique (channel, network item id) key means a re-read or a webhook duplicates nothing.
 */
export function createInboxIngestion(deps: {
  db: Kysely<DB>;
  inbox: InboxRepository;
  channels: InboxChannels;
  analyzer: TextAnalyzer;
  /** Enqueues one poll of a channel (deduplicated by channel while one is waiting). */
  enqueuePoll: (channelId: string) => Promise<unknown>;
  logger: Logger;
  now: () => Date;
  /** Called after new items are committed, with their workspaces (inbox escalation); must not throw. */
  afterStored?: ((workspaceIds: readonly string[]) => Promise<void>) | undefined;
  /**
   * Moderation rules: `apply` runs in the transaction that stores new items (once per item), `afterCommit`
   * does the network part (hiding) once they are committed and must not throw.
   */
  moderation?:
    | {
        apply(workspaceId: string, itemIds: readonly string[], executor: Executor): Promise<void>;
        afterCommit(itemIds: readonly string[]): Promise<void>;
      }
    | undefined;
}) {
  const { db, inbox, now } = deps;

  function enrich(item: InboxItem): NewInboxItem {
    if (!item.text.trim()) return { ...item, lang: null, sentiment: null, sentimentScore: null };
    const analysis = deps.analyzer.analyze(item.text);
    return {
      ...item,
      lang: analysis.language,
      sentiment: analysis.sentiment.label,
      sentimentScore: analysis.sentiment.score,
    };
  }

  async function store(
    channel: { id: string; workspaceId: string; network: string },
    items: readonly InboxItem[],
    executor: Executor,
    storedIds: string[],
  ): Promise<number> {
    const ids = await inbox.insertItems(channel, items.map(enrich), now(), executor);
    if (ids.length > 0) await deps.moderation?.apply(channel.workspaceId, ids, executor);
    storedIds.push(...ids);
    return ids.length;
  }

  return {
    /** Reads a channel's new items from its cursor until the network has no more (or the page budget is spent). */
    async pollChannel(channelId: string): Promise<{ stored: number; pages: number }> {
      const opened = await deps.channels.open(channelId);
      const connector = opened && deps.channels.connectorOf(opened.channel.network);
      if (!opened || opened.channel.status !== 'active' || !connector?.listInboxItems) return { stored: 0, pages: 0 };
      const { channel, context } = opened;
      let stored = 0;
      let pages = 0;
      const storedIds: string[] = [];
      let cursor = await db.transaction().execute((trx) => inbox.lockCursor(channel, now(), trx));
      for (; pages < maxPagesPerPoll;) {
        let page;
        try {
          const from = cursor;
          page = await deps.channels.withFreshToken(channel.id, context, (fresh) =>
            connector.listInboxItems!(fresh, from),
          );
        } catch (error) {
          await inbox.recordPollError(channel.id, `${(error as Error).name}: ${(error as Error).message}`, now());
          throw error;
        }
        pages += 1;
        const previous = cursor;
        stored += await db.transaction().execute(async (trx) => {
          const count = await store(channel, page.items, trx, storedIds);
          // Another poll may have moved the cursor meanwhile: keep the furthest one (both stored their items).
          const current = await inbox.lockCursor(channel, now(), trx);
          if (current === previous)
            await inbox.saveCursor(channel.id, { cursor: page.cursor, polledAt: now(), error: null }, trx);
          return count;
        });
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      if (stored > 0) await deps.moderation?.afterCommit(storedIds);
      if (stored > 0) await deps.afterStored?.([channel.workspaceId]);
      return { stored, pages };
    },

    /** Enqueues a poll of every active channel whose network has an inbox. */
    async pollAll(): Promise<number> {
      const channels = await inbox.channelsToPoll(deps.channels.pollableNetworks());
      for (const channel of channels) await deps.enqueuePoll(channel.id);
      return channels.length;
    },

    /** Stores the items of a recorded webhook delivery in every workspace connected to their account, once. */
    async processDelivery(deliveryId: string): Promise<{ stored: number }> {
      const touched: string[] = [];
      const storedIds: string[] = [];
      const result = await db.transaction().execute(async (trx) => {
        const delivery = await inbox.findDelivery(deliveryId, trx);
        if (!delivery || delivery.processedAt) return { stored: 0 };
        let stored = 0;
        for (const network of webhookNetworks[delivery.source] ?? []) {
          const connector = deps.channels.connectorOf(network);
          for (const { accountId, item } of connector?.parseInboxWebhook?.(delivery.body) ?? [])
            for (const channel of await inbox.channelsOfAccount(network, accountId, trx)) {
              const count = await store(channel, [item], trx, storedIds);
              if (count > 0) touched.push(channel.workspaceId);
              stored += count;
            }
        }
        await inbox.markDeliveryProcessed(deliveryId, now(), trx);
        return { stored };
      });
      if (storedIds.length > 0) await deps.moderation?.afterCommit(storedIds);
      if (touched.length > 0) await deps.afterStored?.(touched);
      return result;
    },
  };
}

export type InboxIngestion = ReturnType<typeof createInboxIngestion>;
