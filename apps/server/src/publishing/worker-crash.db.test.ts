import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TEST_SECRET_KEY } from '../testing/test-app.ts';
import { createPublishingHarness } from './testing/publishing-harness.ts';
import { createHttpFakeConnector } from './testing/http-fake-connector.ts';

const workerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing/crash-worker.ts');
const RUNS = Number(process.env.SILLAGE_CRASH_RUNS ?? 100);
const BUDGET_MS = Number(process.env.SILLAGE_CRASH_BUDGET_MS ?? 200_000);

/** Where the worker dies relative to the network accepting the post. */
const killPoints = ['before_network_stores', 'after_store_before_reply', 'after_reply'] as const;
type KillPoint = (typeof killPoints)[number];

/** mulberry32: a seeded PRNG so a failing run can be replayed by its seed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('worker processes killed mid-publication (PostgreSQL)', { skip: !process.env.TEST_DATABASE_URL }, () => {
  let h: Awaited<ReturnType<typeof createPublishingHarness>>;
  const stored = new Map<string, string[]>();
  const workers = new Map<number, ChildProcess>();
  let plan: { killPoint: KillPoint; delayMs: number } = { killPoint: 'after_reply', delayMs: 0 };
  let server: ReturnType<typeof createServer>;
  let baseUrl = '';
  let databaseUrl = '';
  let postsCounter = 0;
  let kills = 0;
  let stopping = false;

  function kill(pid: number): Promise<void> {
    const child = workers.get(pid);
    workers.delete(pid);
    if (!child || child.exitCode !== null) return Promise.resolve();
    kills += 1;
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  function spawnWorker(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        FAKE_NETWORK_URL: baseUrl,
        SECRET_KEY_HEX: TEST_SECRET_KEY.toString('hex'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    workers.set(child.pid!, child);
    return new Promise((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      // Workers still starting when the suite ends are killed on purpose.
      child.once('exit', (code) => (stopping ? resolve() : reject(new Error(`worker exited early (${code})`))));
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method === 'GET') {
      const ids = stored.get(url.searchParams.get('key') ?? '') ?? [];
      if (ids.length === 0) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: ids[0] }));
      return;
    }
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const { key } = JSON.parse(body) as { key: string };
    const pid = Number(request.headers['x-worker-pid']);
    const store = () => {
      const id = `net-${(postsCounter += 1)}`;
      stored.set(key, [...(stored.get(key) ?? []), id]);
      return id;
    };
    // Requests from the test process (recovery) are never killed.
    if (pid === process.pid) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: store() }));
      return;
    }
    if (plan.killPoint === 'before_network_stores') {
      await kill(pid);
      response.destroy();
      return;
    }
    const id = store();
    if (plan.killPoint === 'after_store_before_reply') {
      await kill(pid);
      response.destroy();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
    await kill(pid);
  }

  before(async () => {
    server = createServer((request, response) => void handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await createPublishingHarness('postgres', {
      connector: createHttpFakeConnector(),
      settings: { leaseMs: 60_000, retryPolicy: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 50 } },
      networkBaseUrls: { x: baseUrl },
    });
    databaseUrl = h.t.testDatabase.databaseUrl!;
  });
  after(async () => {
    stopping = true;
    await Promise.all([...workers.keys()].map(kill));
    await h.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it(`leaves exactly one post on the network after a SIGKILL anywhere around the network's acceptance (up to ${RUNS} seeded runs)`, async () => {
    const channel = await h.addChannel();
    const started = Date.now();
    const outcomes: Record<KillPoint, number> = {
      before_network_stores: 0,
      after_store_before_reply: 0,
      after_reply: 0,
    };
    let runs = 0;
    const warming = new Set<Promise<void>>();
    const topUp = () => {
      // A few live workers compete for each publication; the one that claims it is the one killed.
      while (workers.size < 6) {
        const ready: Promise<void> = spawnWorker().finally(() => warming.delete(ready));
        warming.add(ready);
      }
    };
    while (runs < RUNS && Date.now() - started < BUDGET_MS) {
      const random = seeded(runs + 1);
      plan = { killPoint: killPoints[Math.floor(random() * killPoints.length)]!, delayMs: Math.floor(random() * 5) };
      topUp();
      while (workers.size - warming.size < 1) await Promise.race(warming);
      const killsBefore = kills;
      h.clock.set(new Date());
      const post = await h.postNow([channel.id], `crash run ${runs + 1}`);
      const publicationId = post.publications[0]!.id;
      const deadline = Date.now() + 20_000;
      while (kills === killsBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(kills, killsBefore + 1, `run ${runs + 1}: no worker was killed`);

      // Recovery as another worker sees it once the dead claim's lease has run out.
      for (let pass = 0; pass < 5; pass += 1) {
        h.clock.set(new Date(Date.now() + 61_000 + pass * 1000));
        await h.engine.tick();
        if ((await h.publication(post.id))[0]!.state === 'published') break;
      }
      const [publication] = await h.publication(post.id);
      const ids = stored.get(publicationId) ?? [];
      assert.equal(ids.length, 1, `run ${runs + 1} (${plan.killPoint}): ${ids.length} posts on the network`);
      assert.equal(publication!.state, 'published', `run ${runs + 1} (${plan.killPoint})`);
      assert.equal(publication!.networkPostId, ids[0]);
      outcomes[plan.killPoint] += 1;
      runs += 1;
    }
    process.stderr.write(`worker-crash: ${runs} runs in ${Date.now() - started} ms ${JSON.stringify(outcomes)}\n`);
    assert.ok(runs >= 10, `only ${runs} runs fitted in the budget`);
    assert.ok(
      Object.values(outcomes).every((count) => count > 0),
      'every kill point was exercised',
    );
  });
});
