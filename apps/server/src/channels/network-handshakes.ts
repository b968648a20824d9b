import { z } from 'zod';

// Two account handshakes the Connector contract has no hook for (see the report of issue 3, item 4):
// Bluesky's createSession with an app password, and Mastodon's runtime app registration on an instance.
// They take `fetch` so tests and the demo point them at a simulator; they belong in the connectors later.

export type BlueskySession = {
  accessJwt: string;
  refreshJwt: string;
  did: string;
  handle: string;
};

export type CreateBlueskySession = (input: {
  fetch: typeof fetch;
  baseUrl: string;
  identifier: string;
  appPassword: string;
}) => Promise<BlueskySession>;

export type RegisteredClient = { clientId: string; clientSecret: string };

export type RegisterMastodonApp = (input: {
  fetch: typeof fetch;
  instanceUrl: string;
  redirectUri: string;
  clientName: string;
  scopes: readonly string[];
}) => Promise<RegisteredClient>;

/** A handshake the network refused: `reason` is for the user, `status` the network's HTTP status. */
export class HandshakeRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const SessionBody = z.object({ accessJwt: z.string(), refreshJwt: z.string(), did: z.string(), handle: z.string() });
const AppBody = z.object({ client_id: z.string(), client_secret: z.string() });
const XrpcError = z.object({ error: z.string().optional(), message: z.string().optional() });

export const createBlueskySession: CreateBlueskySession = async ({ fetch, baseUrl, identifier, appPassword }) => {
  const response = await fetch(`${baseUrl}/xrpc/com.atproto.server.createSession`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password: appPassword }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = XrpcError.safeParse(body);
    throw new HandshakeRefused(response.status, error.success ? (error.data.message ?? error.data.error ?? '') : '');
  }
  return SessionBody.parse(body);
};

export const registerMastodonApp: RegisterMastodonApp = async ({
  fetch,
  instanceUrl,
  redirectUri,
  clientName,
  scopes,
}) => {
  const response = await fetch(`${instanceUrl}/api/v1/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: clientName, redirect_uris: redirectUri, scopes: scopes.join(' ') }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new HandshakeRefused(response.status, `the instance refused to register Sillage`);
  const app = AppBody.parse(body);
  return { clientId: app.client_id, clientSecret: app.client_secret };
};

/** The `exp` of a JWT (seconds since the epoch) as a Date, without verifying it: only to show the expiry. */
export function jwtExpiry(token: string): Date | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}
