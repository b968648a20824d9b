import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

describe('inviting a team member', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('the owner invites an editor, who accepts through the link and lands in the workspace', async () => {
    const owner = await browser.newPage({ locale: 'en-GB' });
    await signIn(owner);
    await owner.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(owner.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${owner.url()}`);

    await owner.goto(`${e2e.baseUrl}/w/${workspaceId}/settings/members`);
    const form = owner.locator('form', { has: owner.getByRole('button', { name: 'Send invitation' }) });
    await form.getByLabel('E-mail').fill('lea.dubois@example.com');
    await form.getByLabel('Role').selectOption('editor');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    const link = await owner.getByLabel('Invitation link').inputValue();
    assert.match(link, /\/invitations\/[A-Za-z0-9_-]{20,}$/);
    await owner.getByRole('button', { name: 'Done' }).click();
    await owner
      .getByRole('table', { name: 'Pending invitations' })
      .getByRole('rowheader', { name: 'lea.dubois@example.com' })
      .waitFor();

    const newcomerContext = await browser.newContext({ locale: 'en-GB' });
    const newcomer = await newcomerContext.newPage();
    await newcomer.goto(link);
    await newcomer.getByLabel('Name').fill('Léa Dubois');
    await newcomer.getByLabel('Password').fill('a long and memorable sentence');
    await newcomer.getByRole('button', { name: 'Accept invitation' }).click();
    await newcomer.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    assert.match((await newcomer.getByTestId('current-workspace-name').textContent()) ?? '', /Maison Lumière/);

    await owner.reload();
    await owner.getByRole('table', { name: 'Members' }).getByText('Léa Dubois').first().waitFor({ timeout: 10_000 });
    await newcomerContext.close();
    await owner.close();
  });
});
