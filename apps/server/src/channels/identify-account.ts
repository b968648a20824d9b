import type { ConnectableAccount } from '@sillage/connectors';
import { AppError } from '../http/errors.ts';
import type { IdentifyAccount } from './channel-connections.service.ts';

/**
 * Who a connection belongs to, as the connector listed it. `accountId`/`displayName` are what the service
 * stores today; `accessToken` is the chosen account's own token when the network gives one (a Facebook Page
 * token: the one that publishes, not the user's); `candidates` are every account the login may publish as,
 * for the web app to offer a choice when there are several.
 */
export type IdentifiedAccount = {
  accountId: string;
  displayName: string;
  kind: ConnectableAccount['kind'];
  handle?: string;
  avatarUrl?: string;
  accessToken?: string;
  candidates: readonly ConnectableAccount[];
};

/**
 * The `IdentifyAccount` hook built on the connectors' `listAccounts`: the first account the network lists
 * (its own order), with all of them as `candidates`. Null for a connector that cannot list accounts (the
 * service then keeps one account per network); a clear error when the login may publish as no account.
 * @example createIdentifyWithConnector({ fetch, now: () => new Date() })({ network: 'facebook', connector, baseUrl, tokens, instanceUrl: null })
 */
export function createIdentifyWithConnector(deps: { fetch: typeof fetch; now: () => Date }): IdentifyAccount {
  return async ({ network, connector, baseUrl, tokens, instanceUrl }) => {
    if (!connector.listAccounts) return null;
    const candidates = await connector.listAccounts({
      baseUrl,
      fetch: deps.fetch,
      now: deps.now,
      tokens,
      ...(instanceUrl ? { instanceUrl } : {}),
    });
    const chosen = candidates[0];
    if (!chosen)
      throw new AppError(
        422,
        'no_publishable_account',
        `This ${network} login gives access to no account Sillage can publish to; sign in with an account that manages one.`,
        { network },
      );
    const identified: IdentifiedAccount = {
      accountId: chosen.accountId,
      displayName: chosen.displayName,
      kind: chosen.kind,
      ...(chosen.handle ? { handle: chosen.handle } : {}),
      ...(chosen.avatarUrl ? { avatarUrl: chosen.avatarUrl } : {}),
      ...(chosen.accessToken ? { accessToken: chosen.accessToken } : {}),
      candidates,
    };
    return identified;
  };
}

/** The hook with the process's own fetch and clock, for the server's composition. */
export const identifyWithConnector: IdentifyAccount = createIdentifyWithConnector({
  fetch: (input, init) => globalThis.fetch(input, init),
  now: () => new Date(),
});
