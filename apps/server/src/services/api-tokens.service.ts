import { can, mayGrantRole, type Role } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { hashSecret, newSecret } from '../security/tokens.ts';
import type { ApiTokenRecord, ApiTokensRepository } from '../repositories/api-tokens.repository.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { ActorInWorkspace } from './workspaces.service.ts';

const TOKEN_PREFIX = 'slg_';

export function createApiTokensService(deps: {
  db: Kysely<DB>;
  apiTokens: ApiTokensRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, apiTokens, audit, now } = deps;
  const seesAll = (actor: ActorInWorkspace) =>
    actor.permissions ? actor.permissions.includes('api_tokens.manage_all') : can(actor.role, 'api_tokens.manage_all');

  return {
    /** Everyone's tokens for those who manage all; one's own otherwise. */
    list(actor: ActorInWorkspace): Promise<ApiTokenRecord[]> {
      return apiTokens.list(actor.workspaceId, seesAll(actor) ? {} : { userId: actor.userId });
    },

    /** A personal token for the workspace, with a role no higher than the creator's. The secret is returned once. */
    async create(
      actor: ActorInWorkspace,
      input: { name: string; role: Role; expiresInDays: number | null },
    ): Promise<{ token: string; record: ApiTokenRecord }> {
      if (!mayGrantRole(actor.role, input.role)) {
        throw forbidden(
          `A token cannot hold more than your own role (${actor.role}); choose a role with fewer permissions.`,
        );
      }
      const token = newSecret(TOKEN_PREFIX, 32);
      const expiresAt =
        input.expiresInDays === null ? null : new Date(now().getTime() + input.expiresInDays * 86_400_000);
      return db.transaction().execute(async (trx) => {
        const record = await apiTokens.insert(
          {
            workspaceId: actor.workspaceId,
            userId: actor.userId,
            name: input.name,
            role: input.role,
            tokenHash: hashSecret(token),
            prefix: token.slice(0, TOKEN_PREFIX.length + 6),
            expiresAt,
          },
          trx,
        );
        await audit.insert(
          {
            workspaceId: actor.workspaceId,
            actorUserId: actor.userId,
            actorEmail: actor.email,
            action: 'api_token.created',
            targetType: 'api_token',
            targetId: record.id,
            ip: actor.ip,
            outcome: 'success',
            details: { name: input.name, role: input.role },
          },
          trx,
        );
        return { token, record };
      });
    },

    async revoke(actor: ActorInWorkspace, tokenId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const record = await apiTokens.findInWorkspace(actor.workspaceId, tokenId, trx);
        if (!record || (record.userId !== actor.userId && !seesAll(actor))) throw notFound('API token');
        await apiTokens.revoke(actor.workspaceId, tokenId, now(), trx);
        await audit.insert(
          {
            workspaceId: actor.workspaceId,
            actorUserId: actor.userId,
            actorEmail: actor.email,
            action: 'api_token.revoked',
            targetType: 'api_token',
            targetId: tokenId,
            ip: actor.ip,
            outcome: 'success',
            details: { name: record.name },
          },
          trx,
        );
      });
    },
  };
}

export type ApiTokensService = ReturnType<typeof createApiTokensService>;
