import type { Connector, ConnectorContext, MediaItem } from '../connector.ts';
import { OutcomeUnknown, Transient } from '../errors.ts';
import { createTweet, deleteTweet, getMe, listUserTweets, requestToken, uploadMedia } from './x.client.ts';
import {
  validateXRequest,
  xCreatedTweet,
  xFindOwnPost,
  xLimits,
  xPostUrl,
  xPublishResult,
  xTokenSet,
  xTweetBody,
} from './x.mapper.ts';
import { xMetrics } from './x.metrics.ts';

const defaultScopes = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'];

function clientContext(context: ConnectorContext) {
  return {
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    now: context.now,
    accessToken: context.credentials.accessToken,
  };
}

async function uploadAll(context: ConnectorContext, media: readonly MediaItem[]): Promise<string[]> {
  const ids: string[] = [];
  for (const item of media)
    ids.push(await uploadMedia(clientContext(context), await context.loadMedia(item), item.mimeType, item.altText));
  return ids;
}

/**
 * X (API v2): posts, threads (each part replies to the previous), up to 4 photos or one GIF or video, OAuth 2.0 + PKCE.
 * @example await xConnector.publish(context, { idempotencyKey: 'pub_1', format: 'text', text: 'Hi', media: [] })
 */
export const xConnector: Connector = {
  network: 'x',
  capabilities: {
    formats: ['text', 'image', 'multi_image', 'video', 'thread', 'link'],
    maxTextLength: xLimits.maxWeightedLength,
    textCounting: 'x_weighted',
    maxMediaPerPost: xLimits.maxImages,
    threads: true,
    firstComment: true,
    analytics: true,
    inbox: { comments: true, mentions: true, directMessages: true, reviews: false },
    auth: 'oauth2_pkce',
    // X's posting caps change with the access tier; they are read from x-user-limit-24hour-* headers instead.
  },
  validate: validateXRequest,

  async publish(context, request) {
    const parts = [
      { text: request.text, media: request.media },
      ...(request.threadParts ?? []).map((part) => ({ text: part.text, media: part.media ?? [] })),
      ...(request.firstComment ? [{ text: request.firstComment, media: [] }] : []),
    ];
    const ids: string[] = [];
    for (const part of parts) {
      const mediaIds = await uploadAll(context, part.media);
      try {
        const response = await createTweet(clientContext(context), xTweetBody(part.text, mediaIds, ids.at(-1)));
        ids.push(xCreatedTweet(response).id);
      } catch (error) {
        // Once the first part exists the publication must be reconciled, never retried from scratch.
        if (ids.length > 0)
          throw new OutcomeUnknown(
            `X published ${ids.length} of ${parts.length} parts (first ${ids[0]}), then: ${(error as Error).message}`,
          );
        throw error;
      }
    }
    // The first comment is a reply by the account, not a thread part of the publication.
    return xPublishResult(request.firstComment ? ids.slice(0, -1) : ids);
  },

  async findPublished(context, query) {
    const response = await listUserTweets(clientContext(context), context.credentials.accountId, query.notBefore);
    const id = xFindOwnPost(response.body, query.text, query.notBefore);
    return id ? { networkPostId: id, url: xPostUrl(id) } : null;
  },

  async deletePost(context, networkPostId) {
    await deleteTweet(clientContext(context), networkPostId);
  },

  authorizeUrl(baseUrl, client, input) {
    const url = new URL('/2/oauth2/authorize', baseUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: (input.scopes ?? defaultScopes).join(' '),
      state: input.state,
      ...(input.codeChallenge ? { code_challenge: input.codeChallenge, code_challenge_method: 'S256' } : {}),
    }).toString();
    return url.toString();
  },

  async exchangeCode(context, client, input) {
    const body = await requestToken(context, client, {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: client.redirectUri,
      ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
    });
    return xTokenSet(body, context.now());
  },

  async refreshToken(context, client, refreshToken) {
    const body = await requestToken(context, client, { grant_type: 'refresh_token', refresh_token: refreshToken });
    return xTokenSet(body, context.now());
  },

  async listAccounts(context) {
    const me = await getMe({ ...context, accessToken: context.tokens.accessToken });
    const text = (key: string) => (typeof me[key] === 'string' ? me[key] : undefined);
    const id = text('id');
    if (!id) throw new Transient('GET /2/users/me: no user id in the answer');
    const picture = text('profile_image_url');
    return [
      {
        accountId: id,
        displayName: text('name') ?? text('username') ?? id,
        kind: 'profile',
        ...(text('username') ? { handle: text('username') } : {}),
        ...(picture ? { avatarUrl: picture } : {}),
      },
    ];
  },
  ...xMetrics,
};
