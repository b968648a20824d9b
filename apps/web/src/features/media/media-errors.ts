import { ApiError } from '../../api/client.ts';
import { describeApiError } from '../../api/form-errors.ts';
import type { MessageKey, Translate } from '../../i18n/i18n.tsx';

const refusals: Record<string, MessageKey> = {
  empty: 'media.error.empty',
  markup: 'media.error.markup',
  unknown: 'media.error.unknown',
  polyglot: 'media.error.polyglot',
  truncated: 'media.error.truncated',
  active_content: 'media.error.activeContent',
  unreadable: 'media.error.unreadable',
  dimensions: 'media.error.dimensions',
};

const importRefusals: Record<string, MessageKey> = {
  url_refused: 'media.error.urlRefused',
  address_refused: 'media.error.addressRefused',
  timeout: 'media.error.timeout',
  http_error: 'media.error.httpError',
  unreachable: 'media.error.unreachable',
};

/** An upload's or import's refusal in the reader's language: why (by content, size or address) and what to do. */
export function describeMediaError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return describeApiError(error, t);
  const reason = (error.details as { reason?: string } | undefined)?.reason ?? '';
  if (error.code === 'media_too_large') {
    const maxBytes = (error.details as { maxBytes?: number } | undefined)?.maxBytes;
    return t('media.error.tooLarge', { megabytes: maxBytes ? Math.floor(maxBytes / 1_048_576) : '?' });
  }
  if (error.code === 'media_refused' && refusals[reason]) return t(refusals[reason]);
  if (error.code === 'import_refused' && importRefusals[reason]) return t(importRefusals[reason]);
  return describeApiError(error, t);
}
