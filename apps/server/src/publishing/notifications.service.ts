import { notFound } from '../http/errors.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { scopeChannelFilter } from '../scopes/scope.ts';
import type { NotificationsRepository } from './notifications.repository.ts';

/** A member's notifications: what needs their attention, and marking it read. */
export function createNotificationsService(deps: { notifications: NotificationsRepository; now: () => Date }) {
  return {
    list(actor: ActorInWorkspace) {
      return deps.notifications.listFor({
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        role: actor.role,
        limit: 200,
        channelIds: scopeChannelFilter(actor.scope),
      });
    },
    async markRead(actor: ActorInWorkspace, id: string): Promise<void> {
      if (!(await deps.notifications.exists(actor.workspaceId, id))) throw notFound('notification');
      await deps.notifications.markRead({
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        role: actor.role,
        id,
        now: deps.now(),
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
