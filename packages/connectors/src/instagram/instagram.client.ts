import type { ConnectorContext, OAuthClient, TokenSet } from '../connector.ts';
import { Transient } from '../errors.ts';
import { waitForContainer } from '../meta-graph/container.ts';
import { metaHost, metaTokenCall } from '../meta-graph/graph-oauth.ts';
import { graphCall, idOf, parseGraphTime, type GraphTransport } from '../meta-graph/graph-request.ts';
import type { ContainerParams, InstagramMediaRow } from './instagram.mapper.ts';

/** Instagram API with Instagram Login: the Graph host and version we speak. */
export const instagramApiHost = 'https://graph.instagram.com';
export const instagramApiVersion = 'v26.0';

/** A Graph transport for an account's calls. */
export function instagramTransport(context: ConnectorContext): GraphTransport {
  return {
    fetch: context.fetch,
    now: context.now,
    apiRoot: `${context.baseUrl.replace(/\/+$/, '')}/${instagramApiVersion}`,
    accessToken: context.credentials.accessToken,
  };
}

/** `POST /{ig-user-id}/media`: one container; its id, or Transient/Rejected (nothing is published yet). */
export async function createContainer(transport: GraphTransport, igUserId: string, params: ContainerParams) {
  const body = await graphCall(transport, 'POST', `/${igUserId}/media`, params, 'read');
  const id = idOf(body);
  if (!id) throw new Transient('The container answer has no id; nothing was published');
  return id;
}

/** Polls `GET /{container-id}?fields=status_code` until FINISHED. */
export function waitUntilFinished(transport: GraphTransport, containerId: string, delaysMs?: readonly number[]) {
  return waitForContainer(transport, containerId, 'status_code', delaysMs);
}

/** `POST /{ig-user-id}/media_publish?creation_id=…`: the create call, whose lost answer may hide a post. */
export function publishContainer(transport: GraphTransport, igUserId: string, containerId: string) {
  return graphCall(transport, 'POST', `/${igUserId}/media_publish`, { creation_id: containerId }, 'create');
}

/** `GET /{ig-user-id}/content_publishing_limit`: posts used and the quota's size and window (seconds). */
export async function publishingLimit(transport: GraphTransport, igUserId: string) {
  const body = await graphCall(
    transport,
    'GET',
    `/${igUserId}/content_publishing_limit`,
    { fields: 'quota_usage,config' },
    'read',
  );
  const row = (Array.isArray(body.data) ? body.data[0] : undefined) as
    { quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } } | undefined;
  return {
    usage: Number(row?.quota_usage ?? 0),
    total: Number(row?.config?.quota_total ?? 100),
    durationSeconds: Number(row?.config?.quota_duration ?? 86_400),
  };
}

/** `GET /{ig-user-id}/media`: the account's newest media, newest first. */
export async function listMedia(transport: GraphTransport, igUserId: string, limit: number) {
  const body = await graphCall(
    transport,
    'GET',
    `/${igUserId}/media`,
    { fields: 'id,caption,timestamp,permalink', limit },
    'read',
  );
  return (Array.isArray(body.data) ? body.data : []) as InstagramMediaRow[];
}

/** Timestamps of the account's newest media, for the quota's retry time. */
export async function recentTimestamps(transport: GraphTransport, igUserId: string, limit: number) {
  const rows = await listMedia(transport, igUserId, limit);
  return rows.map((row) => parseGraphTime(row.timestamp)).filter((at): at is Date => Boolean(at));
}

/** `GET /{media-id}?fields=permalink`. */
export async function permalinkOf(transport: GraphTransport, mediaId: string): Promise<string | null> {
  const body = await graphCall(transport, 'GET', `/${mediaId}`, { fields: 'permalink' }, 'read');
  return typeof body.permalink === 'string' ? body.permalink : null;
}

/** `POST /{media-id}/comments?message=…`: the first comment. */
export function commentOn(transport: GraphTransport, mediaId: string, message: string) {
  return graphCall(transport, 'POST', `/${mediaId}/comments`, { message }, 'create');
}

type TokenContext = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'>;

/** Instagram Login: code -> short-lived token (api.instagram.com) -> long-lived token (graph.instagram.com). */
export async function exchangeInstagramCode(
  context: TokenContext,
  client: OAuthClient,
  code: string,
): Promise<TokenSet> {
  const shortLived = await metaTokenCall(
    context,
    metaHost(context.baseUrl, instagramApiHost, 'https://api.instagram.com'),
    'POST',
    '/oauth/access_token',
    {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_type: 'authorization_code',
      redirect_uri: client.redirectUri,
      code,
    },
  );
  const longLived = await metaTokenCall(context, context.baseUrl.replace(/\/+$/, ''), 'GET', '/access_token', {
    grant_type: 'ig_exchange_token',
    client_secret: client.clientSecret,
    access_token: shortLived.accessToken,
  });
  return { ...longLived, scopes: shortLived.scopes };
}

/** `GET /refresh_access_token?grant_type=ig_refresh_token`: a new 60-day token for a valid long-lived one. */
export function refreshInstagramToken(context: TokenContext, token: string): Promise<TokenSet> {
  return metaTokenCall(context, context.baseUrl.replace(/\/+$/, ''), 'GET', '/refresh_access_token', {
    grant_type: 'ig_refresh_token',
    access_token: token,
  });
}

/**
 * `GET /me?fields=user_id,username,name,profile_picture_url`: the professional account behind an Instagram
 * Login token (`user_id` is the IG user id that publishes).
 */
export async function instagramMe(context: TokenContext, accessToken: string) {
  const transport = {
    fetch: context.fetch,
    now: context.now,
    apiRoot: `${context.baseUrl.replace(/\/+$/, '')}/${instagramApiVersion}`,
    accessToken,
  };
  const body = await graphCall(
    transport,
    'GET',
    '/me',
    { fields: 'user_id,username,name,profile_picture_url' },
    'read',
  );
  const string = (key: string) => (typeof body[key] === 'string' ? body[key] : undefined);
  const id = string('user_id') ?? string('id');
  if (!id) throw new Transient('GET /me: no user_id in the answer');
  return { id, username: string('username'), name: string('name'), pictureUrl: string('profile_picture_url') };
}
