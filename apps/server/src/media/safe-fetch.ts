import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { isPublicAddress } from './address-policy.ts';

export type ResolvedAddress = { address: string; family: number };
/** Resolves a host name to every address it has (dns.lookup with `all`, or a test's own table). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Why an import was refused: a stable code, and a sentence saying what happened and what to do. */
export class RemoteFetchError extends Error {
  constructor(
    readonly code: 'url_refused' | 'address_refused' | 'too_large' | 'timeout' | 'http_error' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

export type SafeFetchOptions = {
  resolve?: Resolver;
  /**
   * Decides which resolved addresses may be reached: public unicast only, unless a test allows its own server
   * explicitly (for the host name it named, at its port).
   */
  permitAddress?: (address: string, port: number, hostname: string) => boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
};

export type FetchedFile = { finalUrl: string; contentType: string | undefined; bytes: number; name: string };

const defaultPort = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** Checks a URL and resolves its host to one address that may be reached (every address it has must be allowed). */
async function pinnedAddress(url: URL, options: SafeFetchOptions): Promise<ResolvedAddress> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RemoteFetchError('url_refused', `Only http and https URLs can be imported, not ${url.protocol}.`);
  if (url.username || url.password)
    throw new RemoteFetchError('url_refused', 'Remove the user name and password from the URL.');
  const port = defaultPort(url);
  const permit = options.permitAddress ?? ((address: string) => isPublicAddress(address));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await (options.resolve ?? systemResolver)(host).catch(() => {
        throw new RemoteFetchError('unreachable', `The host ${host} could not be found; check the URL.`);
      });
  if (addresses.length === 0)
    throw new RemoteFetchError('unreachable', `The host ${host} could not be found; check the URL.`);
  const refused = addresses.find((entry) => !permit(entry.address, port, host));
  if (refused)
    throw new RemoteFetchError(
      'address_refused',
      `The URL leads to ${refused.address}, a private, local or reserved address Sillage never fetches from. Use a public URL.`,
    );
  return addresses[0]!;
}

/** One request to the pinned address (the host name still goes in Host and TLS SNI, so certificates are checked). */
function request(url: URL, pinned: ResolvedAddress, signal: AbortSignal): Promise<http.IncomingMessage> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(url, {
      method: 'GET',
      lookup,
      signal,
      agent: false,
      headers: { 'user-agent': 'Sillage media import', accept: 'image/*, video/*, application/pdf' },
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function nameOf(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '').replace(
    /[^\p{L}\p{N}._ -]/gu,
    '',
  );
  return (last || url.hostname).slice(0, 200);
}

/**
 * Downloads an http(s) URL to `destination` without ever reaching a private address: the host is resolved here,
 * every address is checked, the connection goes to the checked address (no second resolution an attacker's DNS
 * could change), each redirect is checked the same way, and the size and time are limited.
 */
export async function safeFetchToFile(
  rawUrl: string,
  destination: string,
  options: SafeFetchOptions,
): Promise<FetchedFile> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new RemoteFetchError('url_refused', 'This is not a valid URL; paste a full http(s) address.');
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    for (let hop = 0; ; hop += 1) {
      const pinned = await pinnedAddress(url, options);
      const response = await request(url, pinned, controller.signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (hop >= (options.maxRedirects ?? 3))
          throw new RemoteFetchError('http_error', 'The URL redirects too many times; use the final address.');
        url = new URL(response.headers.location, url);
        continue;
      }
      if (status !== 200) {
        response.resume();
        throw new RemoteFetchError('http_error', `The server answered ${status}; check that the URL opens the file.`);
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.destroy();
        throw tooLarge(options.maxBytes);
      }
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(bytes > options.maxBytes ? tooLarge(options.maxBytes) : null, chunk);
        },
      });
      await pipeline(response, counter, createWriteStream(destination));
      return { finalUrl: url.toString(), contentType: response.headers['content-type'], bytes, name: nameOf(url) };
    }
  } catch (error) {
    if (error instanceof RemoteFetchError) throw error;
    if (controller.signal.aborted)
      throw new RemoteFetchError('timeout', `The download took longer than ${options.timeoutMs / 1000} s; try again.`);
    throw new RemoteFetchError('unreachable', `The file could not be downloaded (${(error as Error).message}).`);
  } finally {
    clearTimeout(timer);
  }
}

const tooLarge = (maxBytes: number) =>
  new RemoteFetchError(
    'too_large',
    `The file is larger than ${Math.floor(maxBytes / 1_048_576)} MB, the import limit.`,
  );
