import type { ConversionType } from '@sillage/domain';
import type { Executor } from '../db/database.ts';

export type ConversionSource = 'snippet' | 'server' | 'import';

export type NewConversion = {
  workspaceId: string;
  eventId: string;
  type: ConversionType;
  value: { amountMinor: number; currency: string } | undefined;
  visitorId: string;
  occurredAt: Date;
  receivedAt: Date;
  source: ConversionSource;
  siteKeyId: string | null;
};

export type ConversionRecord = {
  eventId: string;
  type: ConversionType;
  value: { amountMinor: number; currency: string } | undefined;
  visitorId: string;
  occurredAt: Date;
  receivedAt: Date;
};

/** Conversion events; one per (workspace, event id), enforced by the database. */
export function createConversionsRepository(db: Executor) {
  return {
    /** Inserts the events whose id is new; returns how many were new (the others were already recorded). */
    async insertNew(events: readonly NewConversion[], executor: Executor = db): Promise<number> {
      if (events.length === 0) return 0;
      let inserted = 0;
      for (let index = 0; index < events.length; index += 500) {
        const rows = await executor
          .insertInto('conversion_events')
          .values(
            events.slice(index, index + 500).map((event) => ({
              workspace_id: event.workspaceId,
              event_id: event.eventId,
              type: event.type,
              value_minor: event.value?.amountMinor ?? null,
              currency: event.value?.currency ?? null,
              visitor_id: event.visitorId,
              occurred_at: event.occurredAt,
              received_at: event.receivedAt,
              source: event.source,
              site_key_id: event.siteKeyId,
            })),
          )
          .onConflict((conflict) => conflict.columns(['workspace_id', 'event_id']).doNothing())
          .returning('id')
          .execute();
        inserted += rows.length;
      }
      return inserted;
    },

    /** Events that occurred in [from, to), in arrival order (the order deduplication keeps the first of). */
    async listOccurred(
      workspaceId: string,
      from: Date,
      to: Date,
      executor: Executor = db,
    ): Promise<ConversionRecord[]> {
      const rows = await executor
        .selectFrom('conversion_events')
        .select(['event_id', 'type', 'value_minor', 'currency', 'visitor_id', 'occurred_at', 'received_at'])
        .where('workspace_id', '=', workspaceId)
        .where('occurred_at', '>=', from)
        .where('occurred_at', '<', to)
        .orderBy('received_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        eventId: row.event_id,
        type: row.type as ConversionType,
        value:
          row.value_minor === null || row.currency === null
            ? undefined
            : { amountMinor: Number(row.value_minor), currency: row.currency },
        visitorId: row.visitor_id,
        occurredAt: new Date(row.occurred_at),
        receivedAt: new Date(row.received_at),
      }));
    },
  };
}

export type ConversionsRepository = ReturnType<typeof createConversionsRepository>;
