import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import { ConversionRequest } from '@sillage/contracts';
import { sillageSnippet } from './snippet.ts';

/** Runs the snippet in a minimal browser-like context and returns what it posted and the cookies it wrote. */
function runSnippet(search: string, queued: unknown[][] = []) {
  const posts: { url: string; init: { body: string; headers: Record<string, string>; credentials: string } }[] = [];
  const jar = new Map<string, string>();
  const document = {
    currentScript: {
      src: 'https://sillage.example/sillage.js',
      getAttribute: (name: string) => (name === 'data-site-key' ? 'slg_pk_test' : null),
    },
    get cookie() {
      return [...jar.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(text: string) {
      const [pair = ''] = text.split(';');
      const [name = '', value = ''] = pair.split('=');
      jar.set(name.trim(), value);
    },
  };
  const window: Record<string, unknown> = {
    sillage: Object.assign(() => undefined, { q: queued }),
    document,
    location: { search, protocol: 'https:' },
    navigator: {},
    URL,
    URLSearchParams,
    crypto: globalThis.crypto,
    fetch: (url: string, init: (typeof posts)[number]['init']) => {
      posts.push({ url, init });
      return Promise.resolve();
    },
  };
  // In a browser the global object is `window`.
  window.window = window;
  vm.runInContext(sillageSnippet, vm.createContext(window));
  return { posts, jar, sillage: window.sillage as (type: string, options?: unknown) => string };
}

test('keeps the visitor id of the tracked link and posts valid events to the endpoint without cookies', () => {
  const visitor = '6f1c2b7e-1111-4a2b-9c3d-0123456789ab';
  const { posts, jar, sillage } = runSnippet(`?utm_source=instagram&slg_v=${visitor}`, [
    ['lead', { eventId: 'lead-1' }],
  ]);
  assert.equal(jar.get('slg_v'), visitor);
  sillage('purchase', { eventId: 'order-1042', value: { amountMinor: 4990, currency: 'EUR' } });
  assert.equal(posts.length, 2);
  for (const post of posts) {
    assert.equal(post.url, 'https://sillage.example/api/conversions');
    assert.equal(post.init.credentials, 'omit');
    assert.match(post.init.headers['content-type'] ?? '', /^text\/plain/);
    const event = ConversionRequest.parse(JSON.parse(post.init.body));
    assert.equal(event.visitorId, visitor);
    assert.equal(event.siteKey, 'slg_pk_test');
  }
  assert.equal(JSON.parse(posts[0]!.init.body).eventId, 'lead-1');
  assert.deepEqual(JSON.parse(posts[1]!.init.body).value, { amountMinor: 4990, currency: 'EUR' });
});

test('gives a visitor who came without a tracked link a random id of their own', () => {
  const { jar, sillage, posts } = runSnippet('?slg_v=not valid!');
  assert.match(jar.get('slg_v') ?? '', /^[0-9a-f-]{36}$/);
  sillage('signup');
  assert.equal(JSON.parse(posts[0]!.init.body).visitorId, jar.get('slg_v'));
});
