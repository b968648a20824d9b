import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

describe('the demo, from a fresh start', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('logs in with the printed demo credentials and sees the Maison Lumière workspace', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    assert.match((await page.getByTestId('current-workspace-name').textContent()) ?? '', /Maison Lumière/);
    await page.screenshot({ path: 'test-results/demo-overview.png', fullPage: true }).catch(() => undefined);
    await page.close();
  });

  it('refuses a wrong password with a message and stays on the login page', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page, e2e.email, 'not the password');
    await page.getByRole('alert').first().waitFor({ timeout: 10_000 });
    assert.match(page.url(), /\/login/);
    await page.close();
  });

  it('speaks French to a French browser and can switch to English', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByTestId('login-form').waitFor();
    assert.match((await page.locator('html').getAttribute('lang')) ?? '', /^fr/);
    await page.close();
  });
});
