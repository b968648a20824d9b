import type { Connector, ConnectorContext, InboxItem, InboxItemRef, InboxPage } from '../connector.ts';
import { OutcomeUnknown, Rejected, Transient } from '../errors.ts';
import { createRecord, type XrpcAnswer } from './bluesky.client.ts';
import { postCollection, postWebUrl, recordKeyFor, strongRefOf, xrpcError } from './bluesky.mapper.ts';

const pageSize = 50;
/** Pages read back to the cursor in one call at most (2,500 notifications). */
const maxPages = 50;
/** How far behind the newest notification read each poll reads again (late-indexed posts sort back there). */
const lookbackMs = 5 * 60_000;
/** Uris a cursor lists at most. */
const maxSeen = 500;

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

/** What a poll remembers: read back to `since`, skipping the notifications already returned there. */
type InboxCursor = { since: number; seen: ReadonlySet<string> };

const timeOf = (notification: Notification) => Date.parse(notification.indexedAt ?? '');

function parseCursor(cursor: string | null): InboxCursor | null {
  if (!cursor) return null;
  try {
    // `indexedAt` is the cursor's earlier form (no look-back, no seen list).
    const parsed = JSON.parse(cursor) as { since?: unknown; indexedAt?: unknown; seen?: unknown };
    const instant = parsed.since ?? parsed.indexedAt;
    const since = typeof instant === 'string' ? Date.parse(instant) : Number.NaN;
    const seen = Array.isArray(parsed.seen) ? parsed.seen.filter((uri) => typeof uri === 'string') : [];
    return Number.isNaN(since) ? null : { since, seen: new Set(seen) };
  } catch {
    return null;
  }
}

/** The next cursor: the look-back window behind the newest notification, with the uris read inside it. */
function nextCursor(previous: InboxCursor | null, read: readonly Notification[]): string | null {
  const newest = Math.max(previous?.since ?? Number.NEGATIVE_INFINITY, ...read.map(timeOf).filter(Number.isFinite));
  if (!Number.isFinite(newest)) return null;
  let since = Math.max(previous?.since ?? Number.NEGATIVE_INFINITY, newest - lookbackMs);
  const recent = read.filter((one) => timeOf(one) >= since).sort((a, b) => timeOf(b) - timeOf(a));
  // A burst shortens the look-back rather than growing the cursor without bound.
  if (recent.length > maxSeen) since = timeOf(recent[maxSeen - 1]!);
  const seen = [...new Set(recent.filter((one) => timeOf(one) >= since).map((one) => one.uri ?? ''))];
  return JSON.stringify({ since: new Date(since).toISOString(), seen });
}

/**
 * Mentions and replies not returned before, oldest first. Bluesky pages from the newest back, sorted by the
 * post's own time (its `createdAt` when earlier than its indexing), so a post indexed late can land behind the
 * newest one already read: each poll reads back a look-back window and skips the uris its cursor lists.
 */
async function listInboxItems(context: ConnectorContext, cursor: string | null): Promise<InboxPage> {
  const previous = parseCursor(cursor);
  const read: Notification[] = [];
  let page: string | undefined;
  for (let pages = 0; pages < maxPages; pages += 1) {
    const body = (await listNotifications(context, page)) as { notifications?: Notification[]; cursor?: string };
    const notifications = body.notifications ?? [];
    const inWindow = notifications.filter((one) => !previous || timeOf(one) >= previous.since);
    read.push(...inWindow);
    // The AppView filters `reasons` after paging: a page can be empty and still have older ones behind it. Its
    // cursor is the instant it stopped at (opaque for the lexicon, so only used when it reads as one).
    const stoppedAt = Date.parse(body.cursor ?? '');
    if (inWindow.length < notifications.length || !body.cursor || (previous && stoppedAt < previous.since)) break;
    page = body.cursor;
  }
  // One post can notify twice (a reply that also mentions the account): one item, the reply.
  const fresh = new Map<string, Notification>();
  for (const one of read)
    if (one.uri && !previous?.seen.has(one.uri) && (!fresh.has(one.uri) || one.reason === 'reply'))
      fresh.set(one.uri, one);
  return {
    items: [...fresh.values()]
      .sort((a, b) => timeOf(a) - timeOf(b))
      .map(blueskyNotificationItem)
      .filter((item): item is InboxItem => item !== null),
    cursor: nextCursor(previous, read) ?? cursor,
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
