import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '@sillage/domain';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createInvitationsRepository, type InvitationsRepository } from './invitations.repository.ts';
import { createUsersRepository } from './users.repository.ts';
import { createWorkspacesRepository } from './workspaces.repository.ts';

const now = new Date('2030-01-01T12:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);
let sequence = 0;

for (const kind of databaseKindsUnderTest()) {
  describe(`invitations repository on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let invitations: InvitationsRepository;
    let inviterId: string;
    let workspaceA: string;
    let workspaceB: string;
    const invite = (workspaceId: string, options: { expiresAt?: Date; role?: Role } = {}) => {
      sequence += 1;
      return invitations.insert({
        workspaceId,
        email: `guest-${sequence}@example.com`,
        role: options.role ?? 'editor',
        tokenHash: `token-hash-${sequence}`,
        invitedBy: inviterId,
        expiresAt: options.expiresAt ?? inDays(7),
      });
    };

    before(async () => {
      testDatabase = await createTestDatabase(kind);
      invitations = createInvitationsRepository(testDatabase.database.db);
      const workspaces = createWorkspacesRepository(testDatabase.database.db);
      workspaceA = (await workspaces.insert({ name: 'A', timeZone: 'Europe/Paris', locale: 'en' })).id;
      workspaceB = (await workspaces.insert({ name: 'B', timeZone: 'Europe/Paris', locale: 'en' })).id;
      const users = createUsersRepository(testDatabase.database.db);
      inviterId = (
        await users.insert({
          email: 'inviter@example.com',
          name: 'Inviter',
          passwordHash: 'x',
          locale: 'en',
          isInstanceAdmin: false,
        })
      ).id;
    });
    after(() => testDatabase.dispose());

    it('returns the stored invitation with the e-mail of who invited', async () => {
      const invitation = await invite(workspaceA, { role: 'analyst' });
      assert.deepEqual(
        [
          invitation.workspaceId,
          invitation.role,
          invitation.invitedByEmail,
          invitation.acceptedAt,
          invitation.revokedAt,
        ],
        [workspaceA, 'analyst', 'inviter@example.com', null, null],
      );
      assert.equal((await invitations.findInWorkspace(workspaceA, invitation.id))?.email, invitation.email);
    });

    it("never finds workspace A's invitation through workspace B", async () => {
      const invitation = await invite(workspaceA);
      assert.equal(await invitations.findInWorkspace(workspaceB, invitation.id), undefined);
    });

    it('lists the pending invitations of one workspace: not accepted, revoked, expired, or of another workspace', async () => {
      const workspaces = createWorkspacesRepository(testDatabase.database.db);
      const fresh = (await workspaces.insert({ name: 'Fresh', timeZone: 'Europe/Paris', locale: 'en' })).id;
      const pending = await invite(fresh);
      const accepted = await invite(fresh);
      await invitations.markAccepted(accepted.id, now);
      const revoked = await invite(fresh);
      assert.equal(await invitations.revoke(fresh, revoked.id, now), true);
      await invite(fresh, { expiresAt: now });
      await invite(workspaceB);
      assert.deepEqual(
        (await invitations.listPending(fresh, now)).map((invitation) => invitation.id),
        [pending.id],
      );
    });

    it('finds a usable invitation by its token hash until it is accepted, revoked or expired', async () => {
      const usable = await invite(workspaceA, { expiresAt: inDays(1) });
      const tokenHash = `token-hash-${sequence}`;
      assert.equal((await invitations.findUsableByTokenHash(tokenHash, now))?.id, usable.id);
      assert.equal(
        await invitations.findUsableByTokenHash(tokenHash, inDays(1)),
        undefined,
        'expired at its expiry instant',
      );
      assert.equal(await invitations.findUsableByTokenHash('unknown', now), undefined);
      await invitations.markAccepted(usable.id, now);
      assert.equal(await invitations.findUsableByTokenHash(tokenHash, now), undefined);
      assert.deepEqual((await invitations.findInWorkspace(workspaceA, usable.id))?.acceptedAt, now);
    });

    it("refuses to revoke workspace A's invitation through workspace B, and revokes once through A", async () => {
      const invitation = await invite(workspaceA);
      assert.equal(await invitations.revoke(workspaceB, invitation.id, now), false);
      assert.equal((await invitations.findInWorkspace(workspaceA, invitation.id))?.revokedAt, null);
      assert.equal(await invitations.revoke(workspaceA, invitation.id, now), true);
      assert.equal(await invitations.revoke(workspaceA, invitation.id, now), false, 'already revoked');
      assert.deepEqual((await invitations.findInWorkspace(workspaceA, invitation.id))?.revokedAt, now);
    });

    it('does not revoke an accepted invitation', async () => {
      const invitation = await invite(workspaceA);
      await invitations.markAccepted(invitation.id, now);
      assert.equal(await invitations.revoke(workspaceA, invitation.id, now), false);
    });

    it('refuses two invitations with the same token hash', async () => {
      const first = await invite(workspaceA);
      await assert.rejects(
        invitations.insert({
          workspaceId: workspaceB,
          email: 'dup@example.com',
          role: 'editor',
          tokenHash: `token-hash-${sequence}`,
          invitedBy: inviterId,
          expiresAt: inDays(7),
        }),
        /unique|duplicate/i,
      );
      assert.ok(first.id);
    });
  });
}
