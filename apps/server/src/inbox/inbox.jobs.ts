import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import type { JobContext } from '../jobs/context.ts';

/** What the inbox jobs call (wired in the composition). */
export type InboxJobHandlers = {
  processDelivery(deliveryId: string): Promise<unknown>;
  pollChannel(channelId: string): Promise<unknown>;
};

function handlersOf(context: JobContext): InboxJobHandlers {
  if (!context.inbox) throw new Error('The inbox is not wired into the job context');
  return context.inbox;
}

/** Stores the items of one verified webhook delivery (idempotent: a processed delivery is skipped). */
export const inboxWebhookJob = defineJob({
  name: 'inbox-webhook.v1',
  payload: z.object({ deliveryId: z.uuid() }),
  retryLimit: 10,
  async handle(payload, context: JobContext) {
    await handlersOf(context).processDelivery(payload.deliveryId);
  },
});

/** Reads one channel's inbox from its persisted cursor (idempotent: items are stored once per channel). */
export const inboxPollJob = defineJob({
  name: 'inbox-poll.v1',
  payload: z.object({ channelId: z.uuid() }),
  retryLimit: 3,
  async handle(payload, context: JobContext) {
    await handlersOf(context).pollChannel(payload.channelId);
  },
});
