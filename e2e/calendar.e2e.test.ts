import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

describe('the calendar of the demo', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('shows the launch post published on the eleven networks, each with its network id and link', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);

    const published = page.locator('.calendar__item[data-state="published"]');
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.goto(`${e2e.baseUrl}/w/${workspaceId}/calendar`);
      await page.getByRole('heading', { name: 'Calendar' }).waitFor();
      await page.locator('.calendar__week').waitFor({ timeout: 15_000 });
      if ((await published.count()) >= 11 || Date.now() > deadline) break;
      await page.waitForTimeout(2_000);
    }
    const networks: (string | null)[] = [];
    for (const item of await published.all()) networks.push(await item.getAttribute('data-network'));
    assert.deepEqual([...new Set(networks)].sort(), [
      'bluesky',
      'facebook',
      'google_business',
      'instagram',
      'linkedin',
      'mastodon',
      'pinterest',
      'threads',
      'tiktok',
      'x',
      'youtube',
    ]);
    for (const item of await published.all()) {
      const id = (await item.locator('code').textContent()) ?? '';
      assert.ok(id.trim().length > 0, 'a network id');
      const href = (await item.getByRole('link').getAttribute('href')) ?? '';
      assert.match(href, /^https?:\/\//, 'a link to the post on the network');
    }
    assert.ok(await page.getByText('Carousel').first().isVisible(), 'the Instagram carousel says its format');
    await page.screenshot({ path: 'test-results/calendar-week.png', fullPage: true }).catch(() => undefined);
    await page.close();
  });
});
