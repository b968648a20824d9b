import type { ConnectableAccount, Connector, ConnectorContext } from '../connector.ts';
import { Rejected } from '../errors.ts';
import { googleAuthorizeUrl, googleToken, type GoogleContext } from '../youtube/google-api.ts';
import {
  createLocalPost,
  deleteLocalPost,
  listAccountLocations,
  listBusinessAccounts,
  listLocalPosts,
} from './google_business.client.ts';
import {
  googleBusinessAccountNames,
  googleBusinessFindOwnPost,
  googleBusinessLocationAccounts,
  googleBusinessLimits,
  googleBusinessLocalPost,
  googleBusinessResult,
  isLocationName,
  validateGoogleBusinessRequest,
} from './google_business.mapper.ts';
import { googleBusinessInbox } from './google_business.inbox.ts';

const defaultScopes = ['https://www.googleapis.com/auth/business.manage'];

function googleContext(context: ConnectorContext): GoogleContext {
  return {
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    now: context.now,
    accessToken: context.credentials.accessToken,
  };
}

function location(context: ConnectorContext): string {
  const name = context.credentials.accountId;
  if (!isLocationName(name))
    throw new Rejected(
      `The channel must name a location as accounts/{account}/locations/{location}, not "${name}".`,
      'location',
    );
  return name;
}

/**
 * Google Business Profile: local posts (STANDARD, EVENT) and offers on one location, with a call-to-action
 * button and a photo; the account id is the location's resource name. Google OAuth 2.0 with PKCE.
 * @example await googleBusinessConnector.publish(context, { idempotencyKey: 'pub_1', format: 'local_post', text: 'Open Sunday', media: [] })
 */
export const googleBusinessConnector: Connector = {
  network: 'google_business',
  capabilities: {
    formats: ['local_post', 'offer'],
    maxTextLength: googleBusinessLimits.maxSummaryLength,
    textCounting: 'graphemes',
    maxMediaPerPost: googleBusinessLimits.maxMedia,
    threads: false,
    firstComment: false,
    analytics: true,
    inbox: { comments: false, mentions: false, directMessages: false, reviews: true },
    auth: 'oauth2_pkce',
  },
  validate: validateGoogleBusinessRequest,

  async publish(context, request) {
    const problems = validateGoogleBusinessRequest(request);
    if (problems.length > 0) throw problems[0]!;
    const body = await createLocalPost(googleContext(context), location(context), googleBusinessLocalPost(request));
    return googleBusinessResult(body);
  },

  async findPublished(context, query) {
    const body = await listLocalPosts(googleContext(context), location(context));
    return googleBusinessFindOwnPost(body, query.text, query.notBefore);
  },

  async deletePost(context, networkPostId) {
    await deleteLocalPost(googleContext(context), networkPostId);
  },

  authorizeUrl: (baseUrl, client, input) => googleAuthorizeUrl(baseUrl, client, input, defaultScopes),

  exchangeCode: (context, client, input) =>
    googleToken(context, client, {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: client.redirectUri,
      ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
    }),

  refreshToken: (context, client, refreshToken) =>
    googleToken(context, client, { grant_type: 'refresh_token', refresh_token: refreshToken }),

  // Every location of every account the user manages: each location is a channel of its own.
  async listAccounts(context) {
    const google = { ...context, accessToken: context.tokens.accessToken };
    const found: ConnectableAccount[] = [];
    for (const account of googleBusinessAccountNames(await listBusinessAccounts(google)))
      found.push(...googleBusinessLocationAccounts(account, await listAccountLocations(google, account)));
    return found;
  },
  ...googleBusinessInbox,
};
