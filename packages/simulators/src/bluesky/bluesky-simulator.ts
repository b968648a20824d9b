import { randomBytes } from 'node:crypto';
import { startSimulatorServer, type Faults, type Router, type SimRequest, type SimResponse } from '../kit/index.ts';
import { createBlueskyStore, fakeCid, fakeJwt, type SimAccount } from './bluesky-store.ts';
import { createBlueskyInbox, type BlueskyInbox } from './bluesky-inbox.ts';
import { createBlueskyFeed, type BlueskyEngagement } from './bluesky-feed.ts';

/** A post as the simulator stored it, for test assertions. */
export type SimulatedBlueskyPost = {
  uri: string;
  cid: string;
  rkey: string;
  did: string;
  text: string;
  facets: unknown[];
  embed?: Record<string, unknown>;
  reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
  /** The images of an app.bsky.embed.images embed, with their uploaded blob's size and type. */
  images: { mimeType: string; size: number; alt: string }[];
  createdAt: string;
};

export type BlueskySimulator = {
  baseUrl: string;
  faults: Faults;
  requests: { method: string; path: string; body: Record<string, unknown> }[];
  posts(): SimulatedBlueskyPost[];
  /** Adds an account; its password works as an app password. */
  createAccount(input?: { handle?: string; password?: string }): SimAccount;
  revokeRefreshToken(token: string): void;
  expireAccessToken(token: string): void;
  /** Incoming mentions and replies, and the notifications API (see bluesky-inbox.ts). */
  inbox: BlueskyInbox;
  /** Other accounts' likes, reposts, quotes and bookmarks of a post, as `app.bsky.feed.getPosts` counts them. */
  engage(uri: string, counts: BlueskyEngagement): void;
  close(): Promise<void>;
};

const accessLifetimeMs = 120 * 60_000;
const refreshLifetimeMs = 90 * 24 * 3_600_000;
const tidPattern = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const errorNames: Record<number, string> = {
  400: 'InvalidRequest',
  401: 'AuthenticationRequired',
  403: 'Forbidden',
  404: 'NotFound',
  413: 'PayloadTooLarge',
  429: 'RateLimitExceeded',
  500: 'InternalServerError',
  501: 'MethodNotImplemented',
  502: 'UpstreamFailure',
  503: 'NotEnoughResources',
};

function fail(status: number, error: string, message: string): SimResponse {
  return { status, body: { error, message } };
}

/**
 * A simulated Bluesky PDS speaking XRPC: createSession/refreshSession (rotating refresh JWTs), resolveHandle,
 * uploadBlob, createRecord/getRecord/deleteRecord/listRecords on app.bsky.feed.post, with Bluesky's error
 * bodies ({error, message}) and rate-limit headers (RateLimit-Reset in epoch seconds).
 * @example const bluesky = await startBlueskySimulator(); bluesky.createAccount({ handle: 'alice.test' });
 */
export async function startBlueskySimulator(
  options: { now?: () => Date; host?: string } = {},
): Promise<BlueskySimulator> {
  const now = options.now ?? (() => new Date());
  const store = createBlueskyStore();
  let baseUrl = '';

  function session(account: SimAccount): Record<string, unknown> {
    const accessJwt = fakeJwt('com.atproto.access', account.did, new Date(now().getTime() + accessLifetimeMs));
    const refreshJwt = fakeJwt('com.atproto.refresh', account.did, new Date(now().getTime() + refreshLifetimeMs));
    store.accessTokens.set(accessJwt, { did: account.did, expired: false });
    store.refreshTokens.set(refreshJwt, { did: account.did, revoked: false });
    return {
      accessJwt,
      refreshJwt,
      handle: account.handle,
      did: account.did,
      didDoc: {
        '@context': ['https://www.w3.org/ns/did/v1'],
        id: account.did,
        alsoKnownAs: [`at://${account.handle}`],
        service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: baseUrl }],
      },
      active: true,
    };
  }

  /** The DID of the bearer access token, or the XRPC error a real PDS gives. */
  function authorize(request: SimRequest): { did: string } | SimResponse {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token) return fail(401, 'AuthMissing', 'Authentication Required');
    const known = store.accessTokens.get(token);
    if (!known) return fail(400, 'InvalidToken', 'Token could not be verified');
    if (known.expired) return fail(400, 'ExpiredToken', 'Token has expired');
    return { did: known.did };
  }

  const inbox = createBlueskyInbox({ now, store, authorize: (request) => authorize(request) });
  const feed = createBlueskyFeed({ store, authorize: (request) => authorize(request) });

  function setup(router: Router): void {
    inbox.setup(router);
    feed.setup(router);
    router.route('POST', '/xrpc/com.atproto.server.createSession', (request) => {
      const { identifier, password } = request.body as { identifier?: string; password?: string };
      const account = identifier ? store.findAccount(identifier) : undefined;
      if (!account || account.password !== password)
        return fail(401, 'AuthenticationRequired', 'Invalid identifier or password');
      return { status: 200, body: session(account) };
    });
    router.route('POST', '/xrpc/com.atproto.server.refreshSession', (request) => {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const known = store.refreshTokens.get(token);
      if (!known) return fail(400, 'InvalidToken', 'Token could not be verified');
      if (known.revoked) return fail(400, 'ExpiredToken', 'Token has been revoked');
      known.revoked = true; // rotation: the old refresh JWT is spent
      return { status: 200, body: session(store.accounts.get(known.did)!) };
    });
    router.route('GET', '/xrpc/com.atproto.server.getSession', (request) => {
      const who = authorize(request);
      if ('status' in who) return who;
      const account = store.accounts.get(who.did)!;
      const { accessJwt: _access, refreshJwt: _refresh, ...rest } = session(account);
      return { status: 200, body: { ...rest, email: `${account.handle}@example.test`, emailConfirmed: true } };
    });
    router.route('GET', '/xrpc/com.atproto.identity.resolveHandle', (request) => {
      const account = store.findAccount(request.query.get('handle') ?? '');
      return account
        ? { status: 200, body: { did: account.did } }
        : fail(400, 'HandleNotFound', 'Unable to resolve handle');
    });
    router.route('POST', '/xrpc/com.atproto.repo.uploadBlob', (request) => {
      const auth = authorize(request);
      if ('status' in auth) return auth;
      const mimeType = request.headers['content-type'] ?? 'application/octet-stream';
      const blob = { cid: fakeCid('bafkrei', request.raw), mimeType, size: request.raw.length };
      store.blobs.set(blob.cid, blob);
      return { status: 200, body: { blob: { $type: 'blob', ref: { $link: blob.cid }, mimeType, size: blob.size } } };
    });
    router.route('POST', '/xrpc/com.atproto.repo.createRecord', (request) => createRecord(request));
    router.route('GET', '/xrpc/com.atproto.repo.getRecord', (request) => {
      const uri = `at://${request.query.get('repo')}/${request.query.get('collection')}/${request.query.get('rkey')}`;
      const record = store.records.get(uri);
      if (!record) return fail(400, 'RecordNotFound', `Could not locate record: ${uri}`);
      return { status: 200, body: { uri: record.uri, cid: record.cid, value: record.value } };
    });
    router.route('GET', '/xrpc/com.atproto.repo.listRecords', (request) => {
      const prefix = `at://${request.query.get('repo')}/${request.query.get('collection')}/`;
      const found = [...store.records.values()].filter((record) => record.uri.startsWith(prefix));
      return { status: 200, body: { records: found.map(({ uri, cid, value }) => ({ uri, cid, value })) } };
    });
    router.route('POST', '/xrpc/com.atproto.repo.deleteRecord', (request) => {
      const auth = authorize(request);
      if ('status' in auth) return auth;
      const { repo, collection, rkey } = request.body as Record<string, string>;
      if (repo !== auth.did) return fail(401, 'AuthenticationRequired', 'Authentication Required');
      store.records.delete(`at://${repo}/${collection}/${rkey}`);
      return { status: 200, body: { commit: { cid: fakeCid('bafyrei', randomBytes(8)), rev: String(Date.now()) } } };
    });
  }

  function createRecord(request: SimRequest): SimResponse {
    const auth = authorize(request);
    if ('status' in auth) return auth;
    const { repo, collection, rkey, record } = request.body as {
      repo?: string;
      collection?: string;
      rkey?: string;
      record?: Record<string, unknown>;
    };
    const account = repo ? store.findAccount(repo) : undefined;
    if (!account || account.did !== auth.did) return fail(401, 'AuthenticationRequired', 'Authentication Required');
    if (collection !== 'app.bsky.feed.post')
      return fail(400, 'InvalidRequest', `Collection not simulated: ${collection}`);
    if (!record || record.$type !== collection)
      return fail(400, 'InvalidRequest', 'Invalid $type: must be app.bsky.feed.post');
    const key = rkey ?? randomTid();
    if (!tidPattern.test(key)) return fail(400, 'InvalidRequest', `Invalid record key for a tid collection: ${key}`);
    const problem = checkPost(record);
    if (problem) return fail(400, 'InvalidRequest', `Invalid app.bsky.feed.post record: ${problem}`);
    const uri = `at://${account.did}/${collection}/${key}`;
    // A real PDS fails deep in its repository tree on a taken key, which surfaces as an opaque 500.
    if (store.records.has(uri)) return fail(500, 'InternalServerError', 'Internal Server Error');
    const cid = fakeCid('bafyrei', JSON.stringify(record));
    store.records.set(uri, { uri, cid, did: account.did, collection, rkey: key, value: record, indexedAt: now() });
    return {
      status: 200,
      body: { uri, cid, commit: { cid: fakeCid('bafyrei', uri + cid), rev: key }, validationStatus: 'valid' },
    };
  }

  function checkPost(record: Record<string, unknown>): string | undefined {
    const text = record.text;
    if (typeof text !== 'string') return 'text must be a string';
    if (typeof record.createdAt !== 'string' || Number.isNaN(Date.parse(record.createdAt)))
      return 'createdAt must be a datetime';
    const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length;
    if (graphemes > 300) return `text must not be longer than 300 graphemes (it has ${graphemes})`;
    const bytes = Buffer.byteLength(text, 'utf8');
    for (const facet of (record.facets as { index?: { byteStart?: number; byteEnd?: number } }[] | undefined) ?? []) {
      const { byteStart = -1, byteEnd = -1 } = facet.index ?? {};
      if (byteStart < 0 || byteEnd > bytes || byteEnd <= byteStart) return 'facet index out of the text';
    }
    const embed = record.embed as
      { $type?: string; images?: { image?: { ref?: { $link?: string } }; alt?: unknown }[] } | undefined;
    if (embed?.$type === 'app.bsky.embed.images') {
      if (!embed.images || embed.images.length > 4) return 'embed/images must have 1 to 4 images';
      for (const image of embed.images) {
        if (typeof image.alt !== 'string') return 'embed/images/alt must be a string';
        if (!store.blobs.has(image.image?.ref?.$link ?? '')) return 'Could not find blob';
      }
    }
    return undefined;
  }

  const server = await startSimulatorServer({
    network: 'bluesky',
    host: options.host,
    now,
    errorStyle: {
      errorBody: (status, message) => ({ error: errorNames[status] ?? 'InternalServerError', message }),
      rateLimitHeaders: (retryAfterSeconds, at) => ({
        'ratelimit-limit': '5000',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(Math.ceil(at.getTime() / 1000) + retryAfterSeconds),
        'ratelimit-policy': '5000;w=3600',
      }),
    },
    setup,
  });
  baseUrl = server.baseUrl;

  return {
    baseUrl: server.baseUrl,
    faults: server.faults,
    requests: server.requests,
    posts: () =>
      [...store.records.values()].map((record) => {
        const value = record.value as {
          text: string;
          createdAt: string;
          facets?: unknown[];
          embed?: Record<string, unknown>;
          reply?: SimulatedBlueskyPost['reply'];
        };
        const images = ((value.embed?.images ?? []) as { image: { ref: { $link: string } }; alt: string }[]).map(
          (image) => {
            const blob = store.blobs.get(image.image.ref.$link)!;
            return { mimeType: blob.mimeType, size: blob.size, alt: image.alt };
          },
        );
        return {
          uri: record.uri,
          cid: record.cid,
          rkey: record.rkey,
          did: record.did,
          text: value.text,
          facets: value.facets ?? [],
          ...(value.embed ? { embed: value.embed } : {}),
          ...(value.reply ? { reply: value.reply } : {}),
          images,
          createdAt: value.createdAt,
        };
      }),
    createAccount(input = {}) {
      const handle = (input.handle ?? `user${store.accounts.size + 1}.bsky.test`).toLowerCase();
      const account = {
        did: `did:plc:${randomBytes(12).toString('hex').slice(0, 24)}`,
        handle,
        password: input.password ?? 'abcd-efgh-ijkl-mnop',
      };
      store.accounts.set(account.did, account);
      return account;
    },
    revokeRefreshToken(token) {
      const known = store.refreshTokens.get(token);
      if (known) known.revoked = true;
    },
    expireAccessToken(token) {
      const known = store.accessTokens.get(token);
      if (known) known.expired = true;
    },
    inbox,
    engage: feed.engage,
    close: () => server.close(),
  };
}

function randomTid(): string {
  const alphabet = '234567abcdefghijklmnopqrstuvwxyz';
  let value = (BigInt(Date.now()) * 1000n) << 10n;
  let key = '';
  for (let index = 0; index < 13; index += 1) {
    key = alphabet[Number(value & 31n)]! + key;
    value >>= 5n;
  }
  return key;
}
