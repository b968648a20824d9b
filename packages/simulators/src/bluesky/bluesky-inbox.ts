import { randomBytes } from 'node:crypto';
import type { Router, SimRequest, SimResponse } from '../kit/index.ts';
import { fakeCid, type BlueskyStore, type SimRecord } from './bluesky-store.ts';

type StrongRef = { uri: string; cid: string };
type Notification = { recipient: string; reason: 'mention' | 'reply'; record: SimRecord; authorDid: string };

/**
 * The inbox side of the simulated PDS: `app.bsky.notification.listNotifications` (newest sort time first,
 * `limit`, opaque `cursor` to older pages, `reasons` filtered within a page as the AppView does), and mentions
 * and replies from other accounts added by tests and the demo. Answers are `com.atproto.repo.createRecord` posts
 * with `reply` references.
 */
export function createBlueskyInbox(deps: {
  now: () => Date;
  store: BlueskyStore;
  authorize: (request: SimRequest) => { did: string } | SimResponse;
}) {
  const notifications: Notification[] = [];
  let sequence = 0;

  function view(notification: Notification) {
    const author = deps.store.accounts.get(notification.authorDid);
    const reply = (notification.record.value.reply as { parent?: StrongRef } | undefined)?.parent;
    return {
      uri: notification.record.uri,
      cid: notification.record.cid,
      author: { did: notification.authorDid, handle: author?.handle ?? 'handle.invalid', displayName: author?.handle },
      reason: notification.reason,
      ...(reply ? { reasonSubject: reply.uri } : {}),
      record: notification.record.value,
      isRead: false,
      indexedAt: notification.record.indexedAt.toISOString(),
      labels: [],
    };
  }

  /** The AppView's order: newest sort time first (a post's createdAt when earlier than its indexing), then newest added. */
  const keyOf = (notification: Notification, index: number) =>
    `${String(notification.record.indexedAt.getTime()).padStart(15, '0')}::${String(index).padStart(9, '0')}`;

  function list(request: SimRequest): SimResponse {
    const auth = deps.authorize(request);
    if ('status' in auth) return auth;
    const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 50), 1), 100);
    const reasons = request.query.getAll('reasons');
    const cursor = request.query.get('cursor');
    const mine = notifications
      .map((notification, index) => ({ notification, key: keyOf(notification, index) }))
      .filter(({ notification, key }) => notification.recipient === auth.did && (cursor === null || key < cursor))
      .sort((a, b) => (a.key < b.key ? 1 : -1));
    // Like the AppView, a page is cut before `reasons` filters it: a page can be short, even empty, with more behind.
    const page = mine.slice(0, limit);
    const oldest = page.at(-1);
    return {
      status: 200,
      body: {
        notifications: page
          .filter(({ notification }) => reasons.length === 0 || reasons.includes(notification.reason))
          .map(({ notification }) => view(notification)),
        ...(oldest && mine.length > limit ? { cursor: oldest.key } : {}),
        priority: false,
      },
    };
  }

  return {
    setup(router: Router): void {
      router.route('GET', '/xrpc/app.bsky.notification.listNotifications', list);
    },
    /** Someone mentions `to` (a DID of this PDS), or replies to one of its posts (`replyTo`, a post's strong ref). */
    addIncoming(input: { to: string; fromHandle?: string; text: string; replyTo?: StrongRef; createdAt?: Date }) {
      const handle = (input.fromHandle ?? 'camille.bsky.test').toLowerCase();
      let author = deps.store.findAccount(handle);
      if (!author) {
        author = {
          did: `did:plc:${randomBytes(12).toString('hex')}`,
          handle,
          password: randomBytes(8).toString('hex'),
        };
        deps.store.accounts.set(author.did, author);
      }
      const target = deps.store.accounts.get(input.to);
      if (!target) throw new Error(`No account ${input.to} on this PDS`);
      const at = input.createdAt ?? deps.now();
      const root = input.replyTo
        ? ((deps.store.records.get(input.replyTo.uri)?.value.reply as { root?: StrongRef } | undefined)?.root ??
          input.replyTo)
        : undefined;
      const value: Record<string, unknown> = {
        $type: 'app.bsky.feed.post',
        text: input.replyTo ? input.text : `@${target.handle} ${input.text}`,
        createdAt: at.toISOString(),
        ...(input.replyTo && root ? { reply: { root, parent: input.replyTo } } : {}),
      };
      sequence += 1;
      const rkey = `3l${String(sequence).padStart(11, '2')}`;
      const uri = `at://${author.did}/app.bsky.feed.post/${rkey}`;
      const record: SimRecord = {
        uri,
        cid: fakeCid('bafyrei', JSON.stringify(value) + uri),
        did: author.did,
        collection: 'app.bsky.feed.post',
        rkey,
        value,
        // The AppView sorts a post by its createdAt, or by its indexing when createdAt lies in the future.
        indexedAt: at < deps.now() ? at : deps.now(),
      };
      deps.store.records.set(uri, record);
      const notification: Notification = {
        recipient: target.did,
        reason: input.replyTo ? 'reply' : 'mention',
        record,
        authorDid: author.did,
      };
      notifications.push(notification);
      return { uri, cid: record.cid };
    },
  };
}

export type BlueskyInbox = ReturnType<typeof createBlueskyInbox>;
