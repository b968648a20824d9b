/**
 * X API v2 simulator (platforms.md §6): posts and threads, chunked media upload with processing states,
 * the user timeline, OAuth 2.0 with PKCE and rotating refresh tokens, problem-object errors, x-rate-limit-* headers.
 */
import { parseXText } from '@sillage/domain';
import { createXMetrics } from './x-metrics.ts';
import { createXOAuth } from './x-oauth.ts';
import { numericId, startSimulatorServer, type SimRequest, type SimResponse } from '../kit/index.ts';

export type XSimAccount = { id: string; username: string; name: string };
export type XSimPost = {
  id: string;
  authorId: string;
  text: string;
  mediaIds: string[];
  media: { id: string; mimeType: string; bytes: number; altText?: string }[];
  inReplyTo?: string;
  conversationId: string;
  createdAt: string;
};
type Media = {
  id: string;
  mimeType: string;
  total: number;
  chunks: Map<number, Buffer>;
  state: string;
  polls: number;
  altText?: string;
};

/**
 * X's weighted length exceeds 280 (twitter-text v3: 23 per URL, at most 2 per code point otherwise). Exact,
 * and cheap for most posts: without a "." followed by a character that could start a top-level domain the
 * text holds no URL, so at most 140 UTF-16 code units (after NFC) cannot exceed 280; only the others pay for
 * twitter-text's URL extraction (about a tenth of a millisecond a post).
 */
function overXLimit(text: string): boolean {
  const normalized = text.normalize('NFC');
  if (normalized.length <= 140 && !/\.[^\s.]/u.test(normalized)) return false;
  return parseXText(text).weightedLength > 280;
}

const problem = (status: number, title: string, detail: string, type = 'about:blank') => ({
  title,
  detail,
  type,
  status,
});

const invalid = (detail: string): SimResponse => ({
  status: 400,
  body: problem(400, 'Invalid Request', detail, 'https://api.x.com/2/problems/invalid-request'),
});

/**
 * Starts an X simulator on loopback with one account ready (`account`, `accessToken`, `refreshToken`).
 * @example const sim = await startXSimulator(); sim.posts() // []
 */
export async function startXSimulator(options: { now?: () => Date; host?: string } = {}) {
  const now = options.now ?? (() => new Date());
  const accounts = new Map<string, XSimAccount>();
  const oauth = createXOAuth(now, () => [...accounts.values()][0]?.id);
  const posts: XSimPost[] = [];
  // The texts each account has posted, for X's duplicate-content refusal without a scan of every post.
  const textsByAuthor = new Map<string, Map<string, number>>();
  const remember = (post: XSimPost, change: 1 | -1) => {
    const texts = textsByAuthor.get(post.authorId) ?? new Map<string, number>();
    const count = (texts.get(post.text) ?? 0) + change;
    if (count > 0) texts.set(post.text, count);
    else texts.delete(post.text);
    textsByAuthor.set(post.authorId, texts);
  };
  const media = new Map<string, Media>();
  const metrics = createXMetrics((id) => posts.find((post) => post.id === id));
  const rateHeaders = (): Record<string, string> => ({
    'x-rate-limit-limit': '200',
    'x-rate-limit-remaining': '199',
    'x-rate-limit-reset': String(Math.floor(now().getTime() / 1000) + 900),
  });

  function createAccount(input: { username?: string; name?: string } = {}) {
    const account: XSimAccount = {
      id: numericId(19),
      username: input.username ?? `sillage${accounts.size + 1}`,
      name: input.name ?? 'Sillage Test',
    };
    accounts.set(account.id, account);
    return { account, ...oauth.issue(account.id) };
  }

  /** The account behind the bearer token, or the 401 X gives for a missing, unknown or expired token. */
  function authorize(request: SimRequest): XSimAccount | SimResponse {
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const userId = oauth.userOf(token);
    if (!userId) return { status: 401, body: problem(401, 'Unauthorized', 'Unauthorized') };
    return accounts.get(userId)!;
  }
  const isAccount = (value: XSimAccount | SimResponse): value is XSimAccount => 'username' in value;

  function createTweet(request: SimRequest): SimResponse {
    const user = authorize(request);
    if (!isAccount(user)) return user;
    const body = request.body as {
      text?: unknown;
      media?: { media_ids?: unknown };
      reply?: { in_reply_to_tweet_id?: unknown };
    };
    const text = typeof body.text === 'string' ? body.text : '';
    const mediaIds = Array.isArray(body.media?.media_ids) ? body.media.media_ids.map(String) : [];
    if (!text && mediaIds.length === 0) return invalid('Either text or media is required.');
    if (overXLimit(text)) return invalid('Your Tweet text is too long.');
    if (mediaIds.length > 4) return invalid('media.media_ids: size must be between 1 and 4');
    for (const id of mediaIds)
      if (media.get(id)?.state !== 'succeeded') return invalid(`Your media IDs are invalid: ${id}`);
    const parentId = typeof body.reply?.in_reply_to_tweet_id === 'string' ? body.reply.in_reply_to_tweet_id : undefined;
    const parent = parentId ? posts.find((post) => post.id === parentId) : undefined;
    if (parentId && !parent) return invalid('The Tweet being replied to does not exist.');
    if (text && textsByAuthor.get(user.id)?.has(text))
      return {
        status: 403,
        body: problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'),
      };
    const id = numericId(19);
    const post: XSimPost = {
      id,
      authorId: user.id,
      text,
      mediaIds,
      media: mediaIds.map((mediaId) => {
        const item = media.get(mediaId)!;
        return {
          id: mediaId,
          mimeType: item.mimeType,
          bytes: item.total,
          ...(item.altText ? { altText: item.altText } : {}),
        };
      }),
      ...(parentId ? { inReplyTo: parentId } : {}),
      conversationId: parent?.conversationId ?? id,
      createdAt: now().toISOString(),
    };
    posts.push(post);
    remember(post, 1);
    return { status: 201, headers: rateHeaders(), body: { data: { id, text, edit_history_tweet_ids: [id] } } };
  }

  function withUser(handler: (request: SimRequest, user: XSimAccount) => SimResponse) {
    return (request: SimRequest): SimResponse => {
      const user = authorize(request);
      return isAccount(user) ? handler(request, user) : user;
    };
  }

  function mediaData(item: Media) {
    const base = {
      id: item.id,
      media_key: `${item.mimeType.startsWith('video/') ? 7 : 3}_${item.id}`,
      size: item.total,
    };
    if (item.state === 'succeeded' && !item.mimeType.startsWith('video/')) return base;
    return {
      ...base,
      processing_info: {
        state: item.state,
        check_after_secs: 1,
        progress_percent: item.state === 'succeeded' ? 100 : 50,
      },
    };
  }

  const server = await startSimulatorServer({
    network: 'x',
    host: options.host,
    now,
    errorStyle: {
      errorBody: (status, message) => problem(status, status === 429 ? 'Too Many Requests' : 'Error', message),
      rateLimitHeaders: (seconds, at) => ({
        'x-rate-limit-limit': '200',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(Math.floor(at.getTime() / 1000) + seconds),
      }),
    },
    setup(router) {
      router.route('POST', '/2/tweets', createTweet);
      router.route(
        'GET',
        '/2/tweets',
        withUser((request, user) => metrics.lookup(request, user.id)),
      );
      router.route(
        'DELETE',
        '/2/tweets/:id',
        withUser((request, user) => {
          const index = posts.findIndex((post) => post.id === request.params.id && post.authorId === user.id);
          if (index < 0) return { status: 404, body: problem(404, 'Not Found Error', 'Could not find tweet.') };
          remember(posts[index]!, -1);
          posts.splice(index, 1);
          return { status: 200, body: { data: { deleted: true } } };
        }),
      );
      router.route(
        'GET',
        '/2/users/me',
        withUser((request, user) => {
          const fields = (request.query.get('user.fields') ?? '').split(',');
          const picture = `https://pbs.twimg.com/profile_images/${user.id}/avatar_normal.jpg`;
          return {
            status: 200,
            body: {
              data: { ...user, ...(fields.includes('profile_image_url') ? { profile_image_url: picture } : {}) },
            },
          };
        }),
      );
      router.route(
        'GET',
        '/2/users/:id/tweets',
        withUser((request) => {
          const since = Date.parse(request.query.get('start_time') ?? '') || 0;
          const limit = Number(request.query.get('max_results') ?? 10);
          const data = posts
            .filter((post) => post.authorId === request.params.id && Date.parse(post.createdAt) >= since)
            .reverse()
            .slice(0, limit)
            .map((post) => ({
              id: post.id,
              text: post.text,
              created_at: post.createdAt,
              conversation_id: post.conversationId,
            }));
          return { status: 200, body: { data, meta: { result_count: data.length } } };
        }),
      );
      router.route(
        'POST',
        '/2/media/upload/initialize',
        withUser((request) => {
          const body = request.body as { media_type?: unknown; total_bytes?: unknown };
          if (typeof body.media_type !== 'string' || typeof body.total_bytes !== 'number')
            return { status: 400, body: problem(400, 'Invalid Request', 'media_type and total_bytes are required') };
          const id = numericId(19);
          media.set(id, {
            id,
            mimeType: body.media_type,
            total: body.total_bytes,
            chunks: new Map(),
            state: 'created',
            polls: 0,
          });
          return { status: 200, body: { data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } } };
        }),
      );
      router.route(
        'POST',
        '/2/media/upload/:id/append',
        withUser((request) => {
          const item = media.get(request.params.id ?? '');
          const body = request.body as { media?: unknown; segment_index?: unknown };
          if (!item || typeof body.media !== 'string' || typeof body.segment_index !== 'number')
            return { status: 400, body: problem(400, 'Invalid Request', 'unknown media or missing segment') };
          item.chunks.set(body.segment_index, Buffer.from(body.media, 'base64'));
          return { status: 200, body: {} };
        }),
      );
      router.route(
        'POST',
        '/2/media/upload/:id/finalize',
        withUser((request) => {
          const item = media.get(request.params.id ?? '');
          if (!item) return { status: 400, body: problem(400, 'Invalid Request', 'unknown media id') };
          const received = [...item.chunks.values()].reduce((sum, chunk) => sum + chunk.length, 0);
          if (received !== item.total)
            return {
              status: 400,
              body: problem(400, 'Invalid Request', `File size mismatch: ${received} of ${item.total} bytes`),
            };
          // Videos go through processing (pending, then in_progress, then succeeded); images are ready at once.
          item.state = item.mimeType.startsWith('video/') ? 'pending' : 'succeeded';
          return { status: 200, body: { data: mediaData(item) } };
        }),
      );
      router.route(
        'GET',
        '/2/media/upload',
        withUser((request) => {
          const item = media.get(request.query.get('media_id') ?? '');
          if (!item) return { status: 404, body: problem(404, 'Not Found Error', 'unknown media id') };
          item.polls += 1;
          if (item.state !== 'succeeded') item.state = item.polls >= 2 ? 'succeeded' : 'in_progress';
          return { status: 200, body: { data: mediaData(item) } };
        }),
      );
      router.route(
        'POST',
        '/2/media/metadata',
        withUser((request) => {
          const body = request.body as { id?: unknown; metadata?: { alt_text?: { text?: unknown } } };
          const item = media.get(String(body.id));
          if (!item) return { status: 400, body: problem(400, 'Invalid Request', 'unknown media id') };
          if (typeof body.metadata?.alt_text?.text === 'string') item.altText = body.metadata.alt_text.text;
          return { status: 200, body: { data: { id: item.id, associated_metadata: true } } };
        }),
      );
      router.route('GET', '/2/oauth2/authorize', oauth.authorize);
      router.route('GET', '/i/oauth2/authorize', oauth.authorize);
      router.route('POST', '/2/oauth2/token', oauth.token);
    },
  });

  const initial = createAccount({ username: 'maisonlumiere', name: 'Maison Lumière' });
  return {
    ...server,
    account: initial.account,
    accessToken: initial.accessToken,
    refreshToken: initial.refreshToken,
    createAccount,
    /** Everything published, oldest first. */
    posts: (): readonly XSimPost[] => posts,
    revokeRefreshToken: oauth.revokeRefreshToken,
    expireAccessToken: oauth.expireAccessToken,
    /** Sets a post's counters, as `GET /2/tweets?tweet.fields=public_metrics,non_public_metrics` reports them. */
    setMetrics: metrics.setMetrics,
  };
}

export type XSimulator = Awaited<ReturnType<typeof startXSimulator>>;
