import type { Executor } from '../db/database.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { NotificationsRepository } from './notifications.repository.ts';

export type EmailMessage = { to: string; subject: string; text: string };

/** Tells the people who can act: an in-app notification and an e-mail, in the caller's transaction. */
export function createPublishingNotifier(deps: {
  notifications: NotificationsRepository;
  workspaces: WorkspacesRepository;
  enqueueEmail: (executor: Executor, message: EmailMessage) => Promise<unknown>;
  now: () => Date;
}) {
  return {
    async notifyAdmins(
      trx: Executor,
      input: {
        workspaceId: string;
        kind: string;
        subjectType: string;
        subjectId: string;
        subject: string;
        message: string;
      },
    ): Promise<void> {
      const members = await deps.workspaces.listMembers(input.workspaceId, trx);
      const admins = members.filter((member) => member.role === 'owner' || member.role === 'admin');
      await deps.notifications.insertForUsers(
        {
          workspaceId: input.workspaceId,
          userIds: admins.map((member) => member.userId),
          kind: input.kind,
          message: input.message,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          now: deps.now(),
        },
        trx,
      );
      for (const admin of admins)
        await deps.enqueueEmail(trx, { to: admin.email, subject: input.subject, text: input.message });
    },
  };
}

export type PublishingNotifier = ReturnType<typeof createPublishingNotifier>;
