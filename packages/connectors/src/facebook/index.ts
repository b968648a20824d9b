import type {
  ConnectableAccount,
  Connector,
  ConnectorContext,
  ListAccountsContext,
  PublishRequest,
  PublishResult,
} from '../connector.ts';
import { metaAuthorizeUrl } from '../meta-graph/graph-oauth.ts';
import { facebookInbox } from './facebook.inbox.ts';
import { facebookMetrics } from './facebook.metrics.ts';
import {
  commentOn,
  deleteFacebookPost,
  exchangeFacebookCode,
  exchangeFacebookToken,
  facebookDialogUrl,
  facebookTransport,
  pageFeed,
  postPhoto,
  postToFeed,
  postVideo,
  uploadUnpublishedPhoto,
  listFacebookPages,
  videoPost,
} from './facebook.client.ts';
import {
  facebookCapabilities,
  facebookPostId,
  facebookPostUrl,
  feedParams,
  findOwnFeedPost,
  photoParams,
  validateFacebook,
  videoParams,
} from './facebook.mapper.ts';

export { listFacebookPages } from './facebook.client.ts';

const defaultScopes = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_manage_engagement',
  'pages_read_user_engagement',
  'read_insights',
  'publish_video',
  'pages_messaging',
];

/**
 * The Pages the user may post to (the CREATE_CONTENT task, when Meta lists tasks), each with its own Page
 * token: the token to store for that Page.
 */
async function listAccounts(context: ListAccountsContext): Promise<readonly ConnectableAccount[]> {
  const pages = await listFacebookPages(context, context.tokens.accessToken);
  return pages
    .filter((page) => page.id && (!page.tasks || page.tasks.includes('CREATE_CONTENT')))
    .map((page) => ({
      accountId: page.id,
      displayName: page.name || page.id,
      kind: 'page' as const,
      ...(page.pictureUrl ? { avatarUrl: page.pictureUrl } : {}),
      ...(page.accessToken ? { accessToken: page.accessToken } : {}),
    }));
}

async function publish(context: ConnectorContext, request: PublishRequest): Promise<PublishResult> {
  const problems = validateFacebook(request);
  if (problems[0]) throw problems[0];
  const transport = facebookTransport(context);
  const pageId = context.credentials.accountId;
  let postId: string;
  let url: string | null = null;
  if (request.format === 'image') {
    postId = facebookPostId(
      await postPhoto(transport, pageId, photoParams(request.media[0]!, request.text, true)),
      'post_id',
    );
  } else if (request.format === 'video') {
    const videoId = facebookPostId(await postVideo(transport, pageId, videoParams(request, request.media[0]!)), 'id');
    // The video exists now; its feed post id is what findPublished sees, so fetch it, or keep the video id.
    const post = await videoPost(transport, videoId).catch(() => ({ postId: undefined, permalink: null }));
    postId = post.postId ?? videoId;
    url = post.permalink;
  } else {
    const photoIds: string[] = [];
    if (request.format === 'multi_image')
      for (const item of request.media)
        photoIds.push(await uploadUnpublishedPhoto(transport, pageId, photoParams(item, undefined, false)));
    const link = request.format === 'link' ? request.link : undefined;
    postId = facebookPostId(
      await postToFeed(transport, pageId, feedParams({ text: request.text, link }, photoIds)),
      'id',
    );
  }
  if (request.firstComment) await commentOn(transport, postId, request.firstComment).catch(() => undefined);
  return { networkPostId: postId, url: url ?? facebookPostUrl(postId) };
}

/**
 * Facebook Pages: text, link, photo, multi-photo (unpublished photos attached to one feed post) and video
 * posts with a Page access token.
 * @example await facebookConnector.publish(context, { idempotencyKey: 'p1', format: 'text', text: 'Launch day!', media: [] })
 */
export const facebookConnector: Connector = {
  network: 'facebook',
  capabilities: facebookCapabilities,
  validate: validateFacebook,
  publish,
  async findPublished(context, query) {
    const rows = await pageFeed(facebookTransport(context), context.credentials.accountId, query.notBefore);
    return findOwnFeedPost(rows, query.text, query.notBefore);
  },
  deletePost: (context, networkPostId) => deleteFacebookPost(facebookTransport(context), networkPostId),
  authorizeUrl: (baseUrl, client, input) => metaAuthorizeUrl(facebookDialogUrl(baseUrl), client, input, defaultScopes),
  exchangeCode: (context, client, input) => exchangeFacebookCode(context, client, input),
  // Meta has no refresh token: a still-valid long-lived user token is exchanged for a fresh one.
  refreshToken: (context, client, refreshToken) => exchangeFacebookToken(context, client, refreshToken),
  listAccounts,
  ...facebookInbox,
  ...facebookMetrics,
};
