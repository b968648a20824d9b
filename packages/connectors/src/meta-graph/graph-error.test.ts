import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import { mapGraphError, usageRetryAt } from './graph-error.ts';

const now = new Date('2026-06-01T08:00:00Z');
const graphError = (error: Record<string, unknown>) => ({
  error: { type: 'OAuthException', fbtrace_id: 'AbCdEfGhIjK', ...error },
});
const map = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  phase: 'create' | 'read' = 'create',
) => mapGraphError({ status, body, headers: new Headers(headers), now, phase });

describe('Graph API error mapping', () => {
  it('maps code 190 subcode 463 (expired) to a refreshable AuthExpired', () => {
    const error = map(
      400,
      graphError({ code: 190, error_subcode: 463, message: 'Error validating access token: Session has expired' }),
    );
    assert.ok(error instanceof AuthExpired && error.refreshable);
  });

  it('maps code 190 subcode 460 (password changed) to an AuthExpired that needs a reconnect', () => {
    const error = map(400, graphError({ code: 190, error_subcode: 460, message: 'The session has been invalidated' }));
    assert.ok(error instanceof AuthExpired && !error.refreshable);
  });

  it('maps a BUC limit to RateLimited at estimated_time_to_regain_access minutes from now', () => {
    const usage = {
      '17841400000000000': [
        { type: 'instagram', call_count: 100, total_cputime: 12, total_time: 20, estimated_time_to_regain_access: 15 },
      ],
    };
    const error = map(
      400,
      graphError({ code: 80002, message: 'There have been too many calls to this Instagram account' }),
      {
        'x-business-use-case-usage': JSON.stringify(usage),
      },
    );
    assert.ok(error instanceof RateLimited);
    assert.equal(error.scope, 'account');
    assert.equal(error.retryAt.toISOString(), '2026-06-01T08:15:00.000Z');
  });

  it('maps code 4 with X-App-Usage at 100 % to an app-wide RateLimited one rolling hour away', () => {
    const error = map(400, graphError({ code: 4, message: '(#4) Application request limit reached' }), {
      'x-app-usage': '{"call_count":100,"total_time":25,"total_cputime":25}',
    });
    assert.ok(error instanceof RateLimited);
    assert.equal(error.scope, 'app');
    assert.equal(error.retryAt.toISOString(), '2026-06-01T09:00:00.000Z');
  });

  it('maps the Instagram publishing limit subcode 2207042 to a quota RateLimited', () => {
    const error = map(
      400,
      graphError({ code: 9, error_subcode: 2207042, message: 'Application request limit reached' }),
    );
    assert.ok(error instanceof RateLimited && error.scope === 'quota');
  });

  it('maps a 5xx to OutcomeUnknown on a create call and to Transient on a read', () => {
    const body = graphError({ code: 2, is_transient: true, message: 'Service temporarily unavailable' });
    assert.ok(map(500, body) instanceof OutcomeUnknown);
    assert.ok(map(500, body, {}, 'read') instanceof Transient);
  });

  it('maps an invalid parameter to Rejected with the user-facing title and the codes', () => {
    const error = map(
      400,
      graphError({
        code: 100,
        error_subcode: 2207026,
        message: '(#100) Invalid parameter',
        error_user_title: 'Unsupported video format',
        error_user_msg: 'Use MP4',
      }),
    );
    assert.ok(error instanceof Rejected);
    assert.equal(error.networkCode, '100/2207026');
    assert.match(error.reason, /Unsupported video format: Use MP4/);
  });

  it('maps a duplicate post (506) to Rejected saying to change the text', () => {
    const error = map(400, graphError({ code: 506, message: 'Duplicate status message' }));
    assert.ok(error instanceof Rejected);
    assert.match(error.reason, /Duplicate post/);
  });

  it('reads no retry time from usage headers below 100 %', () => {
    assert.equal(
      usageRetryAt(new Headers({ 'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":25}' }), now),
      undefined,
    );
  });
});
