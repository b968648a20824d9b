/**
 * HTTP calls to the My Business API v4 local posts (`mybusiness.googleapis.com/v4/{location}/localPosts`):
 * create, list, delete. Google's transport and errors come from ../youtube/google-api.ts.
 */
import { googleSend, mapGoogleError, type CallPhase, type GoogleContext } from '../youtube/google-api.ts';
import type { LocalPostBody } from './google_business.mapper.ts';

async function call(context: GoogleContext, method: string, url: string, phase: CallPhase, json?: unknown) {
  const response = await googleSend(context, { method, url, json }, phase);
  if (response.status >= 400) throw mapGoogleError(response, phase, context.now());
  return response.body;
}

/** `POST /v4/accounts/{a}/locations/{l}/localPosts`: creates the post (a lost answer may hide it). */
export function createLocalPost(context: GoogleContext, location: string, body: LocalPostBody) {
  return call(context, 'POST', `/v4/${location}/localPosts`, 'create', body);
}

/** `GET /v4/accounts/{a}/locations/{l}/localPosts?pageSize=100`, newest first. */
export function listLocalPosts(context: GoogleContext, location: string) {
  return call(context, 'GET', `/v4/${location}/localPosts?pageSize=100`, 'read');
}

/** `DELETE /v4/accounts/{a}/locations/{l}/localPosts/{p}`. */
export async function deleteLocalPost(context: GoogleContext, name: string): Promise<void> {
  await call(context, 'DELETE', `/v4/${name}`, 'read');
}
