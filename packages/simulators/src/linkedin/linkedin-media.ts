/**
 * The simulated LinkedIn Images, Videos and Documents APIs: initializeUpload, PUT to the upload URLs (video in
 * 4 MB parts answering ETags), finalizeUpload, and the status a post needs (AVAILABLE).
 */
import { simToken, type Router, type SimRequest, type SimResponse } from '../kit/index.ts';
import { restliError } from './linkedin-restli.ts';

export type LinkedinSimMedia = {
  urn: string;
  kind: 'image' | 'video' | 'document';
  owner: string;
  size: number;
  received: number;
  status: string;
  polls: number;
};
type Guard = (
  handler: (request: SimRequest, orgs: string[]) => SimResponse,
  needsVersion?: boolean,
) => (request: SimRequest) => SimResponse;

const partBytes = 4 * 1024 * 1024;

/**
 * The media store and its routes; `guarded` checks the version headers and the token and gives the caller's organizations.
 * @example const media = createLinkedinMedia(now, guarded); media.declareRoutes(router)
 */
export function createLinkedinMedia(now: () => Date, guarded: Guard) {
  const media = new Map<string, LinkedinSimMedia>();
  const uploads = new Map<string, { urn: string; firstByte: number; lastByte: number; done: boolean }>();
  const selfUrl = (request: SimRequest) => `http://${String(request.headers.host)}`;

  function initializeUpload(kind: LinkedinSimMedia['kind']) {
    return guarded((request, orgs) => {
      const init = (request.body as { initializeUploadRequest?: { owner?: unknown; fileSizeBytes?: unknown } })
        .initializeUploadRequest;
      const owner = typeof init?.owner === 'string' ? init.owner : '';
      if (!orgs.includes(owner))
        return { status: 403, body: restliError(403, 'ACCESS_DENIED', `Not enough permissions to act as ${owner}`) };
      const prefix = { image: 'C4E10AQ', video: 'C5F10AQ', document: 'D5510AQ' }[kind];
      const urn = `urn:li:${kind}:${prefix}${simToken('').slice(0, 12)}`;
      const size = kind === 'video' ? Number(init?.fileSizeBytes ?? 0) : 0;
      media.set(urn, { urn, kind, owner, size, received: 0, status: 'WAITING_UPLOAD', polls: 0 });
      const expires = now().getTime() + 86_400_000;
      if (kind !== 'video') {
        const id = simToken('up_');
        uploads.set(id, { urn, firstByte: 0, lastByte: -1, done: false });
        return {
          status: 200,
          body: {
            value: { uploadUrlExpiresAt: expires, uploadUrl: `${selfUrl(request)}/dms-uploads/${id}`, [kind]: urn },
          },
        };
      }
      const uploadInstructions = [];
      for (let firstByte = 0; firstByte < size; firstByte += partBytes) {
        const id = simToken('up_');
        const lastByte = Math.min(firstByte + partBytes, size) - 1;
        uploads.set(id, { urn, firstByte, lastByte, done: false });
        uploadInstructions.push({ uploadUrl: `${selfUrl(request)}/dms-uploads/${id}`, firstByte, lastByte });
      }
      return {
        status: 200,
        body: { value: { video: urn, uploadToken: '', uploadUrlsExpireAt: expires, uploadInstructions } },
      };
    });
  }

  function finalizeVideo(request: SimRequest): SimResponse {
    return guarded(() => {
      const finalize = (request.body as { finalizeUploadRequest?: { video?: unknown; uploadedPartIds?: unknown } })
        .finalizeUploadRequest;
      const item = media.get(String(finalize?.video));
      if (!item) return { status: 404, body: restliError(404, 'NOT_FOUND', 'Video not found') };
      const parts = Array.isArray(finalize?.uploadedPartIds) ? finalize.uploadedPartIds : [];
      const expected = [...uploads.values()].filter((upload) => upload.urn === item.urn);
      if (item.received !== item.size || parts.length !== expected.length)
        return {
          status: 400,
          body: restliError(
            400,
            'BAD_REQUEST',
            `Uploaded ${item.received} of ${item.size} bytes in ${parts.length} parts`,
          ),
        };
      item.status = 'PROCESSING';
      return { status: 200, body: {} };
    })(request);
  }

  function declareRoutes(router: Router): void {
    router.route('POST', '/rest/images', initializeUpload('image'));
    router.route('POST', '/rest/videos', (request) =>
      request.query.get('action') === 'finalizeUpload' ? finalizeVideo(request) : initializeUpload('video')(request),
    );
    router.route('POST', '/rest/documents', initializeUpload('document'));
    for (const kind of ['images', 'videos', 'documents'])
      router.route(
        'GET',
        `/rest/${kind}/:urn`,
        guarded((request) => {
          const item = media.get(request.params.urn ?? '');
          if (!item) return { status: 404, body: restliError(404, 'NOT_FOUND', 'Media not found') };
          item.polls += 1;
          // A finalized video is PROCESSING on the first look, AVAILABLE after.
          if (item.status === 'PROCESSING' && item.polls > 1) item.status = 'AVAILABLE';
          return { status: 200, body: { id: item.urn, owner: item.owner, status: item.status } };
        }),
      );
    router.route(
      'PUT',
      '/dms-uploads/:id',
      guarded((request) => {
        const upload = uploads.get(request.params.id ?? '');
        const item = upload ? media.get(upload.urn) : undefined;
        if (!upload || !item || upload.done)
          return { status: 400, body: restliError(400, 'BAD_REQUEST', 'Unknown or used upload URL') };
        if (upload.lastByte >= 0 && request.raw.length !== upload.lastByte - upload.firstByte + 1)
          return {
            status: 400,
            body: restliError(400, 'BAD_REQUEST', 'Part size does not match the upload instructions'),
          };
        upload.done = true;
        item.received += request.raw.length;
        if (item.kind !== 'video') {
          item.size = item.received;
          item.status = 'AVAILABLE';
        }
        return { status: 201, headers: { etag: `"etag-${request.params.id}"` } };
      }, false),
    );
  }

  return { media, declareRoutes };
}
