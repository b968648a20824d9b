import { MediaList, MediaUploadResult, type MediaAssetView } from '@sillage/contracts';
import { api, ApiError, currentCsrfToken, workspacePath } from '../../api/client.ts';

export type MediaItem = MediaAssetView;
export type MediaKindFilter = '' | 'image' | 'video' | 'document';

/** The workspace's library, newest first, matching the search words and kind. */
export function listMedia(
  workspaceId: string,
  filter: { search?: string; kind?: MediaKindFilter },
  signal?: AbortSignal,
) {
  const query = new URLSearchParams();
  if (filter.search?.trim()) query.set('search', filter.search.trim());
  if (filter.kind) query.set('kind', filter.kind);
  const suffix = query.size ? `?${query.toString()}` : '';
  return api.get(`${workspacePath(workspaceId, 'media')}${suffix}`, MediaList, signal ? { signal } : {});
}

/**
 * Uploads one file as multipart/form-data, reporting progress (0 to 1) while the bytes go out. Errors are the
 * server's (415 refused by content, 413 too large) as an ApiError, like every other call.
 */
export function uploadMedia(
  workspaceId: string,
  file: File,
  fields: { altText?: string; tags?: string },
  onProgress: (fraction: number) => void,
): Promise<{ media: MediaItem; duplicate: boolean }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (fields.altText) form.append('altText', fields.altText);
    if (fields.tags) form.append('tags', fields.tags);
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', workspacePath(workspaceId, 'media'));
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    const token = currentCsrfToken();
    if (token) request.setRequestHeader('x-csrf-token', token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network_error', 'The server cannot be reached.', undefined, null));
    request.onload = () => {
      let payload: unknown;
      try {
        payload = JSON.parse(request.responseText);
      } catch {
        payload = undefined;
      }
      if (request.status >= 200 && request.status < 300) {
        const parsed = MediaUploadResult.safeParse(payload);
        if (parsed.success) resolve(parsed.data);
        else
          reject(new ApiError(request.status, 'invalid_response', 'Unexpected answer to the upload.', undefined, null));
        return;
      }
      const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(
        new ApiError(
          request.status,
          error?.code ?? `http_${request.status}`,
          error?.message ?? request.statusText,
          error?.details,
          null,
        ),
      );
    };
    request.send(form);
  });
}

/** "1.2 MB", "340 kB": a file size for people (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** "1:05", a video's duration in minutes and seconds. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
