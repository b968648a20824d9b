/**
 * A loopback YouTube Data API v3: resumable `videos.insert` (session, chunked PUTs with 308 Resume
 * Incomplete, status queries), the uploads playlist, delete, Google OAuth, and the daily quota of 10,000
 * units where an upload costs 1,600.
 */
import { randomBytes } from 'node:crypto';
import { utcToZoned } from '@sillage/domain';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../kit/index.ts';
import { googleError, googleErrorStyle, googleOAuthRoutes, unauthenticated } from './google-sim.ts';
import { createOAuthStore, stringField } from './oauth-store.ts';

export type YouTubeSimVideo = {
  id: string;
  channelId: string;
  title: string;
  description: string;
  tags: string[];
  privacyStatus: string;
  publishAt?: string;
  mimeType: string;
  byteLength: number;
  publishedAt: string;
};

/** A video's public counters (`videos.list?part=statistics`); YouTube sends them as strings. */
export type YouTubeSimStatistics = {
  views: number;
  likes: number;
  comments: number;
  likesHidden?: boolean;
  commentsDisabled?: boolean;
};

type Session = {
  id: string;
  channelId: string;
  metadata: { snippet?: Record<string, unknown>; status?: Record<string, unknown> };
  mimeType: string;
  total: number;
  received: Buffer[];
  receivedBytes: number;
  video?: YouTubeSimVideo;
};

export const youtubeQuota = { dailyUnits: 10_000, insertCost: 1600, listCost: 1, deleteCost: 50 } as const;

function youtubeId(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

function statisticsOf(stats: YouTubeSimStatistics | undefined) {
  const figures = stats ?? { views: 0, likes: 0, comments: 0 };
  // Hidden likes and disabled comments leave the counter out; favoriteCount is deprecated and always "0".
  return {
    viewCount: String(figures.views),
    ...(figures.likesHidden ? {} : { likeCount: String(figures.likes) }),
    favoriteCount: '0',
    ...(figures.commentsDisabled ? {} : { commentCount: String(figures.comments) }),
  };
}

function videoResource(video: YouTubeSimVideo) {
  return {
    kind: 'youtube#video',
    etag: youtubeId(27),
    id: video.id,
    snippet: {
      publishedAt: video.publishedAt,
      channelId: video.channelId,
      title: video.title,
      description: video.description,
      tags: video.tags,
      categoryId: '22',
    },
    status: {
      uploadStatus: 'uploaded',
      privacyStatus: video.privacyStatus,
      ...(video.publishAt ? { publishAt: video.publishAt } : {}),
    },
  };
}

/**
 * Starts the YouTube simulator on loopback.
 * @example const youtube = await startYouTubeSimulator(); const { accessToken } = youtube.createAccount();
 */
export async function startYouTubeSimulator(options: { now?: () => Date; host?: string } = {}) {
  const now = options.now ?? (() => new Date());
  const oauth = createOAuthStore({
    now,
    accessPrefix: 'ya29.',
    refreshPrefix: '1//',
    accessTtlSeconds: 3599,
    rotateRefreshTokens: false,
  });
  const channels: string[] = [];
  const videos: YouTubeSimVideo[] = [];
  const sessions = new Map<string, Session>();
  const quota = { day: '', used: 0 };
  let baseUrl = '';

  const titles = new Map<string, string>();
  const statistics = new Map<string, YouTubeSimStatistics>();

  function createAccount(input: { channelId?: string; title?: string } = {}) {
    const channelId = input.channelId ?? `UC${youtubeId(22)}`;
    channels.push(channelId);
    titles.set(channelId, input.title ?? `Channel ${channels.length}`);
    return oauth.issue(channelId);
  }

  /** Charges quota units for the project, by Pacific day; false when the day's units are spent. */
  function charge(units: number): boolean {
    const day = utcToZoned(now(), 'America/Los_Angeles').date;
    if (quota.day !== day) Object.assign(quota, { day, used: 0 });
    if (quota.used + units > youtubeQuota.dailyUnits) return false;
    quota.used += units;
    return true;
  }

  const quotaExceeded = (): SimResponse =>
    googleError(
      403,
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
      'quotaExceeded',
      'youtube.quota',
    );

  function authorized(request: SimRequest, units: number): { channelId: string } | SimResponse {
    const check = oauth.check(request.headers.authorization);
    if (!check.ok) return unauthenticated();
    if (!charge(units)) return quotaExceeded();
    return { channelId: check.accountId };
  }

  function finish(session: Session): YouTubeSimVideo {
    const snippet = session.metadata.snippet ?? {};
    const status = session.metadata.status ?? {};
    const video: YouTubeSimVideo = {
      id: youtubeId(11),
      channelId: session.channelId,
      title: stringField(snippet.title),
      description: stringField(snippet.description),
      tags: Array.isArray(snippet.tags) ? snippet.tags.map(String) : [],
      privacyStatus: stringField(status.privacyStatus, 'public'),
      publishAt: typeof status.publishAt === 'string' ? status.publishAt : undefined,
      mimeType: session.mimeType,
      byteLength: session.total,
      publishedAt: now().toISOString(),
    };
    videos.push(video);
    session.video = video;
    return video;
  }

  const server = await startSimulatorServer({
    network: 'youtube',
    host: options.host,
    now,
    errorStyle: googleErrorStyle,
    setup(router) {
      googleOAuthRoutes(router, oauth, () => channels[0] ?? createAccount().accountId);

      router.route('POST', '/upload/youtube/v3/videos', (request) => {
        if (request.query.get('uploadType') !== 'resumable')
          return googleError(400, 'Only uploadType=resumable is simulated.', 'invalidParameter');
        const who = authorized(request, youtubeQuota.insertCost);
        if ('status' in who) return who;
        const metadata = request.body as Session['metadata'];
        const title = stringField(metadata.snippet?.title);
        if (!title || [...title].length > 100 || /[<>]/.test(title))
          return googleError(400, 'The request metadata specifies an invalid video title.', 'invalidTitle');
        const description = stringField(metadata.snippet?.description);
        if (Buffer.byteLength(description) > 5000 || /[<>]/.test(description))
          return googleError(400, 'The request metadata specifies an invalid video description.', 'invalidDescription');
        const total = Number(request.headers['x-upload-content-length']);
        const session: Session = {
          id: youtubeId(40),
          channelId: who.channelId,
          metadata,
          mimeType: stringField(request.headers['x-upload-content-type'], 'video/*'),
          total: Number.isFinite(total) ? total : -1,
          received: [],
          receivedBytes: 0,
        };
        sessions.set(session.id, session);
        const location = `${baseUrl}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${session.id}`;
        return { status: 200, headers: { location } };
      });

      router.route('PUT', '/upload/youtube/v3/videos', (request) => {
        const session = sessions.get(request.query.get('upload_id') ?? '');
        if (!session) return googleError(404, 'The upload session does not exist.', 'notFound');
        const range = stringField(request.headers['content-range']);
        const incomplete = (): SimResponse => ({
          status: 308,
          headers: session.receivedBytes > 0 ? { range: `bytes=0-${session.receivedBytes - 1}` } : {},
        });
        if (/^bytes \*\/\d+$/.test(range)) {
          if (session.video) return { status: 200, body: videoResource(session.video) };
          return incomplete();
        }
        if (session.video) return { status: 200, body: videoResource(session.video) };
        const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
        const [first, last, total] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, -1, -1];
        if (!match && request.raw.length === session.total) {
          session.received.push(request.raw);
          session.receivedBytes = request.raw.length;
          return { status: 201, body: videoResource(finish(session)) };
        }
        if (!match || total !== session.total || last - first + 1 !== request.raw.length)
          return googleError(400, `Bad Content-Range "${range}" for ${request.raw.length} bytes.`, 'badContent');
        // Bytes YouTube already has are acknowledged again, not appended twice.
        if (first !== session.receivedBytes) return incomplete();
        session.received.push(request.raw);
        session.receivedBytes += request.raw.length;
        if (session.receivedBytes < session.total) return incomplete();
        return { status: 201, body: videoResource(finish(session)) };
      });

      router.route('GET', '/youtube/v3/channels', (request) => {
        const who = authorized(request, youtubeQuota.listCost);
        if ('status' in who) return who;
        const uploads = `UU${who.channelId.slice(2)}`;
        const parts = (request.query.get('part') ?? '').split(',');
        if (
          request.query.get('mine') !== 'true' ||
          parts.every((part) => part !== 'snippet' && part !== 'contentDetails')
        )
          return googleError(
            400,
            'No filter selected. Expected one of: mine, id, forHandle, forUsername, managedByMe, categoryId',
            'missingRequiredParameter',
          );
        const title = titles.get(who.channelId) ?? who.channelId;
        const snippet = {
          title,
          description: '',
          customUrl: `@${title.toLowerCase().replace(/[^a-z0-9]+/g, '')}`,
          publishedAt: '2020-01-01T00:00:00Z',
          thumbnails: { default: { url: `https://yt3.ggpht.test/${who.channelId}=s88`, width: 88, height: 88 } },
        };
        const item = {
          kind: 'youtube#channel',
          etag: `etag-${who.channelId}`,
          id: who.channelId,
          ...(parts.includes('snippet') ? { snippet } : {}),
          ...(parts.includes('contentDetails') ? { contentDetails: { relatedPlaylists: { uploads } } } : {}),
        };
        return {
          status: 200,
          body: {
            kind: 'youtube#channelListResponse',
            etag: 'etag-list',
            pageInfo: { totalResults: 1, resultsPerPage: 5 },
            items: [item],
          },
        };
      });

      router.route('GET', '/youtube/v3/playlistItems', (request) => {
        const who = authorized(request, youtubeQuota.listCost);
        if ('status' in who) return who;
        if (request.query.get('playlistId') !== `UU${who.channelId.slice(2)}`)
          return googleError(
            404,
            "The playlist identified with the request's playlistId parameter cannot be found.",
            'playlistNotFound',
          );
        const max = Math.min(Number(request.query.get('maxResults') ?? 5), 50);
        const items = videos
          .filter((video) => video.channelId === who.channelId)
          .slice()
          .reverse()
          .slice(0, max)
          .map((video) => ({
            kind: 'youtube#playlistItem',
            id: youtubeId(20),
            snippet: {
              publishedAt: video.publishedAt,
              channelId: video.channelId,
              title: video.title,
              description: video.description,
              resourceId: { kind: 'youtube#video', videoId: video.id },
            },
            contentDetails: { videoId: video.id, videoPublishedAt: video.publishedAt },
          }));
        return {
          status: 200,
          body: { kind: 'youtube#playlistItemListResponse', items, pageInfo: { totalResults: items.length } },
        };
      });

      router.route('GET', '/youtube/v3/videos', (request) => {
        const who = authorized(request, youtubeQuota.listCost);
        if ('status' in who) return who;
        const parts = (request.query.get('part') ?? '').split(',').filter(Boolean);
        if (parts.length === 0) return googleError(400, 'Required parameter: part', 'required');
        const ids = (request.query.get('id') ?? '').split(',').filter(Boolean);
        if (ids.length === 0)
          return googleError(
            400,
            'No filter selected. Expected one of: myRating, chart, id',
            'missingRequiredParameter',
          );
        if (ids.length > 50)
          return googleError(400, 'The request specifies too many video ids (at most 50).', 'invalidValue');
        // Unknown or deleted ids, and other channels' private videos, are simply absent from `items`.
        const items = ids
          .map((id) => videos.find((video) => video.id === id))
          .filter(
            (video): video is YouTubeSimVideo =>
              video !== undefined && (video.privacyStatus === 'public' || video.channelId === who.channelId),
          )
          .map((video) => {
            const full = videoResource(video);
            return {
              kind: full.kind,
              etag: full.etag,
              id: full.id,
              ...(parts.includes('snippet') ? { snippet: full.snippet } : {}),
              ...(parts.includes('status') ? { status: full.status } : {}),
              ...(parts.includes('statistics') ? { statistics: statisticsOf(statistics.get(video.id)) } : {}),
            };
          });
        return {
          status: 200,
          body: {
            kind: 'youtube#videoListResponse',
            etag: 'etag-videos',
            items,
            pageInfo: { totalResults: items.length, resultsPerPage: items.length },
          },
        };
      });

      router.route('DELETE', '/youtube/v3/videos', (request) => {
        const who = authorized(request, youtubeQuota.deleteCost);
        if ('status' in who) return who;
        const index = videos.findIndex(
          (video) => video.id === request.query.get('id') && video.channelId === who.channelId,
        );
        if (index < 0)
          return googleError(404, 'The video that you are trying to delete cannot be found.', 'videoNotFound');
        videos.splice(index, 1);
        return { status: 204 };
      });
    },
  });
  baseUrl = server.baseUrl;

  return {
    ...server,
    createAccount,
    /** Every video uploaded, oldest first. */
    posts: (): readonly YouTubeSimVideo[] => videos.slice(),
    /** Test hook: the public counters `videos.list?part=statistics` answers for a video. */
    setStatistics: (videoId: string, figures: YouTubeSimStatistics) => {
      statistics.set(videoId, { ...figures });
    },
    /** Quota units the project used today (Pacific day). */
    quotaUsed: () => quota.used,
    revokeRefreshToken: oauth.revokeRefreshToken,
    expireAccessToken: oauth.expireAccessToken,
  };
}

export type YouTubeSimulator = Awaited<ReturnType<typeof startYouTubeSimulator>>;
