import type { Connector, ConnectorContext, PublishRequest, PublishResult } from '../connector.ts';
import { OutcomeUnknown, Rejected, Transient } from '../errors.ts';
import {
  fetchPublishStatus,
  initPhoto,
  initVideo,
  listVideos,
  queryCreatorInfo,
  requestTikTokToken,
  uploadChunks,
  userInfo,
  type TikTokContext,
} from './tiktok.client.ts';
import {
  tiktokChunkPlan,
  tiktokCreatorInfo,
  tiktokFindOwnPost,
  tiktokLimits,
  tiktokPhotoInitBody,
  tiktokPublishId,
  tiktokStatus,
  tiktokTokenSet,
  tiktokVideoInitBody,
  validateTikTokRequest,
  type CreatorInfo,
} from './tiktok.mapper.ts';
import { tiktokMetrics } from './tiktok.metrics.ts';

const defaultScopes = ['user.info.basic', 'video.publish', 'video.upload', 'video.list'];
/** Status polling: quick at first (photos and small videos finish in seconds), then every 5 s, 10 min at most. */
const pollDelaysMs = [500, 1000, 2000, 3000, 5000];
const maxPollMs = 600_000;

function tiktokContext(context: ConnectorContext): TikTokContext {
  return {
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    now: context.now,
    accessToken: context.credentials.accessToken,
  };
}

async function startVideo(context: ConnectorContext, request: PublishRequest, creator: CreatorInfo): Promise<string> {
  const video = request.media[0]!;
  if (video.durationSeconds !== undefined && video.durationSeconds > creator.maxVideoPostDurationSec)
    throw new Rejected(
      `This TikTok account can post videos up to ${creator.maxVideoPostDurationSec} s; this one lasts ${video.durationSeconds} s.`,
      'duration',
    );
  if (request.options?.videoSource === 'PULL_FROM_URL') {
    const body = tiktokVideoInitBody(request, creator, { source: 'PULL_FROM_URL', url: video.url });
    return tiktokPublishId(await initVideo(tiktokContext(context), body, 'create'), 'create');
  }
  const bytes = await context.loadMedia(video);
  const plan = tiktokChunkPlan(bytes.byteLength);
  const body = tiktokVideoInitBody(request, creator, { source: 'FILE_UPLOAD', plan, size: bytes.byteLength });
  // No post exists before its bytes arrive: a lost init answer is safe to retry.
  const init = await initVideo(tiktokContext(context), body, 'read');
  const publishId = tiktokPublishId(init, 'read');
  const uploadUrl = (init.data as { upload_url?: unknown }).upload_url;
  if (typeof uploadUrl !== 'string') throw new OutcomeUnknown(`TikTok gave no upload_url for ${publishId}.`);
  try {
    await uploadChunks(tiktokContext(context), uploadUrl, bytes, plan, video.mimeType);
  } catch (error) {
    // The last chunk's answer was lost: the publish id still tells whether TikTok is publishing it.
    if (error instanceof OutcomeUnknown) return publishId;
    throw error;
  }
  return publishId;
}

async function waitForPost(
  context: ConnectorContext,
  publishId: string,
  creator: CreatorInfo,
  kind: 'video' | 'photo',
): Promise<PublishResult> {
  const started = context.now().getTime();
  for (let attempt = 0; ; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, pollDelaysMs[Math.min(attempt, pollDelaysMs.length - 1)]));
    let body: Record<string, unknown>;
    try {
      body = await fetchPublishStatus(tiktokContext(context), publishId);
    } catch (error) {
      // The post may be on its way: never let the engine retry it blindly.
      throw new OutcomeUnknown(
        `TikTok publish ${publishId} started; its status could not be read: ${(error as Error).message}`,
      );
    }
    const status = tiktokStatus(body, publishId, creator.username, kind);
    if (status.state === 'done') return status.result;
    if (status.state === 'failed') throw new Rejected(`TikTok could not publish: ${status.reason}.`, status.reason);
    if (context.now().getTime() - started > maxPollMs)
      throw new OutcomeUnknown(`TikTok is still processing publish ${publishId} (${status.status}).`);
  }
}

/**
 * TikTok (Content Posting API, direct post): one video (file upload in chunks, or pulled from a verified URL)
 * or a photo post of up to 35 images, with the privacy level the creator allows; Login Kit OAuth 2.0.
 * @example await tiktokConnector.publish(context, { idempotencyKey: 'pub_1', format: 'video', text: 'Sunset #travel', media: [video] })
 */
export const tiktokConnector: Connector = {
  network: 'tiktok',
  capabilities: {
    formats: ['video', 'short', 'image', 'multi_image', 'carousel'],
    maxTextLength: tiktokLimits.maxCaptionLength,
    textCounting: 'utf16',
    maxMediaPerPost: tiktokLimits.maxPhotos,
    threads: false,
    firstComment: false,
    analytics: true,
    inbox: { comments: false, mentions: false, directMessages: false, reviews: false },
    // Login Kit documents PKCE for desktop and mobile apps only; a server web app uses the plain code flow
    // (authorizeUrl still sends a challenge when one is given).
    auth: 'oauth2',
    // TikTok caps posts per creator per day across all apps but does not publish the number.
  },
  validate: validateTikTokRequest,

  async publish(context, request) {
    const problems = validateTikTokRequest(request);
    if (problems.length > 0) throw problems[0]!;
    const creator = tiktokCreatorInfo(await queryCreatorInfo(tiktokContext(context)));
    if (request.format === 'video' || request.format === 'short') {
      const publishId = await startVideo(context, request, creator);
      return waitForPost(context, publishId, creator, 'video');
    }
    const init = await initPhoto(tiktokContext(context), tiktokPhotoInitBody(request, creator));
    return waitForPost(context, tiktokPublishId(init, 'create'), creator, 'photo');
  },

  async findPublished(context, query) {
    return tiktokFindOwnPost(await listVideos(tiktokContext(context)), query.text, query.notBefore);
  },

  authorizeUrl(baseUrl, client, input) {
    const real = new URL(baseUrl).hostname.endsWith('tiktokapis.com');
    const url = new URL(real ? 'https://www.tiktok.com/v2/auth/authorize/' : new URL('/v2/auth/authorize/', baseUrl));
    url.search = new URLSearchParams({
      client_key: client.clientId,
      scope: (input.scopes ?? defaultScopes).join(','),
      response_type: 'code',
      redirect_uri: client.redirectUri,
      state: input.state,
      ...(input.codeChallenge ? { code_challenge: input.codeChallenge, code_challenge_method: 'S256' } : {}),
    }).toString();
    return url.toString();
  },

  async exchangeCode(context, client, input) {
    const body = await requestTikTokToken(context, client, {
      code: input.code,
      grant_type: 'authorization_code',
      redirect_uri: client.redirectUri,
      ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
    });
    return tiktokTokenSet(body, context.now());
  },

  async refreshToken(context, client, refreshToken) {
    const body = await requestTikTokToken(context, client, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    return tiktokTokenSet(body, context.now());
  },

  async listAccounts(context) {
    const body = await userInfo({ ...context, accessToken: context.tokens.accessToken });
    const user = ((body.data as { user?: unknown } | undefined)?.user ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof user[key] === 'string' && user[key] !== '' ? user[key] : undefined);
    const openId = text('open_id');
    if (!openId) throw new Transient('GET /v2/user/info/: no open_id in the answer');
    return [
      {
        accountId: openId,
        displayName: text('display_name') ?? text('username') ?? openId,
        kind: 'profile',
        ...(text('username') ? { handle: text('username') } : {}),
        ...(text('avatar_url') ? { avatarUrl: text('avatar_url') } : {}),
      },
    ];
  },
  ...tiktokMetrics,
};
