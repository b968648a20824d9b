import type { Capabilities, Connector, NetworkId, OAuthClient } from '@sillage/connectors';
import type { ChannelNetworkOverrides } from './channels.module.ts';
import { HandshakeRefused, type BlueskySession } from './network-handshakes.ts';

// Test support only: OAuth networks that answer in memory, and what they were asked.

export type FakeExchange = {
  network: NetworkId;
  baseUrl: string;
  client: OAuthClient;
  code: string;
  codeVerifier?: string;
};

const capabilities = (auth: Capabilities['auth']): Capabilities => ({
  formats: ['text'],
  maxTextLength: 500,
  textCounting: 'graphemes',
  maxMediaPerPost: 4,
  threads: false,
  firstComment: false,
  analytics: false,
  inbox: { comments: false, mentions: false, directMessages: false, reviews: false },
  auth,
});

/** A connector for `network` whose token endpoint gives `access-<code>` and remembers each exchange. */
function fakeConnector(network: NetworkId, auth: Capabilities['auth'], exchanges: FakeExchange[]): Connector {
  return {
    network,
    capabilities: capabilities(auth),
    validate: () => [],
    publish: () => Promise.reject(new Error('not used')),
    findPublished: () => Promise.resolve(null),
    authorizeUrl(baseUrl, client, input) {
      const url = new URL(`${baseUrl}/oauth/authorize`);
      url.searchParams.set('client_id', client.clientId);
      url.searchParams.set('redirect_uri', client.redirectUri);
      url.searchParams.set('state', input.state);
      if (input.codeChallenge) url.searchParams.set('code_challenge', input.codeChallenge);
      return url.toString();
    },
    async exchangeCode(context, client, input) {
      if (input.code === 'refused') throw new Error('invalid_grant');
      exchanges.push({ network, baseUrl: context.baseUrl, client, ...input });
      return {
        accessToken: `access-${input.code}`,
        refreshToken: `refresh-${input.code}`,
        expiresAt: new Date(context.now().getTime() + 7_200_000),
        scopes: ['write'],
      };
    },
  };
}

/** X (PKCE), LinkedIn (plain OAuth 2) and Mastodon (per instance) in memory, Bluesky sessions by handle. */
export function createFakeNetworks() {
  const exchanges: FakeExchange[] = [];
  const registrations: string[] = [];
  let sessions = 0;
  const overrides: ChannelNetworkOverrides = {
    connectors: {
      x: fakeConnector('x', 'oauth2_pkce', exchanges),
      linkedin: fakeConnector('linkedin', 'oauth2', exchanges),
      mastodon: fakeConnector('mastodon', 'oauth2_per_instance', exchanges),
    },
    oauthClients: {
      x: { clientId: 'x-client', clientSecret: 'x-secret' },
      linkedin: { clientId: 'li-client', clientSecret: 'li-secret' },
    },
    baseUrls: { x: 'http://x.test', linkedin: 'http://linkedin.test', bluesky: 'http://pds.test' },
    async registerMastodonApp({ instanceUrl }) {
      registrations.push(instanceUrl);
      return { clientId: `app-of-${new URL(instanceUrl).host}`, clientSecret: 'instance-secret' };
    },
    async createBlueskySession({ identifier, appPassword }): Promise<BlueskySession> {
      if (appPassword !== FAKE_BLUESKY_APP_PASSWORD) throw new HandshakeRefused(401, 'Invalid identifier or password');
      sessions += 1;
      const exp = Math.floor(Date.now() / 1000) + 7200;
      const payload = Buffer.from(JSON.stringify({ exp })).toString('base64url');
      return {
        accessJwt: `header.${payload}.signature-${sessions}`,
        refreshJwt: `refresh-jwt-${sessions}`,
        did: `did:plc:${identifier.replace(/[^a-z0-9]/gi, '').toLowerCase()}`,
        handle: identifier,
      };
    },
  };
  return { overrides, exchanges, registrations };
}

/** The password the fake Bluesky accepts. */
export const FAKE_BLUESKY_APP_PASSWORD = 'abcd-efgh-ijkl-mnop';
