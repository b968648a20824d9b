import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

/** Polls `check` until it holds, for at most 10 s. */
async function until(check: () => Promise<boolean | undefined>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`still false after ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the inbox of the demo', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('lists the live stream, moves and assigns with the keyboard, tags, replies from a saved reply with a network id and closes', async () => {
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

    // A saved reply with a variable, written in its own view.
    await page.getByRole('button', { name: 'Saved replies', exact: true }).click();
    const panel = page.getByTestId('saved-replies-panel');
    await panel.getByLabel('Title').fill('Thanks for writing');
    await panel.getByLabel('Reply', { exact: true }).fill('Merci {{author_name}} pour votre message !');
    await panel.getByRole('button', { name: 'Save the reply' }).click();
    await panel.getByText('“Thanks for writing” was saved.').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Triage', exact: true }).click();
    await items.first().waitFor({ timeout: 15_000 });

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

    // A tag added on the item shows on it, and the tag filter lists it.
    const tags = detail.getByTestId('inbox-tags');
    await tags.getByLabel('Add tag').fill('vip-e2e');
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.locator('.inbox__tag', { hasText: 'vip-e2e' }).waitFor({ timeout: 10_000 });
    const author = ((await page.locator('.inbox__item--selected strong').textContent()) ?? '').trim();
    assert.ok(author.length > 0, 'the selected item names its author');
    const tagFilter = page.locator('.inbox__filters').getByLabel('Tag');
    await tagFilter.fill('vip-e2e');
    await page.locator('.inbox__item', { hasText: 'vip-e2e' }).first().waitFor({ timeout: 10_000 });
    await until(async () => (await items.count()) === 1 && (await items.first().textContent())?.includes('vip-e2e'));
    await tagFilter.fill('');

    // r focuses the reply box; "/" opens the saved replies, Enter inserts the one found, its variables filled.
    await page.locator('h1').click();
    await page.keyboard.press('r');
    const replyBox = detail.getByLabel('Your public reply');
    await replyBox.and(page.locator(':focus')).waitFor({ timeout: 5_000 });
    await page.keyboard.press('/');
    await detail.getByTestId('saved-reply-picker').getByLabel('Search saved replies').waitFor();
    await page.keyboard.type('thanks writing');
    await page.keyboard.press('Enter');
    const expected = `Merci ${author} pour votre message !`;
    await until(async () => (await replyBox.inputValue()) === expected);
    await detail.getByRole('button', { name: 'Send the reply' }).click();
    const sent = detail.getByTestId('inbox-replies').locator('li', { hasText: expected });
    await sent.waitFor({ timeout: 15_000 });
    const networkId = ((await sent.locator('code').textContent()) ?? '').trim();
    assert.ok(networkId.length > 0, 'the reply has its network id');

    // c closes it (after leaving the reply box).
    await page.locator('h1').click();
    await page.keyboard.press('c');
    await detail.getByRole('button', { name: 'Closed', pressed: true }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: 'test-results/inbox.png', fullPage: true }).catch(() => undefined);

    // The community KPIs: the conversations counted, and a table behind the chart.
    await page.getByRole('button', { name: 'KPIs', exact: true }).click();
    const kpis = page.getByTestId('inbox-kpis');
    const volume = Number(
      ((await kpis.getByTestId('inbox-kpi-volume').textContent({ timeout: 15_000 })) ?? '').replace(/\D/g, ''),
    );
    assert.ok(volume >= 1, `conversations counted, got ${volume}`);
    const byChannel = kpis.locator('section', { has: page.getByRole('heading', { name: 'By channel' }) });
    await byChannel.getByRole('button', { name: 'Show as a table' }).click();
    await byChannel.getByRole('table').getByRole('columnheader', { name: 'Response rate' }).waitFor();
    await page.screenshot({ path: 'test-results/inbox-kpis.png', fullPage: true }).catch(() => undefined);
    await page.close();
  });
});
