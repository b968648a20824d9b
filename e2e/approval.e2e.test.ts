import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { e2e, launchBrowser, signIn } from './browser.ts';

describe('approval through a client link', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  it('sets up a client step, sends a post for approval, and the client approves it without an account', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    const workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);
    const api = `${e2e.baseUrl}/api/workspaces/${workspaceId}`;

    // The chain: one step, decided by the client through a link.
    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/settings/approvals`);
    await page.getByRole('heading', { name: 'Approvals', exact: true }).waitFor();
    await page.getByLabel('Posts need approval before they are scheduled').check();
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByLabel('Name of the step').fill('Client');
    await page.getByLabel('The client, through a link').check();
    await page.getByRole('button', { name: 'Save the chain' }).click();
    await page.getByText('The approval chain was saved.').waitFor();

    // A draft on the demo's Mastodon account, written through the API with the session's CSRF token.
    const session = (await (await page.request.get(`${e2e.baseUrl}/api/session`)).json()) as { csrfToken: string };
    const channels = (await (await page.request.get(`${api}/channels`)).json()) as { id: string; network: string }[];
    const mastodon = channels.find((channel) => channel.network === 'mastodon');
    assert.ok(mastodon, 'the demo has a Mastodon channel');
    const created = await page.request.post(`${api}/posts`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { text: 'Nouvelle bougie « Ambre » : précommandes ouvertes dès lundi.', channelIds: [mastodon.id] },
    });
    assert.equal(created.status(), 201, await created.text());
    const postId = ((await created.json()) as { id: string }).id;

    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/posts/${postId}/approval`);
    await page.getByRole('heading', { name: 'Approval', exact: true }).waitFor();
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Publication date').fill(inAWeek);
    await page.getByLabel('Time').fill('10:30');
    await page.getByRole('button', { name: 'Send for approval' }).last().click();
    await page.getByText('Waiting for approval').first().waitFor();

    await page.getByLabel('Who it is for').fill('Claire (client)');
    await page.getByRole('button', { name: 'Create an approval link' }).click();
    const linkField = page.getByLabel('Approval link to send');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    assert.match(link, /\/approve\/[A-Za-z0-9_-]{40,}$/);

    // The client: another browser, no account, no session.
    const client = await browser.newContext({ locale: 'en-GB' });
    const clientPage = await client.newPage();
    await clientPage.goto(link.replace(/^https?:\/\/[^/]+/, e2e.baseUrl));
    await clientPage.getByRole('heading', { name: 'Approve a post' }).waitFor();
    await clientPage.getByText('précommandes ouvertes').waitFor();
    await clientPage.getByText(`Planned for ${inAWeek} at 10:30`).waitFor();
    await clientPage.getByRole('button', { name: 'Approve' }).click();
    await clientPage.getByText('Approved').first().waitFor();
    await client.close();

    // Back in the app: approved by the client, and scheduled at the chosen local time.
    await page.reload();
    await page.getByText('Claire (client)').first().waitFor();
    const post = (await (await page.request.get(`${api}/posts/${postId}`)).json()) as {
      publications: { state: string; localDate: string; localTime: string }[];
    };
    assert.deepEqual(
      post.publications.map((publication) => [publication.state, publication.localDate, publication.localTime]),
      [['scheduled', inAWeek, '10:30']],
    );

    // Leave the demo as it was for the other journeys: approvals off.
    const off = await page.request.put(`${api}/approval-policy`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { enabled: false, steps: [], reapproveOnEdit: true },
    });
    assert.equal(off.status(), 200, await off.text());
  });
});
