import type { Connector, ConnectorContext, InboxItem, InboxItemRef, InboxPage } from '../connector.ts';
import { Rejected } from '../errors.ts';
import { graphCall, idOf } from '../meta-graph/graph-request.ts';
import { facebookTransport, pageFeed } from './facebook.client.ts';

type GraphComment = {
  id?: string;
  message?: string;
  from?: { id?: string; name?: string };
  created_time?: string;
  parent?: { id?: string };
};
type GraphConversation = {
  id?: string;
  messages?: {
    data?: { id?: string; message?: string; from?: { id?: string; name?: string }; created_time?: string }[];
  };
};

/** How far back the first read looks for posts whose comments to read; webhooks cover older posts. */
const firstReadDays = 30;
const postsLookBackDays = 90;

const rows = <T>(body: Record<string, unknown>): T[] => (Array.isArray(body.data) ? (body.data as T[]) : []);
const parseCursor = (cursor: string | null): number | null => {
  if (!cursor) return null;
  const value = Number((JSON.parse(cursor) as { since?: unknown }).since);
  return Number.isFinite(value) ? value : null;
};

/** A Graph comment as an inbox item; null for the Page's own comments and malformed rows. */
export function facebookCommentItem(pageId: string, postId: string, row: GraphComment): InboxItem | null {
  if (!row.id || !row.from?.id || row.from.id === pageId || !row.created_time) return null;
  const parent = row.parent?.id;
  return {
    networkItemId: row.id,
    kind: parent ? 'reply' : 'comment',
    threadKey: `post:${postId}`,
    ...(parent ? { parentNetworkId: parent } : {}),
    author: { networkId: row.from.id, name: row.from.name ?? row.from.id },
    text: row.message ?? '',
    createdAt: new Date(row.created_time.replace(/\+0000$/, 'Z')),
    url: `https://www.facebook.com/${row.id}`,
  };
}

function messageItem(
  pageId: string,
  row: NonNullable<NonNullable<GraphConversation['messages']>['data']>[number],
): InboxItem | null {
  if (!row.id || !row.from?.id || row.from.id === pageId || !row.created_time) return null;
  return {
    networkItemId: row.id,
    kind: 'dm',
    threadKey: `dm:${row.from.id}`,
    author: { networkId: row.from.id, name: row.from.name ?? row.from.id },
    text: row.message ?? '',
    createdAt: new Date(row.created_time.replace(/\+0000$/, 'Z')),
    replyContext: { recipientId: row.from.id },
  };
}

/**
 * Comments on the Page's recent posts and Messenger messages created at or after the cursor's instant
 * (Graph's `since` is inclusive: the caller's unique key absorbs the overlap), oldest first.
 */
async function listInboxItems(context: ConnectorContext, cursor: string | null): Promise<InboxPage> {
  const transport = facebookTransport(context);
  const pageId = context.credentials.accountId;
  const nowSeconds = Math.floor(context.now().getTime() / 1000);
  const since = parseCursor(cursor) ?? nowSeconds - firstReadDays * 86_400;
  const posts = await pageFeed(transport, pageId, new Date((nowSeconds - postsLookBackDays * 86_400) * 1000));
  const items: InboxItem[] = [];
  for (const post of posts) {
    if (!post.id) continue;
    const body = await graphCall(
      transport,
      'GET',
      `/${post.id}/comments`,
      {
        filter: 'stream',
        order: 'chronological',
        since,
        limit: 100,
        fields: 'id,message,from,created_time,parent{id}',
      },
      'read',
    );
    for (const row of rows<GraphComment>(body)) {
      const item = facebookCommentItem(pageId, post.id, row);
      if (item) items.push(item);
    }
  }
  const conversations = await graphCall(
    transport,
    'GET',
    `/${pageId}/conversations`,
    { platform: 'messenger', fields: 'id,updated_time,messages{id,message,from,created_time}', limit: 100 },
    'read',
  );
  for (const conversation of rows<GraphConversation>(conversations))
    for (const row of conversation.messages?.data ?? []) {
      const item = messageItem(pageId, row);
      if (item && item.createdAt.getTime() >= since * 1000) items.push(item);
    }
  items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const newest = items.at(-1);
  const next = newest ? Math.max(since, Math.floor(newest.createdAt.getTime() / 1000)) : since;
  return { items, cursor: JSON.stringify({ since: next }), hasMore: false };
}

async function replyToItem(context: ConnectorContext, item: InboxItemRef, text: string) {
  const transport = facebookTransport(context);
  if (item.kind === 'dm') {
    const recipientId = item.replyContext?.recipientId;
    if (!recipientId) throw new Rejected('This message has no sender to answer.', 'missing_recipient');
    const body = await graphCall(
      transport,
      'POST',
      `/${context.credentials.accountId}/messages`,
      {
        recipient: JSON.stringify({ id: recipientId }),
        messaging_type: 'RESPONSE',
        message: JSON.stringify({ text }),
      },
      'create',
    );
    const id = idOf(body, 'message_id');
    if (!id) throw new Rejected('Messenger answered without a message id.', 'no_id');
    return { networkId: id };
  }
  const body = await graphCall(transport, 'POST', `/${item.networkItemId}/comments`, { message: text }, 'create');
  const id = idOf(body);
  if (!id) throw new Rejected('Facebook answered without a comment id.', 'no_id');
  return { networkId: id };
}

async function hideItem(context: ConnectorContext, item: InboxItemRef, hidden: boolean): Promise<void> {
  if (item.kind === 'dm') throw new Rejected('A Messenger message cannot be hidden.', 'not_hideable');
  await graphCall(facebookTransport(context), 'POST', `/${item.networkItemId}`, { is_hidden: hidden }, 'read');
}

type WebhookEntry = {
  id?: string;
  changes?: {
    field?: string;
    value?: {
      item?: string;
      verb?: string;
      comment_id?: string;
      post_id?: string;
      parent_id?: string;
      message?: string;
      from?: { id?: string; name?: string };
      created_time?: number;
    };
  }[];
  messaging?: {
    sender?: { id?: string };
    recipient?: { id?: string };
    timestamp?: number;
    message?: { mid?: string; text?: string; is_echo?: boolean };
  }[];
};

/**
 * The inbox items of a Page webhook body (`object: "page"`): new comments from `feed` changes and incoming
 * Messenger messages, with the Page each belongs to. Echoes, edits, removals and the Page's own comments are
 * skipped.
 * @example facebookWebhookItems({ object: 'page', entry: [...] }) // [{ accountId: '1234', item: {...} }]
 */
export function facebookWebhookItems(payload: unknown): { accountId: string; item: InboxItem }[] {
  const body = payload as { object?: unknown; entry?: unknown };
  if (body?.object !== 'page' || !Array.isArray(body.entry)) return [];
  const found: { accountId: string; item: InboxItem }[] = [];
  for (const entry of body.entry as WebhookEntry[]) {
    const pageId = entry.id;
    if (!pageId) continue;
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (change.field !== 'feed' || value?.item !== 'comment' || value.verb !== 'add') continue;
      if (!value.comment_id || !value.post_id || value.created_time === undefined) continue;
      const parent = value.parent_id && value.parent_id !== value.post_id ? { id: value.parent_id } : undefined;
      const item = facebookCommentItem(pageId, value.post_id, {
        id: value.comment_id,
        message: value.message,
        from: value.from,
        created_time: new Date(value.created_time * 1000).toISOString(),
        ...(parent ? { parent } : {}),
      });
      if (item) found.push({ accountId: pageId, item });
    }
    for (const event of entry.messaging ?? []) {
      const senderId = event.sender?.id;
      if (!event.message?.mid || event.message.is_echo || !senderId || senderId === pageId) continue;
      found.push({
        accountId: pageId,
        item: {
          networkItemId: event.message.mid,
          kind: 'dm',
          threadKey: `dm:${senderId}`,
          author: { networkId: senderId, name: senderId },
          text: event.message.text ?? '',
          createdAt: new Date(event.timestamp ?? 0),
          replyContext: { recipientId: senderId },
        },
      });
    }
  }
  return found;
}

/** The Facebook Page inbox: comments and replies, Messenger messages, hiding comments. */
export const facebookInbox = {
  listInboxItems,
  replyToItem,
  hideItem,
  parseInboxWebhook: facebookWebhookItems,
} satisfies Partial<Connector>;
