import type { ConnectorContext, OAuthClient, TokenSet } from '../connector.ts';
import { Transient } from '../errors.ts';
import { waitForContainer } from '../meta-graph/container.ts';
import { metaHost, metaTokenCall } from '../meta-graph/graph-oauth.ts';
import { graphCall, idOf, type GraphTransport } from '../meta-graph/graph-request.ts';
import type { ContainerParams, ThreadsRow } from './threads.mapper.ts';

/** The Threads API host and version. */
export const threadsApiHost = 'https://graph.threads.net';
export const threadsApiVersion = 'v1.0';

/** A Graph transport for a profile's calls. */
export function threadsTransport(context: ConnectorContext): GraphTransport {
  return {
    fetch: context.fetch,
    now: context.now,
    apiRoot: `${context.baseUrl.replace(/\/+$/, '')}/${threadsApiVersion}`,
    accessToken: context.credentials.accessToken,
  };
}

/** `POST /{user-id}/threads`: a container; nothing is published yet, so failures are safe to retry. */
export async function createContainer(transport: GraphTransport, userId: string, params: ContainerParams) {
  const id = idOf(await graphCall(transport, 'POST', `/${userId}/threads`, params, 'read'));
  if (!id) throw new Transient('The container answer has no id; nothing was published');
  return id;
}

/** Polls `GET /{container}?fields=status,error_message` until FINISHED. */
export function waitUntilFinished(transport: GraphTransport, containerId: string) {
  return waitForContainer(transport, containerId, 'status');
}

/** `POST /{user-id}/threads_publish?creation_id=…`: the create call. */
export function publishContainer(transport: GraphTransport, userId: string, containerId: string) {
  return graphCall(transport, 'POST', `/${userId}/threads_publish`, { creation_id: containerId }, 'create');
}

/** `GET /{user-id}/threads`: the profile's posts since `since`, newest first. */
export async function listThreads(transport: GraphTransport, userId: string, since: Date) {
  const body = await graphCall(
    transport,
    'GET',
    `/${userId}/threads`,
    { fields: 'id,text,timestamp,permalink', since: Math.floor(since.getTime() / 1000) - 1, limit: 100 },
    'read',
  );
  return (Array.isArray(body.data) ? body.data : []) as ThreadsRow[];
}

/** `GET /{media-id}?fields=permalink`. */
export async function permalinkOf(transport: GraphTransport, mediaId: string): Promise<string | null> {
  const body = await graphCall(transport, 'GET', `/${mediaId}`, { fields: 'permalink' }, 'read');
  return typeof body.permalink === 'string' ? body.permalink : null;
}

/** `DELETE /{media-id}`. */
export async function deleteThread(transport: GraphTransport, mediaId: string): Promise<void> {
  await graphCall(transport, 'DELETE', `/${mediaId}`, {}, 'read');
}

type TokenContext = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'>;

/** Code -> short-lived token (`POST /oauth/access_token`) -> 60-day token (`th_exchange_token`). */
export async function exchangeThreadsCode(context: TokenContext, client: OAuthClient, code: string): Promise<TokenSet> {
  const root = context.baseUrl.replace(/\/+$/, '');
  const shortLived = await metaTokenCall(context, root, 'POST', '/oauth/access_token', {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_type: 'authorization_code',
    redirect_uri: client.redirectUri,
    code,
  });
  return metaTokenCall(context, root, 'GET', '/access_token', {
    grant_type: 'th_exchange_token',
    client_secret: client.clientSecret,
    access_token: shortLived.accessToken,
  });
}

/** `GET /refresh_access_token?grant_type=th_refresh_token`: a new 60-day token for a valid one. */
export function refreshThreadsToken(context: TokenContext, token: string): Promise<TokenSet> {
  return metaTokenCall(context, context.baseUrl.replace(/\/+$/, ''), 'GET', '/refresh_access_token', {
    grant_type: 'th_refresh_token',
    access_token: token,
  });
}

/** The authorize page's host: threads.net for the real API, the simulator's own base URL otherwise. */
export function threadsAuthorizeHost(baseUrl: string): string {
  return metaHost(baseUrl, threadsApiHost, 'https://threads.net');
}

/** `GET /me?fields=id,username,name,threads_profile_picture_url`: the Threads profile behind a token. */
export async function threadsMe(context: TokenContext, accessToken: string) {
  const transport = {
    fetch: context.fetch,
    now: context.now,
    apiRoot: `${context.baseUrl.replace(/\/+$/, '')}/${threadsApiVersion}`,
    accessToken,
  };
  const body = await graphCall(
    transport,
    'GET',
    '/me',
    { fields: 'id,username,name,threads_profile_picture_url' },
    'read',
  );
  const string = (key: string) => (typeof body[key] === 'string' ? body[key] : undefined);
  const id = string('id');
  if (!id) throw new Transient('GET /me: no id in the answer');
  return { id, username: string('username'), name: string('name'), pictureUrl: string('threads_profile_picture_url') };
}
