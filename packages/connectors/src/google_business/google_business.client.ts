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

/** The Business Profile APIs' hosts: posts stay on v4, accounts and locations moved to their own APIs. */
const realHosts = {
  accounts: 'https://mybusinessaccountmanagement.googleapis.com',
  information: 'https://mybusinessbusinessinformation.googleapis.com',
};

/**
 * Where the Account Management or Business Information API lives for a configured base URL: Google's own host
 * when the base URL is Google's, else the base URL itself (a simulator or a proxy serves every API).
 * @example googleBusinessApiHost('https://mybusiness.googleapis.com', 'accounts') // 'https://mybusinessaccountmanagement.googleapis.com'
 */
export function googleBusinessApiHost(baseUrl: string, api: keyof typeof realHosts): string {
  const url = new URL(baseUrl);
  return url.hostname.endsWith('.googleapis.com') ? realHosts[api] : url.origin;
}

/** `GET /v1/accounts` (Account Management API): the accounts the user may manage. */
export function listBusinessAccounts(context: GoogleContext) {
  return call(context, 'GET', `${googleBusinessApiHost(context.baseUrl, 'accounts')}/v1/accounts?pageSize=20`, 'read');
}

/** `GET /v1/{account}/locations?readMask=name,title` (Business Information API): an account's locations. */
export function listAccountLocations(context: GoogleContext, account: string) {
  const host = googleBusinessApiHost(context.baseUrl, 'information');
  return call(context, 'GET', `${host}/v1/${account}/locations?readMask=name,title&pageSize=100`, 'read');
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
