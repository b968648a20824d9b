import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

describe('client scopes', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('the owner puts a channel under a client and scopes a new member to another client, who then sees no channel', async () => {
    const owner = await browser.newPage({ locale: 'en-GB' });
    await signIn(owner);
    await owner.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(owner.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${owner.url()}`);

    // Two clients; the demo's channels go to the first.
    await owner.goto(`${e2e.baseUrl}/w/${workspaceId}/settings/channels`);
    const clientForm = owner.getByRole('form', { name: 'Client', exact: true });
    for (const name of ['Maison Lumière', 'Atelier Brume']) {
      await clientForm.getByLabel('Name').fill(name);
      await clientForm.getByRole('button', { name: 'Add the client' }).click();
      await owner.getByRole('table', { name: 'Clients' }).getByRole('rowheader', { name }).waitFor();
    }
    const assignments = owner.getByRole('table', { name: 'Client of each channel' });
    const selects = assignments.getByRole('combobox');
    const channelCount = await selects.count();
    assert.ok(channelCount > 0, 'the demo has channels');
    for (let index = 0; index < channelCount; index += 1) {
      await selects.nth(index).selectOption({ label: 'Maison Lumière' });
      await owner
        .getByText(/The client of .* was changed\./)
        .first()
        .waitFor();
    }

    // A newcomer joins through an invitation.
    await owner.goto(`${e2e.baseUrl}/w/${workspaceId}/settings/members`);
    const invite = owner.locator('form', { has: owner.getByRole('button', { name: 'Send invitation' }) });
    await invite.getByLabel('E-mail').fill('hugo.martin@example.com');
    await invite.getByLabel('Role').selectOption('editor');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    const link = await owner.getByLabel('Invitation link').inputValue();
    await owner.getByRole('button', { name: 'Done' }).click();
    const newcomerContext = await browser.newContext({ locale: 'en-GB' });
    const newcomer = await newcomerContext.newPage();
    await newcomer.goto(link);
    await newcomer.getByLabel('Name').fill('Hugo Martin');
    await newcomer.getByLabel('Password').fill('a long and memorable sentence');
    await newcomer.getByRole('button', { name: 'Accept invitation' }).click();
    await newcomer.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    await newcomer.goto(`${e2e.baseUrl}/w/${workspaceId}/settings/channels`);
    await newcomer.getByRole('table', { name: 'Client of each channel' }).waitFor();
    assert.equal(
      await newcomer.getByRole('table', { name: 'Client of each channel' }).getByRole('row').count(),
      channelCount + 1,
    );

    // The owner scopes the newcomer to the client without channels.
    await owner.reload();
    const scopes = owner.getByRole('table', { name: 'What each member sees' });
    await scopes.getByRole('button', { name: 'Change the scope Hugo Martin' }).click();
    const dialog = owner.getByRole('dialog', { name: 'What Hugo Martin sees' });
    await dialog.getByLabel('Only these clients and channels').check();
    await dialog.getByLabel('Atelier Brume').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await owner.getByText('The scope of Hugo Martin was saved.').waitFor();
    await scopes.getByRole('row', { name: /Hugo Martin.*Atelier Brume/ }).waitFor();

    // The newcomer now sees no channel, and only their client.
    await newcomer.reload();
    await newcomer.getByText('No account connected yet.').waitFor();
    assert.equal(await newcomer.getByRole('table', { name: 'Client of each channel' }).count(), 0);
    const clients = newcomer.getByRole('table', { name: 'Clients' });
    await clients.getByRole('rowheader', { name: 'Atelier Brume' }).waitFor();
    assert.equal(await clients.getByRole('rowheader', { name: 'Maison Lumière' }).count(), 0);

    await newcomerContext.close();
    await owner.close();
  });
});
