import type { Router, SimRequest, SimResponse } from '../kit/index.ts';
import type { BlueskyStore, SimRecord } from './bluesky-store.ts';

/** Counters the AppView keeps from other accounts' like, repost, post (quote) and bookmark records. */
export type BlueskyEngagement = { likes?: number; reposts?: number; quotes?: number; bookmarks?: number };

/** The AppView's `app.bsky.feed.getPosts` limit on `uris`. */
const maxUris = 25;

/**
 * The AppView read `app.bsky.feed.getPosts` as the PDS proxies it: up to 25 `uris`, one postView per post it
 * knows (a deleted or unknown post is left out, not an error), with likeCount, repostCount, replyCount (replies
 * whose parent is the post), quoteCount and bookmarkCount.
 */
export function createBlueskyFeed(deps: {
  store: BlueskyStore;
  authorize: (request: SimRequest) => { did: string } | SimResponse;
}) {
  const engagement = new Map<string, BlueskyEngagement>();

  function replies(uri: string): number {
    let count = 0;
    for (const record of deps.store.records.values()) {
      const parent = (record.value.reply as { parent?: { uri?: string } } | undefined)?.parent;
      if (parent?.uri === uri) count += 1;
    }
    return count;
  }

  function postView(record: SimRecord) {
    const author = deps.store.accounts.get(record.did);
    const counts = engagement.get(record.uri) ?? {};
    return {
      uri: record.uri,
      cid: record.cid,
      author: { did: record.did, handle: author?.handle ?? 'handle.invalid', labels: [] },
      record: record.value,
      bookmarkCount: counts.bookmarks ?? 0,
      replyCount: replies(record.uri),
      repostCount: counts.reposts ?? 0,
      likeCount: counts.likes ?? 0,
      quoteCount: counts.quotes ?? 0,
      indexedAt: record.indexedAt.toISOString(),
      viewer: { bookmarked: false, threadMuted: false, embeddingDisabled: false },
      labels: [],
    };
  }

  function getPosts(request: SimRequest): SimResponse {
    const auth = deps.authorize(request);
    if ('status' in auth) return auth;
    const uris = request.query.getAll('uris');
    if (uris.length === 0)
      return { status: 400, body: { error: 'InvalidRequest', message: 'Error: Params must have the property "uris"' } };
    if (uris.length > maxUris)
      return {
        status: 400,
        body: { error: 'InvalidRequest', message: `Error: uris must not have more than ${maxUris} elements` },
      };
    if (uris.some((uri) => !uri.startsWith('at://')))
      return { status: 400, body: { error: 'InvalidRequest', message: 'Error: uris/0 must be a valid at-uri' } };
    const posts = uris
      .map((uri) => deps.store.records.get(uri))
      .filter((record): record is SimRecord => record?.collection === 'app.bsky.feed.post')
      .map(postView);
    return { status: 200, body: { posts } };
  }

  return {
    setup(router: Router): void {
      router.route('GET', '/xrpc/app.bsky.feed.getPosts', getPosts);
    },
    /** Test hook: other accounts like, repost, quote or bookmark a post (counters replace the previous ones). */
    engage: (uri: string, counts: BlueskyEngagement): void => {
      engagement.set(uri, { ...engagement.get(uri), ...counts });
    },
  };
}

export type BlueskyFeed = ReturnType<typeof createBlueskyFeed>;
