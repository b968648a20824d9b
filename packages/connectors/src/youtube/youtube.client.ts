/**
 * HTTP calls to YouTube Data API v3 (platforms.md §8): the resumable `videos.insert` upload (session, chunked
 * PUTs, 308 Resume Incomplete, status query after a lost answer), the uploads playlist, delete.
 */
import { OutcomeUnknown, Transient } from '../errors.ts';
import { googleSend, mapGoogleError, type GoogleContext, type GoogleResponse } from './google-api.ts';
import { youtubeLimits, youtubeNextOffset, type YouTubeVideoMetadata } from './youtube.mapper.ts';

/** A chunk may take this long (ms): 8 MiB on a slow uplink. */
const chunkTimeoutMs = 300_000;
/** How many times a lost or 5xx chunk answer is followed by a status query and a resume. */
const maxResumes = 3;

async function ok(context: GoogleContext, response: Promise<GoogleResponse>, phase: 'read' | 'create') {
  const answer = await response;
  if (answer.status >= 400) throw mapGoogleError(answer, phase, context.now());
  return answer;
}

/** Step 1: `POST /upload/youtube/v3/videos?uploadType=resumable` -> the session URI (Location header). */
export async function startResumableUpload(
  context: GoogleContext,
  metadata: YouTubeVideoMetadata,
  mimeType: string,
  byteLength: number,
): Promise<string> {
  const response = await ok(
    context,
    googleSend(
      context,
      {
        method: 'POST',
        url: '/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status',
        json: metadata,
        headers: { 'x-upload-content-type': mimeType, 'x-upload-content-length': String(byteLength) },
      },
      // No video exists until the bytes are sent: a lost session answer is safe to retry.
      'read',
    ),
    'read',
  );
  const location = response.headers.get('location');
  if (!location) throw new Transient('YouTube opened no upload session (no Location header).');
  return location;
}

/** Asks where a session stands (`Content-Range: bytes *\/total`): the finished video, or the next offset. */
async function querySession(
  context: GoogleContext,
  session: string,
  total: number,
): Promise<{ done: Record<string, unknown> } | { offset: number }> {
  const response = await googleSend(
    context,
    { method: 'PUT', url: session, headers: { 'content-range': `bytes */${total}` } },
    'read',
  );
  if (response.status === 200 || response.status === 201) return { done: response.body };
  if (response.status === 308) return { offset: youtubeNextOffset(response.headers.get('range')) };
  throw mapGoogleError(response, 'read', context.now());
}

/**
 * Step 2: PUTs the bytes in 256 KiB-multiple chunks; on a 308 continues from the Range YouTube confirms. When
 * an answer is lost or is a 5xx, asks the session where it stands and resumes, so a finished upload is never
 * re-sent. Returns the video resource.
 */
export async function uploadVideoBytes(
  context: GoogleContext,
  session: string,
  bytes: Uint8Array,
  mimeType: string,
  chunkBytes: number = youtubeLimits.chunkBytes,
): Promise<Record<string, unknown>> {
  const total = bytes.byteLength;
  let offset = 0;
  let resumes = 0;
  for (;;) {
    const end = Math.min(offset + chunkBytes, total);
    let response: GoogleResponse | undefined;
    let failure: Error | undefined;
    try {
      response = await googleSend(
        context,
        {
          method: 'PUT',
          url: session,
          bytes: bytes.subarray(offset, end),
          headers: { 'content-type': mimeType, 'content-range': `bytes ${offset}-${end - 1}/${total}` },
          timeoutMs: chunkTimeoutMs,
        },
        'create',
      );
    } catch (error) {
      failure = error as Error;
    }
    if (response && (response.status === 200 || response.status === 201)) return response.body;
    if (response?.status === 308) {
      offset = youtubeNextOffset(response.headers.get('range'));
      continue;
    }
    if (response && response.status < 500) throw mapGoogleError(response, 'create', context.now());
    // A lost answer or a 5xx: the session knows whether the bytes (maybe the last ones) arrived. Only the
    // chunk that carries the last byte can have made a video.
    const reason = failure?.message ?? `YouTube answered ${response?.status ?? '?'} to an upload chunk`;
    const unknown = (detail: string) =>
      end < total ? new Transient(`${reason}; ${detail}`) : new OutcomeUnknown(`${reason}; ${detail}`);
    if (resumes >= maxResumes) throw unknown('the upload session did not say how far it got.');
    resumes += 1;
    let state: Awaited<ReturnType<typeof querySession>>;
    try {
      state = await querySession(context, session, total);
    } catch (error) {
      if (resumes >= maxResumes) throw unknown(`then: ${(error as Error).message}`);
      continue;
    }
    if ('done' in state) return state.done;
    offset = state.offset;
  }
}

/** The channel's uploads playlist id (`channels.list?mine=true`, 1 unit). */
export async function uploadsPlaylistId(context: GoogleContext): Promise<string | null> {
  const response = await ok(
    context,
    googleSend(context, { method: 'GET', url: '/youtube/v3/channels?part=contentDetails&mine=true' }, 'read'),
    'read',
  );
  const items = response.body.items as { contentDetails?: { relatedPlaylists?: { uploads?: string } } }[] | undefined;
  return items?.[0]?.contentDetails?.relatedPlaylists?.uploads ?? null;
}

/** `channels.list?part=snippet&mine=true` (1 unit): the channel the token was granted for. */
export async function myChannels(context: GoogleContext): Promise<Record<string, unknown>> {
  const response = await ok(
    context,
    googleSend(context, { method: 'GET', url: '/youtube/v3/channels?part=snippet&mine=true' }, 'read'),
    'read',
  );
  return response.body;
}

/** The newest 50 items of a playlist (`playlistItems.list`, 1 unit). */
export async function listPlaylistItems(context: GoogleContext, playlistId: string): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ part: 'snippet,contentDetails', playlistId, maxResults: '50' });
  const response = await ok(
    context,
    googleSend(context, { method: 'GET', url: `/youtube/v3/playlistItems?${query.toString()}` }, 'read'),
    'read',
  );
  return response.body;
}

/** `DELETE /youtube/v3/videos?id=…` (50 units). */
export async function deleteVideo(context: GoogleContext, id: string): Promise<void> {
  await ok(
    context,
    googleSend(context, { method: 'DELETE', url: `/youtube/v3/videos?id=${encodeURIComponent(id)}` }, 'read'),
    'read',
  );
}
