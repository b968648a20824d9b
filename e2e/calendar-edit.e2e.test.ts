import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addLocalDays, localIsoWeekday, utcToZoned } from '@sillage/domain';
import { e2e, launchBrowser, signIn } from './browser.ts';

type Channel = { id: string; network: string; status: string };
type Post = { id: string; publications: { localDate: string | null; localTime: string | null; state: string }[] };

/** Calls the API from the signed-in page, with its session cookie and CSRF token, as the app does. */
async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
    { method, path, body },
  );
}

describe('editing the calendar', () => {
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let timeZone: string;
  let channelId: string;
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'en-GB' });
    await signIn(page);
    await page.getByTestId('current-workspace-name').waitFor({ timeout: 15_000 });
    workspaceId = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    assert.ok(workspaceId, `a workspace URL, got ${page.url()}`);
    const session = await apiCall<{ workspaces: { id: string; timeZone: string }[] }>(page, 'GET', '/api/session');
    timeZone = session.workspaces.find((workspace) => workspace.id === workspaceId)!.timeZone;
    const channels = await apiCall<Channel[]>(page, 'GET', `/api/workspaces/${workspaceId}/channels`);
    channelId = (channels.find((channel) => channel.network === 'mastodon') ?? channels[0]!).id;
  });
  after(() => browser.close());

  const nextMonday = () => {
    const today = utcToZoned(new Date(), timeZone).date;
    return addLocalDays(today, 8 - localIsoWeekday(today));
  };

  const createPost = (date: string, text: string) =>
    apiCall<Post>(page, 'POST', `/api/workspaces/${workspaceId}/posts`, {
      text,
      channelIds: [channelId],
      schedule: { date, time: '09:15', timeZone },
    });

  const openNextWeek = async () => {
    await page.goto(`${e2e.baseUrl}/w/${workspaceId}/calendar`);
    await page.locator('.calendar__week').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Next week' }).click();
  };

  it('drags a post to another day and keeps its time', async () => {
    const monday = nextMonday();
    const wednesday = addLocalDays(monday, 2);
    const post = await createPost(monday, `Drag journey ${Date.now()}`);
    await openNextWeek();
    const card = page.locator(`.calendar__day[data-date="${monday}"] [data-post-id="${post.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.dragTo(page.locator(`.calendar__day[data-date="${wednesday}"]`));
    const moved = page.locator(`.calendar__day[data-date="${wednesday}"] [data-post-id="${post.id}"]`);
    await moved.waitFor({ timeout: 15_000 });
    assert.equal((await moved.locator('.calendar__time').textContent())?.trim(), '09:15');
    assert.equal(await card.count(), 0, 'no longer on Monday');
    const stored = await apiCall<Post>(page, 'GET', `/api/workspaces/${workspaceId}/posts/${post.id}`);
    assert.deepEqual(
      stored.publications.map((publication) => [publication.localDate, publication.localTime, publication.state]),
      [[wednesday, '09:15', 'scheduled']],
    );
    await page.screenshot({ path: 'test-results/calendar-drag.png', fullPage: true }).catch(() => undefined);
  });

  it('creates a weekly recurring post and sees its next eight occurrences', async () => {
    const tuesday = addLocalDays(nextMonday(), 1);
    const post = await createPost(tuesday, `Weekly journey ${Date.now()}`);
    await openNextWeek();
    const card = page.locator(`[data-post-id="${post.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Repeat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Repeat this post' });
    await dialog.getByLabel('Frequency').selectOption('WEEKLY');
    await dialog.getByLabel('Number of times (first one included)').fill('12');
    const occurrences = dialog.getByRole('list', { name: 'Next occurrences' }).getByRole('listitem');
    assert.equal(await occurrences.count(), 8, 'the preview shows the next eight');
    await dialog.getByRole('button', { name: 'Repeat' }).click();
    await dialog.getByText('This post repeats: FREQ=WEEKLY;COUNT=12').waitFor({ timeout: 15_000 });
    assert.equal(await occurrences.count(), 8, "the series' next eight, from the server");
    const texts = await occurrences.allTextContents();
    assert.ok(
      texts.every((text) => text.endsWith('09:15')),
      texts.join(' | '),
    );
    assert.match(texts[1]!, /tuesday/i, 'a week later, same weekday');
    await page.screenshot({ path: 'test-results/calendar-repeat.png', fullPage: true }).catch(() => undefined);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The next occurrence is on the calendar a week later, marked as repeating.
    await page.getByRole('button', { name: 'Next week' }).click();
    const series = await apiCall<{ occurrences: { date: string; postId: string | null }[] }>(
      page,
      'GET',
      `/api/workspaces/${workspaceId}/posts/${post.id}/occurrences`,
    );
    const second = series.occurrences[1]!;
    assert.equal(second.date, addLocalDays(tuesday, 7));
    await page
      .locator(`.calendar__day[data-date="${second.date}"] [data-post-id="${second.postId}"]`)
      .waitFor({ timeout: 15_000 });
  });
});
