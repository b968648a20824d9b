import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { createMailer } from '../../email/mailer.ts';
import { createAuditRepository } from '../../repositories/audit.repository.ts';
import { createWorkspacesRepository } from '../../repositories/workspaces.repository.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import type { ActorInWorkspace } from '../../services/workspaces.service.ts';
import { createTestApp, TEST_SECRET_KEY, type SignedInClient, type TestApp } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import { createInboxRepository } from '../inbox.repository.ts';
import { createEscalation, type Escalation } from './escalation.module.ts';

type ReceivedMail = { to: string[]; raw: string };

/** A real SMTP server on 127.0.0.1 and a random port, keeping every message it accepts. */
async function startSmtpServer(): Promise<{ port: number; received: ReceivedMail[]; close(): Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A local HTTP server standing for Slack's incoming webhook: keeps each POST's JSON body. */
async function startWebhookServer(): Promise<{ url: string; posts: unknown[]; close(): Promise<void> }> {
  const posts: unknown[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      posts.push({
        method: request.method,
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded Subject header (RFC 2047 encoded words, folded lines). */
function subjectOf(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  return line
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The decoded text body (quoted-printable or base64, UTF-8). */
function bodyOf(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/^Content-Transfer-Encoding: base64/im.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head))
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; logged: ${logged.join('\n')}`);
    await sleep(25);
  }
}

const silentLogger = { info() {}, warn() {}, error() {} };
/** What the escalation logged (warnings and errors), to show in a failure. */
const logged: string[] = [];
const recordingLogger = {
  info() {},
  warn: (object: object, message?: string) => logged.push(`${message}: ${JSON.stringify(object)}`),
  error: (object: object, message?: string) => logged.push(`${message}: ${JSON.stringify(object)}`),
};
let sequence = 0;

for (const kind of databaseKindsUnderTest()) {
  describe(`inbox escalation on ${kind}`, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
    let escalation: Escalation;
    let clock = new Date('2026-05-04T09:00:00Z');
    let workspaceId: string;
    let actor: ActorInWorkspace;
    let frenchUser: { id: string; email: string };
    let englishUser: { id: string; email: string };
    let owner: SignedInClient;
    let channel: { id: string; workspaceId: string; network: string };

    async function receive(sentiments: ('negative' | 'neutral' | 'positive')[], minutesAgo = 1): Promise<void> {
      const inbox = createInboxRepository(t.testDatabase.database.db);
      await inbox.insertItems(
        channel,
        sentiments.map((sentiment) => ({
          networkItemId: `item-${++sequence}`,
          kind: 'comment' as const,
          threadKey: 'thread-1',
          author: { networkId: `author-${sequence}`, name: 'Someone' },
          text: sentiment === 'negative' ? 'Service horrible, je suis furieux' : 'Merci !',
          createdAt: new Date(clock.getTime() - minutesAgo * 60_000),
          lang: 'fr',
          sentiment,
          sentimentScore: sentiment === 'negative' ? -0.8 : 0.5,
        })),
        clock,
      );
    }

    before(async () => {
      smtp = await startSmtpServer();
      webhook = await startWebhookServer();
      t = await createTestApp(kind, { now: () => clock });
      const db = t.testDatabase.database.db;
      workspaceId = (await t.createWorkspace('Maison Test')).id;
      const ownerUser = await t.createUser({ email: 'owner@example.com', workspaceId, role: 'owner' });
      frenchUser = await t.createUser({ email: 'fr@example.com', workspaceId, role: 'editor' });
      englishUser = await t.createUser({ email: 'en@example.com', workspaceId, role: 'editor' });
      await db.updateTable('users').set({ locale: 'fr' }).where('id', '=', frenchUser.id).execute();
      owner = await t.signIn('owner@example.com');
      actor = { userId: ownerUser.id, email: ownerUser.email, ip: '127.0.0.1', workspaceId, role: 'owner' };
      const stored = await t.composition.services.publishing.channels.insert({
        workspaceId,
        network: 'x',
        networkAccountId: 'escalation-account',
        displayName: 'Escalation channel',
        instanceUrl: null,
        accessTokenEncrypted: createSecretBox(TEST_SECRET_KEY).seal('access', workspaceId),
        refreshTokenEncrypted: null,
        tokenExpiresAt: null,
        createdBy: null,
      });
      channel = { id: stored.id, workspaceId, network: stored.network };
      escalation = createEscalation({
        db,
        workspaces: createWorkspacesRepository(db),
        audit: createAuditRepository(db),
        mailer: createMailer({
          smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
          from: 'Sillage <no-reply@sillage.test>',
          logger: silentLogger,
        }),
        logger: recordingLogger,
        publicUrl: () => 'http://sillage.test',
        now: () => clock,
        allowLoopbackWebhooks: true,
        webhookTimeoutMs: 2_000,
      });
    });
    after(async () => {
      await t?.close();
      await smtp?.close();
      await webhook?.close();
    });

    it('sends one e-mail per recipient and one Slack webhook when the threshold is crossed, once per window', async () => {
      await escalation.service.putRules(actor, {
        rules: [
          {
            name: 'Bad buzz',
            threshold: 3,
            windowMinutes: 30,
            severity: 'crisis',
            recipients: [frenchUser.id, englishUser.id],
            webhookUrl: webhook.url,
            enabled: true,
          },
        ],
      });

      // Below the threshold: two negative items (and positive ones, which do not count), an old negative item.
      await receive(['negative', 'negative', 'positive', 'neutral']);
      await receive(['negative'], 45);
      assert.deepEqual(await escalation.service.evaluateWorkspace(workspaceId), []);
      await sleep(300);
      assert.equal(smtp.received.length, 0);
      assert.equal(webhook.posts.length, 0);

      // The third negative item in 30 minutes crosses the threshold.
      clock = new Date(clock.getTime() + 60_000);
      await receive(['negative']);
      await escalation.service.afterItemsStored([workspaceId, workspaceId]);
      await waitFor(() => smtp.received.length >= 2, 10_000);
      assert.equal(smtp.received.length, 2);
      const english = smtp.received.find((mail) => mail.to.includes('en@example.com'))!;
      const french = smtp.received.find((mail) => mail.to.includes('fr@example.com'))!;
      assert.equal(subjectOf(english.raw), '[CRISIS] Maison Test: 3 negative messages in 30 min');
      assert.match(bodyOf(english.raw), /Severity: CRISIS/);
      assert.match(bodyOf(english.raw), /"Bad buzz": 3 negative messages .* last 30 minutes \(threshold: 3\)/);
      assert.equal(subjectOf(french.raw), '[CRISE] Maison Test : 3 messages négatifs en 30 min');
      assert.match(bodyOf(french.raw), /Gravité : CRISE/);
      assert.match(bodyOf(french.raw), /3 messages négatifs reçus/);
      assert.match(bodyOf(french.raw), /Europe\/Paris/);

      assert.equal(webhook.posts.length, 1);
      assert.deepEqual(webhook.posts[0], {
        method: 'POST',
        contentType: 'application/json',
        body: { text: '[CRISE] Maison Test : 3 messages négatifs en 30 min\nhttp://sillage.test/' },
      });
      const [stored] = await escalation.repository.listEscalations(workspaceId);
      assert.equal(stored?.negative_count, 3);
      assert.equal(stored?.emails_sent, 2);
      assert.equal(stored?.webhook_status, 'sent');

      // More negative items inside the same window: no second alert.
      clock = new Date(clock.getTime() + 5 * 60_000);
      await receive(['negative', 'negative']);
      assert.deepEqual(await escalation.service.evaluateWorkspace(workspaceId), []);
      await sleep(300);
      assert.equal(smtp.received.length, 2);
      assert.equal(webhook.posts.length, 1);

      const view = await escalation.service.getRules(actor);
      assert.equal(view[0]?.lastEscalatedAt?.toISOString(), '2026-05-04T09:01:00.000Z');
    });

    it('records a failed webhook without blocking the e-mail, and alerts again in a later window', async () => {
      clock = new Date(clock.getTime() + 40 * 60_000);
      const [rule] = await escalation.service.getRules(actor);
      await escalation.service.putRules(actor, {
        rules: [{ ...rule!, recipients: [englishUser.id], webhookUrl: 'http://127.0.0.1:9/closed' }],
      });
      const before = smtp.received.length;
      await receive(['negative', 'negative', 'negative', 'negative']);
      const outcomes = await escalation.service.evaluateWorkspace(workspaceId);
      assert.equal(outcomes.length, 1);
      assert.equal(outcomes[0]?.count, 4);
      assert.equal(outcomes[0]?.webhookStatus, 'failed');
      await waitFor(() => smtp.received.length === before + 1, 10_000);
      assert.equal(subjectOf(smtp.received.at(-1)!.raw), '[CRISIS] Maison Test: 4 negative messages in 30 min');
      const escalations = await escalation.repository.listEscalations(workspaceId);
      assert.equal(escalations.length, 2);
      assert.equal(escalations[1]?.webhook_status, 'failed');
      assert.ok(escalations[1]?.webhook_error);
    });

    it('reads and replaces rules over HTTP, with defaults, an audit row and clear errors', async () => {
      const url = `/api/workspaces/${workspaceId}/inbox/escalation-rules`;
      const saved = await owner.request({
        method: 'PUT',
        url,
        payload: {
          rules: [
            {
              name: 'Default',
              severity: 'warning',
              recipients: [englishUser.id],
              webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX',
            },
          ],
        },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const rules = saved.json<{ rules: { threshold: number; windowMinutes: number; enabled: boolean }[] }>().rules;
      assert.equal(rules.length, 1);
      assert.equal(rules[0]?.threshold, 10);
      assert.equal(rules[0]?.windowMinutes, 30);
      assert.equal(rules[0]?.enabled, true);

      const read = await owner.request({ method: 'GET', url });
      assert.equal(read.statusCode, 200);
      assert.deepEqual(read.json(), saved.json());

      const audit = await t.testDatabase.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_email'])
        .where('workspace_id', '=', workspaceId)
        .where('action', '=', 'inbox.escalation_rules.update')
        .execute();
      assert.ok(audit.some((row) => row.actor_email === 'owner@example.com'));

      const refusals: [unknown, number, RegExp][] = [
        [{ name: 'x', severity: 'crisis', threshold: 0 }, 400, /threshold/],
        [{ name: 'x', severity: 'panic' }, 400, /severity/],
        [{ name: 'x', severity: 'crisis', webhookUrl: 'http://hooks.example.com/a' }, 400, /https/],
        [{ name: 'x', severity: 'crisis', webhookUrl: 'https://10.0.0.5/hook' }, 400, /private/],
        [{ name: 'x', severity: 'crisis', webhookUrl: 'https://localhost/hook' }, 400, /this machine/],
        [{ name: 'x', severity: 'crisis', webhookUrl: 'http://127.0.0.1:8080/hook' }, 400, /https/],
        [{ name: 'x', severity: 'crisis', recipients: ['00000000-0000-4000-8000-000000000000'] }, 422, /not a member/],
      ];
      for (const [rule, status, message] of refusals) {
        const response = await owner.request({ method: 'PUT', url, payload: { rules: [rule] } });
        assert.equal(response.statusCode, status, `${JSON.stringify(rule)}: ${response.body}`);
        assert.match(response.body, message);
      }
      // Nothing was lost: the saved rule is still there.
      assert.deepEqual((await owner.request({ method: 'GET', url })).json(), saved.json());

      const editor = await t.signIn('en@example.com');
      const denied = await editor.request({ method: 'PUT', url, payload: { rules: [] } });
      assert.equal(denied.statusCode, 403);
      assert.equal((await editor.request({ method: 'GET', url })).statusCode, 200);
    });
  });
}
