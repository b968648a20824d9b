/**
 * Mastodon instance simulator (platforms.md §11): app registration, OAuth with PKCE, statuses with
 * Idempotency-Key, v2 media upload with processing, account statuses, HTML content, X-RateLimit-* (ISO reset).
 */
import { extractXUrls } from '@sillage/domain';
import { createMastodonOAuth } from './mastodon-oauth.ts';
import { createMastodonInbox } from './mastodon-inbox.ts';
import { numericId, startSimulatorServer, type SimRequest, type SimResponse } from '../kit/index.ts';

export type MastodonSimAccount = { id: string; username: string; acct: string; display_name: string };
export type MastodonSimMedia = {
  id: string;
  mimeType: string;
  bytes: number;
  description: string | null;
  polls: number;
};
export type MastodonSimStatus = {
  id: string;
  accountId: string;
  text: string;
  visibility: string;
  language: string | null;
  media: MastodonSimMedia[];
  inReplyTo: string | null;
  createdAt: string;
  /** Favourites and reblogs from other people (`engage`); replies are counted from the statuses. */
  favourites?: number;
  reblogs?: number;
};

const maxCharacters = 500;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function countCharacters(text: string): number {
  let countable = '';
  let cursor = 0;
  for (const url of extractXUrls(text)) {
    countable += text.slice(cursor, url.start) + 'x'.repeat(23);
    cursor = url.end;
  }
  countable = (countable + text.slice(cursor)).replace(/(^|[^\w/])@(\w+)@[\w.-]+\w/g, '$1@$2');
  return [...segmenter.segment(countable)].length;
}

/**
 * Starts a Mastodon instance simulator on loopback with one account and its token (`account`, `accessToken`).
 * @example const sim = await startMastodonSimulator(); sim.posts() // []
 */
export async function startMastodonSimulator(options: { now?: () => Date; host?: string } = {}) {
  const now = options.now ?? (() => new Date());
  const accounts = new Map<string, MastodonSimAccount>();
  const oauth = createMastodonOAuth(now, () => [...accounts.values()][0]?.id);
  const statuses: MastodonSimStatus[] = [];
  const media = new Map<string, MastodonSimMedia>();
  const idempotency = new Map<string, string>();
  let host = 'mastodon.test';

  const rateHeaders = (): Record<string, string> => ({
    'x-ratelimit-limit': '300',
    'x-ratelimit-remaining': '299',
    'x-ratelimit-reset': new Date(now().getTime() + 300_000).toISOString(),
  });
  const error = (status: number, message: string): SimResponse => ({ status, body: { error: message } });

  function createAccount(input: { username?: string } = {}) {
    const username = input.username ?? `sillage${accounts.size + 1}`;
    const account: MastodonSimAccount = { id: numericId(18), username, acct: username, display_name: username };
    accounts.set(account.id, account);
    const accessToken = oauth.issue(account.id);
    return { account, accessToken };
  }

  function authorize(request: SimRequest): MastodonSimAccount | SimResponse {
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const accountId = oauth.accountOf(token);
    if (!accountId) return error(401, 'The access token is invalid');
    return accounts.get(accountId)!;
  }
  function withAccount(
    handler: (request: SimRequest, account: MastodonSimAccount) => SimResponse | Promise<SimResponse>,
  ) {
    return (request: SimRequest) => {
      const account = authorize(request);
      return 'username' in account ? handler(request, account) : account;
    };
  }

  function attachmentJson(item: MastodonSimMedia) {
    const processed = !item.mimeType.startsWith('video/') || item.polls > 1;
    return {
      id: item.id,
      type: item.mimeType.startsWith('video/') ? 'video' : item.mimeType === 'image/gif' ? 'gifv' : 'image',
      url: processed ? `https://${host}/system/media_attachments/${item.id}` : null,
      preview_url: `https://${host}/system/media_attachments/${item.id}/small`,
      description: item.description,
      meta: {},
    };
  }

  function statusJson(status: MastodonSimStatus) {
    const account = accounts.get(status.accountId)!;
    const content = status.text
      .split(/\n{2,}/)
      .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br />')}</p>`)
      .join('');
    return {
      id: status.id,
      created_at: status.createdAt,
      in_reply_to_id: status.inReplyTo,
      in_reply_to_account_id: status.inReplyTo ? status.accountId : null,
      sensitive: false,
      spoiler_text: '',
      visibility: status.visibility,
      language: status.language,
      uri: `https://${host}/users/${account.username}/statuses/${status.id}`,
      url: `https://${host}/@${account.username}/${status.id}`,
      replies_count: statuses.filter((other) => other.inReplyTo === status.id).length,
      reblogs_count: status.reblogs ?? 0,
      favourites_count: status.favourites ?? 0,
      content,
      account,
      media_attachments: status.media.map(attachmentJson),
      mentions: [],
      tags: [],
    };
  }

  function createStatus(request: SimRequest, account: MastodonSimAccount): SimResponse {
    const key = request.headers['idempotency-key'];
    const keyId = typeof key === 'string' ? `${account.id}:${key}` : undefined;
    const previous = keyId ? statuses.find((status) => status.id === idempotency.get(keyId)) : undefined;
    if (previous) return { status: 200, headers: rateHeaders(), body: statusJson(previous) };
    const body = request.body;
    const text = typeof body.status === 'string' ? body.status : '';
    const mediaIds = Array.isArray(body.media_ids) ? body.media_ids.map(String) : [];
    if (!text && mediaIds.length === 0) return error(422, "Validation failed: Text can't be blank");
    if (countCharacters(text) > maxCharacters)
      return error(422, `Validation failed: Text character limit of ${maxCharacters} exceeded`);
    if (mediaIds.length > 4) return error(422, 'Validation failed: Media attachments too many');
    const attached = mediaIds.map((id) => media.get(id));
    if (attached.some((item) => !item)) return error(422, 'Validation failed: Media attachments are invalid');
    const inReplyTo = typeof body.in_reply_to_id === 'string' ? body.in_reply_to_id : null;
    if (inReplyTo && !statuses.some((status) => status.id === inReplyTo)) return error(404, 'Record not found');
    const visibility = typeof body.visibility === 'string' ? body.visibility : 'public';
    if (!['public', 'unlisted', 'private', 'direct'].includes(visibility))
      return error(422, 'Validation failed: Visibility is not included in the list');
    const status: MastodonSimStatus = {
      id: numericId(18),
      accountId: account.id,
      text,
      visibility,
      language: typeof body.language === 'string' ? body.language : null,
      media: attached as MastodonSimMedia[],
      inReplyTo,
      createdAt: now().toISOString(),
    };
    statuses.push(status);
    if (keyId) idempotency.set(keyId, status.id);
    return { status: 200, headers: rateHeaders(), body: statusJson(status) };
  }

  async function uploadMedia(request: SimRequest): Promise<SimResponse> {
    let form: FormData;
    try {
      form = await new Response(request.raw, {
        headers: { 'content-type': String(request.headers['content-type']) },
      }).formData();
    } catch {
      return error(422, 'Validation failed: File must be multipart');
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') return error(422, "Validation failed: File can't be blank");
    const description = form.get('description');
    const item: MastodonSimMedia = {
      id: numericId(18),
      mimeType: file.type,
      bytes: file.size,
      description: typeof description === 'string' ? description : null,
      polls: 0,
    };
    media.set(item.id, item);
    // Videos are processed asynchronously: 202 with url null, then 206 once, then 200.
    return { status: item.mimeType.startsWith('video/') ? 202 : 200, body: attachmentJson(item) };
  }

  const inbox = createMastodonInbox({ now, accounts, statuses, statusJson });
  const server = await startSimulatorServer({
    network: 'mastodon',
    host: options.host,
    now,
    errorStyle: {
      errorBody: (status, message) => ({ error: status === 429 ? 'Too many requests' : message }),
      rateLimitHeaders: (seconds, at) => ({
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(at.getTime() + seconds * 1000).toISOString(),
      }),
    },
    setup(router) {
      router.route('POST', '/api/v1/statuses', withAccount(createStatus));
      router.route(
        'GET',
        '/api/v1/statuses/:id',
        withAccount((request) => {
          const status = statuses.find((candidate) => candidate.id === request.params.id);
          return status ? { status: 200, body: statusJson(status) } : error(404, 'Record not found');
        }),
      );
      router.route(
        'DELETE',
        '/api/v1/statuses/:id',
        withAccount((request, account) => {
          const index = statuses.findIndex(
            (status) => status.id === request.params.id && status.accountId === account.id,
          );
          if (index < 0) return error(404, 'Record not found');
          const [removed] = statuses.splice(index, 1);
          return { status: 200, body: statusJson(removed!) };
        }),
      );
      router.route(
        'GET',
        '/api/v1/accounts/:id/statuses',
        withAccount((request) => {
          const limit = Math.min(Number(request.query.get('limit') ?? 20), 40);
          const list = statuses
            .filter((status) => status.accountId === request.params.id)
            .reverse()
            .slice(0, limit);
          return { status: 200, headers: rateHeaders(), body: list.map(statusJson) };
        }),
      );
      router.route(
        'GET',
        '/api/v1/accounts/verify_credentials',
        withAccount((_request, account) => ({
          status: 200,
          body: {
            ...account,
            locked: false,
            bot: false,
            url: `https://${host}/@${account.username}`,
            avatar: `https://${host}/avatars/original/${account.id}.png`,
            note: '',
            source: { privacy: 'public', sensitive: false, language: null, note: '', fields: [] },
          },
        })),
      );
      router.route('POST', '/api/v2/media', withAccount(uploadMedia));
      router.route(
        'GET',
        '/api/v1/media/:id',
        withAccount((request) => {
          const item = media.get(request.params.id ?? '');
          if (!item) return error(404, 'Record not found');
          item.polls += 1;
          return { status: attachmentJson(item).url ? 200 : 206, body: attachmentJson(item) };
        }),
      );
      router.route('GET', '/api/v2/instance', () => ({
        status: 200,
        body: {
          domain: host,
          configuration: {
            statuses: { max_characters: maxCharacters, max_media_attachments: 4, characters_reserved_per_url: 23 },
            media_attachments: { image_size_limit: 16777216, video_size_limit: 103809024, description_limit: 1500 },
          },
        },
      }));
      oauth.declareRoutes(router);
      inbox.setup(router, withAccount);
    },
  });
  host = new URL(server.baseUrl).host;

  const initial = createAccount({ username: 'maisonlumiere' });
  return {
    ...server,
    account: initial.account,
    accessToken: initial.accessToken,
    createAccount,
    /** Every status published, oldest first. */
    posts: (): readonly MastodonSimStatus[] => statuses,
    /** Other people favourite or reblog a status (its counters grow as on a real instance). */
    engage(statusId: string, add: { favourites?: number; reblogs?: number }) {
      const status = statuses.find((candidate) => candidate.id === statusId);
      if (!status) throw new Error(`No status ${statusId} on the simulator`);
      status.favourites = (status.favourites ?? 0) + (add.favourites ?? 0);
      status.reblogs = (status.reblogs ?? 0) + (add.reblogs ?? 0);
    },
    /** Incoming mentions and the notifications API (see mastodon-inbox.ts). */
    inbox,
    /** Mastodon tokens never expire; this makes the instance answer 401 for it, as after a revocation. */
    expireAccessToken: oauth.invalidate,
    revokeAccessToken: oauth.invalidate,
    /** Mastodon issues no refresh tokens: kept for the common simulator shape, it does nothing. */
    revokeRefreshToken: (_token: string): void => undefined,
  };
}

export type MastodonSimulator = Awaited<ReturnType<typeof startMastodonSimulator>>;
