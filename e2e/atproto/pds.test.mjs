// The Bluesky connector against a REAL AT Protocol server: @atproto/pds started in-process on loopback.
// Logs in with an app password, posts with facets and an image, replies in a thread, checks the records with
// getRecord, shows that a second publish with the same idempotency key cannot duplicate, and deletes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { blueskyConnector, createBlueskySession } from '../../packages/connectors/src/bluesky/index.ts';
import { AuthExpired, OutcomeUnknown } from '../../packages/connectors/src/errors.ts';
import { startLocalPds } from './local-pds.mjs';

/** A valid w x h RGB PNG (the PDS sniffs the MIME type of uploaded blobs). */
function png(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height, 0x7f);
  for (let y = 0; y < height; y += 1) rows[y * (width * 3 + 1)] = 0;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

async function xrpc(base, nsid, { token, body, query } = {}) {
  const url = new URL(`/xrpc/${nsid}`, base);
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: body ? 'POST' : 'GET',
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

const image = png(12, 8);
let pds;
let context;
const handle = 'alice.test';

describe('Bluesky connector against a real local PDS (@atproto/pds)', () => {
  before(async () => {
    pds = await startLocalPds();
    const account = await xrpc(pds.url, 'com.atproto.server.createAccount', {
      body: { handle, email: 'alice@example.test', password: 'main-password-123' },
    });
    assert.equal(account.status, 200, JSON.stringify(account.body));
    const appPassword = await xrpc(pds.url, 'com.atproto.server.createAppPassword', {
      token: account.body.accessJwt,
      body: { name: 'sillage' },
    });
    assert.equal(appPassword.status, 200, JSON.stringify(appPassword.body));
    const base = { baseUrl: pds.url, fetch, now: () => new Date() };
    const session = await createBlueskySession(base, { identifier: handle, appPassword: appPassword.body.password });
    context = { ...base, credentials: session.credentials, loadMedia: async () => image };
  });
  after(() => pds?.stop());

  const getRecord = (uri) => {
    const [, , repo, collection, rkey] = uri.split('/');
    return xrpc(context.credentials.instanceUrl, 'com.atproto.repo.getRecord', { query: { repo, collection, rkey } });
  };

  it('logs in with an app password (createSession): DID, tokens and the PDS from the DID document', () => {
    assert.match(context.credentials.accountId, /^did:plc:[a-z2-7]{24}$/);
    assert.equal(context.credentials.instanceUrl, pds.url);
    assert.ok(context.credentials.refreshToken);
  });

  it('posts with link, mention and hashtag facets at UTF-8 byte offsets and an image with alt text', async () => {
    const text = 'Café ☕ launch with @alice.test #launch https://example.com/news';
    const result = await blueskyConnector.publish(context, {
      idempotencyKey: 'e2e-post-1',
      format: 'image',
      text,
      media: [{ url: 'https://cdn.test/a.png', mimeType: 'image/png', altText: 'A grey square', width: 12, height: 8 }],
    });
    const { status, body } = await getRecord(result.networkPostId);
    assert.equal(status, 200);
    const bytes = Buffer.from(text, 'utf8');
    const slices = body.value.facets.map((facet) =>
      bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8'),
    );
    assert.deepEqual(slices, ['@alice.test', '#launch', 'https://example.com/news']);
    assert.deepEqual(
      body.value.facets.map((facet) => facet.features[0]),
      [
        { $type: 'app.bsky.richtext.facet#mention', did: context.credentials.accountId },
        { $type: 'app.bsky.richtext.facet#tag', tag: 'launch' },
        { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/news' },
      ],
    );
    assert.equal(body.value.embed.$type, 'app.bsky.embed.images');
    assert.equal(body.value.embed.images[0].alt, 'A grey square');
    assert.equal(body.value.embed.images[0].image.mimeType, 'image/png');
    assert.equal(body.value.embed.images[0].image.size, image.length);
  });

  it('posts a link card (app.bsky.embed.external)', async () => {
    const result = await blueskyConnector.publish(context, {
      idempotencyKey: 'e2e-link-1',
      format: 'link',
      text: 'Read this',
      media: [],
      link: { url: 'https://example.com/article', title: 'An article', description: 'Worth it' },
    });
    const { body } = await getRecord(result.networkPostId);
    assert.deepEqual(body.value.embed, {
      $type: 'app.bsky.embed.external',
      external: { uri: 'https://example.com/article', title: 'An article', description: 'Worth it' },
    });
  });

  it('replies in a thread with root and parent strong refs', async () => {
    const result = await blueskyConnector.publish(context, {
      idempotencyKey: 'e2e-thread-1',
      format: 'thread',
      text: 'Thread 1/3',
      media: [],
      threadParts: [{ text: 'Thread 2/3' }, { text: 'Thread 3/3' }],
    });
    const root = await getRecord(result.networkPostId);
    const second = await getRecord(result.threadPostIds[0]);
    const third = await getRecord(result.threadPostIds[1]);
    assert.deepEqual(second.body.value.reply, {
      root: { uri: root.body.uri, cid: root.body.cid },
      parent: { uri: root.body.uri, cid: root.body.cid },
    });
    assert.deepEqual(third.body.value.reply, {
      root: { uri: root.body.uri, cid: root.body.cid },
      parent: { uri: second.body.uri, cid: second.body.cid },
    });
  });

  it('publishing twice with the same idempotency key leaves one record, which findPublished finds', async () => {
    const publication = { idempotencyKey: 'e2e-once-1', format: 'text', text: 'Exactly once', media: [] };
    const first = await blueskyConnector.publish(context, publication);
    // The PDS refuses a second create under the same record key (it answers 500): never a second post.
    await assert.rejects(blueskyConnector.publish(context, publication), OutcomeUnknown);
    const found = await blueskyConnector.findPublished(context, { ...publication, notBefore: new Date(0) });
    assert.equal(found?.networkPostId, first.networkPostId);
    const list = await xrpc(context.credentials.instanceUrl, 'com.atproto.repo.listRecords', {
      query: { repo: context.credentials.accountId, collection: 'app.bsky.feed.post', limit: '100' },
    });
    assert.equal(list.body.records.filter((record) => record.value.text === 'Exactly once').length, 1);
  });

  it('refreshes the session with refreshSession, and an invalid access token is a refreshable AuthExpired', async () => {
    const tokens = await blueskyConnector.refreshToken(
      { ...context, baseUrl: context.credentials.instanceUrl },
      { clientId: '', clientSecret: '', redirectUri: '' },
      context.credentials.refreshToken,
    );
    // The refresh token is rotated (it carries a unique id); an access token minted within the same second as
    // the previous one can be byte-identical (same subject, iat and exp), so it is not compared.
    assert.ok(tokens.refreshToken);
    assert.notEqual(tokens.refreshToken, context.credentials.refreshToken);
    assert.ok(tokens.expiresAt > new Date());
    context = {
      ...context,
      credentials: { ...context.credentials, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken },
    };
    const broken = { ...context, credentials: { ...context.credentials, accessToken: `${tokens.accessToken}x` } };
    await assert.rejects(
      blueskyConnector.publish(broken, { idempotencyKey: 'e2e-auth-1', format: 'text', text: 'No', media: [] }),
      (error) => error instanceof AuthExpired && error.refreshable,
    );
  });

  it('deletes a post (deleteRecord), after which getRecord and findPublished find nothing', async () => {
    const publication = { idempotencyKey: 'e2e-delete-1', format: 'text', text: 'Short-lived', media: [] };
    const result = await blueskyConnector.publish(context, publication);
    await blueskyConnector.deletePost(context, result.networkPostId);
    assert.equal((await getRecord(result.networkPostId)).body.error, 'RecordNotFound');
    assert.equal(await blueskyConnector.findPublished(context, { ...publication, notBefore: new Date(0) }), null);
  });
});
