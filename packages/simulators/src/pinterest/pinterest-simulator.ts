/**
 * A loopback Pinterest API v5: create, list and delete Pins on the account's boards (image URL, base64 and
 * carousels), list boards, and OAuth 2.0 with Basic client auth, speaking Pinterest's `{code, message}` errors.
 */
import { numericId, startSimulatorServer, type ErrorStyle, type SimRequest, type SimResponse } from '../kit/index.ts';
import { approveRedirect, createOAuthStore, stringField } from '../youtube/oauth-store.ts';
import { createPinAnalytics } from './pinterest-analytics.ts';

export type PinterestSimPin = {
  id: string;
  username: string;
  boardId: string;
  boardSectionId?: string;
  title?: string;
  description: string;
  link?: string;
  altText?: string;
  sourceType: string;
  /** Image URLs, or for base64 sources the decoded byte length of each image. */
  images: (string | number)[];
  createdAt: string;
};

type Account = { id: string; username: string; boards: string[] };

function fail(status: number, code: number, message: string): SimResponse {
  return { status, body: { code, message } };
}

export const pinterestErrorStyle: ErrorStyle = {
  errorBody: (status, message) => ({ code: status === 429 ? 8 : status === 401 ? 2 : 1, message }),
  // Pinterest documents no rate-limit headers: its 429 is the body alone.
  rateLimitHeaders: () => ({}),
};

const maxLengths: Record<string, number> = { title: 100, description: 800, link: 2048, alt_text: 500 };

function checkMediaSource(
  source: Record<string, unknown>,
): { error: string } | { sourceType: string; images: (string | number)[] } {
  const base64Bytes = (data: unknown) =>
    typeof data === 'string' && /^[a-zA-Z0-9+/=]+$/.test(data) ? Buffer.from(data, 'base64').length : -1;
  const contentOk = (type: unknown) => type === 'image/jpeg' || type === 'image/png';
  const items = Array.isArray(source.items) ? (source.items as Record<string, unknown>[]) : [];
  switch (source.source_type) {
    case 'image_url':
      return typeof source.url === 'string'
        ? { sourceType: 'image_url', images: [source.url] }
        : { error: 'url is required.' };
    case 'image_base64':
      return contentOk(source.content_type) && base64Bytes(source.data) > 0
        ? { sourceType: 'image_base64', images: [base64Bytes(source.data)] }
        : { error: 'content_type and base64 data are required.' };
    case 'multiple_image_urls':
      return items.length >= 2 && items.length <= 5 && items.every((item) => typeof item.url === 'string')
        ? { sourceType: 'multiple_image_urls', images: items.map((item) => String(item.url)) }
        : { error: 'items must hold 2 to 5 images with a url.' };
    case 'multiple_image_base64':
      return items.length >= 2 &&
        items.length <= 5 &&
        items.every((item) => contentOk(item.content_type) && base64Bytes(item.data) > 0)
        ? { sourceType: 'multiple_image_base64', images: items.map((item) => base64Bytes(item.data)) }
        : { error: 'items must hold 2 to 5 base64 images.' };
    default:
      return { error: `source_type ${String(source.source_type)} is not simulated.` };
  }
}

/**
 * Starts the Pinterest simulator on loopback.
 * @example const pinterest = await startPinterestSimulator(); const { accessToken, boardId } = pinterest.createAccount();
 */
export async function startPinterestSimulator(options: { now?: () => Date; host?: string } = {}) {
  const now = options.now ?? (() => new Date());
  const oauth = createOAuthStore({
    now,
    accessPrefix: 'pina_',
    refreshPrefix: 'pinr_',
    accessTtlSeconds: 2_592_000,
    rotateRefreshTokens: false,
  });
  const accounts = new Map<string, Account>();
  const pins: PinterestSimPin[] = [];
  const analytics = createPinAnalytics(now);

  function createAccount(input: { username?: string; boards?: number } = {}) {
    const username = input.username ?? `maker${numericId(6)}`;
    const boards = Array.from({ length: input.boards ?? 1 }, () => numericId(12));
    accounts.set(username, { id: numericId(18), username, boards });
    return { ...oauth.issue(username), accountId: username, boardId: boards[0]! };
  }

  function accountOf(request: SimRequest): Account | SimResponse {
    const check = oauth.check(request.headers.authorization);
    if (!check.ok) return fail(401, 2, 'Authentication failed.');
    return accounts.get(check.accountId) ?? fail(401, 2, 'Authentication failed.');
  }

  function pinResource(pin: PinterestSimPin) {
    return {
      id: pin.id,
      created_at: pin.createdAt,
      link: pin.link ?? null,
      title: pin.title ?? null,
      description: pin.description,
      alt_text: pin.altText ?? null,
      board_id: pin.boardId,
      board_section_id: pin.boardSectionId ?? null,
      board_owner: { username: pin.username },
      is_owner: true,
      has_been_promoted: false,
      media: { media_type: pin.images.length > 1 ? 'multiple_images' : 'image' },
    };
  }

  const server = await startSimulatorServer({
    network: 'pinterest',
    host: options.host,
    now,
    errorStyle: pinterestErrorStyle,
    setup(router) {
      router.route('GET', '/oauth/', (request) => {
        const redirectUri = request.query.get('redirect_uri');
        if (!redirectUri || !request.query.get('client_id')) return { status: 400, text: 'invalid_request' };
        const accountId = [...accounts.keys()][0] ?? createAccount().accountId;
        const code = oauth.createCode({ accountId, redirectUri });
        return { status: 302, headers: { location: approveRedirect(redirectUri, code, request.query.get('state')) } };
      });

      router.route('POST', '/v5/oauth/token', (request) => {
        const basic = /^Basic (.+)$/.exec(stringField(request.headers.authorization))?.[1];
        const [clientId, secret] = Buffer.from(basic ?? '', 'base64')
          .toString('utf8')
          .split(':');
        if (!clientId || !secret) return fail(401, 2, 'Authentication failed: client credentials are required.');
        const form = request.body as Record<string, string | undefined>;
        const refreshing = form.grant_type === 'refresh_token';
        const result = refreshing
          ? oauth.refresh(form.refresh_token ?? '')
          : form.grant_type === 'authorization_code'
            ? oauth.exchangeCode({ code: form.code ?? '', redirectUri: form.redirect_uri })
            : ({ ok: false, error: 'unsupported_grant_type', description: 'Unsupported grant_type.' } as const);
        if (!result.ok) return fail(400, 1, `Invalid request: ${result.description}`);
        return {
          status: 200,
          body: {
            access_token: result.tokens.accessToken,
            ...(refreshing ? {} : { refresh_token: result.tokens.refreshToken, refresh_token_expires_in: 31_536_000 }),
            response_type: refreshing ? 'refresh_token' : 'authorization_code',
            token_type: 'bearer',
            expires_in: result.tokens.expiresInSeconds,
            scope: 'boards:read,boards:write,pins:read,pins:write,user_accounts:read',
          },
        };
      });

      router.route('GET', '/v5/user_account', (request) => {
        const account = accountOf(request);
        if ('status' in account) return account;
        return {
          status: 200,
          body: {
            account_type: 'BUSINESS',
            id: account.id,
            username: account.username,
            business_name: account.username,
            profile_image: `https://i.pinimg.test/600x600_R/${account.username}.jpg`,
            website_url: 'https://example.com',
            board_count: account.boards.length,
            pin_count: pins.filter((pin) => pin.username === account.username).length,
            follower_count: 0,
            following_count: 0,
            monthly_views: 0,
          },
        };
      });

      router.route('GET', '/v5/boards', (request) => {
        const account = accountOf(request);
        if ('status' in account) return account;
        return {
          status: 200,
          body: { items: account.boards.map((id) => ({ id, name: `Board ${id}`, privacy: 'PUBLIC' })), bookmark: null },
        };
      });

      router.route('POST', '/v5/pins', (request) => {
        const account = accountOf(request);
        if ('status' in account) return account;
        const body = request.body;
        const boardId = stringField(body.board_id);
        if (!account.boards.includes(boardId)) return fail(404, 3, 'Board not found.');
        for (const [field, limit] of Object.entries(maxLengths))
          if ([...stringField(body[field])].length > limit)
            return fail(400, 1, `Invalid parameters: ${field} is longer than ${limit}.`);
        const media = checkMediaSource((body.media_source ?? {}) as Record<string, unknown>);
        if ('error' in media) return fail(400, 1, `Invalid parameters: media_source: ${media.error}`);
        const pin: PinterestSimPin = {
          id: numericId(18),
          username: account.username,
          boardId,
          boardSectionId: typeof body.board_section_id === 'string' ? body.board_section_id : undefined,
          title: typeof body.title === 'string' ? body.title : undefined,
          description: stringField(body.description),
          link: typeof body.link === 'string' ? body.link : undefined,
          altText: typeof body.alt_text === 'string' ? body.alt_text : undefined,
          sourceType: media.sourceType,
          images: media.images,
          // Pinterest's created_at has no zone designator: it is UTC.
          createdAt: now().toISOString().slice(0, 19),
        };
        pins.push(pin);
        return { status: 201, body: pinResource(pin) };
      });

      router.route('GET', '/v5/pins', (request) => {
        const account = accountOf(request);
        if ('status' in account) return account;
        const size = Math.min(Number(request.query.get('page_size') ?? 25), 250);
        const items = pins
          .filter((pin) => pin.username === account.username)
          .reverse()
          .slice(0, size)
          .map(pinResource);
        return { status: 200, body: { items, bookmark: null } };
      });

      router.route('GET', '/v5/pins/:id/analytics', (request) => {
        const account = accountOf(request);
        if ('status' in account) return account;
        const pin = pins.find((item) => item.id === request.params.id);
        if (!pin) return fail(404, 404, 'Pin not found.');
        if (pin.username !== account.username) return fail(403, 403, 'Not authorized to access board or Pin.');
        return analytics.answer(pin, request.query);
      });

      router.route('DELETE', '/v5/pins/:id', (request) => {
        const account = accountOf(request);
        if ('status' in account) return account;
        const index = pins.findIndex((pin) => pin.id === request.params.id && pin.username === account.username);
        if (index < 0) return fail(404, 50, 'Pin not found.');
        pins.splice(index, 1);
        return { status: 204 };
      });
    },
  });

  return {
    ...server,
    createAccount,
    /** Every Pin created, oldest first. */
    posts: (): readonly PinterestSimPin[] => pins.slice(),
    setDailyMetrics: analytics.setDailyMetrics,
    setLifetimeMetrics: analytics.setLifetimeMetrics,
    revokeRefreshToken: oauth.revokeRefreshToken,
    expireAccessToken: oauth.expireAccessToken,
  };
}

export type PinterestSimulator = Awaited<ReturnType<typeof startPinterestSimulator>>;
