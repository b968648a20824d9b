import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './browser.ts';

describe('the SMM plan builder', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('writes the plan from a few answers, edits the budget split into version 2 with its diff, and downloads the PDF', async () => {
    const page = await browser.newPage({ locale: 'en-GB', acceptDownloads: true });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);

    // From the sidebar, as a person would.
    await page.getByRole('link', { name: 'Strategy', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Strategy', exact: true }).waitFor();

    // The builder: e-commerce SME, 5,000 EUR a month, awareness and acquisition.
    const builder = page.getByRole('form', { name: 'Plan builder' });
    await builder.getByLabel('Business type').selectOption('ecommerce');
    await builder.getByLabel('Size').selectOption('sme');
    await builder.getByLabel('Monthly budget').fill('5000');
    await builder.getByLabel('Currency').fill('EUR');
    await builder.getByLabel('Content language').selectOption('en');
    await builder.getByRole('checkbox', { name: 'Awareness' }).check();
    await builder.getByRole('checkbox', { name: 'Acquisition' }).check();
    await builder.getByRole('checkbox', { name: 'Instagram' }).check();
    await builder.getByRole('button', { name: 'Write the plan' }).click();

    await page.getByTestId('plan-version').filter({ hasText: 'Plan version 1' }).waitFor();
    const budget = page.locator('[data-section="budget"]');
    assert.match((await budget.textContent()) ?? '', /60%.*€3,000\.00.*40%.*€2,000\.00/);
    const channels = (await page.locator('[data-section="channels"]').textContent()) ?? '';
    for (const expected of ['product carousels', 'tutorial videos', 'industry posts'])
      assert.ok(channels.includes(expected), `the channels name ${expected}`);
    const objectives = (await page.locator('[data-section="objectives"]').textContent()) ?? '';
    assert.match(objectives, /Conversion rate.*2%.*4%/);

    // Edit the budget split: 30% advertising.
    await page.getByRole('button', { name: 'Edit the plan' }).click();
    const editor = page.getByRole('region', { name: 'Edit version 1' });
    await editor.getByLabel('Advertising', { exact: true }).fill('30');
    await editor.getByTestId('budget-split-preview').filter({ hasText: '30%' }).waitFor();
    await editor.getByLabel('What changed (shown in the history)').fill('More production');
    await editor.getByRole('button', { name: 'Save as a new version' }).click();

    await page.getByTestId('plan-version').filter({ hasText: 'Plan version 2' }).waitFor();
    assert.match((await budget.textContent()) ?? '', /70%.*€3,500\.00.*30%.*€1,500\.00/);
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.locator('tr[data-version="2"]').filter({ hasText: 'More production' }).waitFor();
    const diff = page.getByTestId('plan-diff');
    await diff.waitFor();
    const percentRow = diff.locator('tr').filter({ hasText: 'budget.lines[advertising].percent' });
    assert.match((await percentRow.textContent()) ?? '', /Changed.*40.*30/);

    // The PDF, in English: its text holds the objectives, the channels with their formats and the budget split.
    await page.getByLabel('Document language').selectOption('en');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^smm-plan-v2-en\.pdf$/);
    const directory = await mkdtemp(path.join(tmpdir(), 'sillage-plan-e2e-'));
    try {
      const file = path.join(directory, 'plan.pdf');
      await download.saveAs(file);
      const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
      const text = stdout.replace(/[ \t]+/g, ' ');
      for (const expected of [
        'Objectives and KPIs',
        'Awareness',
        'Acquisition',
        'Conversion rate',
        'Instagram',
        'carousel',
        'product carousels',
        'TikTok',
        'tutorial videos',
        'LinkedIn',
        'industry posts',
        'Production and community management',
        'Advertising',
      ])
        assert.ok(text.includes(expected), `the PDF holds "${expected}":\n${text}`);
      assert.match(text, /70%.*€3,500\.00/);
      assert.match(text, /30%.*€1,500\.00/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    await page.screenshot({ path: 'test-results/plan.png', fullPage: true }).catch(() => undefined);
    await page.close();
  });
});
