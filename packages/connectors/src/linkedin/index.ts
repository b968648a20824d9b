import type { Connector, ConnectorContext } from '../connector.ts';
import { OutcomeUnknown } from '../errors.ts';
import {
  createComment,
  getOrganizations,
  listAdministeredOrganizations,
  createPost,
  deletePost,
  linkedinOAuthBase,
  listAuthorPosts,
  requestToken,
  uploadMedia,
} from './linkedin.client.ts';
import {
  linkedinContent,
  linkedinCreatedUrn,
  linkedinFindOwnPost,
  linkedinLimits,
  linkedinMediaKind,
  linkedinOrganizationAccounts,
  organizationId,
  linkedinPostBody,
  linkedinPostUrl,
  linkedinTokenSet,
  validateLinkedinRequest,
  type LinkedinUploaded,
} from './linkedin.mapper.ts';
import { linkedinMetrics } from './linkedin.metrics.ts';

const defaultScopes = ['w_organization_social', 'r_organization_social', 'rw_organization_admin'];

function clientContext(context: ConnectorContext) {
  return {
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    now: context.now,
    accessToken: context.credentials.accessToken,
  };
}

/**
 * LinkedIn organization pages (Posts API): text, image, 2-20 images, video, document and link posts; first comment.
 * `credentials.accountId` is the organization URN (urn:li:organization:…).
 * @example await linkedinConnector.publish(context, { idempotencyKey: 'pub_1', format: 'text', text: 'Hi', media: [] })
 */
export const linkedinConnector: Connector = {
  network: 'linkedin',
  capabilities: {
    formats: ['text', 'image', 'multi_image', 'video', 'document', 'link'],
    maxTextLength: linkedinLimits.maxCommentary,
    textCounting: 'utf16',
    maxMediaPerPost: linkedinLimits.maxImages,
    threads: false,
    firstComment: true,
    analytics: true,
    inbox: { comments: true, mentions: true, directMessages: false, reviews: false },
    auth: 'oauth2',
  },
  validate: validateLinkedinRequest,

  async publish(context, request) {
    const owner = context.credentials.accountId;
    const uploaded: LinkedinUploaded[] = [];
    for (const item of request.media) {
      const kind = linkedinMediaKind(item.mimeType);
      const urn = await uploadMedia(clientContext(context), owner, kind, await context.loadMedia(item));
      const title =
        typeof request.options?.mediaTitle === 'string' ? request.options.mediaTitle : item.url.split('/').pop();
      uploaded.push({ urn, kind, ...(item.altText ? { altText: item.altText } : {}), ...(title ? { title } : {}) });
    }
    const body = linkedinPostBody(owner, request.text, linkedinContent(uploaded, request.link));
    const urn = linkedinCreatedUrn(await createPost(clientContext(context), body));
    if (request.firstComment) {
      try {
        await createComment(clientContext(context), urn, owner, request.firstComment);
      } catch (error) {
        // The post exists: report it through reconciliation rather than lose its URN to a retry.
        throw new OutcomeUnknown(`LinkedIn published ${urn} but the first comment failed: ${(error as Error).message}`);
      }
    }
    return { networkPostId: urn, url: linkedinPostUrl(urn) };
  },

  async findPublished(context, query) {
    const response = await listAuthorPosts(clientContext(context), context.credentials.accountId);
    const urn = linkedinFindOwnPost(response.body, query.text, query.notBefore);
    return urn ? { networkPostId: urn, url: linkedinPostUrl(urn) } : null;
  },

  async deletePost(context, networkPostId) {
    await deletePost(clientContext(context), networkPostId);
  },

  // LinkedIn's web-app flow has no PKCE: the client secret stays on the server; `codeChallenge` is ignored.
  authorizeUrl(baseUrl, client, input) {
    const url = new URL('/oauth/v2/authorization', linkedinOAuthBase(baseUrl));
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      state: input.state,
      scope: (input.scopes ?? defaultScopes).join(' '),
    }).toString();
    return url.toString();
  },

  async exchangeCode(context, client, input) {
    const body = await requestToken(context, client, {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: client.redirectUri,
    });
    return linkedinTokenSet(body, context.now());
  },

  async refreshToken(context, client, refreshToken) {
    const body = await requestToken(context, client, { grant_type: 'refresh_token', refresh_token: refreshToken });
    return linkedinTokenSet(body, context.now());
  },

  async listAccounts(context) {
    const withToken = { ...context, accessToken: context.tokens.accessToken };
    const acls = await listAdministeredOrganizations(withToken);
    const ids = linkedinOrganizationAccounts(acls, {}).map((account) => organizationId(account.accountId));
    if (ids.length === 0) return [];
    return linkedinOrganizationAccounts(acls, await getOrganizations(withToken, ids));
  },
  ...linkedinMetrics,
};
