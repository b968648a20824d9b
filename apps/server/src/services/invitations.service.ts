import { mayGrantRole, type Role } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import { hashPassword, verifyPassword } from '../security/passwords.ts';
import { hashSecret, newSecret } from '../security/tokens.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { InvitationRecord, InvitationsRepository } from '../repositories/invitations.repository.ts';
import type { UserRecord, UsersRepository } from '../repositories/users.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { Caller, NewSession } from './auth.service.ts';
import type { ActorInWorkspace } from './workspaces.service.ts';
import { invitationEmail } from '../email/templates.ts';

export const INVITATION_VALID_DAYS = 7;

export function createInvitationsService(deps: {
  db: Kysely<DB>;
  invitations: InvitationsRepository;
  users: UsersRepository;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  /** Enqueues the invitation e-mail inside the transaction that creates the invitation. */
  enqueueEmail: (executor: Executor, message: { to: string; subject: string; text: string }) => Promise<unknown>;
  openSession: (userId: string, caller: Caller, executor: Executor) => Promise<NewSession>;
  publicUrl: () => string;
  now: () => Date;
}) {
  const { db, invitations, users, workspaces, audit, now } = deps;

  return {
    listPending: (workspaceId: string) => invitations.listPending(workspaceId, now()),

    /** Invites someone by e-mail with a role no higher than the inviter's; the link is e-mailed and returned once. */
    async create(
      actor: ActorInWorkspace,
      input: { email: string; role: Role },
    ): Promise<{ invitation: InvitationRecord; acceptUrl: string }> {
      if (!mayGrantRole(actor.role, input.role)) {
        throw forbidden(`Your role (${actor.role}) cannot invite someone as ${input.role}.`);
      }
      return db.transaction().execute(async (trx) => {
        const existing = await users.findByEmail(input.email, trx);
        if (existing && (await workspaces.findMembership(actor.workspaceId, existing.id, trx))) {
          throw conflict(`${input.email} is already a member of this workspace.`, [
            { path: 'body.email', message: 'Already a member' },
          ]);
        }
        const workspace = await workspaces.findById(actor.workspaceId, trx);
        if (!workspace) throw notFound('workspace');
        const token = newSecret('', 32);
        const expiresAt = new Date(now().getTime() + INVITATION_VALID_DAYS * 86_400_000);
        const invitation = await invitations.insert(
          {
            workspaceId: actor.workspaceId,
            email: input.email,
            role: input.role,
            tokenHash: hashSecret(token),
            invitedBy: actor.userId,
            expiresAt,
          },
          trx,
        );
        const acceptUrl = `${deps.publicUrl()}/invitations/${token}`;
        await deps.enqueueEmail(
          trx,
          invitationEmail({
            to: input.email,
            workspaceName: workspace.name,
            inviter: actor.email,
            role: input.role,
            acceptUrl,
            expiresAt,
            locale: workspace.locale,
          }),
        );
        await audit.insert(
          {
            workspaceId: actor.workspaceId,
            actorUserId: actor.userId,
            actorEmail: actor.email,
            action: 'invitation.created',
            targetType: 'invitation',
            targetId: invitation.id,
            ip: actor.ip,
            outcome: 'success',
            details: { email: input.email, role: input.role },
          },
          trx,
        );
        return { invitation, acceptUrl };
      });
    },

    async revoke(actor: ActorInWorkspace, invitationId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await invitations.revoke(actor.workspaceId, invitationId, now(), trx))) throw notFound('invitation');
        await audit.insert(
          {
            workspaceId: actor.workspaceId,
            actorUserId: actor.userId,
            actorEmail: actor.email,
            action: 'invitation.revoked',
            targetType: 'invitation',
            targetId: invitationId,
            ip: actor.ip,
            outcome: 'success',
          },
          trx,
        );
      });
    },

    /** What the invitation link shows before accepting. */
    async preview(
      token: string,
    ): Promise<{ workspaceName: string; email: string; role: Role; expiresAt: Date; hasAccount: boolean }> {
      const invitation = await invitations.findUsableByTokenHash(hashSecret(token), now());
      if (!invitation) throw notFound('invitation (it may have expired or been used)');
      const workspace = await workspaces.findById(invitation.workspaceId);
      if (!workspace) throw notFound('invitation');
      const user = await users.findByEmail(invitation.email);
      return {
        workspaceName: workspace.name,
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        hasAccount: user !== undefined,
      };
    },

    /** Accepts once: a new account (name + password) or the existing one (its password), then a session. */
    async accept(
      token: string,
      input: { name?: string | undefined; password: string },
      caller: Caller,
    ): Promise<{ user: UserRecord; session: NewSession }> {
      const newPasswordHash = input.name ? await hashPassword(input.password) : undefined;
      return db.transaction().execute(async (trx) => {
        const invitation = await invitations.findUsableByTokenHash(hashSecret(token), now(), trx);
        if (!invitation) throw notFound('invitation (it may have expired or been used)');
        let user = await users.findByEmail(invitation.email, trx);
        if (user) {
          if (!(await verifyPassword(user.passwordHash, input.password))) {
            throw new AppError(
              401,
              'invalid_credentials',
              `Enter the password of your existing account ${invitation.email}.`,
            );
          }
        } else {
          if (!input.name || !newPasswordHash) {
            throw badRequest('validation_failed', 'Choose your name to create your account.', [
              { path: 'body.name', message: 'Required for a new account' },
            ]);
          }
          if (input.password.length < 12) {
            throw badRequest('validation_failed', 'Use at least 12 characters for your password.', [
              { path: 'body.password', message: 'Use at least 12 characters' },
            ]);
          }
          user = await users.insert(
            {
              email: invitation.email,
              name: input.name,
              passwordHash: newPasswordHash,
              locale: 'en',
              isInstanceAdmin: false,
            },
            trx,
          );
        }
        await workspaces.addMember(invitation.workspaceId, user.id, invitation.role, trx);
        await invitations.markAccepted(invitation.id, now(), trx);
        const session = await deps.openSession(user.id, caller, trx);
        await audit.insert(
          {
            workspaceId: invitation.workspaceId,
            actorUserId: user.id,
            actorEmail: user.email,
            action: 'invitation.accepted',
            targetType: 'invitation',
            targetId: invitation.id,
            ip: caller.ip,
            outcome: 'success',
            details: { role: invitation.role },
          },
          trx,
        );
        return { user, session };
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
