import { z } from 'zod';
import { Id, Instant } from './common.ts';

export const inboxItemKinds = ['comment', 'reply', 'mention', 'dm', 'review'] as const;
export const inboxStatuses = ['open', 'pending', 'closed'] as const;

export const InboxItemParams = z.object({ workspaceId: Id, itemId: Id });

export const InboxQuery = z.object({
  status: z.enum(inboxStatuses).optional(),
  channelId: Id.optional(),
  assignee: z
    .union([Id, z.literal('none')])
    .optional()
    .meta({ description: "A member's user id, or 'none' for unassigned items" }),
  kind: z.enum(inboxItemKinds).optional(),
  search: z.string().trim().min(1).max(200).optional(),
  tag: z.string().trim().min(1).max(50).optional().meta({ description: 'Items carrying this tag' }),
  before: Instant.optional().meta({ description: 'Items received on the network strictly before (next page)' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^,\s][^,]*$/, 'A tag has no comma');

export const InboxItemView = z
  .object({
    id: Id,
    channelId: Id,
    channelName: z.string(),
    network: z.string(),
    networkItemId: z.string(),
    kind: z.enum(inboxItemKinds),
    threadKey: z.string(),
    parentNetworkId: z.string().nullable(),
    author: z.object({ networkId: z.string(), name: z.string(), handle: z.string().nullable() }),
    text: z.string(),
    rating: z.number().int().min(1).max(5).nullable(),
    url: z.string().nullable(),
    createdAt: Instant,
    receivedAt: Instant,
    status: z.enum(inboxStatuses),
    assigneeId: Id.nullable(),
    tags: z.array(z.string()),
    language: z.string().nullable(),
    sentiment: z.enum(['negative', 'neutral', 'positive']).nullable(),
    hidden: z.boolean(),
    spam: z.boolean(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable(),
  })
  .meta({ id: 'InboxItem' });

/** An action a moderation rule took on an item (migration 0019). */
export const InboxRuleActionView = z.object({
  ruleId: Id.nullable(),
  ruleName: z.string(),
  action: z.enum(['hide', 'tag', 'assign', 'priority', 'spam']),
  value: z.string().nullable(),
  outcome: z.enum(['applied', 'pending', 'failed']),
  error: z.string().nullable(),
  appliedAt: Instant,
});

export const InboxReplyView = z.object({
  id: Id,
  authorId: Id.nullable(),
  text: z.string(),
  networkReplyId: z.string(),
  sentAt: Instant,
});

export const InboxNoteView = z.object({ id: Id, authorId: Id.nullable(), text: z.string(), createdAt: Instant });

export const InboxItemDetail = z
  .object({
    item: InboxItemView,
    replies: z.array(InboxReplyView),
    notes: z.array(InboxNoteView),
    /** The author's other items in the workspace, newest first. */
    authorHistory: z.array(InboxItemView),
    /** Whether a reply may be sent now (Meta's 24-hour window for DMs), and until when. */
    replyWindow: z.object({ open: z.boolean(), closesAt: Instant.nullable() }),
    /** What the moderation rules did to the item, in order. */
    ruleActions: z.array(InboxRuleActionView),
  })
  .meta({ id: 'InboxItemDetail' });

export const UpdateInboxItemBody = z
  .object({
    status: z.enum(inboxStatuses).optional(),
    assigneeId: Id.nullable().optional(),
    tags: z.array(Tag).max(20).optional(),
    spam: z.boolean().optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Give at least one of status, assigneeId, tags, spam or priority');

export const InboxTextBody = z.object({ text: z.string().trim().min(1).max(8_000) });
/** A reply; `lastSeenReplyId` is the newest reply the sender saw (null: none), checked against newer ones. */
export const InboxReplyBody = InboxTextBody.extend({
  lastSeenReplyId: Id.nullable().optional().meta({
    description: 'The newest reply on the item when the sender opened it; a newer one answers 409 unless confirm',
  }),
  confirm: z.boolean().default(false).meta({ description: 'Send even though another reply came since' }),
});
export const InboxHideBody = z.object({ hidden: z.boolean() });

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:mm');

export const InboxKpisQuery = z.object({
  /** Conversations received in [from, to); the last 28 days up to now when not given. */
  from: Instant.optional(),
  to: Instant.optional(),
  /** Opening hours applied Monday to Friday in the workspace's time zone, e.g. `09:00-12:00,14:00-18:00`. */
  hours: z
    .string()
    .max(200)
    .default('09:00-18:00')
    .transform((value, context) => {
      const intervals = value.split(',').map((part) => {
        const [start, end] = part.trim().split('-');
        return { start: start ?? '', end: end ?? '' };
      });
      for (const interval of intervals)
        if (
          !LocalTime.safeParse(interval.start).success ||
          !LocalTime.safeParse(interval.end).success ||
          interval.start >= interval.end
        )
          context.addIssue({
            code: 'custom',
            message: 'Use HH:mm-HH:mm intervals separated by commas, e.g. 09:00-12:00,14:00-18:00',
          });
      return intervals;
    }),
});

const Metric = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('value'),
    value: z.number(),
    notes: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
  z.object({ kind: z.literal('not_reported'), reason: z.string() }),
  z.object({ kind: z.literal('undefined'), reason: z.string() }),
]);

const InboxKpiFigures = z.object({
  conversations: z.number().int(),
  answered: z.number().int(),
  responseRate: Metric,
  medianFirstResponseMinutes: Metric,
  /** Conversations by their items' majority sentiment (unknown: no item analysed). */
  sentiment: z.object({
    negative: z.number().int(),
    neutral: z.number().int(),
    positive: z.number().int(),
    unknown: z.number().int(),
  }),
});

export const InboxKpisView = z
  .object({
    from: Instant,
    to: Instant,
    timeZone: z.string(),
    overall: InboxKpiFigures,
    byChannel: z.array(InboxKpiFigures.extend({ channelId: Id })),
    byAgent: z.array(InboxKpiFigures.extend({ agentId: Id.nullable() })),
  })
  .meta({ id: 'InboxKpis' });

export const MetaWebhookHandshakeQuery = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string().min(1).max(500),
  'hub.challenge': z.string().min(1).max(500),
});

export const WebhookAccepted = z.object({ received: z.literal(true), duplicate: z.boolean() });
