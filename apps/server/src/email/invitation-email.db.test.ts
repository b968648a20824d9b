import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { compose, type Composition } from '../composition.ts';
import { hashPassword } from '../security/passwords.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { startSmtpServer } from '../testing/smtp-server.ts';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';

/** Undoes quoted-printable soft line breaks and escapes, so a long link reads as one string. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

const silentLogger = { info() {}, warn() {}, error() {} };

for (const kind of databaseKindsUnderTest()) {
  describe(`invitation e-mail over SMTP on ${kind}`, () => {
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
      });
      await composition.jobs.start();
      await composition.jobs.work(composition.jobContext, 2);
      const { users, workspaces } = composition.services;
      const workspace = await workspaces.insert({ name: 'Maison Test', timeZone: 'Europe/Paris', locale: 'en' });
      const user = await users.insert({
        email: 'owner@example.com',
        name: 'Owner',
        passwordHash: await hashPassword('correct horse battery'),
        locale: 'en',
        isInstanceAdmin: true,
      });
      await workspaces.addMember(workspace.id, user.id, 'owner');
      owner = { userId: user.id, email: user.email, ip: '127.0.0.1', workspaceId: workspace.id, role: 'owner' };
    });
    after(async () => {
      await composition.jobs.stop();
      await testDatabase.dispose();
      await smtp.close();
    });

    it('delivers the invitation with its accept link to the SMTP server exactly once', async () => {
      const { acceptUrl } = await composition.services.invitations.create(owner, {
        email: 'guest@example.com',
        role: 'editor',
      });
      assert.match(acceptUrl, /^http:\/\/sillage\.test\/invitations\/[A-Za-z0-9_-]{20,}$/);

      await waitFor(() => smtp.received.some((mail) => mail.to.includes('guest@example.com')), 20_000);
      // Several polling intervals of both fetch loops: a second delivery would arrive here.
      await sleep(2_500);
      const mails = smtp.received.filter((mail) => mail.to.includes('guest@example.com'));
      assert.equal(mails.length, 1);
      const mail = mails[0]!;
      assert.equal(mail.from, 'no-reply@sillage.test');
      assert.match(mail.raw, /^Subject: You are invited to Maison Test on Sillage/m);
      assert.ok(decodeQuotedPrintable(mail.raw).includes(acceptUrl), `the e-mail holds ${acceptUrl}:\n${mail.raw}`);
    });

    it('sends nothing when the invitation is refused and its transaction rolls back', async () => {
      const countBefore = smtp.received.length;
      await assert.rejects(
        composition.services.invitations.create(owner, { email: 'owner@example.com', role: 'editor' }),
        /already a member/,
      );
      await sleep(1_500);
      assert.equal(smtp.received.length, countBefore);
    });
  });
}
