// The Bluesky inbox against a REAL local AT Protocol network (@atproto/dev-env: PLC, PDS and the Bluesky AppView
// on PostgreSQL and Redis). Other accounts reply to the brand's post and mention it; once the AppView has indexed
// them, Sillage's connector reads them as inbox items through the PDS (which proxies app.bsky.* to the AppView),
// a poll from the cursor adds nothing twice, and Sillage's answer shows in the AppView's thread under its parent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import apiModule from '@atproto/api';
import { blueskyConnector, createBlueskySession } from '../../packages/connectors/src/bluesky/index.ts';
import { databaseExists, startLocalNetwork } from './local-network.mjs';

const { AtpAgent, RichText } = apiModule;

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

/** Another account on the network, with Bluesky's own client library. */
async function person(pdsUrl, handle, displayName) {
  const agent = new AtpAgent({ service: pdsUrl });
  await agent.createAccount({ handle, email: `${handle}@example.test`, password: `${handle}-password` });
  if (displayName) await agent.upsertProfile((profile) => ({ ...profile, displayName }));
  return agent;
}

/** A post by `agent` at a given instant, with its facets (mentions resolved to DIDs), optionally in reply. */
async function post(agent, text, createdAt, reply) {
  const rich = new RichText({ text });
  await rich.detectFacets(agent);
  const record = {
    text: rich.text,
    facets: rich.facets,
    createdAt: createdAt.toISOString(),
    ...(reply ? { reply } : {}),
  };
  return { ...(await agent.post(record)), record };
}

const postUrl = (uri) => {
  const [, , did, , rkey] = uri.split('/');
  return `https://bsky.app/profile/${did}/post/${rkey}`;
};

let local;
let context;
let carla;
let dmitri;
let brandPost;
let carlaReply;
let dmitriMention;
let firstPoll;
let latestCursor;
const brandHandle = 'maisonlumiere.test';
/** How long the AppView may take to index what the PDS emitted (2 shared vCPUs in CI). */
const indexingTimeoutMs = 30_000;
const start = Date.now();
const at = (seconds) => new Date(start + seconds * 1000);

describe('Bluesky inbox against a real local AT Protocol network (@atproto/dev-env with its AppView)', () => {
  before(async () => {
    local = await startLocalNetwork();
    const pdsUrl = local.network.pds.url;
    const account = await xrpc(pdsUrl, 'com.atproto.server.createAccount', {
      body: { handle: brandHandle, email: 'brand@example.test', password: 'brand-main-password' },
    });
    assert.equal(account.status, 200, JSON.stringify(account.body));
    const appPassword = await xrpc(pdsUrl, 'com.atproto.server.createAppPassword', {
      token: account.body.accessJwt,
      body: { name: 'sillage' },
    });
    assert.equal(appPassword.status, 200, JSON.stringify(appPassword.body));
    const base = { baseUrl: pdsUrl, fetch, now: () => new Date() };
    const session = await createBlueskySession(base, {
      identifier: brandHandle,
      appPassword: appPassword.body.password,
    });
    context = { ...base, credentials: session.credentials, loadMedia: async () => new Uint8Array() };
    carla = await person(pdsUrl, 'carla.test', 'Carla Moreau');
    dmitri = await person(pdsUrl, 'dmitri.test');

    // The brand publishes through Sillage; Carla answers it, Dmitri mentions the brand in a post of his own.
    const published = await blueskyConnector.publish(context, {
      idempotencyKey: 'appview-spring-1',
      format: 'text',
      text: 'Notre collection de printemps est en ligne 🌸',
      media: [],
    });
    const [, , repo, collection, rkey] = published.networkPostId.split('/');
    const record = await xrpc(pdsUrl, 'com.atproto.repo.getRecord', { query: { repo, collection, rkey } });
    brandPost = { uri: record.body.uri, cid: record.body.cid };
    // The AppView indexes repos in parallel: a reply indexed before its parent notifies nobody. People answer
    // what they have seen, so the brand's post is indexed first.
    await local.network.processAll(indexingTimeoutMs);
    carlaReply = await post(carla, 'Magnifique ! Vous livrez en Belgique ?', at(-30), {
      root: brandPost,
      parent: brandPost,
    });
    dmitriMention = await post(dmitri, `@${brandHandle} vous ouvrez le dimanche ?`, at(-20));
    // What is not a mention or a reply stays out of the inbox: a like, a follow, a post naming nobody.
    await carla.like(brandPost.uri, brandPost.cid);
    await dmitri.follow(context.credentials.accountId);
    await post(dmitri, 'Belle journée à Lyon', at(-10));
    await local.network.processAll(indexingTimeoutMs);
  });

  after(async () => {
    if (!local) return;
    await local.stop();
    assert.equal(await databaseExists(local.database), false, `database ${local.database} left behind`);
  });

  it('reads the reply and the mention from the AppView as inbox items, with authors, texts and uris', async () => {
    // Sillage reads from the account's PDS (from its DID document), which proxies app.bsky.* to the AppView.
    assert.equal(context.credentials.instanceUrl, local.network.pds.url);
    firstPoll = await blueskyConnector.listInboxItems(context, null);
    assert.deepEqual(firstPoll.items, [
      {
        networkItemId: carlaReply.uri,
        kind: 'reply',
        threadKey: `post:${brandPost.uri}`,
        author: { networkId: carla.session.did, name: 'Carla Moreau', handle: '@carla.test' },
        text: 'Magnifique ! Vous livrez en Belgique ?',
        createdAt: at(-30),
        url: postUrl(carlaReply.uri),
        replyContext: { cid: carlaReply.cid, rootUri: brandPost.uri, rootCid: brandPost.cid },
      },
      {
        networkItemId: dmitriMention.uri,
        kind: 'mention',
        threadKey: `post:${dmitriMention.uri}`,
        author: { networkId: dmitri.session.did, name: 'dmitri.test', handle: '@dmitri.test' },
        text: `@${brandHandle} vous ouvrez le dimanche ?`,
        createdAt: at(-20),
        url: postUrl(dmitriMention.uri),
        replyContext: { cid: dmitriMention.cid, rootUri: dmitriMention.uri, rootCid: dmitriMention.cid },
      },
    ]);
    assert.ok(firstPoll.cursor);
  });

  it('a poll from the cursor repeats nothing, and then brings only what is new, in its thread', async () => {
    const again = await blueskyConnector.listInboxItems(context, firstPoll.cursor);
    assert.deepEqual(again.items, []);
    // Dmitri answers Carla: a reply deeper in the brand's thread, which notifies the brand too. His client's clock
    // is late: the AppView sorts it before the mention already read (a post indexed late does the same).
    const nested = await post(dmitri, 'Oui, je confirme, reçu à Liège en 3 jours', at(-25), {
      root: brandPost,
      parent: { uri: carlaReply.uri, cid: carlaReply.cid },
    });
    await local.network.processAll(indexingTimeoutMs);
    const next = await blueskyConnector.listInboxItems(context, again.cursor);
    assert.deepEqual(
      next.items.map((item) => [item.networkItemId, item.kind, item.threadKey, item.author.handle, item.text]),
      [[nested.uri, 'reply', `post:${brandPost.uri}`, '@dmitri.test', 'Oui, je confirme, reçu à Liège en 3 jours']],
    );
    latestCursor = next.cursor;
    assert.deepEqual((await blueskyConnector.listInboxItems(context, latestCursor)).items, []);
  });

  it('answers from Sillage; the AppView shows each answer under its parent with the id Sillage stored', async () => {
    // What the inbox service passes to the connector: the stored item's reference (see refOf in inbox.service.ts).
    const refOf = (item) => ({
      networkItemId: item.networkItemId,
      kind: item.kind,
      threadKey: item.threadKey,
      replyContext: item.replyContext,
    });
    const [reply, mention] = firstPoll.items;
    const toCarla = await blueskyConnector.replyToItem(context, refOf(reply), 'Oui, en 72 h, livraison offerte.');
    const toDmitri = await blueskyConnector.replyToItem(context, refOf(mention), 'Oui, de 10 h à 18 h.');
    await local.network.processAll(indexingTimeoutMs);

    const thread = async (uri) => {
      const answer = await xrpc(local.network.bsky.url, 'app.bsky.feed.getPostThread', { query: { uri, depth: '5' } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body.thread;
    };
    const brandThread = await thread(brandPost.uri);
    const underCarla = brandThread.replies.find((one) => one.post.uri === carlaReply.uri);
    const answer = underCarla.replies.find((one) => one.post.uri === toCarla.networkId);
    assert.ok(answer, `${toCarla.networkId} is not under Carla's reply`);
    assert.equal(answer.post.author.did, context.credentials.accountId);
    assert.equal(answer.post.author.handle, brandHandle);
    assert.equal(answer.post.record.text, 'Oui, en 72 h, livraison offerte.');
    assert.deepEqual(answer.post.record.reply, {
      root: brandPost,
      parent: { uri: carlaReply.uri, cid: carlaReply.cid },
    });

    const mentionThread = await thread(dmitriMention.uri);
    assert.deepEqual(
      mentionThread.replies.map((one) => [one.post.uri, one.post.author.did, one.post.record.text]),
      [[toDmitri.networkId, context.credentials.accountId, 'Oui, de 10 h à 18 h.']],
    );

    // Carla is told, by the same AppView, that the brand answered her.
    const notified = await carla.app.bsky.notification.listNotifications({ reasons: ['reply'] });
    assert.ok(notified.data.notifications.some((one) => one.uri === toCarla.networkId && one.reason === 'reply'));
    // The brand's own answers are not inbox items.
    assert.deepEqual((await blueskyConnector.listInboxItems(context, latestCursor)).items, []);
  });
});
