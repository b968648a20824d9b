import { renderSavedReply, savedReplyVariables, unknownSavedReplyVariables } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import type { AuditRepository } from '../../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../../repositories/workspaces.repository.ts';
import { channelInScope } from '../../scopes/scope.ts';
import type { ActorInWorkspace } from '../../services/workspaces.service.ts';
import type { InboxRepository } from '../inbox.repository.ts';
import type { SavedRepliesRepository, SavedReplyInput } from './saved-replies.repository.ts';

const known = savedReplyVariables.map((name) => `{{${name}}}`).join(', ');

/** Saved replies: kept per workspace (audited), and rendered for one item with its variables filled. */
export function createSavedRepliesService(deps: {
  db: Kysely<DB>;
  savedReplies: SavedRepliesRepository;
  inbox: InboxRepository;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, savedReplies, audit, now } = deps;

  function checkBody(body: string): void {
    const unknown = unknownSavedReplyVariables(body);
    if (unknown.length > 0)
      throw badRequest(
        'unknown_variable',
        `body: ${unknown.map((name) => `{{${name}}}`).join(', ')} ${unknown.length > 1 ? 'are not variables' : 'is not a variable'}; use ${known}.`,
        { field: 'body', unknown },
      );
  }

  const audited = (actor: ActorInWorkspace, action: string, id: string, details: Record<string, unknown>, trx = db) =>
    audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: 'inbox_saved_reply',
        targetId: id,
        ip: actor.ip,
        outcome: 'success',
        details,
      },
      trx,
    );

  return {
    list: (actor: ActorInWorkspace, filters: { search?: string | undefined; language?: 'fr' | 'en' | undefined }) =>
      savedReplies.list(actor.workspaceId, filters),

    async create(actor: ActorInWorkspace, input: SavedReplyInput) {
      checkBody(input.body);
      return db.transaction().execute(async (trx) => {
        const saved = await savedReplies.insert(actor.workspaceId, input, actor.userId, now(), trx);
        await audited(actor, 'inbox.saved_reply_created', saved.id, { title: saved.title }, trx);
        return saved;
      });
    },

    async update(actor: ActorInWorkspace, id: string, input: SavedReplyInput) {
      checkBody(input.body);
      return db.transaction().execute(async (trx) => {
        const before = await savedReplies.find(actor.workspaceId, id, trx);
        const saved = await savedReplies.update(actor.workspaceId, id, input, now(), trx);
        if (!before || !saved) throw notFound('saved reply');
        await audited(
          actor,
          'inbox.saved_reply_updated',
          id,
          { before: { title: before.title, body: before.body }, after: { title: saved.title, body: saved.body } },
          trx,
        );
        return saved;
      });
    },

    async remove(actor: ActorInWorkspace, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await savedReplies.find(actor.workspaceId, id, trx);
        if (!before || !(await savedReplies.remove(actor.workspaceId, id, trx))) throw notFound('saved reply');
        await audited(actor, 'inbox.saved_reply_deleted', id, { title: before.title, body: before.body }, trx);
      });
    },

    /** The saved reply's text for this item, written by this member; refuses unknown or empty variables. */
    async render(actor: ActorInWorkspace, itemId: string, savedReplyId: string): Promise<{ text: string }> {
      const [item, saved, workspace, user] = await Promise.all([
        deps.inbox.find(actor.workspaceId, itemId),
        savedReplies.find(actor.workspaceId, savedReplyId),
        deps.workspaces.findById(actor.workspaceId),
        deps.workspaces.findMember(actor.workspaceId, actor.userId),
      ]);
      if (!item || !channelInScope(actor.scope, item.channelId)) throw notFound('inbox item');
      if (!saved) throw notFound('saved reply');
      const result = renderSavedReply(saved.body, {
        author_name: item.authorName,
        author_handle: item.authorHandle?.replace(/^@/, '') ?? null,
        brand: workspace?.name ?? null,
        agent_name: user?.name ?? null,
        channel_name: item.channelName,
        network: item.network,
      });
      if (!result.ok) {
        const names = [...result.unknown, ...result.missing].map((name) => `{{${name}}}`).join(', ');
        throw new AppError(
          422,
          result.unknown.length > 0 ? 'unknown_variable' : 'variable_without_value',
          result.unknown.length > 0
            ? `The saved reply "${saved.title}" uses ${names}, which ${result.unknown.length > 1 ? 'are not variables' : 'is not a variable'}; edit it to use ${known}.`
            : `The saved reply "${saved.title}" needs ${names}, which this item does not have; write the reply by hand or pick another saved reply.`,
          { unknown: result.unknown, missing: result.missing },
        );
      }
      return { text: result.text };
    },
  };
}

export type SavedRepliesService = ReturnType<typeof createSavedRepliesService>;
