import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('saved reports of the demo', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('builds a scheduled report, previews its PDF, sends it, and exports a table as XLSX', async () => {
    const page = await browser.newPage({ locale: 'en-GB', acceptDownloads: true });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);

    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/analytics`);
    await page.getByRole('link', { name: 'Saved reports' }).click();
    await page.getByRole('heading', { name: 'Saved reports', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Title').fill('Weekly client report');
    await page.getByRole('button', { name: 'Move up Top posts' }).click();
    await page.getByLabel('Commentary').fill('A strong week on Instagram.');
    await page.getByLabel(new RegExp(escape(e2e.email), 'i')).check();
    await page.getByLabel('Agency (white label)').fill('Agence Nord');
    await page.getByLabel('Day of the week').selectOption({ label: 'Friday' });
    await page.getByLabel('Time').fill('17:30');
    await page.getByRole('button', { name: 'Save the report' }).click();

    const card = page.locator('article', { has: page.getByRole('heading', { name: 'Weekly client report' }) });
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Every Friday at 17:30 \(Europe\/Paris\)/);
    assert.match((await card.textContent()) ?? '', /Key figures → Chart over time, with its table → Top posts/);
    assert.match((await card.textContent()) ?? '', /Not sent yet/);

    const pdfHref = await card.getByRole('link', { name: /Preview the PDF/ }).getAttribute('href');
    assert.ok(pdfHref);
    const pdf = await page.request.get(`${e2e.baseUrl}${pdfHref}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

    // Sending now is recorded among the deliveries, sent or failed with its reason (the demo may have no SMTP).
    await card.getByRole('button', { name: /Send now/ }).click();
    const deliveries = card.getByRole('table', { name: /Last sendings of “Weekly client report”/ });
    await deliveries.waitFor();
    assert.equal(await deliveries.locator('tbody tr').count(), 1);
    assert.match((await deliveries.locator('tbody tr').first().textContent()) ?? '', /On request(Sent|Failed)/);
    await page.screenshot({ path: 'test-results/reports.png', fullPage: true }).catch(() => undefined);

    await page.getByRole('link', { name: '← Back to analytics' }).click();
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export posts as XLSX' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^analytics-posts-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await readFile(await download.path());
    assert.equal(file.subarray(0, 2).toString(), 'PK', 'a zip (Office Open XML)');
  });
});
