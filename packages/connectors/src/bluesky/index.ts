import type {
  Capabilities,
  Connector,
  ConnectorContext,
  Credentials,
  MediaItem,
  PublishRequest,
  PublishResult,
  TokenSet,
} from '../connector.ts';
import { OutcomeUnknown, Transient } from '../errors.ts';
import * as client from './bluesky.client.ts';
import { buildFacets, findMentions } from './bluesky.facets.ts';
import {
  blobRefOf,
  buildPostRecord,
  externalEmbed,
  imagesEmbed,
  parseAtUri,
  pdsEndpointOf,
  postCollection,
  postParts,
  publishResultOf,
  recordKeyFor,
  strongRefOf,
  tokenSetOf,
  validateForBluesky,
  xrpcError,
  type PostEmbed,
  type StrongRef,
} from './bluesky.mapper.ts';
import { blueskyInbox } from './bluesky.inbox.ts';
import { blueskyMetrics } from './bluesky.metrics.ts';

const capabilities: Capabilities = {
  formats: ['text', 'image', 'multi_image', 'thread', 'link'],
  maxTextLength: 300,
  textCounting: 'graphemes',
  maxMediaPerPost: 4,
  threads: true,
  firstComment: false,
  analytics: true,
  inbox: { comments: true, mentions: true, directMessages: true, reviews: false },
  auth: 'app_password',
  // Bluesky-operated PDS: 35,000 write points a day, a create costs 3.
  dailyPostQuota: 11_666,
};

/** The longest thread findPublished reads back (record keys are per part, so it probes part by part). */
const maxThreadProbe = 25;

function host(context: ConnectorContext): string {
  return context.credentials.instanceUrl ?? context.baseUrl;
}

/** Unwraps an XRPC answer: the body when 2xx, else our error; a 5xx or network failure on a read is Transient. */
async function read(context: Pick<ConnectorContext, 'now'>, answer: Promise<client.XrpcAnswer>): Promise<unknown> {
  let result: client.XrpcAnswer;
  try {
    result = await answer;
  } catch (error) {
    throw new Transient((error as Error).message);
  }
  if (result.status >= 200 && result.status < 300) return result.body;
  if (result.status >= 500) throw new Transient(`Bluesky answered ${result.status} on a read`);
  throw xrpcError(result, context.now());
}

async function resolveMentions(context: ConnectorContext, texts: readonly string[]): Promise<Map<string, string>> {
  const dids = new Map<string, string>();
  const handles = new Set(texts.flatMap((text) => findMentions(text).map((mention) => mention.handle)));
  for (const handle of handles) {
    const answer = await client
      .resolveHandle(context, host(context), context.credentials.accessToken, handle)
      .catch((error: Error) => {
        throw new Transient(error.message);
      });
    const did = (answer.body as { did?: unknown } | undefined)?.did;
    if (answer.status === 200 && typeof did === 'string') dids.set(handle, did);
    else if (answer.status === 429 || answer.status === 401) throw xrpcError(answer, context.now());
    // An unknown handle stays plain text, as in Bluesky's own app.
  }
  return dids;
}

async function uploadImages(context: ConnectorContext, media: readonly MediaItem[]): Promise<PostEmbed | undefined> {
  if (media.length === 0) return undefined;
  const images = [];
  for (const item of media) {
    const bytes = await context.loadMedia(item);
    const body = await read(
      context,
      client.uploadBlob(context, host(context), context.credentials.accessToken, bytes, item.mimeType),
    );
    const blob = blobRefOf(body);
    if (!blob) throw new Transient('Bluesky answered uploadBlob without a blob');
    images.push({ blob, alt: item.altText, width: item.width, height: item.height });
  }
  return imagesEmbed(images);
}

/** Creates one post under its deterministic key; anything short of a uri+cid after sending is OutcomeUnknown. */
async function createPost(context: ConnectorContext, rkey: string, record: unknown): Promise<StrongRef> {
  const { accountId, accessToken } = context.credentials;
  let answer: client.XrpcAnswer;
  try {
    answer = await client.createRecord(context, host(context), accessToken, {
      repo: accountId,
      collection: postCollection,
      rkey,
      record,
    });
  } catch (error) {
    if (error instanceof client.XrpcNetworkError && !error.maybeSent) throw new Transient(error.message);
    throw new OutcomeUnknown(`Bluesky createRecord ${rkey}: ${(error as Error).message}`);
  }
  if (answer.status >= 500) throw new OutcomeUnknown(`Bluesky answered ${answer.status} to createRecord ${rkey}`);
  if (answer.status < 200 || answer.status >= 300) throw xrpcError(answer, context.now());
  const ref = strongRefOf(answer.body);
  if (!ref) throw new OutcomeUnknown(`Bluesky answered ${answer.status} to createRecord ${rkey} without a uri`);
  return ref;
}

async function publish(context: ConnectorContext, request: PublishRequest): Promise<PublishResult> {
  const problems = validateForBluesky(request, capabilities.formats);
  if (problems.length > 0) throw problems[0]!;
  const parts = postParts(request);
  const dids = await resolveMentions(
    context,
    parts.map((part) => part.text),
  );
  const refs: StrongRef[] = [];
  for (const [index, part] of parts.entries()) {
    const embed =
      (await uploadImages(context, part.media)) ??
      (index === 0 && request.link ? externalEmbed(request.link) : undefined);
    const root = refs[0];
    const parent = refs[refs.length - 1];
    const record = buildPostRecord({
      text: part.text,
      createdAt: context.now(),
      facets: buildFacets(part.text, dids),
      embed,
      reply: root && parent ? { root, parent } : undefined,
      langs: typeof request.options?.lang === 'string' ? [request.options.lang] : undefined,
    });
    refs.push(await createPost(context, recordKeyFor(request.idempotencyKey, index), record));
  }
  return publishResultOf(refs);
}

async function getPostRef(context: ConnectorContext, rkey: string): Promise<StrongRef | null> {
  let answer: client.XrpcAnswer;
  try {
    answer = await client.getRecord(context, host(context), context.credentials.accessToken, {
      repo: context.credentials.accountId,
      collection: postCollection,
      rkey,
    });
  } catch (error) {
    throw new Transient((error as Error).message);
  }
  const { error } = (answer.body ?? {}) as { error?: unknown };
  if (answer.status === 400 && error === 'RecordNotFound') return null;
  if (answer.status === 404) return null;
  if (answer.status >= 500) throw new Transient(`Bluesky answered ${answer.status} to getRecord`);
  if (answer.status !== 200) throw xrpcError(answer, context.now());
  return strongRefOf(answer.body);
}

/** Bluesky over XRPC with an app password: posts, threads, images, link cards, facets; exactly-once by record key. */
export const blueskyConnector: Connector = {
  network: 'bluesky',
  capabilities,
  validate: (request) => validateForBluesky(request, capabilities.formats),
  publish,
  async findPublished(context, query) {
    const first = await getPostRef(context, recordKeyFor(query.idempotencyKey, 0));
    if (!first) return null;
    const refs = [first];
    for (let part = 1; part < maxThreadProbe; part += 1) {
      const next = await getPostRef(context, recordKeyFor(query.idempotencyKey, part));
      if (!next) break;
      refs.push(next);
    }
    return publishResultOf(refs);
  },
  async deletePost(context, networkPostId) {
    const parsed = parseAtUri(networkPostId);
    if (!parsed) throw new Error(`Not an AT URI: ${networkPostId}`);
    await read(
      context,
      client.deleteRecord(context, host(context), context.credentials.accessToken, {
        repo: parsed.repo,
        collection: parsed.collection,
        rkey: parsed.rkey,
      }),
    );
  },
  // App passwords have no OAuth client: `client` is unused; `context.baseUrl` must be the account's PDS.
  async refreshToken(context, _client, refreshToken): Promise<TokenSet> {
    const body = await readSession(context, client.refreshSession(context, context.baseUrl, refreshToken), true);
    const { did: _did, handle: _handle, ...tokens } = tokenSetOf(body, context.now());
    return tokens;
  },
  // An app-password session is one account: its DID publishes, its handle is what people know.
  async listAccounts(context) {
    const pds = (context.instanceUrl ?? context.baseUrl).replace(/\/$/, '');
    const body = (await read(context, client.getSession(context, pds, context.tokens.accessToken))) as {
      did?: unknown;
      handle?: unknown;
    };
    if (typeof body?.did !== 'string' || !body.did.startsWith('did:'))
      throw new Transient('com.atproto.server.getSession: no DID in the answer');
    const handle = typeof body.handle === 'string' ? body.handle : undefined;
    return [{ accountId: body.did, displayName: handle ?? body.did, kind: 'profile', ...(handle ? { handle } : {}) }];
  },
  ...blueskyInbox,
  ...blueskyMetrics,
};

async function readSession(
  context: Pick<ConnectorContext, 'now'>,
  answer: Promise<client.XrpcAnswer>,
  onRefresh: boolean,
): Promise<unknown> {
  let result: client.XrpcAnswer;
  try {
    result = await answer;
  } catch (error) {
    throw new Transient((error as Error).message);
  }
  if (result.status === 200) return result.body;
  if (result.status >= 500) throw new Transient(`Bluesky answered ${result.status} to a session call`);
  throw xrpcError(result, context.now(), { onRefresh });
}

/**
 * Logs in with an app password (com.atproto.server.createSession) and returns the channel's credentials:
 * accessToken = accessJwt (about 2 h), refreshToken = refreshJwt (about 90 days), accountId = DID,
 * instanceUrl = the account's PDS from its DID document (else `context.baseUrl`).
 * @example await createBlueskySession({ baseUrl: 'https://bsky.social', fetch, now: () => new Date() }, { identifier: 'alice.bsky.social', appPassword: 'xxxx-xxxx-xxxx-xxxx' })
 */
export async function createBlueskySession(
  context: Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'>,
  input: { identifier: string; appPassword: string },
): Promise<{ credentials: Credentials; handle: string; expiresAt: Date }> {
  const body = await readSession(
    context,
    client.createSession(context, context.baseUrl, { identifier: input.identifier, password: input.appPassword }),
    true,
  );
  const session = tokenSetOf(body, context.now());
  return {
    credentials: {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      accountId: session.did,
      instanceUrl: pdsEndpointOf(body) ?? context.baseUrl.replace(/\/$/, ''),
    },
    handle: session.handle,
    expiresAt: session.expiresAt ?? new Date(context.now().getTime() + 120 * 60_000),
  };
}
