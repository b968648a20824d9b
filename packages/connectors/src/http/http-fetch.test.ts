import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startXSimulator, type XSimulator } from '@sillage/simulators/x/x-simulator';
import type { ConnectorContext } from '../connector.ts';
import { OutcomeUnknown, RateLimited, Transient } from '../errors.ts';
import { xConnector } from '../x/index.ts';
import { abortableFetch, createHttpFetch, requestTimeout } from './http-fetch.ts';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string; socket: Socket };

/** A loopback server that records each request and answers by path. */
async function startServer(handle: (request: IncomingMessage, response: ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
        socket: request.socket,
      });
      handle(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

describe('createHttpFetch', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let other: Awaited<ReturnType<typeof startServer>>;
  const httpFetch = createHttpFetch();

  before(async () => {
    other = await startServer((request, response) => json(response, 200, { at: 'other' }));
    server = await startServer((request, response, body) => {
      const path = request.url ?? '';
      if (path.startsWith('/echo')) return json(response, 201, { method: request.method, body }, { 'x-echo': 'yes' });
      if (path === '/cookies') {
        response.writeHead(200, { 'set-cookie': ['a=1', 'b=2'], 'x-twice': ['one', 'two'] });
        return response.end('');
      }
      if (path === '/see-other') return void response.writeHead(303, { location: '/echo/after-303' }).end();
      if (path === '/temporary') return void response.writeHead(307, { location: '/echo/after-307' }).end();
      if (path === '/elsewhere') return void response.writeHead(302, { location: `${other.base}/landed` }).end();
      if (path === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
      if (path === '/slow-headers') return void setTimeout(() => json(response, 200, {}), 500);
      if (path === '/slow-body') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('part');
        return void setTimeout(() => response.end('-rest'), 500);
      }
      if (path === '/cut-body') {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
        response.write('only part');
        return void setTimeout(() => response.socket?.destroy(), 20);
      }
      if (path === '/reset') return void request.socket.destroy();
      if (path === '/bom') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end('\uFEFF{"ok":true}');
      }
      json(response, 404, { error: 'not found' });
    });
  });
  after(async () => {
    await server.close();
    await other.close();
  });

  it('sends the method, headers and a JSON body with its length, and answers as fetch does', async () => {
    const response = await httpFetch(new URL('/echo/json', server.base), {
      method: 'post',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' },
      body: JSON.stringify({ text: 'Été 🌞' }),
    });
    assert.equal(response.status, 201);
    assert.equal(response.ok, true);
    assert.equal(response.headers.get('X-Echo'), 'yes');
    assert.equal(response.url, `${server.base}/echo/json`);
    assert.deepEqual(await response.json(), { method: 'POST', body: '{"text":"Été 🌞"}' });
    assert.equal(response.bodyUsed, true);
    await assert.rejects(response.text(), TypeError);
    const sent = server.seen.at(-1)!;
    assert.equal(sent.headers['content-length'], String(Buffer.byteLength('{"text":"Été 🌞"}')));
    assert.equal(sent.headers.authorization, 'Bearer t');
    assert.equal(sent.headers.accept, '*/*');
  });

  it('encodes forms, bytes and text with fetch default content types, and POST without a body as length 0', async () => {
    await httpFetch(`${server.base}/echo/form`, { method: 'POST', body: new URLSearchParams({ a: '1 2', b: 'é' }) });
    assert.equal(server.seen.at(-1)!.body, 'a=1+2&b=%C3%A9');
    assert.equal(server.seen.at(-1)!.headers['content-type'], 'application/x-www-form-urlencoded;charset=UTF-8');
    await httpFetch(`${server.base}/echo/bytes`, { method: 'PUT', body: new Uint8Array([104, 105]) });
    assert.equal(server.seen.at(-1)!.body, 'hi');
    await httpFetch(`${server.base}/echo/text`, { method: 'POST', body: 'plain' });
    assert.equal(server.seen.at(-1)!.headers['content-type'], 'text/plain;charset=UTF-8');
    await httpFetch(`${server.base}/echo/empty`, { method: 'POST' });
    assert.equal(server.seen.at(-1)!.headers['content-length'], '0');
    await assert.rejects(httpFetch(`${server.base}/echo`, { method: 'GET', body: 'x' }), TypeError);
  });

  it('reuses one kept-alive connection for requests in sequence', async () => {
    await (await httpFetch(`${server.base}/echo/1`)).text();
    const first = server.seen.at(-1)!.socket;
    await (await httpFetch(`${server.base}/echo/2`)).text();
    assert.equal(server.seen.at(-1)!.socket, first);
  });

  it('reads headers as a Headers: repeated ones joined, set-cookie apart, immutable', async () => {
    const response = await httpFetch(`${server.base}/cookies`);
    assert.equal(response.headers.get('x-twice'), 'one, two');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
    assert.equal(response.headers.has('X-TWICE'), true);
    assert.equal(response.headers.get('missing'), null);
    assert.ok([...response.headers].some(([name, value]) => name === 'set-cookie' && value === 'b=2'));
    assert.throws(() => response.headers.set('a', 'b'), TypeError);
    assert.equal(await response.clone().text(), '');
  });

  it('strips a byte order mark from text, as fetch does', async () => {
    assert.deepEqual(await (await httpFetch(`${server.base}/bom`)).json(), { ok: true });
  });

  it('follows redirects as fetch does: 303 becomes a GET, 307 keeps the body, credentials stay at their origin', async () => {
    const seeOther = await httpFetch(`${server.base}/see-other`, { method: 'POST', body: 'payload' });
    assert.deepEqual(await seeOther.json(), { method: 'GET', body: '' });
    assert.equal(seeOther.redirected, true);
    const temporary = await httpFetch(`${server.base}/temporary`, { method: 'POST', body: 'payload' });
    assert.deepEqual(await temporary.json(), { method: 'POST', body: 'payload' });
    const away = await httpFetch(`${server.base}/elsewhere`, { headers: { authorization: 'Bearer secret' } });
    assert.deepEqual(await away.json(), { at: 'other' });
    assert.equal(other.seen.at(-1)!.headers.authorization, undefined);
    const manual = await httpFetch(`${server.base}/see-other`, { redirect: 'manual' });
    assert.equal(manual.status, 303);
    assert.equal(manual.headers.get('location'), '/echo/after-303');
    await assert.rejects(httpFetch(`${server.base}/see-other`, { redirect: 'error' }), TypeError);
    await assert.rejects(httpFetch(`${server.base}/loop`), /fetch failed/);
  });

  it('reports a refused connection as fetch does: a TypeError whose cause holds the code', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await httpFetch(`http://127.0.0.1:${port}/`).catch((caught: unknown) => caught);
    assert.ok(error instanceof TypeError);
    assert.equal((error.cause as { code?: string }).code, 'ECONNREFUSED');
  });

  it('rejects on a connection reset before the answer, and fails the body when it is cut', async () => {
    const reset = await httpFetch(`${server.base}/reset`, { method: 'POST', body: 'x' }).catch(
      (caught: unknown) => caught,
    );
    assert.ok(reset instanceof TypeError);
    assert.match(String((reset.cause as { code?: string }).code), /ECONNRESET|ECONNREFUSED|EPIPE/);
    const cut = await httpFetch(`${server.base}/cut-body`);
    assert.equal(cut.status, 200);
    await assert.rejects(cut.text(), TypeError);
  });

  it('aborts on the caller signal, before the answer and while the body arrives', async () => {
    const early = new AbortController();
    const pending = httpFetch(`${server.base}/slow-headers`, { signal: early.signal });
    setTimeout(() => early.abort(), 50);
    await assert.rejects(pending, { name: 'AbortError' });
    const late = new AbortController();
    const answer = await httpFetch(`${server.base}/slow-body`, { signal: late.signal });
    late.abort();
    await assert.rejects(answer.text(), { name: 'AbortError' });
    await assert.rejects(httpFetch(`${server.base}/echo`, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });

  it('bounds a request with requestTimeout: a TimeoutError, on this client and on any other fetch', async () => {
    for (const fetchImpl of [httpFetch, fetch]) {
      const started = Date.now();
      await assert.rejects(
        fetchImpl(`${server.base}/slow-headers`, requestTimeout(fetchImpl, 100)),
        { name: 'TimeoutError' },
        `with ${fetchImpl === fetch ? 'fetch' : 'createHttpFetch'}`,
      );
      assert.ok(Date.now() - started < 450);
    }
    // A request that ends in time leaves no timer behind to abort it later.
    const quick = await httpFetch(`${server.base}/echo/quick`, requestTimeout(httpFetch, 100));
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(((await quick.json()) as { method: string }).method, 'GET');
  });

  it('aborts every request of a call at once with abortableFetch, on this client and on any other fetch', async () => {
    for (const fetchImpl of [httpFetch, fetch]) {
      const call = abortableFetch(fetchImpl);
      const requests = [
        call.fetch(`${server.base}/slow-headers`),
        call.fetch(`${server.base}/slow-headers`, requestTimeout(call.fetch, 5_000)),
      ];
      setTimeout(() => call.abort(), 50);
      for (const pending of requests) await assert.rejects(pending, { name: 'AbortError' });
      await assert.rejects(call.fetch(`${server.base}/echo`), { name: 'AbortError' });
    }
  });

  it('hands what it does not send itself to the fallback, with the same deadline', async () => {
    const received: { input: unknown; signal: AbortSignal | null | undefined }[] = [];
    const fallback: typeof fetch = async (input, init) => {
      received.push({ input, signal: init?.signal });
      return new Response('from fallback');
    };
    const call = abortableFetch(createHttpFetch({ fallback }));
    const form = new FormData();
    form.set('file', new Blob(['x']), 'x.txt');
    const answer = await call.fetch(`${server.base}/echo`, { method: 'POST', body: form });
    assert.equal(await answer.text(), 'from fallback');
    assert.equal(received.length, 1);
    call.abort();
    assert.equal(received[0]!.signal?.aborted, true);
  });
});

describe('the X connector through createHttpFetch', () => {
  let sim: XSimulator;
  const httpFetch = createHttpFetch();
  const context = (): ConnectorContext => ({
    baseUrl: sim.baseUrl,
    credentials: { accessToken: sim.accessToken, accountId: sim.account.id },
    fetch: httpFetch,
    now: () => new Date(),
    loadMedia: async () => new Uint8Array(2000).fill(7),
  });
  const publish = (text: string) =>
    xConnector.publish(context(), { idempotencyKey: text, format: 'text', text, media: [] });

  before(async () => {
    sim = await startXSimulator();
  });
  after(() => sim.close());

  it('publishes, and finds the post again for reconciliation', async () => {
    const result = await publish('Through the pooled client');
    assert.equal(sim.posts().at(-1)?.id, result.networkPostId);
    const found = await xConnector.findPublished(context(), {
      idempotencyKey: 'k',
      text: 'Through the pooled client',
      notBefore: new Date(Date.now() - 60_000),
    });
    assert.equal(found?.networkPostId, result.networkPostId);
  });

  it('turns a 500 after the body, a reset after the body and a false success into unknown outcomes', async () => {
    for (const kind of ['error_after_body', 'reset_after_body', 'false_success'] as const) {
      sim.faults.inject({ kind }, { method: 'POST', pathIncludes: '/2/tweets' });
      await assert.rejects(publish(`Fault ${kind}`), OutcomeUnknown, kind);
    }
    // The 500 and the reset came after X created the posts: reconciliation must find them.
    assert.ok(sim.posts().some((post) => post.text === 'Fault error_after_body'));
    assert.ok(sim.posts().some((post) => post.text === 'Fault reset_after_body'));
  });

  it('honours a 429 with its reset header, and reports a refused connection as never sent', async () => {
    sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 120 }, { pathIncludes: '/2/tweets' });
    const limited = await publish('Rate limited').catch((caught: unknown) => caught);
    assert.ok(limited instanceof RateLimited);
    assert.ok(Math.abs(limited.retryAt.getTime() - (Date.now() + 120_000)) < 2_000);
    const closed = { ...context(), baseUrl: 'http://127.0.0.1:9' };
    await assert.rejects(
      xConnector.publish(closed, { idempotencyKey: 'c', format: 'text', text: 'Nowhere', media: [] }),
      Transient,
    );
  });
});
