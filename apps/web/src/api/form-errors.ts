import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { ApiError } from './client.ts';

export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

/** A zod issue said in the user's language (zod's own messages are English only). */
function describeIssue(issue: Issue, raw: unknown, t: Translate): string {
  if (raw === '' || raw === undefined) return t('validation.required');
  switch (issue.code) {
    case 'too_small':
      return t('validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'custom':
      return t('validation.timeZone');
    default:
      return t('validation.invalid');
  }
}

/** The sentence for an error that is not about one field: rate limits, network, or the server's message. */
export function describeApiError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status === 429) {
    return error.retryAfterSeconds === null
      ? t('errors.tooManyAttemptsLater')
      : t('errors.tooManyAttempts', { seconds: error.retryAfterSeconds });
  }
  if (error.code === 'network_error') return t('errors.network');
  if (error.code === 'invalid_response') return t('errors.invalidResponse');
  return error.message || t('errors.unexpected');
}

/**
 * Field errors (from client-side zod checks or a `validation_failed` answer) and one form-level error.
 * @example const form = useFormErrors(); const body = form.validate(LoginRequest, values); if (!body) return;
 */
export function useFormErrors() {
  const { t } = useI18n();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);

  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(undefined);
  }, []);

  const validate = useCallback(
    <S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.infer<S> | undefined => {
      const parsed = schema.safeParse(values);
      if (parsed.success) {
        clear();
        return parsed.data;
      }
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (!errors[field]) errors[field] = describeIssue(issue, values[field], t);
      }
      setFieldErrors(errors);
      setFormError(t('validation.checkFields'));
      return undefined;
    },
    [clear, t],
  );

  const fromError = useCallback(
    (error: unknown) => {
      const issues = error instanceof ApiError ? error.fieldIssues() : [];
      const errors: FieldErrors = {};
      for (const issue of issues) {
        const field = issue.path.split('.')[0] ?? issue.path;
        if (!errors[field]) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      setFormError(describeApiError(error, t));
    },
    [t],
  );

  return { fieldErrors, formError, validate, fromError, clear };
}
