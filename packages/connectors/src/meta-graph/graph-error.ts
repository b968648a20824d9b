import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient, type ConnectorError } from '../errors.ts';

/** The Graph API error object (Facebook, Instagram and Threads share it). */
export type GraphErrorBody = {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
};

/**
 * Whether the failed call could have created something: a 5xx or a transient error on a create call
 * (feed, photos, media_publish, threads_publish) leaves the outcome unknown; on a read or a container it is
 * safe to retry.
 */
export type CallPhase = 'create' | 'read';

/** Instagram's "content publishing limit reached" subcode. */
export const instagramPublishingLimitSubcode = 2207042;

const expiredSubcode = 463;
const rateLimitCodes = new Set([4, 17, 32, 613]);
// Without an estimate, Meta's platform limits are computed over a rolling hour.
const defaultWaitMinutes = 60;

type UsageBucket = {
  call_count?: number;
  total_time?: number;
  total_cputime?: number;
  estimated_time_to_regain_access?: number;
};

function parseJson(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function isFull(bucket: UsageBucket): boolean {
  return Math.max(bucket.call_count ?? 0, bucket.total_time ?? 0, bucket.total_cputime ?? 0) >= 100;
}

/**
 * When to call again, read from `X-Business-Use-Case-Usage` (its `estimated_time_to_regain_access`, minutes)
 * and `X-App-Usage` (percentages of a rolling hour); undefined when neither says a bucket is used up.
 * @example usageRetryAt(new Headers({ 'x-app-usage': '{"call_count":100}' }), now) // now + 60 min
 */
export function usageRetryAt(headers: Headers, now: Date): Date | undefined {
  let waitMinutes: number | undefined;
  const business = parseJson(headers.get('x-business-use-case-usage'));
  if (business && typeof business === 'object') {
    for (const buckets of Object.values(business as Record<string, unknown>)) {
      if (!Array.isArray(buckets)) continue;
      for (const bucket of buckets as UsageBucket[]) {
        const estimate = bucket.estimated_time_to_regain_access ?? 0;
        if (estimate > 0 || isFull(bucket)) {
          const minutes = estimate > 0 ? estimate : defaultWaitMinutes;
          waitMinutes = Math.max(waitMinutes ?? 0, minutes);
        }
      }
    }
  }
  const app = parseJson(headers.get('x-app-usage')) as UsageBucket | undefined;
  if (waitMinutes === undefined && app && typeof app === 'object' && isFull(app)) waitMinutes = defaultWaitMinutes;
  return waitMinutes === undefined ? undefined : new Date(now.getTime() + waitMinutes * 60_000);
}

function describe(error: GraphErrorBody): string {
  const parts = [error.error_user_title, error.error_user_msg ?? error.message].filter(Boolean);
  const code = error.error_subcode ? `${error.code}/${error.error_subcode}` : String(error.code ?? '');
  return `${parts.join(': ') || 'Graph API error'} (code ${code})`;
}

/**
 * Translates a Graph API error response into our error types: code 190 -> AuthExpired (refreshable only when
 * the token merely expired), rate-limit codes or usage headers -> RateLimited, 5xx on a create call ->
 * OutcomeUnknown, the rest -> Rejected.
 * @example mapGraphError({ status: 400, body: { error: { code: 190, error_subcode: 463 } }, headers, now, phase: 'create' }) // AuthExpired(true)
 */
export function mapGraphError(input: {
  status: number;
  body: unknown;
  headers: Headers;
  now: Date;
  phase: CallPhase;
}): ConnectorError {
  const error: GraphErrorBody =
    input.body && typeof input.body === 'object' && 'error' in input.body
      ? ((input.body as { error: GraphErrorBody }).error ?? {})
      : {};
  const code = error.code ?? 0;
  const text = describe(error);
  if (code === 190 || code === 102) {
    return new AuthExpired(text, error.error_subcode === expiredSubcode);
  }
  if (error.error_subcode === instagramPublishingLimitSubcode) {
    // The real retryAt needs the account's recent posts: the Instagram connector replaces this upper bound.
    return new RateLimited(text, new Date(input.now.getTime() + 86_400_000), 'quota');
  }
  const usageAt = usageRetryAt(input.headers, input.now);
  const isRateCode = rateLimitCodes.has(code) || (code >= 80000 && code <= 80014);
  if (isRateCode || input.status === 429 || (usageAt && input.status < 500)) {
    const retryAt = usageAt ?? new Date(input.now.getTime() + defaultWaitMinutes * 60_000);
    return new RateLimited(text, retryAt, code === 4 ? 'app' : 'account');
  }
  if (input.status >= 500 || code === 1 || code === 2 || error.is_transient === true) {
    return input.phase === 'create' ? new OutcomeUnknown(text) : new Transient(text);
  }
  if (code === 506) return new Rejected(`Duplicate post: change the text (${text})`, '506');
  return new Rejected(text, error.error_subcode ? `${code}/${error.error_subcode}` : String(code));
}
