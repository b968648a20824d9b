import { mayGrantRole } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { ClientRecord, MemberScopeRecord, ScopesRepository } from './scopes.repository.ts';

/** Outside a scoped member's reach: the same answer as for another workspace's object, so nothing leaks. */
const unscopedOnly = () =>
  forbidden(
    "Only a member who sees the whole workspace may change clients and their channels; you are scoped to some of the workspace's clients.",
  );

/**
 * Clients of an agency workspace, the client of each channel, and members' scopes. Scoped callers see only their
 * clients; only unscoped members change clients; nobody gives a scope wider than their own; every change is audited.
 */
export function createScopesService(deps: {
  db: Kysely<DB>;
  scopes: ScopesRepository;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, scopes, workspaces, audit, now } = deps;

  async function record(
    actor: ActorInWorkspace,
    action: string,
    targetType: string,
    targetId: string,
    details: Record<string, unknown>,
    executor: Kysely<DB>,
  ) {
    await audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType,
        targetId,
        ip: actor.ip,
        outcome: 'success',
        details,
      },
      executor,
    );
  }

  /** A client as the caller may see it: scoped callers see only their clients and their visible channels. */
  function visibleClient(actor: ActorInWorkspace, client: ClientRecord): ClientRecord | undefined {
    const scope = actor.scope;
    if (!scope) return client;
    if (!scope.clientIds.includes(client.id)) return undefined;
    return { ...client, channelIds: client.channelIds.filter((id) => scope.visibleChannelIds.has(id)) };
  }

  async function ensureNameFree(actor: ActorInWorkspace, name: string, exceptId: string | null, trx: Kysely<DB>) {
    if (await scopes.nameTaken(actor.workspaceId, name, exceptId, trx))
      throw new AppError(
        409,
        'client_name_taken',
        `A client named "${name}" already exists here; choose another name.`,
        [{ path: 'body.name', message: 'Already used by another client' }],
      );
  }

  async function clientOf(actor: ActorInWorkspace, clientId: string, trx: Kysely<DB>) {
    const client = await scopes.findClient(actor.workspaceId, clientId, trx);
    const visible = client && visibleClient(actor, client);
    if (!visible) throw notFound('client');
    return visible;
  }

  /** A member's scope as the caller may see it (a scoped caller sees only the parts inside their own scope). */
  function visibleScope(actor: ActorInWorkspace, scope: MemberScopeRecord): MemberScopeRecord {
    const own = actor.scope;
    if (!own || !scope.scoped) return scope;
    return {
      ...scope,
      clientIds: scope.clientIds.filter((id) => own.clientIds.includes(id)),
      channelIds: scope.channelIds.filter((id) => own.visibleChannelIds.has(id)),
    };
  }

  return {
    async listClients(actor: ActorInWorkspace): Promise<ClientRecord[]> {
      const clients = await scopes.listClients(actor.workspaceId);
      return clients.flatMap((client) => visibleClient(actor, client) ?? []);
    },

    async createClient(actor: ActorInWorkspace, input: { name: string }): Promise<ClientRecord> {
      if (actor.scope) throw unscopedOnly();
      return db.transaction().execute(async (trx) => {
        await ensureNameFree(actor, input.name, null, trx);
        const id = await scopes.insertClient(actor.workspaceId, input.name, actor.userId, trx);
        await record(actor, 'client.created', 'client', id, { name: input.name }, trx);
        return clientOf(actor, id, trx);
      });
    },

    async renameClient(actor: ActorInWorkspace, clientId: string, input: { name: string }): Promise<ClientRecord> {
      return db.transaction().execute(async (trx) => {
        const before = await clientOf(actor, clientId, trx);
        if (actor.scope) throw unscopedOnly();
        await ensureNameFree(actor, input.name, clientId, trx);
        await scopes.renameClient(actor.workspaceId, clientId, input.name, now(), trx);
        await record(actor, 'client.renamed', 'client', clientId, { from: before.name, to: input.name }, trx);
        return clientOf(actor, clientId, trx);
      });
    },

    /** Deletes a client; its channels stay, without a client, and members scoped to it lose it from their scope. */
    async removeClient(actor: ActorInWorkspace, clientId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const client = await clientOf(actor, clientId, trx);
        if (actor.scope) throw unscopedOnly();
        await scopes.removeClient(actor.workspaceId, clientId, trx);
        await record(
          actor,
          'client.deleted',
          'client',
          clientId,
          { name: client.name, channelIds: client.channelIds },
          trx,
        );
      });
    },

    /** Puts a channel under a client of the same workspace, or under none (null). */
    async assignChannel(actor: ActorInWorkspace, channelId: string, clientId: string | null) {
      return db.transaction().execute(async (trx) => {
        const channel = await scopes.findChannel(actor.workspaceId, channelId, trx);
        if (!channel || (actor.scope && !actor.scope.visibleChannelIds.has(channelId))) throw notFound('channel');
        if (actor.scope) throw unscopedOnly();
        if (clientId) await clientOf(actor, clientId, trx);
        await scopes.setChannelClient(actor.workspaceId, channelId, clientId, trx);
        await record(
          actor,
          'channel.client_changed',
          'channel',
          channelId,
          { channel: channel.displayName, from: channel.clientId, to: clientId },
          trx,
        );
        return { channelId, clientId };
      });
    },

    channelClients: (workspaceId: string) => scopes.channelClients(workspaceId),

    async listMemberScopes(actor: ActorInWorkspace): Promise<MemberScopeRecord[]> {
      return (await scopes.listMemberScopes(actor.workspaceId)).map((scope) => visibleScope(actor, scope));
    },

    /**
     * Sets a member's scope. Owners always see the whole workspace; nobody changes the access of a member whose
     * role they could not grant; a scoped caller gives only parts of their own scope, to members already inside it.
     */
    async setMemberScope(
      actor: ActorInWorkspace,
      userId: string,
      input: { scoped: boolean; clientIds: readonly string[]; channelIds: readonly string[] },
    ): Promise<MemberScopeRecord> {
      const clientIds = [...new Set(input.clientIds)].sort();
      const channelIds = [...new Set(input.channelIds)].sort();
      if (!input.scoped && (clientIds.length > 0 || channelIds.length > 0))
        throw new AppError(
          400,
          'invalid_scope',
          'An unscoped member sees the whole workspace: send no clients or channels, or set "scoped" to true.',
          [{ path: 'body.scoped', message: 'Must be true when clients or channels are listed' }],
        );
      return db.transaction().execute(async (trx) => {
        await workspaces.lockWorkspace(actor.workspaceId, trx);
        const member = await workspaces.findMember(actor.workspaceId, userId, trx);
        if (!member) throw notFound('member');
        const before = (await scopes.findMemberScope(actor.workspaceId, userId, trx))!;
        const own = actor.scope;
        if (own && !before.scoped) throw notFound('member');
        if (own && !before.channelIds.every((id) => own.visibleChannelIds.has(id))) throw notFound('member');
        if (own && !before.clientIds.every((id) => own.clientIds.includes(id))) throw notFound('member');
        if (member.role === 'owner')
          throw new AppError(409, 'owner_scope', 'An owner always sees the whole workspace; make them admin first.');
        if (!mayGrantRole(actor.role, member.role))
          throw forbidden(
            `Your role (${actor.role}) cannot change the access of a member with the role ${member.role}.`,
          );
        if (own && !input.scoped)
          throw forbidden('You are scoped yourself: you may narrow a scope, not give the whole workspace.');
        const clients = await scopes.listClients(actor.workspaceId, trx);
        for (const id of clientIds)
          if (!clients.some((client) => client.id === id) || (own && !own.clientIds.includes(id)))
            throw notFound('client');
        for (const id of channelIds)
          if (!(await scopes.findChannel(actor.workspaceId, id, trx)) || (own && !own.visibleChannelIds.has(id)))
            throw notFound('channel');
        const next = input.scoped ? { clientIds, channelIds } : null;
        await scopes.setMemberScope(actor.workspaceId, userId, next, trx);
        await record(
          actor,
          'member.scope_changed',
          'user',
          userId,
          {
            from: before.scoped ? { clientIds: before.clientIds, channelIds: before.channelIds } : 'workspace',
            to: next ?? 'workspace',
          },
          trx,
        );
        return visibleScope(actor, (await scopes.findMemberScope(actor.workspaceId, userId, trx))!);
      });
    },

    resolve: (workspaceId: string, userId: string) => scopes.resolve(workspaceId, userId),
  };
}

export type ScopesService = ReturnType<typeof createScopesService>;
