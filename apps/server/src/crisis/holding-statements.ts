import { templateVariables } from '@sillage/contracts';
import { transition, type Publication, type PublicationEvent } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ApprovalsService } from '../approvals/approvals.service.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { PostsService } from '../publishing/posts.service.ts';
import type { PublicationsRepository } from '../publishing/publications.repository.ts';
import type { CrisisRepository, StatementRecord } from './crisis.repository.ts';

const run = (publication: Publication, events: readonly PublicationEvent[], now: Date) => {
  let current = publication;
  for (const event of events) {
    const result = transition(current, event, { now });
    if (!result.ok) return undefined;
    current = result.publication;
  }
  return current;
};

const wrongState = (statement: StatementRecord, expected: string) =>
  new AppError(
    409,
    'statement_state',
    `This statement is ${statement.status}; it must be ${expected} for this action.`,
    { status: statement.status },
  );

/**
 * Holding statements: written in the crisis room, submitted (a post with draft publications on the chosen
 * channels is created, and sent through the workspace's approval chain when it is on), approved or rejected
 * (through the chain's rules when it is on; otherwise by a member with content.approve), then published now
 * through the normal publishing path. An approved statement is exempt from the publishing pause.
 */
export function createHoldingStatements(deps: {
  db: Kysely<DB>;
  crises: CrisisRepository;
  posts: PostsService;
  publications: PublicationsRepository;
  approvals: ApprovalsService;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, crises, posts, approvals, audit, now } = deps;

  async function log(
    actor: ActorInWorkspace,
    crisisId: string,
    action: string,
    statementId: string,
    details: Record<string, unknown>,
    executor: Kysely<DB> = db,
  ) {
    const at = now();
    await crises.addEvent(
      {
        workspaceId: actor.workspaceId,
        crisisId,
        at,
        actorId: actor.userId,
        kind: action,
        details: { statementId, ...details },
      },
      executor,
    );
    await audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: 'crisis_statement',
        targetId: statementId,
        ip: actor.ip,
        outcome: 'success',
        details: { crisisId, ...details },
      },
      executor,
    );
  }

  async function openCrisis(actor: ActorInWorkspace, crisisId: string) {
    const crisis = await crises.find(actor.workspaceId, crisisId);
    if (!crisis) throw notFound('crisis');
    if (crisis.status !== 'open')
      throw new AppError(409, 'crisis_closed', 'This crisis is closed; reopen nothing, open a new crisis instead.');
    return crisis;
  }

  async function statementOf(actor: ActorInWorkspace, crisisId: string, id: string) {
    const statement = await crises.findStatement(actor.workspaceId, crisisId, id);
    if (!statement) throw notFound('statement');
    return statement;
  }

  /** Whether the post went through the workspace's approval chain (it has an approval round). */
  async function throughChain(workspaceId: string, postId: string | null) {
    if (!postId) return false;
    const round = await db
      .selectFrom('approval_rounds')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('post_id', '=', postId)
      .executeTakeFirst();
    return round !== undefined;
  }

  return {
    throughChain,

    async draft(
      actor: ActorInWorkspace,
      crisisId: string,
      input: { language: 'fr' | 'en'; text: string; channelIds: string[] },
    ): Promise<string> {
      await openCrisis(actor, crisisId);
      // The channels and each network's rules are checked now, with nothing written (posts.validate).
      await posts.validate(actor, { text: input.text, channelIds: input.channelIds });
      return db.transaction().execute(async (trx) => {
        const id = await crises.insertStatement(
          { workspaceId: actor.workspaceId, crisisId, ...input, createdBy: actor.userId, at: now() },
          trx,
        );
        await log(actor, crisisId, 'statement.drafted', id, { language: input.language }, trx);
        return id;
      });
    },

    async submit(actor: ActorInWorkspace, crisisId: string, id: string): Promise<void> {
      await openCrisis(actor, crisisId);
      const statement = await statementOf(actor, crisisId, id);
      if (statement.status !== 'draft') throw wrongState(statement, 'a draft');
      if (statement.channelIds.length === 0)
        throw badRequest('no_channels', 'Choose at least one channel for the statement before submitting it.', [
          { path: 'channelIds', message: 'Choose at least one channel.' },
        ]);
      const unfilled = templateVariables(statement.text);
      if (unfilled.length)
        throw badRequest(
          'template_variables',
          `Fill in the template's variables before submitting: ${unfilled.map((name) => `{{${name}}}`).join(', ')}.`,
          unfilled.map((name) => ({ path: 'text', message: `{{${name}}} is not filled in` })),
        );
      // The post is created once; a submission that failed after it reuses it.
      let postId = statement.postId;
      if (!postId) {
        const post = await posts.create(actor, { text: statement.text, channelIds: statement.channelIds });
        postId = post.id;
        await crises.setStatement(actor.workspaceId, id, { status: 'draft', postId });
      }
      const chain = (await approvals.policyOf(actor.workspaceId)).enabled;
      if (chain) await approvals.submit(actor, postId, { language: statement.language });
      await db.transaction().execute(async (trx) => {
        await crises.setStatement(
          actor.workspaceId,
          id,
          { status: 'submitted', submittedBy: actor.userId, submittedAt: now() },
          trx,
        );
        await log(actor, crisisId, 'statement.submitted', id, { postId, approvalChain: chain }, trx);
      });
    },

    async decide(
      actor: ActorInWorkspace,
      crisisId: string,
      id: string,
      input: { decision: 'approve' | 'reject'; comment: string },
    ): Promise<void> {
      await openCrisis(actor, crisisId);
      const statement = await statementOf(actor, crisisId, id);
      if (statement.status !== 'submitted' || !statement.postId) throw wrongState(statement, 'submitted');
      if (input.decision === 'reject' && !input.comment)
        throw badRequest('comment_required', 'Say what should change, so the author knows what to do.', [
          { path: 'comment', message: 'Say what should change.' },
        ]);
      const postId = statement.postId;
      let outcome: 'approved' | 'rejected' | 'pending';
      if (await throughChain(actor.workspaceId, postId)) {
        // The chain decides who may approve each step (403 otherwise) and whether the post is approved.
        const status = await approvals.decide(actor, postId, {
          decision: input.decision === 'approve' ? 'approve' : 'request_changes',
          comment: input.comment,
        });
        const round = status.round?.status;
        outcome = round === 'approved' ? 'approved' : round === 'changes_requested' ? 'rejected' : 'pending';
      } else {
        outcome = input.decision === 'approve' ? 'approved' : 'rejected';
        if (outcome === 'approved')
          await db.transaction().execute(async (trx) => {
            for (const row of await deps.publications.lockOfPost(trx, actor.workspaceId, postId)) {
              const next = run(row, [{ type: 'submit' }, { type: 'approve' }], now());
              if (next) await deps.publications.save(row.id, { state: row.state, fence: row.fence }, next, trx);
            }
          });
      }
      if (outcome === 'rejected') await posts.cancel(actor, postId);
      await db.transaction().execute(async (trx) => {
        if (outcome !== 'pending')
          await crises.setStatement(
            actor.workspaceId,
            id,
            { status: outcome, decidedBy: actor.userId, decidedAt: now(), decisionComment: input.comment },
            trx,
          );
        const action =
          outcome === 'approved'
            ? 'statement.approved'
            : outcome === 'rejected'
              ? 'statement.rejected'
              : 'statement.step_approved';
        await log(actor, crisisId, action, id, { postId, comment: input.comment }, trx);
      });
    },

    /** Publishes the approved statement now, through the normal publishing path (exempt from the pause). */
    async publish(actor: ActorInWorkspace, crisisId: string, id: string): Promise<void> {
      await openCrisis(actor, crisisId);
      const statement = await statementOf(actor, crisisId, id);
      if (statement.status !== 'approved' || !statement.postId) throw wrongState(statement, 'approved');
      await posts.publishNow(actor, statement.postId);
      await db.transaction().execute(async (trx) => {
        await crises.setStatement(
          actor.workspaceId,
          id,
          { status: 'published', publishedBy: actor.userId, publishedAt: now() },
          trx,
        );
        await log(actor, crisisId, 'statement.published', id, { postId: statement.postId }, trx);
      });
    },
  };
}

export type HoldingStatements = ReturnType<typeof createHoldingStatements>;
