/**
 * The SMM plan over HTTP: the builder's answers, the plan (packages/domain/src/strategy/plan.ts), its versions,
 * the diff between two versions and the exports. The zod schemas check the shape; the server then checks the
 * meaning with the domain's validators (KPI ranges, percentages adding up to 100...).
 */
import {
  budgetCategories,
  businessSizes,
  businessTypes,
  channelRoles,
  contentLanguages,
  contentTypes,
  guideSections,
  kpiIds,
  loopSteps,
  networkIds,
  objectiveKinds,
  plannableObjectives,
  playbookIds,
  playbookSteps,
  postFormats,
  toolIds,
} from '@sillage/domain';
import { z } from 'zod';
import { Id, Instant } from './common.ts';

const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'An ISO 4217 code in capitals, e.g. EUR')
  .meta({ description: 'ISO 4217 currency code' });

export const MoneyBody = z
  .object({
    amountMinor: z.number().int().meta({ description: 'Amount in minor units of the currency (cents for EUR)' }),
    currency: Currency,
  })
  .meta({ id: 'Money' });

export const PlanAnswersBody = z
  .object({
    businessType: z.enum(businessTypes),
    size: z.enum(businessSizes),
    objectives: z.array(z.enum(plannableObjectives)).min(1).max(plannableObjectives.length),
    monthlyBudget: MoneyBody.meta({ description: 'The whole monthly social budget (production, community, ads)' }),
    channelsUsed: z.array(z.enum(networkIds)).max(networkIds.length).default([]),
    language: z.enum(contentLanguages),
    advertisingPercent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .meta({ description: 'Advertising share of the budget; the default depends on the size' }),
  })
  .meta({ id: 'PlanAnswers' });

const Basis = z
  .object({
    source: z.string().max(2000).optional(),
    guideSection: z.enum(guideSections).optional(),
    reasoning: z.string().max(2000).optional(),
  })
  .meta({ id: 'PlanBasis', description: 'Why a default is what it is: its source, or the reasoning behind it' });

const KpiTargetBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('between'), min: z.number(), max: z.number() }),
  z.object({ kind: z.literal('at_least'), value: z.number() }),
  z.object({ kind: z.literal('at_most'), value: z.number() }),
  z.object({ kind: z.literal('improve_on_baseline'), change: z.number() }),
  z.object({ kind: z.literal('to_set'), hint: z.enum(['ceiling_from_unit_economics', 'from_first_month_baseline']) }),
]);

const TargetPeriodBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recurring'), cadence: z.enum(['week', 'month', 'quarter', 'year']) }),
  z.object({ kind: z.literal('range'), from: z.string(), to: z.string() }),
]);

const PlanKpiBody = z.object({
  kpi: z.enum(kpiIds),
  priority: z.number().int().min(1).max(50),
  period: TargetPeriodBody,
  target: KpiTargetBody.meta({ description: "In the KPI's unit: ratios as fractions, money in minor units" }),
  basis: Basis,
});

const PlanFormatBody = z.object({
  format: z.enum(postFormats),
  content: z.enum(contentTypes),
  postsPerWeek: z.number().int().min(0).max(100),
  basis: Basis,
});

const PlanChannelBody = z.object({
  network: z.enum(networkIds),
  roles: z.array(z.enum(channelRoles)).max(channelRoles.length),
  alreadyUsed: z.boolean(),
  formats: z.array(PlanFormatBody).max(20),
  postsPerWeek: z.number().int().min(0).meta({ description: "Sum of the formats' posts per week (recomputed)" }),
  basis: Basis,
});

export const PlanBody = z
  .object({
    schemaVersion: z.literal(1),
    answers: PlanAnswersBody,
    objectives: z
      .array(
        z.object({
          kind: z.enum(objectiveKinds),
          label: z.string().max(120).optional(),
          kpis: z.array(PlanKpiBody).max(20),
        }),
      )
      .max(10),
    channels: z.array(PlanChannelBody).max(networkIds.length),
    budget: z.object({
      monthly: MoneyBody,
      lines: z
        .array(
          z.object({
            category: z.enum(budgetCategories),
            percent: z.number().int().min(0).max(100),
            amount: MoneyBody.meta({ description: 'Recomputed from the percentage by the server' }),
            basis: Basis,
          }),
        )
        .max(budgetCategories.length),
    }),
    tools: z
      .array(
        z.object({
          id: z.enum(toolIds),
          network: z.enum(networkIds).optional(),
          provider: z.enum(['sillage', 'network', 'external']),
          basis: Basis,
        }),
      )
      .max(100),
    playbooks: z
      .array(
        z.object({
          id: z.enum(playbookIds),
          steps: z.array(z.enum(playbookSteps)).max(30),
          kpis: z.array(z.enum(kpiIds)).max(20),
          basis: Basis,
        }),
      )
      .max(playbookIds.length),
    improvementLoop: z
      .array(
        z.object({
          step: z.enum(loopSteps),
          cadence: z.enum(['week', 'month', 'quarter', 'after_each_campaign']),
          basis: Basis,
        }),
      )
      .max(20),
  })
  .meta({ id: 'Plan' });

const Note = z.string().trim().max(500).default('');

export const GeneratePlanBody = z
  .object({ answers: PlanAnswersBody, note: Note.meta({ description: 'Why this version, shown in its history' }) })
  .meta({ id: 'GeneratePlan' });

export const SavePlanVersionBody = z
  .object({
    plan: PlanBody,
    basedOn: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The version the edit started from; 409 if another version was saved since' }),
    note: Note,
  })
  .meta({ id: 'SavePlanVersion' });

export const PlanVersionSummary = z
  .object({
    version: z.number().int(),
    kind: z.enum(['generated', 'edited']),
    note: z.string(),
    authorEmail: z.string().nullable(),
    createdAt: Instant,
    changeCount: z.number().int().meta({ description: 'Changes from the previous version (0 for the first)' }),
  })
  .meta({ id: 'PlanVersionSummary' });

export const PlanVersionView = PlanVersionSummary.extend({
  currentVersion: z.number().int(),
  plan: PlanBody,
}).meta({ id: 'PlanVersion' });

export const PlanChangeView = z
  .object({
    type: z.enum(['added', 'removed', 'changed']),
    path: z.string().meta({ description: 'e.g. budget.lines[advertising].percent' }),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: 'PlanChange' });

export const PlanDiffView = z
  .object({ from: z.number().int(), to: z.number().int(), changes: z.array(PlanChangeView) })
  .meta({ id: 'PlanDiff' });

export const PlanVersionParams = z.object({ workspaceId: Id, version: z.coerce.number().int().min(1) });

export const PlanDiffQuery = z.object({
  from: z.coerce.number().int().min(1).optional().meta({ description: 'The version before `to` by default' }),
  to: z.coerce.number().int().min(1).optional().meta({ description: 'The current version by default' }),
});

export const PlanExportQuery = z.object({
  lang: z.enum(contentLanguages).optional().meta({ description: "fr or en; the plan's language by default" }),
  version: z.coerce.number().int().min(1).optional().meta({ description: 'The current version by default' }),
});
