import type { Connector, ConnectorContext } from '../connector.ts';
import { Rejected } from '../errors.ts';
import { googleAuthorizeUrl, googleToken, type GoogleContext } from './google-api.ts';
import {
  deleteVideo,
  listPlaylistItems,
  myChannels,
  startResumableUpload,
  uploadVideoBytes,
  uploadsPlaylistId,
} from './youtube.client.ts';
import {
  validateYouTubeRequest,
  youtubeChannelAccounts,
  youtubeFindOwnVideo,
  youtubeLimits,
  youtubeUploadResult,
  youtubeVideoMetadata,
  youtubeVideoUrl,
} from './youtube.mapper.ts';
import { youtubeMetrics } from './youtube.metrics.ts';

const defaultScopes = [
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.force-ssl',
  'https://www.googleapis.com/auth/yt-analytics.readonly',
];

function googleContext(context: ConnectorContext): GoogleContext {
  return {
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    now: context.now,
    accessToken: context.credentials.accessToken,
  };
}

/**
 * YouTube (Data API v3): one video per publication, as a video or a Short (vertical, at most 3 min, #Shorts
 * added), uploaded with the resumable protocol; Google OAuth 2.0 with PKCE.
 * @example await youtubeConnector.publish(context, { idempotencyKey: 'pub_1', format: 'short', text: 'Launch', media: [video] })
 */
export const youtubeConnector: Connector = {
  network: 'youtube',
  capabilities: {
    formats: ['video', 'short'],
    maxTextLength: youtubeLimits.maxDescriptionBytes,
    textCounting: 'bytes_utf8',
    maxMediaPerPost: 1,
    threads: false,
    firstComment: false,
    analytics: true,
    inbox: { comments: true, mentions: false, directMessages: false, reviews: false },
    auth: 'oauth2_pkce',
    // 10,000 units a day per Google project at 1,600 per upload: 6 uploads, shared by every account of the project.
    dailyPostQuota: Math.floor(youtubeLimits.dailyQuotaUnits / youtubeLimits.insertCostUnits),
  },
  validate: validateYouTubeRequest,

  async publish(context, request) {
    const problems = validateYouTubeRequest(request);
    if (problems.length > 0) throw problems[0]!;
    const video = request.media[0];
    if (!video) throw new Rejected('A YouTube upload needs one video.', 'media');
    const bytes = await context.loadMedia(video);
    const session = await startResumableUpload(
      googleContext(context),
      youtubeVideoMetadata(request),
      video.mimeType,
      bytes.byteLength,
    );
    const uploaded = await uploadVideoBytes(googleContext(context), session, bytes, video.mimeType);
    return youtubeUploadResult(uploaded, request.format);
  },

  async findPublished(context, query) {
    const playlist = await uploadsPlaylistId(googleContext(context));
    if (!playlist) return null;
    const items = await listPlaylistItems(googleContext(context), playlist);
    const id = youtubeFindOwnVideo(items, query.text, query.notBefore);
    return id ? { networkPostId: id, url: youtubeVideoUrl(id) } : null;
  },

  async deletePost(context, networkPostId) {
    await deleteVideo(googleContext(context), networkPostId);
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

  // A Google token is granted for one channel (the one picked on the consent screen); the list keeps the shape.
  listAccounts: async (context) =>
    youtubeChannelAccounts(await myChannels({ ...context, accessToken: context.tokens.accessToken })),
  ...youtubeMetrics,
};
