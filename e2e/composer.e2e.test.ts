import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addLocalDays, utcToZoned } from '@sillage/domain';
import { e2e, launchBrowser, signIn } from './browser.ts';

/** The composer journey: three native formats with their previews, a rule met and fixed, scheduled, on the calendar. */
describe('composing a post for Instagram, X and LinkedIn', () => {
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);
  });
  after(() => browser.close());

  const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

  it('builds three variants with their previews, meets a rule, fixes it and schedules', async () => {
    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/calendar`);
    await page.getByRole('link', { name: 'New post' }).click();
    await page.getByRole('heading', { name: 'New post' }).waitFor({ timeout: 15_000 });
    const text = `Composer journey ${Date.now()}`;
    await page.getByLabel('Shared text').fill(text);
    for (const network of ['Instagram', 'X', 'LinkedIn'])
      await page.getByRole('checkbox', { name: new RegExp(`^${network} ·`) }).check();

    // Instagram carousel: one image first (a rule: at least 2), then three.
    await tab('Instagram').click();
    const instagram = page.getByTestId('variant-instagram');
    await instagram.getByLabel('Format').selectOption('carousel');
    await instagram.getByRole('button', { name: 'Add candle-square.jpg' }).click();
    await instagram.getByText('1080×1080').first().waitFor();
    await instagram
      .getByTestId('issues-instagram')
      .getByText(/Add 1 /)
      .waitFor();
    await instagram.getByRole('button', { name: 'Add candle-portrait.jpg' }).click();
    await instagram.getByRole('button', { name: 'Add candle-square.jpg' }).click();
    await instagram.locator('.composer__media-list li').nth(2).waitFor();
    const carousel = page.getByTestId('preview-instagram-carousel');
    assert.equal(await carousel.locator('.preview__dot').count(), 3);
    assert.equal(await instagram.getByTestId('issues-instagram').count(), 0, 'no issue left');

    // X thread: three posts, the last over 280 weighted characters (emoji count 2), then shortened.
    await tab('X').click();
    const x = page.getByTestId('variant-x');
    await x.getByLabel('Format').selectOption('thread');
    await x.getByRole('button', { name: 'Add a part' }).click();
    await x.getByLabel('Part 2').fill('Second part of the thread');
    await x.getByRole('button', { name: 'Add a part' }).click();
    await x.getByLabel('Part 3').fill('🕯'.repeat(141));
    await x
      .getByTestId('issues-x')
      .getByText(/Shorten .* by 2 characters/)
      .waitFor();
    const thread = page.getByTestId('preview-x-thread');
    assert.equal(await thread.locator('.preview__thread-post').count(), 3);
    assert.equal((await thread.locator('.preview__counter--over').textContent())?.trim(), '282 / 280');
    await x.getByLabel('Part 3').fill('🕯'.repeat(140));
    await x.getByTestId('issues-x').waitFor({ state: 'detached' });

    // LinkedIn document: the demo PDF with a title, shown on a document card.
    await tab('LinkedIn').click();
    const linkedin = page.getByTestId('variant-linkedin');
    await linkedin.getByLabel('Format').selectOption('document');
    await linkedin.getByRole('button', { name: 'Add lookbook.pdf' }).click();
    await linkedin.getByText('application/pdf').first().waitFor();
    await linkedin.getByLabel('Title').fill('Autumn lookbook');
    await page.getByTestId('preview-linkedin-document').getByText('Autumn lookbook').waitFor();

    // The draft survives a reload (saved on this browser).
    await page.reload();
    await page.getByText('Your draft was restored from this browser.').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByLabel('Shared text').inputValue(), text);

    const timeZone = (await page.locator('.composer .lead').textContent())?.match(/\(([^)]+)\)/)?.[1] ?? 'UTC';
    const tomorrow = addLocalDays(utcToZoned(new Date(), timeZone).date, 1);
    await page.getByLabel('Date').fill(tomorrow);
    await page.getByLabel('Time', { exact: true }).fill('10:30');
    await page.getByRole('button', { name: 'Schedule' }).click();

    await page.locator('.calendar__week').waitFor({ timeout: 15_000 });
    let cards = page.locator('[data-post-id]', { hasText: text });
    if ((await cards.count()) === 0) {
      await page.getByRole('button', { name: 'Next week' }).click();
      cards = page.locator('[data-post-id]', { hasText: text });
    }
    await cards.first().waitFor({ timeout: 15_000 });
    assert.ok((await cards.count()) >= 1);
  });
});
