import {
  InboxHideBody,
  InboxItemDetail,
  InboxItemParams,
  InboxItemView,
  InboxKpisQuery,
  InboxKpisView,
  InboxNoteView,
  InboxQuery,
  InboxReplyBody,
  InboxReplyView,
  InboxTextBody,
  MetaWebhookHandshakeQuery,
  UpdateInboxItemBody,
  WebhookAccepted,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { InboxItemRecord } from './inbox.repository.ts';
import type { InboxService } from './inbox.service.ts';
import type { MetaWebhook } from './meta-webhook.ts';
import { rawBodyOf } from './raw-body.ts';

const iso = (date: Date | string) => new Date(date).toISOString();

export function presentItem(item: InboxItemRecord): z.input<typeof InboxItemView> {
  return {
    id: item.id,
    channelId: item.channelId,
    channelName: item.channelName,
    network: item.network,
    networkItemId: item.networkItemId,
    kind: item.kind,
    threadKey: item.threadKey,
    parentNetworkId: item.parentNetworkId,
    author: { networkId: item.authorNetworkId, name: item.authorName, handle: item.authorHandle },
    text: item.text,
    rating: item.rating,
    url: item.url,
    createdAt: iso(item.createdAt),
    receivedAt: iso(item.receivedAt),
    status: item.status,
    assigneeId: item.assigneeId,
    tags: item.tags,
    language: item.lang,
    sentiment: item.sentiment,
    hidden: item.hidden,
    spam: item.spam,
    priority: item.priority,
  };
}

const presentReply = (reply: {
  id: string;
  authorId: string | null;
  text: string;
  networkReplyId: string;
  sentAt: Date;
}): z.input<typeof InboxReplyView> => ({ ...reply, sentAt: iso(reply.sentAt) });

const presentNote = (note: {
  id: string;
  authorId: string | null;
  text: string;
  createdAt: Date;
}): z.input<typeof InboxNoteView> => ({ ...note, createdAt: iso(note.createdAt) });

const itemUrl = '/api/workspaces/:workspaceId/inbox/items/:itemId';

/** The unified inbox: items with filters, detail, triage, notes, replies, hiding, and the community KPIs. */
export function inboxRoutes(services: { inbox: InboxService }): RouteDefinition[] {
  const { inbox } = services;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/inbox/items',
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary: 'Inbox items, newest first, filtered by status, channel, assignee, kind and text',
      params: WorkspaceParams,
      query: InboxQuery,
      response: z.array(InboxItemView),
      handler: async (context) => {
        const { before, ...filters } = context.query;
        const rows = await inbox.list(actorOf(context), {
          ...filters,
          ...(before ? { before: new Date(before) } : {}),
        });
        return rows.map(presentItem);
      },
    }),
    defineRoute({
      method: 'GET',
      url: itemUrl,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary: "An item with its replies, internal notes, the author's history and the reply window",
      params: InboxItemParams,
      response: InboxItemDetail,
      handler: async (context) => {
        const detail = await inbox.detail(actorOf(context), context.params.itemId);
        return {
          item: presentItem(detail.item),
          replies: detail.replies.map(presentReply),
          notes: detail.notes.map(presentNote),
          authorHistory: detail.authorHistory.map(presentItem),
          replyWindow: {
            open: detail.replyWindow.open,
            closesAt: detail.replyWindow.closesAt ? iso(detail.replyWindow.closesAt) : null,
          },
          ruleActions: detail.ruleActions.map((action) => ({ ...action, appliedAt: iso(action.appliedAt) })),
        };
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: itemUrl,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.reply' },
      summary: 'Set an item’s status, assignee or tags',
      params: InboxItemParams,
      body: UpdateInboxItemBody,
      response: InboxItemView,
      handler: async (context) =>
        presentItem(await inbox.update(actorOf(context), context.params.itemId, context.body)),
    }),
    defineRoute({
      method: 'POST',
      url: `${itemUrl}/notes`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.reply' },
      status: 201,
      summary: 'Add an internal note (never sent to the network)',
      params: InboxItemParams,
      body: InboxTextBody,
      response: InboxNoteView,
      handler: async (context) =>
        presentNote(await inbox.addNote(actorOf(context), context.params.itemId, context.body.text)),
    }),
    defineRoute({
      method: 'POST',
      url: `${itemUrl}/replies`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.reply' },
      status: 201,
      summary:
        "Answer on the network through the channel (Meta DMs: within 24 hours of the person's last message); " +
        '409 reply_conflict when another reply came after lastSeenReplyId, unless confirm',
      params: InboxItemParams,
      body: InboxReplyBody,
      response: InboxReplyView,
      handler: async (context) => {
        const { text, lastSeenReplyId, confirm } = context.body;
        return presentReply(
          await inbox.reply(actorOf(context), context.params.itemId, text, { lastSeenReplyId, confirm }),
        );
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${itemUrl}/hidden`,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.reply' },
      summary: 'Hide a comment on the network, or show it again',
      params: InboxItemParams,
      body: InboxHideBody,
      response: InboxItemView,
      handler: async (context) =>
        presentItem(await inbox.hide(actorOf(context), context.params.itemId, context.body.hidden)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/inbox/kpis',
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary:
        'Community KPIs of conversations received in [from, to) (default: the last 28 days): volume, response rate, median first response ' +
        'in business minutes (Monday to Friday hours in the workspace zone), overall, by channel and by agent',
      params: WorkspaceParams,
      query: InboxKpisQuery,
      response: InboxKpisView,
      handler: async (context) => {
        const { hours } = context.query;
        const to = context.query.to ? new Date(context.query.to) : inbox.now();
        const from = context.query.from ? new Date(context.query.from) : new Date(to.getTime() - 28 * 86_400_000);
        const kpis = await inbox.kpis(actorOf(context), { from, to, hours });
        return { from: iso(from), to: iso(to), ...kpis };
      },
    }),
  ];
}

/** Meta's webhook callback: the subscription handshake and signed deliveries. */
export function metaWebhookRoutes(services: { metaWebhook: MetaWebhook }): RouteDefinition[] {
  const { metaWebhook } = services;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/webhooks/meta',
      tag: 'Webhooks',
      access: { kind: 'public' },
      summary: "Meta's subscription check: answers hub.challenge when hub.verify_token is this server's",
      query: MetaWebhookHandshakeQuery,
      response: z.string(),
      produces: 'text/plain',
      handler: async (context) => metaWebhook.handshake(context.query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/webhooks/meta',
      tag: 'Webhooks',
      access: { kind: 'public' },
      summary:
        'Page and Instagram events from Meta, signed with X-Hub-Signature-256 (HMAC-SHA256 of the raw body with ' +
        'the app secret); a replayed delivery is acknowledged and ignored; the work is queued',
      response: WebhookAccepted,
      handler: async (context) => {
        const signature = context.request.headers['x-hub-signature-256'];
        const result = await metaWebhook.receive(
          rawBodyOf(context.request),
          typeof signature === 'string' ? signature : undefined,
        );
        return { received: true as const, duplicate: result.duplicate };
      },
    }),
  ];
}
