import type { Connector, ConnectorContext } from '../connector.ts';
import { Transient } from '../errors.ts';
import {
  createPin,
  deletePin,
  getUserAccount,
  listPins,
  requestPinterestToken,
  type PinterestContext,
} from './pinterest.client.ts';
import {
  pinterestFindOwnPin,
  pinterestLimits,
  pinterestMediaSource,
  pinterestPinBody,
  pinterestPinResult,
  pinterestTokenSet,
  pinterestUsesBase64,
  validatePinterestRequest,
} from './pinterest.mapper.ts';
import { pinterestMetrics } from './pinterest.metrics.ts';

const defaultScopes = ['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read'];

function pinterestContext(context: ConnectorContext): PinterestContext {
  return {
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    now: context.now,
    accessToken: context.credentials.accessToken,
  };
}

/**
 * Pinterest (API v5): an image Pin or a 2–5 image carousel on a board (`options.boardId`), from image URLs or
 * uploaded as base64; OAuth 2.0 code flow with Basic client auth (no PKCE).
 * @example await pinterestConnector.publish(context, { idempotencyKey: 'pub_1', format: 'pin', text: 'Picnic ideas', media: [image], options: { boardId: '549755885175' } })
 */
export const pinterestConnector: Connector = {
  network: 'pinterest',
  capabilities: {
    formats: ['pin', 'image', 'multi_image', 'carousel'],
    maxTextLength: pinterestLimits.maxDescriptionLength,
    textCounting: 'graphemes',
    maxMediaPerPost: pinterestLimits.maxCarouselImages,
    threads: false,
    firstComment: false,
    analytics: true,
    inbox: { comments: false, mentions: false, directMessages: false, reviews: false },
    auth: 'oauth2',
  },
  validate: validatePinterestRequest,

  async publish(context, request) {
    const problems = validatePinterestRequest(request);
    if (problems.length > 0) throw problems[0]!;
    const base64 = pinterestUsesBase64(request)
      ? await Promise.all(
          request.media.map(async (item) => Buffer.from(await context.loadMedia(item)).toString('base64')),
        )
      : undefined;
    const body = pinterestPinBody(request, pinterestMediaSource(request, base64));
    return pinterestPinResult(await createPin(pinterestContext(context), body));
  },

  async findPublished(context, query) {
    return pinterestFindOwnPin(await listPins(pinterestContext(context)), query.text, query.notBefore);
  },

  async deletePost(context, networkPostId) {
    await deletePin(pinterestContext(context), networkPostId);
  },

  authorizeUrl(baseUrl, client, input) {
    const real = new URL(baseUrl).hostname === 'api.pinterest.com';
    const url = new URL(real ? 'https://www.pinterest.com/oauth/' : new URL('/oauth/', baseUrl));
    url.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      response_type: 'code',
      scope: (input.scopes ?? defaultScopes).join(','),
      state: input.state,
    }).toString();
    return url.toString();
  },

  async exchangeCode(context, client, input) {
    const response = await requestPinterestToken(context, client, {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: client.redirectUri,
    });
    return pinterestTokenSet(response, context.now());
  },

  async refreshToken(context, client, refreshToken) {
    const response = await requestPinterestToken(context, client, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    const tokens = pinterestTokenSet(response, context.now());
    return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
  },

  // One Pinterest login is one account (its boards are chosen per post): the username identifies it, as the
  // simulator's and the publishing code's account ids do.
  async listAccounts(context) {
    const body = await getUserAccount({ ...context, accessToken: context.tokens.accessToken });
    const text = (key: string) => (typeof body[key] === 'string' && body[key] !== '' ? body[key] : undefined);
    const username = text('username');
    if (!username) throw new Transient('GET /v5/user_account: no username in the answer');
    return [
      {
        accountId: username,
        displayName: text('business_name') ?? username,
        handle: username,
        kind: 'board_owner',
        ...(text('profile_image') ? { avatarUrl: text('profile_image') } : {}),
      },
    ];
  },
  ...pinterestMetrics,
};
