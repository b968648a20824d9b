import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

describe('the analytics of the demo', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('shows the KPIs and charts, drills down to a post, and exports the posts as CSV', async () => {
    const page = await browser.newPage({ locale: 'en-GB', acceptDownloads: true });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);

    // The demo seeds its history right after the server starts listening: wait for it.
    const impressions = page.locator('[data-kpi="impressions"] .kpi-card__value');
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.goto(`${e2e.baseUrl}/w/${workspaceId}/analytics`);
      await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
      await impressions.waitFor({ timeout: 15_000 });
      if (/\d/.test((await impressions.textContent()) ?? '') || Date.now() > deadline) break;
      await page.waitForTimeout(2_000);
    }
    assert.match((await impressions.textContent()) ?? '', /\d/, 'impressions have a value');
    assert.ok(
      await page
        .locator('[data-kpi="impressions"]')
        .getByText(/Source: demo\./)
        .isVisible(),
    );
    // Reach over 28 days and several channels is not additive: said, not shown as 0.
    assert.equal((await page.locator('[data-kpi="reach"] .kpi-card__value').textContent())?.trim(), 'not reported');
    assert.ok(await page.locator('svg.line-chart').isVisible(), 'the time-series chart');
    assert.ok(await page.locator('svg.bar-chart').isVisible(), 'the breakdown chart');
    assert.ok((await page.locator('.line-chart__dot').count()) >= 20, 'a point per day');
    assert.ok((await page.locator('.bar-chart__bar').count()) >= 5, 'a bar per channel');
    assert.ok((await page.locator('.heatmap__cell').count()) > 0, 'the best-hours heatmap');

    await page.screenshot({ path: 'test-results/analytics-overview.png', fullPage: true }).catch(() => undefined);
    // The chart's data as a table.
    await page.getByRole('button', { name: 'Show as a table' }).first().click();
    const seriesTable = page.getByRole('table', { name: /Figures per day/ });
    await seriesTable.waitFor();
    assert.equal(await seriesTable.locator('tbody tr').count(), 28);

    // X reports no reach: its posts say so in the posts table.
    const postsTable = page.getByRole('table', { name: 'Publications with figures in the period' });
    const rows = await postsTable.locator('tbody tr').count();
    assert.ok(rows >= 20, `posts behind the figures, got ${rows}`);
    const xRow = postsTable
      .locator('tbody tr')
      .filter({ has: page.locator('td', { hasText: /^X$/ }) })
      .first();
    assert.equal((await xRow.locator('td').last().textContent())?.trim(), 'not reported', 'lifetime reach on X');

    // Export the posts table.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export posts as CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^analytics-posts-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'post_id,publication_id,published_at,channel,network,format,impressions,lifetime_reach,engagements,engagement_rate_by_impressions,link_clicks,video_views,text',
    );
    // The CSV's rows are the table's rows (texts hold no line breaks in the demo).
    assert.equal(lines.length - 1, rows);
    assert.ok(lines.slice(1).every((line) => /^[0-9a-f-]{36},[0-9a-f-]{36},\d{4}-/.test(line)));
    assert.ok(
      lines.some((line) => /,x,[a-z_]+,\d+,not reported,/.test(line)),
      'X reach not reported in the CSV',
    );

    // Drill down to a post.
    const firstPost = postsTable.locator('tbody tr').first().getByRole('link');
    const text = ((await firstPost.textContent()) ?? '').replace(/…$/, '');
    await firstPost.click();
    await page.getByRole('heading', { name: 'Post figures', level: 1 }).waitFor();
    assert.match(page.url(), /\/analytics\/posts\/[0-9a-f-]{36}/);
    assert.ok(((await page.locator('.analytics-post__text').textContent()) ?? '').startsWith(text));
    const facts = page.locator('.post-facts').first();
    assert.match((await facts.locator('dd').first().textContent()) ?? '', /\d/, 'the post’s impressions');
    assert.ok(await page.locator('svg.line-chart').first().isVisible(), 'its days as a chart');
    await page.screenshot({ path: 'test-results/analytics-post.png', fullPage: true }).catch(() => undefined);
    await page.getByRole('link', { name: '← Back to analytics' }).click();
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    await page.close();
  });
});
