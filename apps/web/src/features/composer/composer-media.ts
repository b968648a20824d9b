import { typeFromName, type DraftMedia } from './composer-model.ts';

/** Width and height of an image, or nothing when it cannot be loaded here. */
function imageSize(url: string): Promise<{ width?: number; height?: number }> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => resolve({});
    image.src = url;
  });
}

/** Width, height and duration of a video, or nothing when it cannot be loaded here. */
function videoMeta(url: string): Promise<{ width?: number; height?: number; durationSeconds?: number }> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    video.preload = 'metadata';
    video.onloadedmetadata = () =>
      resolve({
        width: video.videoWidth || undefined,
        height: video.videoHeight || undefined,
        durationSeconds: Number.isFinite(video.duration) ? Math.round(video.duration * 10) / 10 : undefined,
      });
    video.onerror = () => resolve({});
    video.src = url;
  });
}

const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;

/**
 * What the rules need to know about a media URL: its type and size (a HEAD request, where the server allows it),
 * then an image's dimensions or a video's dimensions and duration. Unknown values stay unknown (the rules that
 * need them are then left to the network).
 */
export async function probeMedia(url: string): Promise<DraftMedia> {
  let mimeType = typeFromName(url);
  let byteLength: number | undefined;
  try {
    const response = await fetch(url, { method: 'HEAD' });
    if (response.ok) {
      mimeType = response.headers.get('content-type')?.split(';')[0]?.trim() || mimeType;
      const length = Number(response.headers.get('content-length'));
      if (Number.isInteger(length) && length > 0) byteLength = length;
    }
  } catch {
    // Another origin without CORS: the file name tells the type, the size stays unknown.
  }
  const type = mimeType ?? 'application/octet-stream';
  const extra = type.startsWith('image/')
    ? await imageSize(url)
    : type.startsWith('video/')
      ? await videoMeta(url)
      : {};
  return defined({ url, mimeType: type, byteLength, ...extra });
}

/** A library item as the composer keeps it: the signed address networks fetch, with what the library measured. */
export type LibraryDraftMedia = DraftMedia & { altText?: string; name?: string };

/** The draft media for a library item (no probing: the library already read its type, size and dimensions). */
export function libraryMedia(item: {
  publicUrl: string;
  mimeType: string;
  byteLength: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  altText: string;
  originalName: string;
}): LibraryDraftMedia {
  return defined({
    url: item.publicUrl,
    mimeType: item.mimeType,
    byteLength: item.byteLength,
    width: item.width ?? undefined,
    height: item.height ?? undefined,
    durationSeconds: item.durationSeconds ?? undefined,
    altText: item.altText || undefined,
    name: item.originalName,
  });
}

/** What to call a draft media: its library name, or the last segment of its URL. */
export const mediaLabel = (item: DraftMedia) =>
  (item as LibraryDraftMedia).name ?? item.url.split('/').pop() ?? item.url;
