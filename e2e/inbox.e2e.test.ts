import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

describe('the inbox of the demo', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('lists the live stream, moves and assigns with the keyboard, replies with a network id and closes', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);

    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/inbox`);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    assert.match((await page.getByTestId('inbox-help').textContent()) ?? '', /j \/ k/);
    // The demo's stream arrives over time; the page refreshes every 5 s on its own.
    const items = page.locator('.inbox__item');
    await items.first().waitFor({ timeout: 60_000 });

    // j selects the first item, j again the next one (when there is one), k goes back.
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await page.locator('.inbox__item--selected').waitFor();
    const first = await page.locator('.inbox__item--selected').textContent();
    if ((await items.count()) > 1) {
      await page.keyboard.press('j');
      await page
        .locator('.inbox__item--selected')
        .filter({ hasNotText: first ?? '' })
        .waitFor();
      await page.keyboard.press('k');
    }
    const detail = page.getByTestId('inbox-detail');
    await detail.getByRole('heading', { level: 2 }).waitFor();

    // a assigns the selected item to me (the demo user).
    await page.keyboard.press('a');
    await detail.getByTestId('inbox-assignee').filter({ hasNotText: 'Unassigned' }).waitFor({ timeout: 10_000 });

    // r focuses the reply box; the reply shows with its network id.
    await page.keyboard.press('r');
    await detail.getByLabel('Your public reply').and(page.locator(':focus')).waitFor({ timeout: 5_000 });
    await page.keyboard.type('Merci pour votre message !');
    await detail.getByRole('button', { name: 'Send the reply' }).click();
    const sent = detail.getByTestId('inbox-replies').locator('li', { hasText: 'Merci pour votre message !' });
    await sent.waitFor({ timeout: 15_000 });
    const networkId = ((await sent.locator('code').textContent()) ?? '').trim();
    assert.ok(networkId.length > 0, 'the reply has its network id');

    // c closes it (after leaving the reply box).
    await page.locator('h1').click();
    await page.keyboard.press('c');
    await detail.getByRole('button', { name: 'Closed', pressed: true }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: 'test-results/inbox.png', fullPage: true }).catch(() => undefined);
    await page.close();
  });
});
