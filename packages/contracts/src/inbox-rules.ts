import { z } from 'zod';
import { Id, Instant } from './common.ts';
import { inboxItemKinds, InboxItemView } from './inbox.ts';

export const inboxPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const inboxRuleActionKinds = ['hide', 'tag', 'assign', 'priority', 'spam'] as const;

const Words = z.string().trim().min(1).max(100);
const RuleTag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^,\s][^,]*$/, 'A tag has no comma');

/** Every given field must hold; within one list, any value. */
export const InboxRuleConditions = z.object({
  keywords: z
    .array(Words)
    .max(50)
    .optional()
    .meta({ description: 'Words or phrases, compared like listening queries (case, accents and elisions ignored)' }),
  sentiments: z
    .array(z.enum(['negative', 'neutral', 'positive']))
    .max(3)
    .optional(),
  languages: z
    .array(z.enum(['fr', 'en', 'other']))
    .max(3)
    .optional(),
  networks: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
  kinds: z.array(z.enum(inboxItemKinds)).max(5).optional(),
  authorHandles: z.array(Words).max(50).optional(),
  spam: z.boolean().optional().meta({ description: 'The item is (true) or is not (false) flagged as spam' }),
});

export const InboxRuleActions = z.object({
  hide: z.boolean().optional().meta({ description: 'Hide the item on the network, where its connector can' }),
  tags: z.array(RuleTag).max(10).optional(),
  assignTo: Id.optional().meta({ description: "A member's user id" }),
  priority: z.enum(inboxPriorities).optional(),
  markSpam: z.boolean().optional(),
});

export const InboxRuleInput = z.object({
  id: Id.optional().meta({ description: 'An existing rule to keep; omitted for a new rule' }),
  name: z.string().trim().min(1, 'Give the rule a name').max(100),
  enabled: z.boolean().default(true),
  conditions: InboxRuleConditions,
  actions: InboxRuleActions,
});

/** The workspace's rules in the order they run. */
export const InboxRulesBody = z.object({ rules: z.array(InboxRuleInput).max(50, 'At most 50 rules per workspace') });

export const InboxRuleView = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  enabled: z.boolean(),
  conditions: InboxRuleConditions,
  actions: InboxRuleActions,
  updatedAt: Instant,
});

export const InboxRulesView = z.object({ rules: z.array(InboxRuleView) });

/** A rule to try on recent items without saving it. */
export const InboxRuleDryRunBody = z.object({ conditions: InboxRuleConditions, actions: InboxRuleActions });

export const InboxRuleDryRunView = z.object({
  /** How many recent items were read (at most 500), and how many the rule matches. */
  examined: z.number().int(),
  matched: z.number().int(),
  items: z.array(
    InboxItemView.extend({
      actions: z.array(z.object({ action: z.enum(inboxRuleActionKinds), value: z.string().nullable() })),
    }),
  ),
});

export const SavedReplyParams = z.object({ workspaceId: Id, savedReplyId: Id });

export const SavedReplyBody = z.object({
  title: z.string().trim().min(1, 'Give the saved reply a title').max(100),
  body: z.string().trim().min(1, 'Write the reply').max(8_000).meta({
    description:
      'Text with variables: {{author_name}}, {{author_handle}}, {{brand}}, {{agent_name}}, {{channel_name}}, {{network}}',
  }),
  language: z.enum(['fr', 'en']).nullable().default(null),
  tags: z.array(RuleTag).max(10).default([]),
});

export const SavedReplyView = z.object({
  id: Id,
  title: z.string(),
  body: z.string(),
  language: z.enum(['fr', 'en']).nullable(),
  tags: z.array(z.string()),
  updatedAt: Instant,
});

export const SavedRepliesQuery = z.object({
  search: z.string().trim().min(1).max(100).optional(),
  language: z.enum(['fr', 'en']).optional(),
});

export const SavedReplyForItemParams = z.object({ workspaceId: Id, itemId: Id, savedReplyId: Id });
export const RenderedSavedReply = z.object({ text: z.string() });

/** Sent every few seconds while a member has an item open. */
export const InboxPresenceBody = z.object({ typing: z.boolean().default(false) });

export const InboxPresenceView = z.object({
  /** The other members who have the item open now, and whether they are typing a reply. */
  others: z.array(z.object({ userId: Id, name: z.string(), typing: z.boolean(), seenAt: Instant })),
  /** The newest reply on the item (to send with a reply: the server warns when another one came since). */
  lastReplyId: Id.nullable(),
});
