import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMetricsRepository, type MetricObservation } from '../analytics/metrics.repository.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createTestApp, TEST_SECRET_KEY, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { fromSerial, readXlsx } from '../testing/xlsx-reader.ts';

/** The saved-report routes and the XLSX export through HTTP, as the web app calls them (a client role reads). */
for (const kind of databaseKindsUnderTest()) {
  describe(`report and XLSX routes on ${kind}`, () => {
    let t: TestApp;
    let owner: SignedInClient;
    let reader: SignedInClient;
    let workspaceId: string;
    const now = new Date('2026-03-10T09:00:00Z');

    before(async () => {
      t = await createTestApp(kind, { now: () => now });
      const workspace = await t.createWorkspace('Maison Test');
      workspaceId = workspace.id;
      const user = await t.createUser({ email: 'owner@example.com', workspaceId, role: 'owner' });
      await t.createUser({ email: 'client@example.com', workspaceId, role: 'client' });
      owner = await t.signIn('owner@example.com');
      reader = await t.signIn('client@example.com');
      const channel = await t.composition.services.publishing.channels.insert({
        workspaceId,
        network: 'instagram',
        networkAccountId: 'ig-http',
        displayName: 'Maison IG',
        instanceUrl: null,
        accessTokenEncrypted: createSecretBox(TEST_SECRET_KEY).seal('token', workspaceId),
        refreshTokenEncrypted: null,
        tokenExpiresAt: null,
        createdBy: user.id,
      });
      const db = t.testDatabase.database.db;
      const post = await db
        .insertInto('posts')
        .values({ workspace_id: workspaceId, author_id: user.id, text: 'Feu de bois', language: 'fr' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const publication = await db
        .insertInto('publications')
        .values({
          workspace_id: workspaceId,
          post_id: post.id,
          channel_id: channel.id,
          state: 'published',
          network_post_id: 'ig-http-1',
          published_at: '2026-03-04T08:30:00Z',
          content: JSON.stringify({ format: 'image', text: 'Feu de bois', media: [] }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const figures = { impressions: 1234, reactions: 50, comments: 6, shares: 4, saves: 2 };
      const observations: MetricObservation[] = Object.entries(figures).map(([metric, value]) => ({
        channelId: channel.id,
        publicationId: publication.id,
        metric: metric as MetricObservation['metric'],
        granularity: 'day',
        bucketStart: new Date('2026-03-03T23:00:00Z'),
        value,
        delivery: 'organic',
        source: 'instagram-graph',
        collectedAt: new Date('2026-03-10T05:00:00Z'),
      }));
      await createMetricsRepository(db).record(workspaceId, observations);
    });
    after(() => t.close());

    const base = () => `/api/workspaces/${workspaceId}/reports`;
    const body = {
      title: 'Rapport hebdo',
      language: 'fr',
      period: 'last_7_days',
      kpis: ['impressions', 'engagements'],
      sections: ['kpis', 'top_posts'],
      recipients: ['OWNER@example.com'],
      schedule: { kind: 'monthly', dayOfMonth: 31, time: '08:00' },
    };

    it('saves a report, lists it with its next sending, and previews its PDF', async () => {
      const created = await owner.request({ method: 'POST', url: base(), payload: body });
      assert.equal(created.statusCode, 201, created.body);
      const report = created.json<{ id: string; recipients: string[]; nextSendAt: string; branding: object }>();
      assert.deepEqual(report.recipients, ['owner@example.com']);
      assert.equal(report.nextSendAt, '2026-03-31T06:00:00.000Z', '08:00 in Paris summer time');
      assert.deepEqual(report.branding, { brandColor: '#1d4ed8', agencyName: null, logoDataUrl: null });

      const list = await reader.request({ method: 'GET', url: base() });
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json<{ reports: { id: string }[] }>().reports.map((entry) => entry.id),
        [report.id],
      );

      const preview = await reader.request({ method: 'GET', url: `${base()}/${report.id}/pdf` });
      assert.equal(preview.statusCode, 200);
      assert.match(String(preview.headers['content-type']), /^application\/pdf/);
      const text = await pdfText(preview.rawPayload);
      assert.match(text, /Rapport hebdo/);
      assert.match(text, /Impressions 1 234/);
      assert.match(text, /Feu de bois 1 234 62 5,02 ?%/);
      assert.match(text, /Préparé avec Sillage/);
    });

    it('refuses a non-member recipient and an invalid schedule with the field and the reason', async () => {
      const outsider = await owner.request({
        method: 'POST',
        url: base(),
        payload: { ...body, recipients: ['stranger@example.org'] },
      });
      assert.equal(outsider.statusCode, 400);
      assert.equal(outsider.json<{ error: { code: string } }>().error.code, 'recipients_not_members');
      const badTime = await owner.request({
        method: 'POST',
        url: base(),
        payload: { ...body, schedule: { kind: 'weekly', weekday: 8, time: '25:00' } },
      });
      assert.equal(badTime.statusCode, 400);
      const details = badTime.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path);
      assert.deepEqual(details.sort(), ['body.schedule.time', 'body.schedule.weekday']);
    });

    it('exports a table as a real XLSX workbook with the CSV export’s rows, numbers and dates typed', async () => {
      for (const table of ['kpis', 'posts', 'series', 'channels'] as const) {
        const query = `table=${table}&start=2026-03-03&end=2026-03-10`;
        const [xlsx, csv] = await Promise.all([
          reader.request({ method: 'GET', url: `/api/workspaces/${workspaceId}/analytics/export/xlsx?${query}` }),
          reader.request({ method: 'GET', url: `/api/workspaces/${workspaceId}/analytics/export?${query}` }),
        ]);
        assert.equal(xlsx.statusCode, 200, xlsx.body);
        assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        assert.match(
          String(xlsx.headers['content-disposition']),
          new RegExp(`filename="analytics-${table}-2026-03-03-2026-03-10\\.xlsx"`),
        );
        const { sheetName, cells } = readXlsx(xlsx.rawPayload);
        assert.equal(sheetName, table);
        const csvRows = csv.body.trimEnd().split('\r\n');
        const header = cells.filter((cell) => /^[A-Z]+1$/.test(cell.ref));
        assert.deepEqual(
          header.map((cell) => cell.value),
          csvRows[0]!.split(','),
        );
        assert.ok(header.every((cell) => cell.bold));
        const lastRow = Math.max(...cells.map((cell) => Number(cell.ref.replace(/^[A-Z]+/, ''))));
        assert.equal(lastRow, csvRows.length, `${table}: as many rows as the CSV`);
      }
      const kpis = readXlsx(
        (
          await reader.request({
            method: 'GET',
            url: `/api/workspaces/${workspaceId}/analytics/export/xlsx?table=kpis&start=2026-03-03&end=2026-03-10`,
          })
        ).rawPayload,
      ).cells;
      const cell = (ref: string) => kpis.find((entry) => entry.ref === ref);
      assert.deepEqual(cell('A2'), { ref: 'A2', type: 'text', value: 'impressions', bold: false });
      assert.equal(cell('C2')?.type, 'date');
      assert.equal(fromSerial(cell('C2')!.value as number), '2026-03-03T00:00:00.000Z');
      assert.deepEqual(cell('E2'), { ref: 'E2', type: 'number', value: 1234, bold: false });

      const posts = readXlsx(
        (
          await reader.request({
            method: 'GET',
            url: `/api/workspaces/${workspaceId}/analytics/export/xlsx?table=posts&start=2026-03-03&end=2026-03-10`,
          })
        ).rawPayload,
      ).cells;
      const published = posts.find((entry) => entry.ref === 'C2');
      assert.equal(published?.type, 'datetime');
      assert.equal(fromSerial(published.value as number), '2026-03-04T08:30:00.000Z');
    });

    it('lets a client read reports but not change or send them', async () => {
      const created = await owner.request({ method: 'POST', url: base(), payload: { ...body, title: 'Second' } });
      const id = created.json<{ id: string }>().id;
      for (const request of [
        { method: 'PUT' as const, url: `${base()}/${id}`, payload: body },
        { method: 'POST' as const, url: `${base()}/${id}/send` },
        { method: 'DELETE' as const, url: `${base()}/${id}` },
      ])
        assert.equal((await reader.request(request)).statusCode, 403, `${request.method} ${request.url}`);
      const updated = await owner.request({
        method: 'PUT',
        url: `${base()}/${id}`,
        payload: { ...body, title: 'Second, renamed', schedule: { kind: 'none' } },
      });
      assert.equal(updated.statusCode, 200);
      assert.equal(updated.json<{ nextSendAt: string | null }>().nextSendAt, null);
      const removed = await owner.request({ method: 'DELETE', url: `${base()}/${id}` });
      assert.equal(removed.statusCode, 200);
      assert.equal((await owner.request({ method: 'GET', url: `${base()}/${id}` })).statusCode, 404);
    });
  });
}
