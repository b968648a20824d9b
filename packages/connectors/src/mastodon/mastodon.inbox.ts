import type { Connector, ConnectorContext, InboxItem, InboxItemRef, InboxPage } from '../connector.ts';
import { Transient } from '../errors.ts';
import { createStatus } from './mastodon.client.ts';
import { mastodonContentText, mastodonCreatedStatus, mastodonError } from './mastodon.mapper.ts';

const pageSize = 40;

type Notification = {
  id?: string;
  type?: string;
  created_at?: string;
  account?: { id?: string; acct?: string; display_name?: string; username?: string };
  status?: { id?: string; content?: string; url?: string | null; visibility?: string; in_reply_to_id?: string | null };
};

const instanceOf = (context: ConnectorContext) => context.credentials.instanceUrl ?? context.baseUrl;

/**
 * A mention notification as an inbox item: a `direct` status is a DM; the thread is the status it answers, or
 * itself.
 * @example mastodonMentionItem({ id: '9', type: 'mention', account: {...}, status: {...} })?.kind // 'mention'
 */
export function mastodonMentionItem(notification: Notification): InboxItem | null {
  const { status, account } = notification;
  if (notification.type !== 'mention' || !status?.id || !account?.id || !notification.created_at) return null;
  const direct = status.visibility === 'direct';
  return {
    networkItemId: status.id,
    kind: direct ? 'dm' : 'mention',
    threadKey: direct ? `dm:${account.id}` : `status:${status.in_reply_to_id ?? status.id}`,
    ...(status.in_reply_to_id ? { parentNetworkId: status.in_reply_to_id } : {}),
    author: {
      networkId: account.id,
      name: account.display_name || account.username || account.acct || account.id,
      ...(account.acct ? { handle: `@${account.acct}` } : {}),
    },
    text: mastodonContentText(status.content ?? ''),
    createdAt: new Date(notification.created_at),
    ...(status.url ? { url: status.url } : {}),
    replyContext: { acct: account.acct ?? '', visibility: status.visibility ?? 'public' },
  };
}

/**
 * Mentions after the cursor (a notification id), oldest first: `min_id` pages forward from the cursor, so a
 * long downtime is read page by page without a gap.
 */
async function listInboxItems(context: ConnectorContext, cursor: string | null): Promise<InboxPage> {
  const url = new URL('/api/v1/notifications', instanceOf(context));
  url.searchParams.append('types[]', 'mention');
  url.searchParams.set('limit', String(pageSize));
  // Without a cursor, min_id=0 reads from the oldest notification the instance keeps, forward.
  url.searchParams.set('min_id', cursor ?? '0');
  let response: Response;
  try {
    response = await context.fetch(url, {
      headers: { authorization: `Bearer ${context.credentials.accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new Transient(`GET /api/v1/notifications failed: ${(error as Error).message}`);
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok)
    throw mastodonError(
      { status: response.status, headers: response.headers, body },
      { sent: false, now: context.now() },
    );
  const notifications = (Array.isArray(body) ? (body as Notification[]) : []).filter((one) => one.id);
  // Ids are snowflakes: compare them as integers, not strings.
  notifications.sort((a, b) => (BigInt(a.id!) < BigInt(b.id!) ? -1 : 1));
  const items = notifications.map(mastodonMentionItem).filter((item): item is InboxItem => item !== null);
  return {
    items,
    cursor: notifications.at(-1)?.id ?? cursor,
    hasMore: notifications.length === pageSize,
  };
}

/** Answers a mention with a status in reply to it, mentioning its author, with the mention's visibility. */
async function replyToItem(context: ConnectorContext, item: InboxItemRef, text: string) {
  const acct = item.replyContext?.acct;
  const mention = acct && !text.includes(`@${acct}`) ? `@${acct} ` : '';
  const visibility = item.replyContext?.visibility === 'direct' ? 'direct' : 'public';
  const created = mastodonCreatedStatus(
    await createStatus(
      {
        instanceUrl: instanceOf(context),
        fetch: context.fetch,
        now: context.now,
        accessToken: context.credentials.accessToken,
      },
      { status: `${mention}${text}`, in_reply_to_id: item.networkItemId, visibility },
      `reply:${item.networkItemId}:${text.length}:${text.slice(0, 40)}`,
    ),
  );
  return { networkId: created.id };
}

/** The Mastodon inbox: mentions and direct mentions, answered in reply. */
export const mastodonInbox = { listInboxItems, replyToItem } satisfies Partial<Connector>;
