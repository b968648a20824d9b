import type { Role } from '@sillage/domain';
import type { Executor } from '../db/database.ts';

export type InvitationRecord = {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  invitedByEmail: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
};

function select(executor: Executor) {
  return executor
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.invited_by')
    .select([
      'invitations.id',
      'invitations.workspace_id as workspaceId',
      'invitations.email',
      'invitations.role',
      'users.email as invitedByEmail',
      'invitations.created_at as createdAt',
      'invitations.expires_at as expiresAt',
      'invitations.accepted_at as acceptedAt',
      'invitations.revoked_at as revokedAt',
    ]);
}

const asRecord = <T extends { role: string }>(row: T) => ({ ...row, role: row.role as Role });

export function createInvitationsRepository(db: Executor) {
  return {
    async insert(
      invitation: {
        workspaceId: string;
        email: string;
        role: Role;
        tokenHash: string;
        invitedBy: string;
        expiresAt: Date;
      },
      executor: Executor = db,
    ): Promise<InvitationRecord> {
      const { id } = await executor
        .insertInto('invitations')
        .values({
          workspace_id: invitation.workspaceId,
          email: invitation.email,
          role: invitation.role,
          token_hash: invitation.tokenHash,
          invited_by: invitation.invitedBy,
          expires_at: invitation.expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return asRecord(await select(executor).where('invitations.id', '=', id).executeTakeFirstOrThrow());
    },
    async listPending(workspaceId: string, now: Date, executor: Executor = db): Promise<InvitationRecord[]> {
      const rows = await select(executor)
        .where('invitations.workspace_id', '=', workspaceId)
        .where('invitations.accepted_at', 'is', null)
        .where('invitations.revoked_at', 'is', null)
        .where('invitations.expires_at', '>', now)
        .orderBy('invitations.created_at', 'desc')
        .execute();
      return rows.map(asRecord);
    },
    async findInWorkspace(
      workspaceId: string,
      invitationId: string,
      executor: Executor = db,
    ): Promise<InvitationRecord | undefined> {
      const row = await select(executor)
        .where('invitations.workspace_id', '=', workspaceId)
        .where('invitations.id', '=', invitationId)
        .executeTakeFirst();
      return row && asRecord(row);
    },
    /** The usable invitation behind a token, locked so it is accepted once. */
    async findUsableByTokenHash(
      tokenHash: string,
      now: Date,
      executor: Executor = db,
    ): Promise<InvitationRecord | undefined> {
      const row = await select(executor)
        .where('invitations.token_hash', '=', tokenHash)
        .where('invitations.accepted_at', 'is', null)
        .where('invitations.revoked_at', 'is', null)
        .where('invitations.expires_at', '>', now)
        .forUpdate('invitations')
        .executeTakeFirst();
      return row && asRecord(row);
    },
    async markAccepted(invitationId: string, now: Date, executor: Executor = db): Promise<void> {
      await executor.updateTable('invitations').set({ accepted_at: now }).where('id', '=', invitationId).execute();
    },
    async revoke(workspaceId: string, invitationId: string, now: Date, executor: Executor = db): Promise<boolean> {
      const result = await executor
        .updateTable('invitations')
        .set({ revoked_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', invitationId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type InvitationsRepository = ReturnType<typeof createInvitationsRepository>;
