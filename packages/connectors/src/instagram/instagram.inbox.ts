import type { Connector, ConnectorContext, InboxItem, InboxItemRef, InboxPage } from '../connector.ts';
import { Rejected } from '../errors.ts';
import { graphCall, idOf } from '../meta-graph/graph-request.ts';
import { instagramTransport, listMedia } from './instagram.client.ts';

type GraphComment = {
  id?: string;
  text?: string;
  timestamp?: string;
  username?: string;
  from?: { id?: string; username?: string };
  parent_id?: string;
};

const firstReadDays = 30;
const mediaToScan = 50;

/**
 * An Instagram comment as an inbox item; null for the account's own answers.
 * @example instagramCommentItem('1784', '1790', { id: '1800', text: 'Top', from: { id: '9', username: 'lou' }, timestamp }) // { kind: 'comment', ... }
 */
export function instagramCommentItem(accountId: string, mediaId: string, row: GraphComment): InboxItem | null {
  const authorId = row.from?.id;
  if (!row.id || !authorId || authorId === accountId || !row.timestamp) return null;
  const username = row.from?.username ?? row.username;
  return {
    networkItemId: row.id,
    kind: row.parent_id ? 'reply' : 'comment',
    threadKey: `media:${mediaId}`,
    ...(row.parent_id ? { parentNetworkId: row.parent_id } : {}),
    author: { networkId: authorId, name: username ?? authorId, ...(username ? { handle: `@${username}` } : {}) },
    text: row.text ?? '',
    createdAt: new Date(row.timestamp.replace(/\+0000$/, 'Z')),
  };
}

/** Comments on the account's recent media created at or after the cursor's instant (inclusive), oldest first. */
async function listInboxItems(context: ConnectorContext, cursor: string | null): Promise<InboxPage> {
  const transport = instagramTransport(context);
  const accountId = context.credentials.accountId;
  const parsed = cursor ? Number((JSON.parse(cursor) as { since?: unknown }).since) : Number.NaN;
  const since = Number.isFinite(parsed) ? parsed : context.now().getTime() - firstReadDays * 86_400_000;
  const items: InboxItem[] = [];
  for (const media of await listMedia(transport, accountId, mediaToScan)) {
    if (!media.id) continue;
    const body = await graphCall(
      transport,
      'GET',
      `/${media.id}/comments`,
      { fields: 'id,text,timestamp,username,from,parent_id', limit: 50 },
      'read',
    );
    for (const row of (Array.isArray(body.data) ? body.data : []) as GraphComment[]) {
      const item = instagramCommentItem(accountId, media.id, row);
      if (item && item.createdAt.getTime() >= since) items.push(item);
    }
  }
  items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const newest = items.at(-1)?.createdAt.getTime() ?? since;
  return { items, cursor: JSON.stringify({ since: Math.max(since, newest) }), hasMore: false };
}

async function replyToItem(context: ConnectorContext, item: InboxItemRef, text: string) {
  if (item.kind === 'dm') throw new Rejected('Instagram direct messages are not answered from Sillage yet.', 'dm');
  const body = await graphCall(
    instagramTransport(context),
    'POST',
    `/${item.networkItemId}/replies`,
    { message: text },
    'create',
  );
  const id = idOf(body);
  if (!id) throw new Rejected('Instagram answered without a comment id.', 'no_id');
  return { networkId: id };
}

async function hideItem(context: ConnectorContext, item: InboxItemRef, hidden: boolean): Promise<void> {
  await graphCall(instagramTransport(context), 'POST', `/${item.networkItemId}`, { hide: hidden }, 'read');
}

type WebhookEntry = {
  id?: string;
  changes?: {
    field?: string;
    value?: {
      id?: string;
      text?: string;
      from?: { id?: string; username?: string };
      media?: { id?: string };
      parent_id?: string;
    };
  }[];
  time?: number;
};

/**
 * The comments of an Instagram webhook body (`object: "instagram"`, field `comments`), each with its account.
 * @example instagramWebhookItems({ object: 'instagram', entry: [] }) // []
 */
export function instagramWebhookItems(payload: unknown): { accountId: string; item: InboxItem }[] {
  const body = payload as { object?: unknown; entry?: unknown };
  if (body?.object !== 'instagram' || !Array.isArray(body.entry)) return [];
  const found: { accountId: string; item: InboxItem }[] = [];
  for (const entry of body.entry as WebhookEntry[]) {
    if (!entry.id) continue;
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (change.field !== 'comments' || !value?.media?.id) continue;
      const item = instagramCommentItem(entry.id, value.media.id, {
        ...value,
        timestamp: new Date((entry.time ?? 0) * 1000).toISOString(),
      });
      if (item) found.push({ accountId: entry.id, item });
    }
  }
  return found;
}

/** The Instagram inbox: comments and replies on the account's media, answered and hidden. */
export const instagramInbox = {
  listInboxItems,
  replyToItem,
  hideItem,
  parseInboxWebhook: instagramWebhookItems,
} satisfies Partial<Connector>;
