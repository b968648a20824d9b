import { notFound } from '../../http/errors.ts';
import { channelInScope } from '../../scopes/scope.ts';
import type { ActorInWorkspace } from '../../services/workspaces.service.ts';
import type { InboxRepository } from '../inbox.repository.ts';
import type { InboxPresenceRepository } from './inbox-presence.repository.ts';

/** How long a member counts as present after their screen's last signal (the screen renews every 5 s). */
export const presenceTtlMs = 15_000;

/** The collision warning: who else has an item open or is typing a reply on it. */
export function createInboxPresenceService(deps: {
  presence: InboxPresenceRepository;
  inbox: InboxRepository;
  now: () => Date;
}) {
  const { presence, now } = deps;
  return {
    /** Records that the actor has the item open (typing or not) and answers who else has. */
    async touch(actor: ActorInWorkspace, itemId: string, typing: boolean) {
      const item = await deps.inbox.find(actor.workspaceId, itemId);
      if (!item || !channelInScope(actor.scope, item.channelId)) throw notFound('inbox item');
      const at = now();
      await presence.sweep(at);
      await presence.touch({
        workspaceId: actor.workspaceId,
        itemId,
        userId: actor.userId,
        typing,
        at,
        expiresAt: new Date(at.getTime() + presenceTtlMs),
      });
      const [others, lastReplyId] = await Promise.all([
        presence.others(actor.workspaceId, itemId, actor.userId, at),
        presence.lastReplyId(actor.workspaceId, itemId),
      ]);
      return { others, lastReplyId };
    },

    async leave(actor: ActorInWorkspace, itemId: string): Promise<void> {
      const item = await deps.inbox.find(actor.workspaceId, itemId);
      if (!item || !channelInScope(actor.scope, item.channelId)) throw notFound('inbox item');
      await presence.leave(actor.workspaceId, itemId, actor.userId);
    },

    lastReplyId: (workspaceId: string, itemId: string) => presence.lastReplyId(workspaceId, itemId),
  };
}

export type InboxPresenceService = ReturnType<typeof createInboxPresenceService>;
