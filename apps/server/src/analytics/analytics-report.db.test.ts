import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compose, type Composition } from '../composition.ts';
import { hashPassword } from '../security/passwords.ts';
import { createSecretBox } from '../security/secret-box.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { attachmentsOf, startSmtpServer } from '../testing/smtp-server.ts';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createMetricsRepository, type MetricObservation } from './metrics.repository.ts';

const silentLogger = { info() {}, warn() {}, error() {} };

/*
 * Period: the 7 days before 10 March 2026 in Paris (3..9 March), against 24 February..2 March.
 * 4 March: 1234 impressions, 50 reactions, 6 comments, 4 shares, 2 saves = 62 engagements (62 / 1234 = 5.02 %).
 * 25 February: 1000 impressions, 10 reactions and nothing else = 10 engagements. Impressions +23.40 %.
 * Instagram posts give no link clicks here, and nobody reports followers: both "not reported".
 */
for (const kind of databaseKindsUnderTest()) {
  describe(`the analytics report e-mail on ${kind}`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let testDatabase: TestDatabase;
    let composition: Composition;
    let owner: ActorInWorkspace;

    before(async () => {
      smtp = await startSmtpServer();
      testDatabase = await createTestDatabase(kind);
      composition = compose({
        config: {
          smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
          mailFrom: 'Sillage <no-reply@sillage.test>',
          apiRateLimitPerMinute: 100_000,
          publicUrl: 'http://sillage.test',
        },
        database: testDatabase.database,
        secretKey: Buffer.alloc(32, 7),
        logger: silentLogger,
        supervise: false,
        publicUrl: () => 'http://sillage.test',
        now: () => new Date('2026-03-10T09:00:00Z'),
      });
      const { users, workspaces, publishing } = composition.services;
      const workspace = await workspaces.insert({ name: 'Maison Test', timeZone: 'Europe/Paris', locale: 'fr' });
      const user = await users.insert({
        email: 'owner@example.com',
        name: 'Owner',
        passwordHash: await hashPassword('correct horse battery'),
        locale: 'en',
        isInstanceAdmin: false,
      });
      await workspaces.addMember(workspace.id, user.id, 'owner');
      owner = { userId: user.id, email: user.email, ip: '127.0.0.1', workspaceId: workspace.id, role: 'owner' };
      const channel = await publishing.channels.insert({
        workspaceId: workspace.id,
        network: 'instagram',
        networkAccountId: 'ig-1',
        displayName: 'Maison Test',
        instanceUrl: null,
        accessTokenEncrypted: createSecretBox(Buffer.alloc(32, 7)).seal('token', workspace.id),
        refreshTokenEncrypted: null,
        tokenExpiresAt: null,
        createdBy: user.id,
      });
      const db = testDatabase.database.db;
      const post = await db
        .insertInto('posts')
        .values({ workspace_id: workspace.id, author_id: user.id, text: 'Feu de bois', language: 'fr' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const publication = await db
        .insertInto('publications')
        .values({
          workspace_id: workspace.id,
          post_id: post.id,
          channel_id: channel.id,
          state: 'published',
          network_post_id: 'ig-post-1',
          published_at: '2026-02-25T08:00:00Z',
          content: JSON.stringify({ format: 'image', text: 'Feu de bois', media: [] }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const observations: MetricObservation[] = [];
      const day = (bucketStart: string, figures: Record<string, number | null>) => {
        for (const [metric, value] of Object.entries(figures))
          observations.push({
            channelId: channel.id,
            publicationId: publication.id,
            metric: metric as MetricObservation['metric'],
            granularity: 'day',
            bucketStart: new Date(bucketStart),
            value,
            delivery: 'organic',
            source: 'instagram-graph',
            collectedAt: new Date('2026-03-10T05:00:00Z'),
          });
      };
      day('2026-02-24T23:00:00Z', {
        impressions: 1000,
        reactions: 10,
        comments: 0,
        shares: 0,
        saves: 0,
        link_clicks: null,
      });
      day('2026-03-03T23:00:00Z', {
        impressions: 1234,
        reactions: 50,
        comments: 6,
        shares: 4,
        saves: 2,
        link_clicks: null,
      });
      await createMetricsRepository(db).record(workspace.id, observations);
    });
    after(async () => {
      await testDatabase?.dispose();
      await smtp?.close();
    });

    it('sends the PDF and the CSV of the period, with its KPIs in the PDF, in English', async () => {
      const result = await composition.services.analytics.reports.send(owner, {
        kpis: ['impressions', 'engagements', 'engagement_rate_by_impressions', 'reach', 'follower_growth'],
        periodDays: 7,
        language: 'en',
        recipients: ['owner@example.com'],
      });
      assert.deepEqual(result.period, { start: '2026-03-03', end: '2026-03-10', timeZone: 'Europe/Paris' });
      assert.equal(result.delivered, true);
      const mail = smtp.received.at(-1);
      assert.ok(mail);
      assert.deepEqual(mail.to, ['owner@example.com']);
      assert.match(mail.raw, /Subject: Maison Test: analytics report 2026-03-03 to 2026-03-09/);
      const files = attachmentsOf(mail.raw);
      const pdf = files.get('analytics-report-2026-03-03-2026-03-10.pdf');
      assert.ok(pdf, `a PDF among ${[...files.keys()].join(', ')}`);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const text = await pdfText(pdf);
      assert.match(text, /Analytics report — Maison Test/);
      assert.match(text, /Period: 2026-03-03 to 2026-03-09/);
      assert.match(text, /Impressions 1,234 1,000 \+23\.40%/);
      assert.match(text, /Engagements 62 10 \+520\.00%/);
      assert.match(text, /Engagement rate by impressions 5\.02% 1\.00%/);
      assert.match(text, /Reach not reported not reported not reported/);
      assert.match(text, /Follower growth not reported/);
      assert.match(text, /Sources: instagram-graph/);

      const csv = files.get('analytics-report-2026-03-03-2026-03-10.csv')?.toString('utf8') ?? '';
      const lines = csv.trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'kpi,unit,period_start,period_end,value,previous_value,absolute_change,relative_change,sources,definition',
      );
      assert.equal(
        lines[1],
        'impressions,count,2026-03-03,2026-03-10,1234,1000,234,0.234,instagram-graph,docs/metrics.md#impressions',
      );
      assert.equal(lines.length, 6);

      const audit = await testDatabase.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_email'])
        .where('workspace_id', '=', owner.workspaceId)
        .where('action', '=', 'analytics.report_sent')
        .execute();
      assert.deepEqual(audit, [{ action: 'analytics.report_sent', actor_email: 'owner@example.com' }]);
    });

    it('writes the report in French when asked', async () => {
      await composition.services.analytics.reports.send(owner, {
        kpis: ['impressions', 'reach'],
        periodDays: 7,
        language: 'fr',
        recipients: ['owner@example.com'],
      });
      const files = attachmentsOf(smtp.received.at(-1)!.raw);
      const text = await pdfText(files.get('analytics-report-2026-03-03-2026-03-10.pdf')!);
      assert.match(text, /Rapport de statistiques — Maison Test/);
      assert.match(text, /Impressions 1 234 1 000 \+23,40 ?%/);
      assert.match(text, /Portée non communiqué/);
    });

    it('refuses recipients who are not members of the workspace, and sends nothing', async () => {
      const before = smtp.received.length;
      await assert.rejects(
        composition.services.analytics.reports.send(owner, {
          kpis: ['impressions'],
          periodDays: 7,
          language: 'en',
          recipients: ['owner@example.com', 'stranger@example.org'],
        }),
        (error: Error & { code?: string }) =>
          error.code === 'recipients_not_members' && /stranger@example\.org/.test(error.message),
      );
      assert.equal(smtp.received.length, before);
    });
  });
}
