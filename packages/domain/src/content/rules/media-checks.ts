/** The per-item media rules of the table: type, size, duration, aspect ratio, dimensions. */
import type { IssueCode, IssueParams, MediaKind, PostMedia, Rule } from './types.ts';

/** A rule broken, before the validator adds severity, network and format. */
export type Finding = { code: IssueCode; field: string; params: IssueParams };

const documentTypes = new Set([
  'application/pdf',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

/** Aspect ratios are written rounded (1.91:1 is 1.9108... for 1080×566): 1 % either way is accepted. */
export const aspectTolerance = 0.01;

/**
 * The MIME type in lower case, with the common non-standard spellings mapped to the standard ones.
 * @example normalizeMimeType('Image/JPG') // 'image/jpeg'
 */
export function normalizeMimeType(mimeType: string): string {
  const lower = mimeType.trim().toLowerCase();
  if (lower === 'image/jpg' || lower === 'image/pjpeg') return 'image/jpeg';
  if (lower === 'video/mov') return 'video/quicktime';
  return lower;
}

/**
 * The family of a media item, from its MIME type.
 * @example mediaKindOf('image/gif') // 'gif'
 */
export function mediaKindOf(mimeType: string): MediaKind {
  const type = normalizeMimeType(mimeType);
  if (type === 'image/gif') return 'gif';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return documentTypes.has(type) ? 'document' : 'other';
}

/** Whether a MIME type is in an accept list (`image/*` accepts every image). */
export function acceptsType(accept: readonly string[], mimeType: string): boolean {
  const type = normalizeMimeType(mimeType);
  return accept.some((entry) => (entry.endsWith('/*') ? type.startsWith(entry.slice(0, -1)) : entry === type));
}

function checkDimensions(rule: Extract<Rule, { kind: 'dimensions' }>, item: PostMedia, at: string): Finding[] {
  const found: Finding[] = [];
  const { width, height } = item;
  if (width !== undefined) {
    if (rule.minWidth !== undefined && width < rule.minWidth)
      found.push({ code: 'width_too_small', field: `${at}.width`, params: { min: rule.minWidth, actual: width } });
    if (rule.maxWidth !== undefined && width > rule.maxWidth)
      found.push({ code: 'width_too_large', field: `${at}.width`, params: { limit: rule.maxWidth, actual: width } });
  }
  if (height !== undefined) {
    if (rule.minHeight !== undefined && height < rule.minHeight)
      found.push({ code: 'height_too_small', field: `${at}.height`, params: { min: rule.minHeight, actual: height } });
    if (rule.maxHeight !== undefined && height > rule.maxHeight)
      found.push({
        code: 'height_too_large',
        field: `${at}.height`,
        params: { limit: rule.maxHeight, actual: height },
      });
  }
  if (rule.maxPixels !== undefined && width !== undefined && height !== undefined && width * height > rule.maxPixels)
    found.push({ code: 'pixels_too_many', field: at, params: { limit: rule.maxPixels, actual: width * height } });
  return found;
}

/**
 * What one media item breaks of one rule; `at` is its path (`media[2]`, `threadParts[0].media[1]`).
 * A rule whose metadata is unknown (no duration, no size) is not checked: the media library probes them.
 */
export function checkMediaItem(rule: Rule, item: PostMedia, at: string): Finding[] {
  const kind = mediaKindOf(item.mimeType);
  switch (rule.kind) {
    case 'media_type':
      return acceptsType(rule.accept, item.mimeType)
        ? []
        : [
            {
              code: 'media_type_unsupported',
              field: `${at}.mimeType`,
              params: { mimeType: item.mimeType, accepted: rule.accept },
            },
          ];
    case 'media_bytes': {
      if (!rule.kinds.includes(kind) || item.byteLength === undefined) return [];
      const field = `${at}.byteLength`;
      if (item.byteLength > rule.max)
        return [
          {
            code: 'media_too_large',
            field,
            params: { limit: rule.max, actual: item.byteLength, excess: item.byteLength - rule.max },
          },
        ];
      if (rule.min !== undefined && item.byteLength < rule.min)
        return [{ code: 'media_too_small', field, params: { min: rule.min, actual: item.byteLength } }];
      return [];
    }
    case 'media_duration': {
      if (!rule.kinds.includes(kind) || item.durationSeconds === undefined) return [];
      const field = `${at}.durationSeconds`;
      const actual = item.durationSeconds;
      if (rule.max !== undefined && actual > rule.max)
        return [{ code: 'media_too_long', field, params: { limit: rule.max, actual, excess: actual - rule.max } }];
      if (rule.min !== undefined && actual < rule.min)
        return [{ code: 'media_too_short', field, params: { min: rule.min, actual } }];
      return [];
    }
    case 'aspect_ratio': {
      const { width, height } = item;
      if (!rule.kinds.includes(kind) || !width || !height) return [];
      const actual = width / height;
      if (actual >= rule.min * (1 - aspectTolerance) && actual <= rule.max * (1 + aspectTolerance)) return [];
      return [
        {
          code: 'aspect_ratio_out_of_range',
          field: at,
          params: {
            min: rule.min,
            max: rule.max,
            actual: Math.round(actual * 1000) / 1000,
            width,
            height,
          },
        },
      ];
    }
    case 'dimensions':
      return rule.kinds.includes(kind) ? checkDimensions(rule, item, at) : [];
    default:
      return [];
  }
}
