import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, type InboxItemRef } from '@sillage/connectors';
import { inboxConversations, inboxKpis, messagingWindow, type BusinessHours, type LocalTime } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { rowsInScope, scopeChannelFilter } from '../scopes/scope.ts';
import type { InboxChannels } from './inbox-channels.ts';
import type { InboxFilters, InboxItemRecord, InboxRepository, InboxStatus } from './inbox.repository.ts';

type InboxPriority = 'low' | 'normal' | 'high' | 'urgent';

/** One action a moderation rule took on an item. */
export type InboxRuleActionRecord = {
  ruleId: string | null;
  ruleName: string;
  action: 'hide' | 'tag' | 'assign' | 'priority' | 'spam';
  value: string | null;
  outcome: 'applied' | 'pending' | 'failed';
  error: string | null;
  appliedAt: Date;
};

/** Networks where a DM may be answered only within 24 hours of the person's last message. */
const windowedNetworks = new Set(['facebook', 'instagram']);
const historyLimit = 20;

/** What a connector needs to act on a stored item. */
export const refOf = (item: InboxItemRecord): InboxItemRef => ({
  networkItemId: item.networkItemId,
  kind: item.kind,
  threadKey: item.threadKey,
  replyContext: Object.fromEntries(
    Object.entries(item.replyContext).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  ),
});

/** What a network's refusal means for the person who clicked. */
function networkFailure(error: unknown, action: string, at: Date): AppError {
  if (error instanceof Rejected)
    return new AppError(422, 'network_rejected', `The network refused to ${action}: ${error.reason}`);
  if (error instanceof AuthExpired)
    return new AppError(409, 'channel_needs_reconnect', `The channel must be reconnected before you can ${action}.`);
  if (error instanceof RateLimited)
    return new AppError(
      429,
      'network_rate_limited',
      `The network asks to wait before you ${action}; try again after ${error.retryAt.toISOString()}.`,
      undefined,
      { 'retry-after': String(Math.max(1, Math.ceil((error.retryAt.getTime() - at.getTime()) / 1000))) },
    );
  if (error instanceof OutcomeUnknown)
    return new AppError(
      502,
      'network_outcome_unknown',
      `The network did not confirm; check on the network whether it worked before you ${action} again.`,
    );
  return new AppError(502, 'network_unavailable', `The network could not be reached to ${action}; try again.`);
}

/** The inbox as people use it: lists, detail, triage, notes, replies, hiding and the community KPIs. */
export function createInboxService(deps: {
  db: Kysely<DB>;
  inbox: InboxRepository;
  channels: InboxChannels;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  now: () => Date;
  /** What the moderation rules did to an item (inbox rules). */
  ruleActionsOf?: ((workspaceId: string, itemId: string) => Promise<InboxRuleActionRecord[]>) | undefined;
}) {
  const { db, inbox, audit, now } = deps;

  const audited = (
    actor: ActorInWorkspace,
    action: string,
    itemId: string,
    details: Record<string, unknown>,
    executor: Executor,
  ) =>
    audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: 'inbox_item',
        targetId: itemId,
        ip: actor.ip,
        outcome: 'success',
        details,
      },
      executor,
    );

  async function itemOf(actor: ActorInWorkspace, itemId: string): Promise<InboxItemRecord> {
    const item = await inbox.find(actor.workspaceId, itemId);
    if (!item) throw notFound('inbox item');
    return item;
  }

  async function replyWindow(item: InboxItemRecord): Promise<{ open: boolean; closesAt: Date | null }> {
    if (item.kind !== 'dm' || !windowedNetworks.has(item.network)) return { open: true, closesAt: null };
    const last = (await inbox.lastInboundInThread(item.workspaceId, item.channelId, item.threadKey)) ?? item.createdAt;
    return messagingWindow(last, now());
  }

  async function connectorFor(item: InboxItemRecord) {
    const opened = await deps.channels.open(item.channelId);
    const connector = opened && deps.channels.connectorOf(opened.channel.network);
    if (!opened || opened.channel.workspaceId !== item.workspaceId) throw notFound('channel');
    if (opened.channel.status !== 'active')
      throw new AppError(409, 'channel_needs_reconnect', `Reconnect ${opened.channel.displayName} first.`);
    return { connector, context: opened.context };
  }

  return {
    now,

    list: (actor: ActorInWorkspace, filters: InboxFilters) =>
      inbox.list(actor.workspaceId, { ...filters, channelIds: scopeChannelFilter(actor.scope) }),

    async detail(actor: ActorInWorkspace, itemId: string) {
      const item = await itemOf(actor, itemId);
      const [replies, notes, authorHistory, window, ruleActions] = await Promise.all([
        inbox.replies(actor.workspaceId, item.id),
        inbox.notes(actor.workspaceId, item.id),
        inbox.authorHistory(actor.workspaceId, item, historyLimit),
        replyWindow(item),
        deps.ruleActionsOf?.(actor.workspaceId, item.id) ?? [],
      ]);
      return { item, replies, notes, authorHistory, replyWindow: window, ruleActions };
    },

    async update(
      actor: ActorInWorkspace,
      itemId: string,
      changes: {
        status?: InboxStatus | undefined;
        assigneeId?: string | null | undefined;
        tags?: string[] | undefined;
        spam?: boolean | undefined;
        priority?: InboxPriority | null | undefined;
      },
    ) {
      const item = await itemOf(actor, itemId);
      if (changes.assigneeId && !(await deps.workspaces.findMembership(actor.workspaceId, changes.assigneeId)))
        throw badRequest(
          'assignee_not_member',
          'assigneeId: this person is not a member of the workspace; pick a member.',
        );
      const tags = changes.tags && [...new Set(changes.tags.map((tag) => tag.trim()))];
      await db.transaction().execute(async (trx) => {
        await inbox.update(
          actor.workspaceId,
          item.id,
          {
            ...(changes.status === undefined ? {} : { status: changes.status }),
            ...(changes.assigneeId === undefined ? {} : { assigneeId: changes.assigneeId }),
            ...(tags === undefined ? {} : { tags }),
            ...(changes.spam === undefined ? {} : { spam: changes.spam }),
            ...(changes.priority === undefined ? {} : { priority: changes.priority }),
          },
          trx,
        );
        await audited(actor, 'inbox.item_updated', item.id, { ...changes }, trx);
      });
      return itemOf(actor, itemId);
    },

    async addNote(actor: ActorInWorkspace, itemId: string, text: string) {
      const item = await itemOf(actor, itemId);
      return db.transaction().execute(async (trx) => {
        const note = await inbox.addNote(
          { workspaceId: actor.workspaceId, itemId: item.id, authorId: actor.userId, text, at: now() },
          trx,
        );
        await audited(actor, 'inbox.note_added', item.id, { noteId: note.id }, trx);
        return note;
      });
    },

    /** Answers on the network through the channel's connector, then stores the reply with the network's id. */
    async reply(
      actor: ActorInWorkspace,
      itemId: string,
      text: string,
      /** The newest reply the sender saw (null: none); undefined skips the check (API clients that send none). */
      seen: { lastSeenReplyId?: string | null | undefined; confirm?: boolean | undefined } = {},
    ) {
      const item = await itemOf(actor, itemId);
      if (seen.lastSeenReplyId !== undefined && !seen.confirm) {
        const replies = await inbox.replies(actor.workspaceId, item.id);
        const newer = replies.at(-1);
        if (newer && newer.id !== seen.lastSeenReplyId) {
          const author = newer.authorId
            ? await deps.workspaces.findMember(actor.workspaceId, newer.authorId)
            : undefined;
          throw new AppError(
            409,
            'reply_conflict',
            `${author?.name ?? 'Someone'} already replied at ${newer.sentAt.toISOString()} since you opened this item: ` +
              'read their reply, then send yours again with confirm to send it anyway.',
            { reply: { id: newer.id, authorId: newer.authorId, text: newer.text, sentAt: newer.sentAt.toISOString() } },
          );
        }
      }
      const window = await replyWindow(item);
      if (!window.open)
        throw new AppError(
          422,
          'messaging_window_closed',
          `This conversation's 24-hour reply window closed at ${window.closesAt?.toISOString()}: ` +
            `${item.network === 'instagram' ? 'Instagram' : 'Messenger'} only lets a business answer within 24 hours ` +
            "of the person's last message. Wait for them to write again, or answer them elsewhere.",
          { closesAt: window.closesAt?.toISOString() },
        );
      const { connector, context } = await connectorFor(item);
      if (!connector?.replyToItem)
        throw new AppError(422, 'reply_not_supported', `Answering is not available on ${item.network} yet.`);
      let networkId: string;
      try {
        const reply = connector.replyToItem.bind(connector);
        networkId = (
          await deps.channels.withFreshToken(item.channelId, context, (fresh) => reply(fresh, refOf(item), text))
        ).networkId;
      } catch (error) {
        throw networkFailure(error, 'send this reply', now());
      }
      return db.transaction().execute(async (trx) => {
        const reply = await inbox.addReply(
          {
            workspaceId: actor.workspaceId,
            itemId: item.id,
            authorId: actor.userId,
            text,
            networkReplyId: networkId,
            at: now(),
          },
          trx,
        );
        await audited(actor, 'inbox.replied', item.id, { replyId: reply.id, networkReplyId: networkId }, trx);
        return reply;
      });
    },

    async hide(actor: ActorInWorkspace, itemId: string, hidden: boolean) {
      const item = await itemOf(actor, itemId);
      const { connector, context } = await connectorFor(item);
      if (!connector?.hideItem || item.kind === 'dm')
        throw new AppError(422, 'hide_not_supported', `Hiding this ${item.kind} is not possible on ${item.network}.`);
      try {
        const hide = connector.hideItem.bind(connector);
        await deps.channels.withFreshToken(item.channelId, context, (fresh) => hide(fresh, refOf(item), hidden));
      } catch (error) {
        throw networkFailure(error, hidden ? 'hide this item' : 'show this item again', now());
      }
      await db.transaction().execute(async (trx) => {
        await inbox.update(actor.workspaceId, item.id, { hidden }, trx);
        await audited(actor, hidden ? 'inbox.item_hidden' : 'inbox.item_unhidden', item.id, {}, trx);
      });
      return itemOf(actor, itemId);
    },

    /** Volume, response rate and median first response in business hours of the workspace's zone. */
    async kpis(
      actor: ActorInWorkspace,
      input: { from: Date; to: Date; hours: readonly { start: string; end: string }[] },
    ) {
      if (!(input.to.getTime() > input.from.getTime())) throw badRequest('invalid_range', '"to" must be after "from".');
      const workspace = await deps.workspaces.findById(actor.workspaceId);
      if (!workspace) throw notFound('workspace');
      const day: { start: LocalTime; end: LocalTime }[] = input.hours.map((interval) => ({ ...interval }));
      const hours: BusinessHours = { timeZone: workspace.timeZone, weekly: { 1: day, 2: day, 3: day, 4: day, 5: day } };
      const rows = rowsInScope(
        actor.scope,
        await inbox.activity(actor.workspaceId, { from: input.from, to: input.to }),
        (row) => row.channelId,
      );
      const conversations = inboxConversations(
        rows.map((row) => ({
          itemId: row.id,
          channelId: row.channelId,
          threadKey: row.threadKey,
          createdAt: new Date(row.createdAt),
          assigneeId: row.assigneeId,
          replyAuthorId: row.replyAuthorId,
          replySentAt: row.replySentAt === null ? null : new Date(row.replySentAt),
          sentiment: row.sentiment,
        })),
      );
      return { timeZone: workspace.timeZone, ...inboxKpis(conversations, hours) };
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
