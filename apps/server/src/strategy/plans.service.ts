import {
  buildPlan,
  diffPlans,
  planDocument,
  renderMarkdown,
  validatePlanAnswers,
  type Plan,
  type PlanChange,
  type PlanLocale,
} from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { describeFieldError, normalizeEditedPlan } from './plan-validation.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import type { PlanVersionRecord, PlansRepository } from './plans.repository.ts';

export type PlanVersionSummary = {
  version: number;
  kind: PlanVersionRecord['kind'];
  note: string;
  authorEmail: string | null;
  createdAt: string;
  changeCount: number;
};

export type PlanVersionView = PlanVersionSummary & { currentVersion: number; plan: Plan };

const summaryOf = (record: PlanVersionRecord, changeCount: number): PlanVersionSummary => ({
  version: record.version,
  kind: record.kind,
  note: record.note,
  authorEmail: record.authorEmail,
  createdAt: record.createdAt.toISOString(),
  changeCount,
});

/** A change as JSON carries it: the path segments are for the domain, the UI reads the path. */
const changeView = (change: PlanChange) => ({
  type: change.type,
  path: change.path,
  ...(change.before !== undefined ? { before: change.before } : {}),
  ...(change.after !== undefined ? { after: change.after } : {}),
});

/**
 * The workspace's SMM plan: generated from the builder's answers, edited and saved as immutable versions,
 * compared version to version, exported as Markdown or PDF in French or English. Every save is audited.
 */
export function createPlansService(deps: {
  db: Kysely<DB>;
  plans: PlansRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, plans, audit, now } = deps;

  async function record(
    actor: ActorInWorkspace,
    action: string,
    planId: string,
    details: Record<string, unknown>,
    executor: Kysely<DB>,
  ) {
    await audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: 'strategy_plan',
        targetId: planId,
        ip: actor.ip,
        outcome: 'success',
        details,
      },
      executor,
    );
  }

  async function versionOrFail(workspaceId: string, version: number): Promise<PlanVersionRecord> {
    const found = await plans.version(workspaceId, version);
    if (!found) throw notFound(`plan version ${version}`);
    return found;
  }

  async function view(workspaceId: string, version: number): Promise<PlanVersionView> {
    const plan = await plans.plan(workspaceId);
    if (!plan) throw notFound('plan');
    const current = await versionOrFail(workspaceId, version);
    const previous = version > 1 ? await plans.version(workspaceId, version - 1) : undefined;
    const changeCount = previous ? diffPlans(previous.plan, current.plan).length : 0;
    return { ...summaryOf(current, changeCount), currentVersion: plan.currentVersion, plan: current.plan };
  }

  /**
   * Adds a version under the plan's lock (creating the plan at version 1 if there is none). An edit is checked
   * and normalised against the current version; `basedOn`, when given, must still be the current version. An
   * edit that changes nothing adds nothing: the answer is then `created: false` with the current version.
   */
  async function addVersion(
    actor: ActorInWorkspace,
    input: { plan: Plan; kind: PlanVersionRecord['kind']; note: string; basedOn?: number | undefined },
  ): Promise<{ version: number; created: boolean }> {
    return db.transaction().execute(async (trx) => {
      const existing = await plans.lockPlan(actor.workspaceId, trx);
      if (input.basedOn !== undefined && (existing?.currentVersion ?? 0) !== input.basedOn)
        throw conflict(
          existing
            ? `Version ${existing.currentVersion} was saved after version ${input.basedOn}, which your edit started from; reload the plan, redo your change and save again.`
            : `There is no version ${input.basedOn} of the plan; reload the page.`,
          { currentVersion: existing?.currentVersion ?? null, basedOn: input.basedOn },
        );
      const previous = existing ? await plans.version(actor.workspaceId, existing.currentVersion, trx) : undefined;
      if (existing && !previous) throw new Error(`Plan version ${existing.currentVersion} is missing.`);
      const plan = input.kind === 'edited' ? normalizeEditedPlan(input.plan, previous?.plan) : input.plan;
      const changeCount = previous ? diffPlans(previous.plan, plan).length : 0;
      if (existing && input.kind === 'edited' && changeCount === 0)
        return { version: existing.currentVersion, created: false };
      const target = existing ?? (await plans.createPlan(actor.workspaceId, now(), trx));
      const version = existing ? existing.currentVersion + 1 : 1;
      await plans.insertVersion(
        {
          workspaceId: actor.workspaceId,
          planId: target.id,
          version,
          plan,
          answers: plan.answers,
          kind: input.kind,
          note: input.note,
          authorId: actor.userId,
          now: now(),
        },
        trx,
      );
      await record(
        actor,
        input.kind === 'generated' ? 'strategy_plan.generated' : 'strategy_plan.edited',
        target.id,
        { version, changeCount, note: input.note },
        trx,
      );
      return { version, created: true };
    });
  }

  return {
    /** Writes a plan from the builder's answers and saves it as the next version (version 1 for the first). */
    async generate(actor: ActorInWorkspace, answers: unknown, note: string): Promise<PlanVersionView> {
      const checked = validatePlanAnswers(answers);
      if (!checked.ok)
        throw new AppError(
          400,
          'invalid_plan_answers',
          `Some answers are not valid (${checked.errors.map((error) => error.field).join(', ')}); correct them and try again.`,
          checked.errors.map((error) => ({
            path: `body.answers.${error.field}`,
            message: describeFieldError(error),
            reason: error.reason,
          })),
        );
      const saved = await addVersion(actor, { plan: buildPlan(checked.answers), kind: 'generated', note });
      return view(actor.workspaceId, saved.version);
    },

    /**
     * Saves an edited (or imported) plan as the next version, after checking it; `created` is false when it
     * changes nothing, and no version is added.
     */
    async saveEdit(
      actor: ActorInWorkspace,
      input: { plan: Plan; basedOn?: number | undefined; note: string },
    ): Promise<{ created: boolean; view: PlanVersionView }> {
      const saved = await addVersion(actor, { ...input, kind: 'edited' });
      return { created: saved.created, view: await view(actor.workspaceId, saved.version) };
    },

    /** The current version, or null when no plan was generated yet. */
    async current(workspaceId: string): Promise<PlanVersionView | null> {
      const plan = await plans.plan(workspaceId);
      return plan ? view(workspaceId, plan.currentVersion) : null;
    },

    version: view,

    /** Every version, newest first, with how many changes each made to the one before. */
    async versions(workspaceId: string): Promise<PlanVersionSummary[]> {
      const all = await plans.listVersions(workspaceId);
      return all.map((entry, index) => {
        const previous = all[index + 1];
        return summaryOf(entry, previous ? diffPlans(previous.plan, entry.plan).length : 0);
      });
    },

    /** What changed from one version to another (in either direction); by default, the last change. */
    async diff(workspaceId: string, range: { from?: number | undefined; to?: number | undefined }) {
      const plan = await plans.plan(workspaceId);
      if (!plan) throw notFound('plan');
      const to = range.to ?? plan.currentVersion;
      const from = range.from ?? Math.max(1, to - 1);
      const [a, b] = await Promise.all([versionOrFail(workspaceId, from), versionOrFail(workspaceId, to)]);
      return { from, to, changes: diffPlans(a.plan, b.plan).map(changeView) };
    },

    /** A version (the current one by default) rendered as Markdown or PDF, with a file name. */
    async export(
      workspaceId: string,
      options: { format: 'markdown' | 'pdf'; lang?: PlanLocale | undefined; version?: number | undefined },
    ): Promise<{ filename: string; body: string | Buffer }> {
      const plan = await plans.plan(workspaceId);
      if (!plan) throw notFound('plan');
      const versionNumber = options.version ?? plan.currentVersion;
      const found = await versionOrFail(workspaceId, versionNumber);
      const locale = options.lang ?? found.plan.answers.language;
      const document = planDocument(found.plan, locale);
      const base = `${locale === 'fr' ? 'plan-smm' : 'smm-plan'}-v${versionNumber}-${locale}`;
      if (options.format === 'markdown') return { filename: `${base}.md`, body: renderMarkdown(document) };
      const subtitle = `Version ${versionNumber} · ${found.createdAt.toISOString().slice(0, 10)}`;
      return { filename: `${base}.pdf`, body: await renderPlanPdf(document, subtitle) };
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
