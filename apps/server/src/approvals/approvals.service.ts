import {
  approvalState,
  checkEditorialLine,
  defaultApprovalPolicy,
  mayDecide,
  transition,
  validateApprovalPolicy,
  validateEditorialLine,
  zonedToUtc,
  type ApprovalPolicy,
  type EditorialIssue,
  type EditorialLine,
  type Publication,
  type PublicationEvent,
} from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { hashSecret, newSecret } from '../security/tokens.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { PublicationsRepository } from '../publishing/publications.repository.ts';
import type { ApprovalsRepository } from './approvals.repository.ts';
import { asChainDecisions, describeEditorialIssue, presentDecisions, presentRound } from './approvals.presenters.ts';

export type EditorialIssueWithChannel = { issue: EditorialIssue; channelId: string | null };

const run = (publication: Publication, events: readonly PublicationEvent[], now: Date) => {
  let current = publication;
  for (const event of events) {
    const result = transition(current, event, { now });
    if (!result.ok) return undefined;
    current = result.publication;
  }
  return current;
};

/**
 * Approvals: the workspace's chain of steps and editorial line; submitting a post moves its drafts to review,
 * each decision is recorded, the last approval schedules the post at its local time, a request for changes
 * sends it back to draft. A post that breaks a blocking rule of the editorial line cannot be approved. Clients
 * decide through expiring links, without an account.
 */
export function createApprovalsService(deps: {
  db: Kysely<DB>;
  approvals: ApprovalsRepository;
  publications: PublicationsRepository;
  audit: AuditRepository;
  publicUrl: () => string;
  now: () => Date;
}) {
  const { db, approvals, publications, audit, now } = deps;

  async function record(
    workspaceId: string,
    actor: { userId: string | null; email: string | null; ip: string },
    action: string,
    targetId: string,
    details: Record<string, unknown>,
    executor: Kysely<DB>,
  ) {
    await audit.insert(
      {
        workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: 'post',
        targetId,
        ip: actor.ip,
        outcome: 'success',
        details,
      },
      executor,
    );
  }

  const policyOf = async (workspaceId: string, executor: Kysely<DB> = db) =>
    (await approvals.policy(workspaceId, executor)) ?? defaultApprovalPolicy;

  /** Every editorial issue of the post: its text and each channel's own text, with the post's flags. */
  async function editorialIssues(
    workspaceId: string,
    postId: string,
    executor: Kysely<DB> = db,
  ): Promise<EditorialIssueWithChannel[]> {
    const line = await approvals.editorialLine(workspaceId, executor);
    const post = await approvals.postFlags(workspaceId, postId, executor);
    if (!line || !post) return [];
    const options = { sponsored: post.sponsored, isAd: post.isAd, language: post.language ?? 'fr' };
    const found: EditorialIssueWithChannel[] = [];
    const rows = await approvals.publicationsWithChannels(workspaceId, postId, executor);
    const texts = new Map<string | null, string>();
    for (const row of rows) {
      const content = row.content as { text?: string; threadParts?: { text: string }[]; firstComment?: string } | null;
      const text = [
        content?.text ?? post.text,
        ...(content?.threadParts ?? []).map((part) => part.text),
        content?.firstComment ?? '',
      ].join('\n');
      texts.set(row.channelId, text);
    }
    if (rows.length === 0) texts.set(null, post.text);
    for (const [channelId, text] of texts)
      for (const issue of checkEditorialLine(text, line, options)) found.push({ issue, channelId });
    return found;
  }

  async function moveTargets(
    workspaceId: string,
    postId: string,
    from: Publication['state'],
    events: (row: {
      timeZone: string | null;
      localDate: string | null;
      localTime: string | null;
    }) => PublicationEvent[],
    trx: Kysely<DB>,
    wallClock?: { timeZone: string; localDate: string; localTime: string },
  ): Promise<number> {
    let moved = 0;
    for (const row of await publications.lockOfPost(trx, workspaceId, postId)) {
      if (row.state !== from) continue;
      const next = run(row, events(row), now());
      if (!next) continue;
      await publications.save(row.id, { state: row.state, fence: row.fence }, next, trx, wallClock);
      moved += 1;
    }
    return moved;
  }

  /** The final approval: approve each target, and schedule it at its local time when that time is still ahead. */
  async function approveTargets(workspaceId: string, postId: string, trx: Kysely<DB>) {
    let scheduled = 0;
    let waiting = 0;
    for (const row of await publications.lockOfPost(trx, workspaceId, postId)) {
      if (row.state !== 'in_review') continue;
      const events: PublicationEvent[] = [{ type: 'approve' }];
      if (row.localDate && row.localTime && row.timeZone) {
        const instant = zonedToUtc({ date: row.localDate, time: row.localTime, timeZone: row.timeZone });
        if (instant.ok && instant.instant.getTime() > now().getTime()) {
          events.push({ type: 'schedule', scheduledAt: instant.instant });
          scheduled += 1;
        } else waiting += 1;
      } else waiting += 1;
      const next = run(row, events, now());
      if (next) await publications.save(row.id, { state: row.state, fence: row.fence }, next, trx);
    }
    return { scheduled, waiting };
  }

  async function decideIn(
    workspaceId: string,
    postId: string,
    who: { kind: 'member'; actor: ActorInWorkspace } | { kind: 'client'; linkId: string; label: string; ip: string },
    input: { decision: 'approve' | 'request_changes'; comment: string },
  ) {
    return db.transaction().execute(async (trx) => {
      if (!(await approvals.postFlags(workspaceId, postId, trx))) throw notFound('post');
      const round = await approvals.latestRound(workspaceId, postId, trx, true);
      if (!round || round.status !== 'pending')
        throw new AppError(409, 'not_in_review', 'This post is not waiting for approval; submit it first.');
      const decisions = await approvals.decisions(workspaceId, round.id, trx);
      const state = approvalState(round.policy, asChainDecisions(decisions));
      const allowed = mayDecide(
        round.policy,
        state,
        who.kind === 'member'
          ? { kind: 'member', userId: who.actor.userId, role: who.actor.role }
          : { kind: 'client', linkId: who.linkId },
      );
      if (!allowed.ok) throw forbidden(allowed.reason);
      if (input.decision === 'request_changes' && !input.comment)
        throw badRequest('comment_required', 'Say what should change, so the author knows what to do.', [
          { path: 'body.comment', message: 'Say what should change.' },
        ]);
      if (input.decision === 'approve') {
        const blocking = (await editorialIssues(workspaceId, postId, trx)).filter(
          (found) => found.issue.severity === 'block',
        );
        if (blocking.length)
          throw new AppError(
            409,
            'editorial_blocked',
            `This post cannot be approved: ${blocking.map((found) => describeEditorialIssue(found.issue)).join(' ')}`,
            blocking.map((found) => ({
              code: found.issue.code,
              channelId: found.channelId,
              message: describeEditorialIssue(found.issue),
            })),
          );
      }
      const at = now();
      await approvals.addDecision(
        workspaceId,
        {
          roundId: round.id,
          step: state.status === 'pending' ? state.step : 0,
          decision: input.decision,
          comment: input.comment,
          userId: who.kind === 'member' ? who.actor.userId : null,
          linkId: who.kind === 'client' ? who.linkId : null,
          at,
        },
        trx,
      );
      const after = approvalState(
        round.policy,
        asChainDecisions(await approvals.decisions(workspaceId, round.id, trx)),
      );
      let outcome: { scheduled: number; waiting: number } | undefined;
      if (after.status === 'approved') {
        await approvals.closeRound(workspaceId, round.id, 'approved', at, trx);
        outcome = await approveTargets(workspaceId, postId, trx);
      } else if (after.status === 'changes_requested') {
        await approvals.closeRound(workspaceId, round.id, 'changes_requested', at, trx);
        await moveTargets(workspaceId, postId, 'in_review', () => [{ type: 'reject', reason: input.comment }], trx);
      }
      const actor =
        who.kind === 'member'
          ? { userId: who.actor.userId, email: who.actor.email, ip: who.actor.ip }
          : { userId: null, email: `client link: ${who.label}`, ip: who.ip };
      await record(
        workspaceId,
        actor,
        input.decision === 'approve' ? 'post.approved' : 'post.changes_requested',
        postId,
        {
          step: state.status === 'pending' ? state.step : null,
          comment: input.comment,
          status: after.status,
          ...outcome,
        },
        trx,
      );
      return after;
    });
  }

  async function linkFromToken(token: string) {
    const link = await approvals.linkByTokenHash(hashSecret(token));
    if (!link || link.revokedAt) throw notFound('approval link');
    if (link.expiresAt.getTime() <= now().getTime())
      throw new AppError(410, 'link_expired', 'This approval link has expired; ask the team for a new one.');
    return link;
  }

  async function statusOf(workspaceId: string, postId: string) {
    const policy = await policyOf(workspaceId);
    const round = await approvals.latestRound(workspaceId, postId);
    const decisions = round ? await approvals.decisions(workspaceId, round.id) : [];
    const state = round ? approvalState(round.policy, asChainDecisions(decisions)) : undefined;
    const names = await approvals.memberNames(workspaceId, state?.status === 'pending' ? state.waitingFor : []);
    return { policy, round, decisions, state, waitingNames: [...names.values()] };
  }

  return {
    policyOf,
    editorialIssues,
    describeEditorialIssue,

    async setPolicy(actor: ActorInWorkspace, policy: ApprovalPolicy): Promise<ApprovalPolicy> {
      const problems = validateApprovalPolicy(policy);
      if (problems.length)
        throw new AppError(
          400,
          'invalid_policy',
          problems.map((problem) => `${problem.field}: ${problem.reason}`).join(' '),
          problems.map((problem) => ({ path: `body.${problem.field}`, message: problem.reason })),
        );
      const members = await approvals.memberNames(
        actor.workspaceId,
        policy.steps.flatMap((step) => step.userIds),
      );
      const strangers = policy.steps.flatMap((step) => step.userIds).filter((id) => !members.has(id));
      if (strangers.length)
        throw badRequest('unknown_approver', 'Every approver must be a member of this workspace.', {
          userIds: strangers,
        });
      await db.transaction().execute(async (trx) => {
        await approvals.savePolicy(actor.workspaceId, policy, actor.userId, now(), trx);
        await record(actor.workspaceId, actor, 'approval_policy.updated', actor.workspaceId, { ...policy }, trx);
      });
      return policy;
    },

    editorialLine: (workspaceId: string) => approvals.editorialLine(workspaceId),

    async setEditorialLine(actor: ActorInWorkspace, line: EditorialLine): Promise<EditorialLine> {
      const problems = validateEditorialLine(line);
      if (problems.length)
        throw new AppError(
          400,
          'invalid_editorial_line',
          `Some fields of the editorial line are not valid (${problems.map((problem) => problem.field).join(', ')}).`,
          problems.map((problem) => ({
            path: `body.${problem.field.replace(/^editorialLine\.?/, '')}`,
            message: problem.reason,
          })),
        );
      await db.transaction().execute(async (trx) => {
        await approvals.saveEditorialLine(actor.workspaceId, line, actor.userId, now(), trx);
        await record(actor.workspaceId, actor, 'editorial_line.updated', actor.workspaceId, {}, trx);
      });
      return line;
    },

    /** Sends the post's drafts for approval under the workspace's current chain (a snapshot of it). */
    async submit(
      actor: ActorInWorkspace,
      postId: string,
      flags: {
        sponsored?: boolean | undefined;
        isAd?: boolean | undefined;
        language?: 'fr' | 'en' | undefined;
        schedule?: { date: string; time: string; timeZone: string } | undefined;
      },
    ) {
      const { schedule } = flags;
      if (schedule) {
        const instant = zonedToUtc(schedule);
        if (!instant.ok) throw badRequest(instant.reason, instant.message, instant);
        if (instant.instant.getTime() <= now().getTime())
          throw badRequest('scheduled_in_past', 'This time has already passed; choose a later one.');
      }
      await db.transaction().execute(async (trx) => {
        const post = await approvals.postFlags(actor.workspaceId, postId, trx);
        if (!post) throw notFound('post');
        const policy = await policyOf(actor.workspaceId, trx);
        if (!policy.enabled)
          throw new AppError(
            409,
            'approvals_off',
            'This workspace has no approval workflow; schedule the post, or set up approvals first.',
          );
        const latest = await approvals.latestRound(actor.workspaceId, postId, trx, true);
        if (latest?.status === 'pending')
          throw new AppError(409, 'already_in_review', 'This post is already waiting for approval.');
        await approvals.setPostFlags(actor.workspaceId, postId, flags, trx);
        const moved = await moveTargets(
          actor.workspaceId,
          postId,
          'draft',
          () => [{ type: 'submit' }],
          trx,
          schedule && { timeZone: schedule.timeZone, localDate: schedule.date, localTime: schedule.time },
        );
        if (moved === 0)
          throw new AppError(
            409,
            'nothing_to_submit',
            'None of this post’s publications is a draft; only drafts are sent for approval.',
          );
        await approvals.openRound(actor.workspaceId, postId, policy, actor.userId, now(), trx);
        await record(actor.workspaceId, actor, 'post.submitted', postId, { steps: policy.steps.length }, trx);
      });
      return this.status(actor.workspaceId, postId);
    },

    async decide(
      actor: ActorInWorkspace,
      postId: string,
      input: { decision: 'approve' | 'request_changes'; comment: string },
    ) {
      await decideIn(actor.workspaceId, postId, { kind: 'member', actor }, input);
      return this.status(actor.workspaceId, postId);
    },

    async createClientLink(actor: ActorInWorkspace, postId: string, input: { label: string; expiresInDays: number }) {
      const post = await approvals.postFlags(actor.workspaceId, postId);
      if (!post) throw notFound('post');
      const token = newSecret('', 32);
      const expiresAt = new Date(now().getTime() + input.expiresInDays * 86_400_000);
      const id = await db.transaction().execute(async (trx) => {
        const created = await approvals.createLink(
          {
            workspaceId: actor.workspaceId,
            postId,
            tokenHash: hashSecret(token),
            label: input.label,
            createdBy: actor.userId,
            expiresAt,
          },
          trx,
        );
        await record(actor.workspaceId, actor, 'approval_link.created', postId, { label: input.label, expiresAt }, trx);
        return created;
      });
      return { id, url: `${deps.publicUrl().replace(/\/$/, '')}/approve/${token}`, expiresAt };
    },

    async status(workspaceId: string, postId: string) {
      if (!(await approvals.postFlags(workspaceId, postId))) throw notFound('post');
      const { policy, round, decisions, state, waitingNames } = await statusOf(workspaceId, postId);
      return {
        postId,
        policyEnabled: policy.enabled,
        round: round ? presentRound(round, decisions, state, waitingNames) : null,
        editorialIssues: (await editorialIssues(workspaceId, postId)).map((found) => ({
          code: found.issue.code,
          severity: found.issue.severity,
          message: describeEditorialIssue(found.issue),
          channelId: found.channelId,
        })),
        links: (await approvals.links(workspaceId, postId)).map((link) => ({
          id: link.id,
          label: link.label,
          expiresAt: link.expiresAt.toISOString(),
          revoked: link.revokedAt !== null,
          createdAt: link.createdAt.toISOString(),
        })),
      };
    },

    /** What the client sees through a link. */
    async viewByLink(token: string) {
      const link = await linkFromToken(token);
      const post = await approvals.postFlags(link.workspaceId, link.postId);
      if (!post) throw notFound('approval link');
      const { round, decisions, state } = await statusOf(link.workspaceId, link.postId);
      const step = state?.status === 'pending' ? round!.policy.steps[state.step] : undefined;
      return {
        workspaceName: await approvals.workspaceName(link.workspaceId),
        label: link.label,
        expiresAt: link.expiresAt.toISOString(),
        text: post.text,
        status: round?.status ?? ('withdrawn' as const),
        stepName: step?.name ?? null,
        mayDecide:
          state !== undefined &&
          round !== undefined &&
          mayDecide(round.policy, state, { kind: 'client', linkId: link.id }).ok,
        publications: (await approvals.publicationsWithChannels(link.workspaceId, link.postId)).map((row) => ({
          network: row.network,
          channelName: row.channelName,
          content: (row.content ?? { format: 'text', text: post.text, media: [] }) as never,
          localDate: row.localDate,
          localTime: row.localTime,
          timeZone: row.timeZone,
        })),
        decisions: round ? presentDecisions(round, decisions) : [],
      };
    },

    async decideByLink(token: string, input: { decision: 'approve' | 'request_changes'; comment: string }, ip: string) {
      const link = await linkFromToken(token);
      await decideIn(link.workspaceId, link.postId, { kind: 'client', linkId: link.id, label: link.label, ip }, input);
      return this.viewByLink(token);
    },
  };
}

export type ApprovalsService = ReturnType<typeof createApprovalsService>;
