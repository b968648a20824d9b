import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

/** The media library journey: the demo's files are there, an upload shows up with its facts, alt text and tags are edited and searched, an SVG is refused. */
describe('the media library', () => {
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sillage-e2e-media-'));
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=300x200'],
      ...['-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', path.join(dir, 'vitrine.jpg')],
    ]);
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);
  });
  after(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads, describes, finds and refuses by content', async () => {
    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/media`);
    await page.getByRole('heading', { name: 'Media library' }).waitFor({ timeout: 15_000 });
    const grid = page.getByTestId('media-grid');
    await grid.getByText('candle-vertical.mp4', { exact: true }).waitFor({ timeout: 15_000 });
    await grid.getByText('720×1280 · 0:08').waitFor();

    await page.locator('#media-file').setInputFiles(path.join(dir, 'vitrine.jpg'));
    await page.getByText('vitrine.jpg is in the library.').waitFor({ timeout: 15_000 });
    await grid.getByText('300×200').first().waitFor();

    await grid.getByRole('button', { name: 'Details of vitrine.jpg' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Alt text').fill('A shop window with lit candles');
    await dialog.getByLabel('Tags').fill('Noël, vitrine');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Alt text and tags saved.').waitFor();

    await page.getByLabel('Search').fill('#noël');
    await grid.locator('li.media__card').nth(1).waitFor({ state: 'detached', timeout: 15_000 });
    await grid.getByText('A shop window with lit candles').waitFor();
    assert.equal(await grid.locator('li.media__card').count(), 1);

    await page.locator('#media-file').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    await page.getByText(/SVG, HTML and XML files are refused/).waitFor({ timeout: 15_000 });

    // The original is served with its sniffed type and never sniffed by the browser.
    const response = await page.request.get(`${e2e.baseUrl}/api/workspaces/${workspaceId}/media?search=vitrine`);
    const fileUrl = ((await response.json()) as { media: { fileUrl: string }[] }).media[0]!.fileUrl;
    const file = await page.request.get(`${e2e.baseUrl}${fileUrl}`);
    assert.equal(file.headers()['content-type'], 'image/jpeg');
    assert.equal(file.headers()['x-content-type-options'], 'nosniff');
    assert.deepEqual(Buffer.from(await file.body()), readFileSync(path.join(dir, 'vitrine.jpg')));
  });
});
