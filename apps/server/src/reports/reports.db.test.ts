import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReportBody } from '@sillage/contracts';
import { reportFigure } from '../analytics/analytics-report.ts';
import { createMetricsRepository, type MetricObservation } from '../analytics/metrics.repository.ts';
import { compose, type Composition } from '../composition.ts';
import { hashPassword } from '../security/passwords.ts';
import { createSecretBox } from '../security/secret-box.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { attachmentsOf, startSmtpServer } from '../testing/smtp-server.ts';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';

const silentLogger = { info() {}, warn() {}, error() {} };

/*
 * A workspace in Paris with a report every Monday at 09:00 local time, covering the 7 days before.
 * Week of 16..22 March 2026 (winter time, sent Monday 23 March 08:00 UTC): 17 March 1234 impressions and
 * 50 + 6 + 4 + 2 = 62 engagements; the week before (9..15 March): 1000 impressions, 10 engagements.
 * Week of 23..29 March (clocks go forward on the 29th; sent Monday 30 March 07:00 UTC): 24 March 2000
 * impressions, 100 engagements.
 */
for (const kind of databaseKindsUnderTest()) {
  describe(`scheduled analytics reports over SMTP on ${kind}`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let testDatabase: TestDatabase;
    let composition: Composition;
    let owner: ActorInWorkspace;
    let reportId: string;
    let clock = new Date('2026-03-18T10:00:00Z');

    const dispatch = () => composition.services.reports.dispatcher.dispatchDue();
    const deliveries = async () =>
      testDatabase.database.db
        .selectFrom('analytics_report_deliveries')
        .select(['occurrence', 'status', 'attempts', 'sent_to', 'due_at', 'period_start', 'period_end', 'error'])
        .where('report_id', '=', reportId)
        .orderBy('created_at')
        .execute();

    const body: ReportBody = {
      title: 'Weekly social report',
      language: 'en',
      period: 'last_7_days',
      kpis: ['impressions', 'engagements', 'engagement_rate_by_impressions', 'reach'],
      sections: ['kpis', 'series', 'channels', 'top_posts', 'commentary'],
      commentary: 'The wood-fire series carried the week.',
      recipients: ['owner@example.com', 'analyst@example.com'],
      branding: { brandColor: '#aa3300', agencyName: 'Agence Nord', logoDataUrl: null },
      schedule: { kind: 'weekly', weekday: 1, time: '09:00' },
    };

    before(async () => {
      smtp = await startSmtpServer();
      testDatabase = await createTestDatabase(kind);
      composition = compose({
        config: {
          smtpUrl: smtp.url,
          mailFrom: 'Sillage <no-reply@sillage.test>',
          apiRateLimitPerMinute: 100_000,
          publicUrl: 'http://sillage.test',
        },
        database: testDatabase.database,
        secretKey: Buffer.alloc(32, 7),
        logger: silentLogger,
        supervise: false,
        publicUrl: () => 'http://sillage.test',
        now: () => clock,
      });
      const { users, workspaces, publishing } = composition.services;
      const workspace = await workspaces.insert({ name: 'Maison Test', timeZone: 'Europe/Paris', locale: 'fr' });
      const passwordHash = await hashPassword('correct horse battery');
      const user = await users.insert({
        email: 'owner@example.com',
        name: 'Owner',
        passwordHash,
        locale: 'en',
        isInstanceAdmin: false,
      });
      await workspaces.addMember(workspace.id, user.id, 'owner');
      const analyst = await users.insert({
        email: 'analyst@example.com',
        name: 'Analyst',
        passwordHash,
        locale: 'fr',
        isInstanceAdmin: false,
      });
      await workspaces.addMember(workspace.id, analyst.id, 'analyst');
      await users.insert({
        email: 'stranger@example.org',
        name: 'Stranger',
        passwordHash,
        locale: 'en',
        isInstanceAdmin: false,
      });
      owner = { userId: user.id, email: user.email, ip: '127.0.0.1', workspaceId: workspace.id, role: 'owner' };
      const channel = await publishing.channels.insert({
        workspaceId: workspace.id,
        network: 'instagram',
        networkAccountId: 'ig-1',
        displayName: 'Maison Test IG',
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
          published_at: '2026-03-09T08:00:00Z',
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
            collectedAt: new Date('2026-03-31T05:00:00Z'),
          });
      };
      day('2026-03-09T23:00:00Z', { impressions: 1000, reactions: 10, comments: 0, shares: 0, saves: 0 });
      day('2026-03-16T23:00:00Z', { impressions: 1234, reactions: 50, comments: 6, shares: 4, saves: 2 });
      day('2026-03-23T23:00:00Z', { impressions: 2000, reactions: 90, comments: 10, shares: 0, saves: 0 });
      await createMetricsRepository(db).record(workspace.id, observations);

      reportId = (await composition.services.reports.service.create(owner, body)).id;
    });
    after(async () => {
      await testDatabase?.dispose();
      await smtp?.close();
    });

    it('refuses recipients who are not members, and saves nothing', async () => {
      await assert.rejects(
        composition.services.reports.service.create(owner, { ...body, recipients: ['stranger@example.org'] }),
        (error: Error & { code?: string }) => error.code === 'recipients_not_members',
      );
      assert.equal((await composition.services.reports.service.list(owner)).length, 1);
    });

    it('sends nothing before Monday 09:00 in Paris, then the week once, even to two dispatchers at once', async () => {
      clock = new Date('2026-03-23T07:59:00Z');
      assert.deepEqual(await dispatch(), { sent: 0, failed: 0 });
      assert.equal(smtp.received.length, 0);

      clock = new Date('2026-03-23T08:00:00Z');
      const [first, second] = await Promise.all([dispatch(), dispatch()]);
      assert.equal(first.sent + second.sent, 1, 'one delivery for the period');
      assert.deepEqual(await dispatch(), { sent: 0, failed: 0 });
      assert.deepEqual(smtp.received.map((mail) => mail.to).sort(), [['analyst@example.com'], ['owner@example.com']]);
      const rows = await deliveries();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.occurrence, '2026-03-23');
      assert.equal(rows[0]!.status, 'sent');
      assert.equal(new Date(rows[0]!.due_at).toISOString(), '2026-03-23T08:00:00.000Z');
      assert.deepEqual([rows[0]!.period_start, rows[0]!.period_end], ['2026-03-16', '2026-03-23']);
      assert.deepEqual([...rows[0]!.sent_to].sort(), ['analyst@example.com', 'owner@example.com']);
    });

    it('attaches the PDF and the CSV, and the PDF holds the KPIs the analytics service gives for the week', async () => {
      const mail = smtp.received.find((message) => message.to[0] === 'owner@example.com')!;
      assert.match(mail.raw, /Subject: Weekly social report: 2026-03-16 to 2026-03-22/);
      const files = attachmentsOf(mail.raw);
      const pdf = files.get('report-2026-03-16-2026-03-23.pdf');
      assert.ok(pdf, `a PDF among ${[...files.keys()].join(', ')}`);
      const text = await pdfText(pdf);

      const overview = await composition.services.analytics.service.overview(owner, {
        start: '2026-03-16',
        end: '2026-03-23',
      });
      const kpi = (key: string) => overview.kpis.find((entry) => entry.key === key)!;
      const shown = (key: string) => {
        const entry = kpi(key);
        return [reportFigure(entry.current, entry.unit, 'en'), reportFigure(entry.previous, entry.unit, 'en')];
      };
      // The service's own figures, and the hand-computed ones: they must agree, and the PDF must show them.
      assert.deepEqual(shown('impressions'), ['1,234', '1,000']);
      assert.deepEqual(shown('engagements'), ['62', '10']);
      assert.deepEqual(shown('engagement_rate_by_impressions'), ['5.02%', '1.00%']);
      assert.match(text, new RegExp(`Impressions ${shown('impressions').join(' ')} \\+23\\.40%`));
      assert.match(text, new RegExp(`Engagements ${shown('engagements').join(' ')} \\+520\\.00%`));
      assert.match(text, /Engagement rate by impressions 5\.02% 1\.00%/);
      assert.match(text, /Reach not reported not reported/);
      assert.match(text, /Weekly social report/);
      assert.match(text, /Period: 2026-03-16 to 2026-03-22/);
      assert.match(text, /Over time/);
      assert.match(text, /2026-03-17 1,234 62/, 'the series table');
      assert.match(text, /Maison Test IG 1 1,234 62 5\.02%/, 'the channel table');
      assert.match(text, /Feu de bois 1,234 62 5\.02%/, 'the top posts table');
      assert.match(text, /The wood-fire series carried the week\./);
      assert.match(text, /Impressions: docs\/metrics\.md#impressions — Sources: instagram-graph/);
      assert.match(text, /Every figure covers 2026-03-16 to 2026-03-22 inclusive, days in Europe\/Paris/);
      assert.match(text, /Prepared by Agence Nord/);
      assert.doesNotMatch(text, /Prepared with Sillage/);

      const csv = files.get('report-2026-03-16-2026-03-23.csv')?.toString('utf8') ?? '';
      const lines = csv.trimEnd().split('\r\n');
      assert.equal(
        lines[1],
        'impressions,count,2026-03-16,2026-03-23,1234,1000,234,0.234,instagram-graph,docs/metrics.md#impressions',
      );
      assert.equal(lines.length, 5);
    });

    it('sends at 09:00 Paris summer time after the clocks change (07:00 UTC)', async () => {
      const before = smtp.received.length;
      clock = new Date('2026-03-30T06:59:00Z');
      assert.deepEqual(await dispatch(), { sent: 0, failed: 0 });
      clock = new Date('2026-03-30T07:00:00Z');
      assert.deepEqual(await dispatch(), { sent: 1, failed: 0 });
      assert.equal(smtp.received.length, before + 2);
      const row = (await deliveries()).at(-1)!;
      assert.equal(row.occurrence, '2026-03-30');
      assert.equal(new Date(row.due_at).toISOString(), '2026-03-30T07:00:00.000Z');
      assert.deepEqual([row.period_start, row.period_end], ['2026-03-23', '2026-03-30']);
      const text = await pdfText(attachmentsOf(smtp.received.at(-1)!.raw).get('report-2026-03-23-2026-03-30.pdf')!);
      assert.match(text, /Impressions 2,000 1,234 \+62\.07%/);
    });

    it('retries a failed sending after its backoff, only to the recipients not yet served', async () => {
      const before = smtp.received.length;
      smtp.failNext(1, { after: 1 });
      clock = new Date('2026-04-06T07:00:00Z');
      assert.deepEqual(await dispatch(), { sent: 0, failed: 1 });
      let row = (await deliveries()).at(-1)!;
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 1);
      assert.equal(row.sent_to.length, 1);
      assert.match(row.error ?? '', /451|Try again later/);
      const view = (await composition.services.reports.service.get(owner, reportId)).deliveries[0]!;
      assert.equal(view.status, 'failed');
      assert.equal(view.nextAttemptAt, '2026-04-06T07:05:00.000Z');

      clock = new Date('2026-04-06T07:04:00Z');
      assert.deepEqual(await dispatch(), { sent: 0, failed: 0 });
      clock = new Date('2026-04-06T07:05:00Z');
      const [a, b] = await Promise.all([dispatch(), dispatch()]);
      assert.equal(a.sent + b.sent, 1);
      row = (await deliveries()).at(-1)!;
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 2);
      const week = smtp.received
        .slice(before)
        .map((mail) => mail.to[0])
        .sort();
      assert.deepEqual(week, ['analyst@example.com', 'owner@example.com'], 'each recipient once');
    });

    it('finishes a sending whose worker stopped mid-way once its lease is over, without doubling', async () => {
      const { repository } = composition.services.reports;
      clock = new Date('2026-04-13T07:00:30Z');
      // A worker claimed the week, served the owner, then stopped.
      const claimed = await repository.claimNew(
        {
          workspaceId: owner.workspaceId,
          reportId,
          trigger: 'schedule',
          occurrence: '2026-04-13',
          dueAt: new Date('2026-04-13T07:00:00Z'),
          periodStart: '2026-04-06',
          periodEnd: '2026-04-13',
        },
        clock,
        new Date('2026-04-13T07:15:30Z'),
      );
      assert.ok(claimed);
      await repository.markSentTo(claimed, 'owner@example.com');
      const before = smtp.received.length;
      clock = new Date('2026-04-13T07:10:00Z');
      assert.deepEqual(await dispatch(), { sent: 0, failed: 0 }, 'the lease still holds');
      clock = new Date('2026-04-13T07:16:00Z');
      assert.deepEqual(await dispatch(), { sent: 1, failed: 0 });
      assert.deepEqual(
        smtp.received.slice(before).map((mail) => mail.to),
        [['analyst@example.com']],
      );
      assert.equal((await deliveries()).filter((row) => row.occurrence === '2026-04-13').length, 1);
    });

    it('lists the deliveries and writes each one to the audit trail', async () => {
      const view = await composition.services.reports.service.get(owner, reportId);
      assert.deepEqual(
        view.deliveries.map((delivery) => [delivery.periodStart, delivery.status]),
        [
          ['2026-04-06', 'sent'],
          ['2026-03-30', 'sent'],
          ['2026-03-23', 'sent'],
          ['2026-03-16', 'sent'],
        ],
      );
      assert.equal(view.nextSendAt, '2026-04-20T07:00:00.000Z');
      const audit = await testDatabase.database.db
        .selectFrom('audit_log')
        .select(['action', 'outcome'])
        .where('workspace_id', '=', owner.workspaceId)
        .where('target_id', '=', reportId)
        .orderBy('created_at')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.map((entry) => `${entry.action}:${entry.outcome}`),
        [
          'analytics.report_created:success',
          'analytics.report_delivered:success',
          'analytics.report_delivered:success',
          'analytics.report_delivered:failure',
          'analytics.report_delivered:success',
          'analytics.report_delivered:success',
        ],
      );
    });

    it('skips an occurrence that was due before the schedule was saved', async () => {
      clock = new Date('2026-04-15T12:00:00Z');
      await composition.services.reports.service.update(owner, reportId, {
        ...body,
        schedule: { kind: 'weekly', weekday: 3, time: '09:00' },
      });
      assert.deepEqual(await dispatch(), { sent: 0, failed: 0 }, 'Wednesday 09:00 had passed when it was saved');
      clock = new Date('2026-04-22T07:00:00Z');
      assert.deepEqual(await dispatch(), { sent: 1, failed: 0 });
    });
  });
}
