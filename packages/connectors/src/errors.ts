/**
 * Our own error types: every connector translates the network's errors into these, so the publishing
 * engine decides retries without knowing any network.
 */

/** The token is expired or revoked and could not be refreshed here: the account needs a refresh or a reconnect. */
export class AuthExpired extends Error {
  override readonly name = 'AuthExpired';
  constructor(
    message: string,
    /** True when a refresh may fix it (expired access token); false when the user must reconnect (revoked). */
    readonly refreshable: boolean,
  ) {
    super(message);
  }
}

/** The network asks us to wait: no call to this account (or app) before `retryAt`. */
export class RateLimited extends Error {
  override readonly name = 'RateLimited';
  constructor(
    message: string,
    readonly retryAt: Date,
    /** Whether the limit is the account's, the whole app's, or a daily publishing quota. */
    readonly scope: 'account' | 'app' | 'quota',
  ) {
    super(message);
  }
}

/** The network refused the content or the request for good: retrying the same thing will fail again. */
export class Rejected extends Error {
  override readonly name = 'Rejected';
  constructor(
    /** For people: what the network said and what to change. */
    readonly reason: string,
    readonly networkCode?: string,
  ) {
    super(reason);
  }
}

/**
 * We do not know whether the network accepted the post (timeout, connection reset or 5xx after the body was
 * sent, a 200 without an id). The engine must reconcile with `findPublished` before any retry.
 */
export class OutcomeUnknown extends Error {
  override readonly name = 'OutcomeUnknown';
  constructor(message: string) {
    super(message);
  }
}

/** A transient failure before anything could have been accepted (connection refused, 5xx on a read): safe to retry. */
export class Transient extends Error {
  override readonly name = 'Transient';
  constructor(message: string) {
    super(message);
  }
}

export type ConnectorError = AuthExpired | RateLimited | Rejected | OutcomeUnknown | Transient;
