import type { MessageKey, Translate } from '../../i18n/i18n.tsx';
import { ApiError } from '../../api/client.ts';

/** One problem the server found in the answers or the edited plan: where, and what (translated here). */
export type PlanIssue = { path: string; text: string };

const reasons = [
  'required',
  'invalid_type',
  'not_allowed',
  'out_of_range',
  'duplicate',
  'unknown_reference',
  'inverted_range',
  'invalid_date',
  'not_summing_to_100',
] as const;

/**
 * The field problems of a failed save, said in the user's language (the server sends reason codes and their
 * parameters beside its English sentence, which is the fallback).
 */
export function planIssues(error: unknown, t: Translate): PlanIssue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as unknown[]).flatMap((item): PlanIssue[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message, reason, params } = item as {
      path?: unknown;
      message?: unknown;
      reason?: unknown;
      params?: Record<string, string | number>;
    };
    if (typeof path !== 'string') return [];
    const field = path.replace(/^body\.(plan\.|answers\.)?/, '');
    const known = reasons.find((entry) => entry === reason);
    const text = known
      ? t(`strategy.error.${known}` as MessageKey, {
          min: params?.min ?? '',
          max: params?.max ?? '',
          total: params?.total ?? '',
          allowed: params?.allowed ?? '',
          value: params?.value ?? '',
        })
      : typeof message === 'string'
        ? message
        : '';
    return [{ path: field, text }];
  });
}
