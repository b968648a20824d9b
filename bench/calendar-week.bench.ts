// Calendar week view: 2,000 posts in one week, rendered by the built SPA in Debian's Chromium (playwright-core).
// The API is mocked with page.route (the session, the workspace, the caller's access, the members and the
// calendar's range), so the figure is the browser's work alone: from the moment the calendar's answer reaches
// the page's fetch to the frame after the 2,000th card is in the DOM (JSON parsing, contract validation with
// zod, grouping by day, React rendering, style and layout). Measured on the first load and on every change of
// week (each fetches and renders a full week again).
//   npm run bench -- calendar-week
// Environment: BENCH_POSTS (2000), BENCH_RUNS (11 renders: the first load and 10 week changes),
// BENCH_WEB_ROOT (a built web app to reuse instead of building one), CHROMIUM_PATH (/usr/bin/chromium).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addLocalDays, localIsoWeekday, utcToZoned, zonedToUtc } from '@sillage/domain';
import { launchBrowser } from '../e2e/browser.ts';
import { summarize } from './lib/percentiles.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
const postCount = Number(process.env.BENCH_POSTS ?? 2_000);
const runs = Number(process.env.BENCH_RUNS ?? 11);
const BUDGET_MS = 300;
const timeZone = 'Europe/Paris';
const workspaceId = randomUUID();
const userId = randomUUID();

// The SPA, built once into a temporary folder (as scripts/e2e.mjs does) unless one is given.
const givenRoot = process.env.BENCH_WEB_ROOT;
const webRoot = givenRoot ?? mkdtempSync(path.join(tmpdir(), 'sillage-bench-web-'));
if (!givenRoot) {
  log('building the web app…');
  const build = spawnSync('npm', ['run', 'build', '-w', '@sillage/web', '--', '--outDir', webRoot, '--emptyOutDir'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const server: Server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const file = path.join(webRoot, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
  const target =
    existsSync(file) && !file.endsWith(path.sep) && path.extname(file) ? file : path.join(webRoot, 'index.html');
  response.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' });
  response.end(readFileSync(target));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

// 2,000 posts spread over the seven days of the week asked for, 07:00 to 21:59, on five channels.
const channels = ['x', 'mastodon', 'bluesky', 'linkedin', 'instagram'].map((network) => ({
  id: randomUUID(),
  network,
  name: `Maison Lumière on ${network}`,
}));
function weekOfPosts(fromIso: string) {
  const monday = utcToZoned(new Date(fromIso), timeZone).date;
  return Array.from({ length: postCount }, (_, index) => {
    const date = addLocalDays(monday, index % 7);
    const minutes = 7 * 60 + ((index * 37) % (15 * 60));
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const result = zonedToUtc({ date, time, timeZone });
    const scheduledAt = (result.ok ? result.instant : new Date(fromIso)).toISOString();
    const channel = channels[index % channels.length]!;
    const text = `Post ${index}: la collection d'automne arrive, découvrez nos bougies parfumées #MaisonLumière`;
    return {
      id: randomUUID(),
      text,
      authorId: userId,
      createdAt: '2026-01-01T00:00:00.000Z',
      seriesId: null,
      occurrenceIndex: null,
      publications: [
        {
          id: randomUUID(),
          channelId: channel.id,
          network: channel.network,
          channelName: channel.name,
          state: 'scheduled',
          content: { format: 'text', text, media: [] },
          scheduledAt,
          timeZone,
          localDate: date,
          localTime: time,
          networkPostId: null,
          url: null,
          publishedAt: null,
          failure: null,
          attempts: [],
        },
      ],
    };
  });
}

const workspace = {
  id: workspaceId,
  name: 'Maison Lumière',
  timeZone,
  locale: 'en',
  createdAt: '2026-01-01T00:00:00.000Z',
  isDemo: true,
};
const answers: Record<string, unknown> = {
  '/api/setup': { needsSetup: false },
  '/api/session': {
    user: { id: userId, email: 'bench@example.com', name: 'Bench', locale: 'en', isInstanceAdmin: false },
    csrfToken: 'bench',
    workspaces: [{ id: workspaceId, name: workspace.name, timeZone, locale: 'en', role: 'owner' }],
  },
  [`/api/workspaces/${workspaceId}`]: workspace,
  [`/api/workspaces/${workspaceId}/me`]: { workspaceId, role: 'owner', customRole: null, permissions: [] },
  [`/api/workspaces/${workspaceId}/members`]: [],
};

const browser = await launchBrowser();
const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1600, height: 1000 } });
const unmocked = new Set<string>();
await page.route('**/api/**', async (route) => {
  const url = new URL(route.request().url());
  if (url.pathname === `/api/workspaces/${workspaceId}/calendar`) {
    const body = JSON.stringify({ truncated: false, posts: weekOfPosts(url.searchParams.get('from')!) });
    return route.fulfill({ status: 200, contentType: 'application/json', body });
  }
  const answer = answers[url.pathname];
  if (answer !== undefined) return route.fulfill({ status: 200, contentType: 'application/json', json: answer });
  unmocked.add(url.pathname);
  return route.fulfill({
    status: 404,
    contentType: 'application/json',
    json: { error: { code: 'not_found', message: 'not mocked' } },
  });
});
// Stamps the instant the calendar's answer reaches the page, then the frame after the cards are laid out. The
// page's code is given as text: it runs in the browser, not here.
await page.addInitScript(`
  const original = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const response = await original(...args);
    if (String(args[0]).includes('/calendar?')) window.__calendarArrived = performance.now();
    return response;
  };
`);
const renderTime = async (monday: string): Promise<number> =>
  Number(
    await page.evaluate(`new Promise((resolve, reject) => {
      const started = performance.now();
      const poll = () => {
        if (performance.now() - started > 60000) return reject(new Error('the cards never appeared'));
        const week = document.querySelector('.calendar__week');
        const ready =
          window.__calendarArrived !== undefined &&
          document.querySelector('.calendar__day[data-date="${monday}"]') !== null &&
          week !== null && week.querySelectorAll('.calendar__item').length >= ${postCount};
        if (!ready) return requestAnimationFrame(poll);
        // The frame after the cards are in the DOM: style, layout and paint are done.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.__calendarArrived), 0));
      };
      poll();
    })`),
  );
const resetStamp = () => page.evaluate('window.__calendarArrived = undefined');

const today = utcToZoned(new Date(), timeZone).date;
const thisMonday = addLocalDays(today, 1 - localIsoWeekday(today));
log(`week of ${thisMonday}: ${postCount} posts, ${runs} renders`);
const samples: number[] = [];
const cpuSamples: number[] = [];
// The renderer's main-thread busy time (CDP Performance.TaskDuration): what the page cost in CPU, whatever
// else the machine is doing; the wall-clock figure grows when other processes compete for the CPUs.
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const busyMs = async () =>
  1000 *
  ((await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0);
// BENCH_PROFILE=1: a CPU profile of the whole run, its top functions by self time on stderr.
const profiler = process.env.BENCH_PROFILE ? cdp : undefined;
if (profiler) {
  await profiler.send('Profiler.enable');
  await profiler.send('Profiler.start');
}
// BENCH_TRACE=1: a Chrome trace of the first load; the renderer main thread's work inside the measured span,
// by event name (nested events counted in their parents too), on stderr.
const tracing = Boolean(process.env.BENCH_TRACE);
if (tracing) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'v8', 'blink'] });
let before = await busyMs();
await page.goto(`${baseUrl}/w/${workspaceId}/calendar`);
samples.push(
  await renderTime(thisMonday).catch(async (error: unknown) => {
    log(
      `not mocked: ${[...unmocked].join(', ') || 'none'}; page text: ${(await page.textContent('body'))?.slice(0, 500)}`,
    );
    throw error;
  }),
);
cpuSamples.push((await busyMs()) - before);
if (tracing) traceBreakdown(await browser.stopTracing(), samples[0]!);
for (let run = 1; run < runs; run += 1) {
  await resetStamp();
  before = await busyMs();
  // Plain CSS locators: a role query would walk the accessibility names of 2,000 cards inside the measure.
  await page
    .locator('.calendar__nav button')
    .nth(run % 2 ? 2 : 0)
    .click();
  samples.push(await renderTime(run % 2 ? addLocalDays(thisMonday, 7) : thisMonday));
  cpuSamples.push((await busyMs()) - before);
}
const cards = await page.locator('.calendar__item').count();
if (profiler) {
  const { profile } = await profiler.send('Profiler.stop');
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  (profile.samples ?? []).forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[index] ?? 0) / 1000);
  });
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);
}
await browser.close();
server.close();
if (!givenRoot) rmSync(webRoot, { recursive: true, force: true });
if (unmocked.size) log(`not mocked (answered 404): ${[...unmocked].join(', ')}`);
if (cards !== postCount) {
  log(`expected ${postCount} cards, found ${cards}`);
  process.exit(1);
}
const figures = summarize(samples);
log(`render ms (wall): ${samples.map((value) => Math.round(value)).join(', ')}`);
log(`main-thread busy ms: ${cpuSamples.map((value) => Math.round(value)).join(', ')}`);
const cpuFigures = summarize(cpuSamples);
process.stdout.write(
  JSON.stringify({
    bench: 'calendar-week',
    posts: postCount,
    renders: samples.length,
    firstLoadMs: Math.round(samples[0]!),
    renderMs: figures,
    mainThreadBusyMs: cpuFigures,
    budgetMs: BUDGET_MS,
    withinBudget: figures.p95 < BUDGET_MS,
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
    api: 'mocked with page.route',
    browser: 'Debian Chromium (playwright-core)',
    cpus: cpus().length,
  }) + '\n',
);

/** Sums the complete events of the busiest thread over the last `spanMs` of the trace, by name. */
function traceBreakdown(buffer: Buffer, spanMs: number) {
  type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number };
  if (process.env.BENCH_TRACE_FILE) writeFileSync(process.env.BENCH_TRACE_FILE, buffer);
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const complete = events.filter((event) => event.ph === 'X' && event.dur !== undefined);
  const perThread = new Map<string, number>();
  for (const event of complete) {
    if (event.name === 'RunTask') {
      const key = `${event.pid}:${event.tid}`;
      perThread.set(key, (perThread.get(key) ?? 0) + event.dur!);
    }
  }
  const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const end = Math.max(...complete.map((event) => event.ts + event.dur!));
  const start = end - spanMs * 1000 - 50_000;
  const byName = new Map<string, number>();
  for (const event of complete) {
    if (`${event.pid}:${event.tid}` !== main || event.ts < start) continue;
    byName.set(event.name, (byName.get(event.name) ?? 0) + event.dur! / 1000);
  }
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25))
    log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
}
