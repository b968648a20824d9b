import {
  InboxItemParams,
  InboxPresenceBody,
  InboxPresenceView,
  InboxRuleDryRunBody,
  InboxRuleDryRunView,
  InboxRulesBody,
  InboxRulesView,
  Ok,
  RenderedSavedReply,
  SavedRepliesQuery,
  SavedReplyBody,
  SavedReplyForItemParams,
  SavedReplyParams,
  SavedReplyView,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../../http/route.ts';
import { presentItem } from '../inbox.routes.ts';
import type { InboxPresenceService } from '../presence/inbox-presence.service.ts';
import type { SavedReplyRecord } from '../saved-replies/saved-replies.repository.ts';
import type { SavedRepliesService } from '../saved-replies/saved-replies.service.ts';
import type { InboxRuleRecord } from './inbox-rules.repository.ts';
import { dryRunSampleSize, type InboxRulesService } from './inbox-rules.service.ts';

const iso = (date: Date | string) => new Date(date).toISOString();

const presentRules = (rules: InboxRuleRecord[]): z.input<typeof InboxRulesView> => ({
  rules: rules.map((rule) => ({ ...rule, updatedAt: iso(rule.updatedAt) })),
});

const presentSaved = (saved: SavedReplyRecord): z.input<typeof SavedReplyView> => ({
  ...saved,
  updatedAt: iso(saved.updatedAt),
});

const rulesUrl = '/api/workspaces/:workspaceId/inbox/rules';
const savedUrl = '/api/workspaces/:workspaceId/inbox/saved-replies';
const itemUrl = '/api/workspaces/:workspaceId/inbox/items/:itemId';

/** Moderation rules, saved replies and the collision warning's presence. */
export function inboxRulesRoutes(services: {
  rules: InboxRulesService;
  savedReplies: SavedRepliesService;
  presence: InboxPresenceService;
}): RouteDefinition[] {
  const { rules, savedReplies, presence } = services;
  return [
    defineRoute({
      method: 'GET',
      url: rulesUrl,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary: "The workspace's inbox moderation rules, in the order they run on each new item",
      params: WorkspaceParams,
      response: InboxRulesView,
      handler: async (context) => presentRules(await rules.getRules(actorOf(context))),
    }),
    defineRoute({
      method: 'PUT',
      url: rulesUrl,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'workspace.update' },
      summary:
        "Replaces the workspace's moderation rules, in order: rules sent with their id are kept, new ones created, " +
        'the others deleted; each needs a condition and an action; assignees must be members',
      params: WorkspaceParams,
      body: InboxRulesBody,
      response: InboxRulesView,
      handler: async (context) => presentRules(await rules.putRules(actorOf(context), context.body)),
    }),
    defineRoute({
      method: 'POST',
      url: `${rulesUrl}/dry-run`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary: `Which of the workspace's last ${dryRunSampleSize} items a rule would act on, and how (nothing is changed; the first 50 matches are listed)`,
      params: WorkspaceParams,
      body: InboxRuleDryRunBody,
      response: InboxRuleDryRunView,
      handler: async (context) => {
        const result = await rules.dryRun(actorOf(context), context.body);
        return {
          examined: result.examined,
          matched: result.matched,
          items: result.items.map(({ item, decisions }) => ({
            ...presentItem(item),
            actions: decisions.map((decision) => ({
              action: decision.action,
              value: 'value' in decision ? decision.value : null,
            })),
          })),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: savedUrl,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary:
        'Saved replies, by title, searched in title and body; a language shows its replies and those without one',
      params: WorkspaceParams,
      query: SavedRepliesQuery,
      response: z.array(SavedReplyView),
      handler: async (context) => (await savedReplies.list(actorOf(context), context.query)).map(presentSaved),
    }),
    defineRoute({
      method: 'POST',
      url: savedUrl,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.reply' },
      status: 201,
      summary: 'Save a reply; an unknown {{variable}} is refused',
      params: WorkspaceParams,
      body: SavedReplyBody,
      response: SavedReplyView,
      handler: async (context) => presentSaved(await savedReplies.create(actorOf(context), context.body)),
    }),
    defineRoute({
      method: 'PUT',
      url: `${savedUrl}/:savedReplyId`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.reply' },
      summary: 'Replace a saved reply',
      params: SavedReplyParams,
      body: SavedReplyBody,
      response: SavedReplyView,
      handler: async (context) =>
        presentSaved(await savedReplies.update(actorOf(context), context.params.savedReplyId, context.body)),
    }),
    defineRoute({
      method: 'DELETE',
      url: `${savedUrl}/:savedReplyId`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.reply' },
      summary: 'Delete a saved reply',
      params: SavedReplyParams,
      response: Ok,
      handler: async (context) => {
        await savedReplies.remove(actorOf(context), context.params.savedReplyId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${itemUrl}/saved-replies/:savedReplyId`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.reply' },
      summary:
        "A saved reply's text for this item, variables filled (author, brand, the caller's name...); 422 when a " +
        'variable is unknown or has no value here',
      params: SavedReplyForItemParams,
      response: RenderedSavedReply,
      handler: async (context) =>
        savedReplies.render(actorOf(context), context.params.itemId, context.params.savedReplyId),
    }),
    defineRoute({
      method: 'PUT',
      url: `${itemUrl}/presence`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary:
        'Says the caller has the item open (and whether typing a reply) for 15 seconds; answers who else has it ' +
        'open and the newest reply',
      params: InboxItemParams,
      body: InboxPresenceBody,
      response: InboxPresenceView,
      handler: async (context) => {
        const result = await presence.touch(actorOf(context), context.params.itemId, context.body.typing);
        return {
          others: result.others.map((other) => ({ ...other, seenAt: iso(other.seenAt) })),
          lastReplyId: result.lastReplyId,
        };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: `${itemUrl}/presence`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary: 'Says the caller closed the item',
      params: InboxItemParams,
      response: Ok,
      handler: async (context) => {
        await presence.leave(actorOf(context), context.params.itemId);
        return { ok: true as const };
      },
    }),
  ];
}
