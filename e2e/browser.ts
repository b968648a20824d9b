import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const e2e = {
  baseUrl: process.env.SILLAGE_E2E_URL ?? 'http://127.0.0.1:3000',
  email: process.env.SILLAGE_E2E_EMAIL ?? '',
  password: process.env.SILLAGE_E2E_PASSWORD ?? '',
};

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, email = e2e.email, password = e2e.password): Promise<void> {
  await page.goto(`${e2e.baseUrl}/login`);
  const form = page.getByTestId('login-form');
  await form.getByLabel(/e-mail/i).fill(email);
  await form.getByLabel(/password|mot de passe/i).fill(password);
  await form.locator('button[type=submit]').click();
}
