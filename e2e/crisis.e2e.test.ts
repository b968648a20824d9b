import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

describe('the crisis room of the demo', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('opens the room from an alert, approves a holding statement, pauses the calendar and downloads the post-mortem', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);

    // The demo's history holds yesterday's delivery incident: its alerts are listed on the listening screen.
    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/listening`);
    await page.getByRole('heading', { name: 'Listening', level: 1 }).waitFor();
    const openRoom = page.getByTestId('listening-alerts').getByRole('button', { name: 'Open a crisis room' });
    await openRoom.first().waitFor({ timeout: 60_000 });
    await openRoom.first().click();

    await page.waitForURL(/\/crisis\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const crisisUrl = page.url();
    await page.getByText('Crisis room').first().waitFor();
    await page.getByRole('table', { name: /Mentions since onset against the 7 days before/ }).waitFor();
    assert.match((await page.getByTestId('crisis-ratio').textContent()) ?? '', /× the baseline per hour|No mention/);
    await page.getByLabel('Change the severity').selectOption('crisis');
    await page.getByText('Crisis · Open').waitFor({ timeout: 10_000 });

    // A holding statement from the template, on Mastodon: drafted, submitted, approved.
    const form = page.locator('form.crisis__statement-form');
    await form.getByLabel('Language', { exact: true }).selectOption('en');
    await form.getByLabel('The issue').fill('the delayed deliveries in Lyon');
    await form.getByLabel('Next update').fill('2 pm today');
    const text = form.getByLabel('Statement', { exact: true });
    assert.match(await text.inputValue(), /is aware of the delayed deliveries in Lyon\. .* update you by 2 pm today\./);
    await form.getByLabel('Mastodon — maisonlumiere').check();
    await form.getByRole('button', { name: 'Save the draft' }).click();
    const statements = page.getByTestId('crisis-statements');
    await statements.getByText('Draft').waitFor({ timeout: 10_000 });
    await statements.getByRole('button', { name: 'Submit for approval' }).click();
    await statements.getByText('Waiting for approval').waitFor({ timeout: 15_000 });
    await statements.getByRole('button', { name: 'Approve' }).click();
    await statements.getByRole('button', { name: 'Publish now' }).waitFor({ timeout: 15_000 });
    assert.match((await statements.textContent()) ?? '', /Approved by .+ at /);

    // Pause the calendar from the room; the calendar shows it paused.
    await page.getByRole('button', { name: 'Pause all scheduled publishing' }).click();
    await page.getByTestId('publishing-paused').waitFor({ timeout: 10_000 });
    // The approved statement still goes out while the calendar is paused.
    await statements.getByRole('button', { name: 'Publish now' }).click();
    await statements.getByText('Published').waitFor({ timeout: 15_000 });

    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/calendar`);
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    const banner = page.getByTestId('publishing-paused');
    await banner.waitFor({ timeout: 10_000 });
    assert.match(
      (await banner.textContent()) ?? '',
      /Publishing is paused since .+: .+\. Approved holding statements still go out\./,
    );
    await page.screenshot({ path: 'test-results/crisis-calendar.png', fullPage: true }).catch(() => undefined);
    // Resume, so the other journeys find the demo publishing.
    await page.getByRole('button', { name: 'Resume publishing' }).click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });

    // Back in the room: a note, the closing with lessons learned, then the post-mortem.
    await page.goto(crisisUrl);
    await page.getByLabel('Note', { exact: true }).fill('The carrier confirms a depot outage in Lyon.');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByText('The carrier confirms a depot outage in Lyon.').first().waitFor({ timeout: 10_000 });
    await page.getByLabel('Summary').fill('A depot outage delayed orders for a day.');
    await page.getByLabel('Lessons learned').fill('Warn customers before they ask.');
    await page.getByRole('button', { name: 'Close the crisis' }).click();
    await page.getByText(/^Closed at .+ by /).waitFor({ timeout: 10_000 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Post-mortem (PDF, English)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^post-mortem-[0-9a-f]{8}\.pdf$/);
    const directory = await mkdtemp(path.join(tmpdir(), 'sillage-postmortem-e2e-'));
    try {
      const file = path.join(directory, 'postmortem.pdf');
      await download.saveAs(file);
      const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
      const pdf = stdout.replace(/[ \t]+/g, ' ');
      for (const expected of [
        'Post-mortem',
        'Timeline',
        'Onset',
        'First alert',
        'Crisis opened',
        'Holding statement approved',
        'Holding statement published',
        'Publishing paused',
        'Publishing resumed',
        'Crisis closed',
        'Baseline: 7 days before onset',
        'Negative share',
        'the delayed deliveries in Lyon',
        'The carrier confirms a depot outage in Lyon.',
        'Warn customers before they ask.',
      ])
        assert.ok(pdf.includes(expected), `the post-mortem holds "${expected}":\n${pdf}`);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    await page.close();
  });
});
