import type { ConnectorContext, OAuthClient, TokenSet } from '../connector.ts';
import { Transient } from '../errors.ts';
import { metaHost, metaTokenCall } from '../meta-graph/graph-oauth.ts';
import { graphCall, idOf, type GraphTransport } from '../meta-graph/graph-request.ts';
import type { FacebookFeedRow } from './facebook.mapper.ts';

/** The Graph host and version for Pages. */
export const facebookApiHost = 'https://graph.facebook.com';
export const facebookApiVersion = 'v26.0';

const root = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}/${facebookApiVersion}`;

/** A Graph transport with the Page access token. */
export function facebookTransport(context: ConnectorContext): GraphTransport {
  return {
    fetch: context.fetch,
    now: context.now,
    apiRoot: root(context.baseUrl),
    accessToken: context.credentials.accessToken,
  };
}

/** `POST /{page-id}/feed`: a text, link or multi-photo post. */
export function postToFeed(transport: GraphTransport, pageId: string, params: Record<string, string>) {
  return graphCall(transport, 'POST', `/${pageId}/feed`, params, 'create');
}

/** `POST /{page-id}/photos`: a published photo post (create) or an unpublished photo for a multi-photo post. */
export function postPhoto(transport: GraphTransport, pageId: string, params: Record<string, string>) {
  // An unpublished photo is invisible: losing its answer creates nothing anyone sees, so it is safe to redo.
  return graphCall(transport, 'POST', `/${pageId}/photos`, params, params.published === 'false' ? 'read' : 'create');
}

/** The id of an unpublished photo. */
export async function uploadUnpublishedPhoto(
  transport: GraphTransport,
  pageId: string,
  params: Record<string, string>,
) {
  const id = idOf(await postPhoto(transport, pageId, params));
  if (!id) throw new Transient('The photo upload answered without an id; nothing was published');
  return id;
}

/** `POST /{page-id}/videos` with `file_url`: Meta pulls the video. */
export function postVideo(transport: GraphTransport, pageId: string, params: Record<string, string>) {
  return graphCall(transport, 'POST', `/${pageId}/videos`, params, 'create');
}

/** `GET /{video-id}?fields=post_id,permalink_url`: the feed post a video became. */
export async function videoPost(transport: GraphTransport, videoId: string) {
  const body = await graphCall(transport, 'GET', `/${videoId}`, { fields: 'post_id,permalink_url' }, 'read');
  return {
    postId: idOf(body, 'post_id'),
    permalink: typeof body.permalink_url === 'string' ? body.permalink_url : null,
  };
}

/** `POST /{post-id}/comments`: the first comment. */
export function commentOn(transport: GraphTransport, postId: string, message: string) {
  return graphCall(transport, 'POST', `/${postId}/comments`, { message }, 'create');
}

/** `GET /{page-id}/feed` since a time, newest first. */
export async function pageFeed(transport: GraphTransport, pageId: string, since: Date) {
  const body = await graphCall(
    transport,
    'GET',
    `/${pageId}/feed`,
    { fields: 'id,message,created_time,permalink_url', since: Math.floor(since.getTime() / 1000) - 1, limit: 100 },
    'read',
  );
  return (Array.isArray(body.data) ? body.data : []) as FacebookFeedRow[];
}

/** `DELETE /{post-id}`. */
export async function deleteFacebookPost(transport: GraphTransport, postId: string): Promise<void> {
  await graphCall(transport, 'DELETE', `/${postId}`, {}, 'read');
}

type TokenContext = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'>;

/** The authorize dialog: www.facebook.com for the real API, the simulator's base URL otherwise. */
export function facebookDialogUrl(baseUrl: string): string {
  return `${metaHost(baseUrl, facebookApiHost, 'https://www.facebook.com')}/${facebookApiVersion}/dialog/oauth`;
}

/** Code -> short-lived user token -> long-lived user token (`fb_exchange_token`, about 60 days). */
export async function exchangeFacebookCode(
  context: TokenContext,
  client: OAuthClient,
  input: { code: string; codeVerifier?: string },
): Promise<TokenSet> {
  const shortLived = await metaTokenCall(context, root(context.baseUrl), 'GET', '/oauth/access_token', {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uri: client.redirectUri,
    code: input.code,
    code_verifier: input.codeVerifier,
  });
  return exchangeFacebookToken(context, client, shortLived.accessToken);
}

/** `grant_type=fb_exchange_token`: a new long-lived user token for a valid one. */
export function exchangeFacebookToken(context: TokenContext, client: OAuthClient, token: string): Promise<TokenSet> {
  return metaTokenCall(context, root(context.baseUrl), 'GET', '/oauth/access_token', {
    grant_type: 'fb_exchange_token',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    fb_exchange_token: token,
  });
}

/**
 * The Pages a user manages, each with its Page access token (which does not expire when the user token is
 * long-lived): `GET /me/accounts`.
 * @example await listFacebookPages(context, userToken) // [{ id: '1234567890', name: 'Acme', accessToken: 'EAAB...' }]
 */
export async function listFacebookPages(context: TokenContext, userToken: string) {
  const transport = { fetch: context.fetch, now: context.now, apiRoot: root(context.baseUrl), accessToken: userToken };
  const body = await graphCall(
    transport,
    'GET',
    '/me/accounts',
    { fields: 'id,name,access_token,tasks,picture,instagram_business_account', limit: 100 },
    'read',
  );
  const rows = (Array.isArray(body.data) ? body.data : []) as {
    id?: string;
    name?: string;
    access_token?: string;
    tasks?: string[];
    picture?: { data?: { url?: string } };
  }[];
  return rows.map((row) => ({
    id: row.id ?? '',
    name: row.name ?? '',
    accessToken: row.access_token ?? '',
    tasks: row.tasks,
    pictureUrl: row.picture?.data?.url,
  }));
}
