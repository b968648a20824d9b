import type { Connector, ConnectorContext, InboxItem, InboxItemRef, InboxPage } from '../connector.ts';
import { OutcomeUnknown, Rejected, Transient } from '../errors.ts';
import { createRecord, type XrpcAnswer } from './bluesky.client.ts';
import { postCollection, postWebUrl, recordKeyFor, strongRefOf, xrpcError } from './bluesky.mapper.ts';

const pageSize = 50;
/** Pages read back to the cursor in one call at most (2,500 notifications). */
const maxPages = 50;

type Notification = {
  uri?: string;
  cid?: string;
  author?: { did?: string; handle?: string; displayName?: string };
  reason?: string;
  record?: { text?: string; createdAt?: string; reply?: { root?: { uri?: string; cid?: string } } };
  indexedAt?: string;
};

const hostOf = (context: ConnectorContext) => context.credentials.instanceUrl ?? context.baseUrl;

/**
 * A mention or reply notification as an inbox item; the thread is the root post of the conversation.
 * @example blueskyNotificationItem({ uri: 'at://did:plc:a/app.bsky.feed.post/3k', reason: 'mention', ... })?.kind // 'mention'
 */
export function blueskyNotificationItem(notification: Notification): InboxItem | null {
  const { uri, cid, author, record } = notification;
  if (notification.reason !== 'mention' && notification.reason !== 'reply') return null;
  if (!uri || !cid || !author?.did || !record) return null;
  const root = record.reply?.root;
  return {
    networkItemId: uri,
    kind: notification.reason === 'reply' ? 'reply' : 'mention',
    threadKey: `post:${root?.uri ?? uri}`,
    author: {
      networkId: author.did,
      name: author.displayName || author.handle || author.did,
      ...(author.handle ? { handle: `@${author.handle}` } : {}),
    },
    text: record.text ?? '',
    createdAt: new Date(record.createdAt ?? notification.indexedAt ?? 0),
    ...(postWebUrl(uri) ? { url: postWebUrl(uri)! } : {}),
    replyContext: { cid, rootUri: root?.uri ?? uri, rootCid: root?.cid ?? cid },
  };
}

async function listNotifications(context: ConnectorContext, cursor: string | undefined): Promise<unknown> {
  const url = new URL('/xrpc/app.bsky.notification.listNotifications', hostOf(context));
  url.searchParams.set('limit', String(pageSize));
  url.searchParams.append('reasons', 'mention');
  url.searchParams.append('reasons', 'reply');
  if (cursor) url.searchParams.set('cursor', cursor);
  let answer: XrpcAnswer;
  try {
    const response = await context.fetch(url, {
      headers: { authorization: `Bearer ${context.credentials.accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
    answer = { status: response.status, headers: response.headers, body: await response.json().catch(() => ({})) };
  } catch (error) {
    throw new Transient(`listNotifications: ${(error as Error).message}`);
  }
  if (answer.status >= 500) throw new Transient(`Bluesky answered ${answer.status} to listNotifications`);
  if (answer.status >= 400) throw xrpcError(answer, context.now());
  return answer.body;
}

/**
 * Mentions and replies indexed at or after the cursor's instant, oldest first. Bluesky pages from the newest
 * back, so this reads back until it passes the cursor; the instant is inclusive (the caller's unique key
 * absorbs the overlap).
 */
async function listInboxItems(context: ConnectorContext, cursor: string | null): Promise<InboxPage> {
  const since = cursor ? Date.parse((JSON.parse(cursor) as { indexedAt?: string }).indexedAt ?? '') : Number.NaN;
  const collected: Notification[] = [];
  let page: string | undefined;
  for (let read = 0; read < maxPages; read += 1) {
    const body = (await listNotifications(context, page)) as { notifications?: Notification[]; cursor?: string };
    const notifications = body.notifications ?? [];
    const fresh = notifications.filter((one) => Number.isNaN(since) || Date.parse(one.indexedAt ?? '') >= since);
    collected.push(...fresh);
    if (fresh.length < notifications.length || !body.cursor || notifications.length === 0) break;
    page = body.cursor;
  }
  collected.sort((a, b) => Date.parse(a.indexedAt ?? '') - Date.parse(b.indexedAt ?? ''));
  const newest = collected.at(-1)?.indexedAt;
  return {
    items: collected.map(blueskyNotificationItem).filter((item): item is InboxItem => item !== null),
    cursor: newest ? JSON.stringify({ indexedAt: newest }) : cursor,
    hasMore: false,
  };
}

/** Answers with a post whose `reply` references the item (parent) and its thread's root. */
async function replyToItem(context: ConnectorContext, item: InboxItemRef, text: string) {
  const { cid, rootUri, rootCid } = item.replyContext ?? {};
  if (!cid || !rootUri || !rootCid)
    throw new Rejected('This Bluesky item lacks the references needed to answer it.', 'missing_reply_ref');
  const now = context.now();
  const record = {
    $type: postCollection,
    text,
    createdAt: now.toISOString(),
    reply: { root: { uri: rootUri, cid: rootCid }, parent: { uri: item.networkItemId, cid } },
  };
  // A key derived from the item, the text and the minute: a retried call writes the same record.
  const rkey = recordKeyFor(`reply:${item.networkItemId}:${text}:${Math.floor(now.getTime() / 60_000)}`, 0);
  let answer: XrpcAnswer;
  try {
    answer = await createRecord(context, hostOf(context), context.credentials.accessToken, {
      repo: context.credentials.accountId,
      collection: postCollection,
      rkey,
      record,
    });
  } catch (error) {
    throw new OutcomeUnknown(`Bluesky createRecord ${rkey}: ${(error as Error).message}`);
  }
  if (answer.status >= 500) throw new OutcomeUnknown(`Bluesky answered ${answer.status} to createRecord ${rkey}`);
  if (answer.status >= 400) throw xrpcError(answer, now);
  const ref = strongRefOf(answer.body);
  if (!ref) throw new OutcomeUnknown(`Bluesky answered createRecord ${rkey} without a uri`);
  return { networkId: ref.uri };
}

/** The Bluesky inbox: mentions and replies, answered in thread. */
export const blueskyInbox = { listInboxItems, replyToItem } satisfies Partial<Connector>;
