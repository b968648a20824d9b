import {
  GeneratePlanBody,
  PlanDiffQuery,
  PlanDiffView,
  PlanExportQuery,
  PlanVersionParams,
  PlanVersionSummary,
  PlanVersionView,
  SavePlanVersionBody,
  WorkspaceParams,
} from '@sillage/contracts';
import type { Plan } from '@sillage/domain';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { PlansService } from './plans.service.ts';

const base = '/api/workspaces/:workspaceId/strategy/plan';

/** The SMM plan: generate from answers, read, edit as new versions, compare versions, export. */
export function plansRoutes(plans: PlansService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'POST',
      url: base,
      tag: 'Strategy',
      access: { kind: 'workspace', permission: 'strategy.write' },
      summary: "Write the plan from the builder's answers and save it as the next version",
      params: WorkspaceParams,
      body: GeneratePlanBody,
      response: PlanVersionView,
      status: 201,
      handler: async (context) => plans.generate(actorOf(context), context.body.answers, context.body.note),
    }),
    defineRoute({
      method: 'GET',
      url: base,
      tag: 'Strategy',
      access: { kind: 'workspace', permission: 'strategy.read' },
      summary: 'The current version of the plan (null until one is generated)',
      params: WorkspaceParams,
      response: PlanVersionView.nullable(),
      handler: async ({ params }) => plans.current(params.workspaceId),
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/versions`,
      tag: 'Strategy',
      access: { kind: 'workspace', permission: 'strategy.read' },
      summary: 'Every version of the plan, newest first, with its author, note and number of changes',
      params: WorkspaceParams,
      response: z.array(PlanVersionSummary),
      handler: async ({ params }) => plans.versions(params.workspaceId),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/versions`,
      tag: 'Strategy',
      access: { kind: 'workspace', permission: 'strategy.write' },
      summary:
        'Save an edited (or imported) plan as the next version: 201 with the new version, or 200 with the current one when nothing changed. Budget amounts and posts per week are recomputed',
      params: WorkspaceParams,
      body: SavePlanVersionBody,
      response: PlanVersionView,
      handler: async (context) => {
        const saved = await plans.saveEdit(actorOf(context), {
          plan: context.body.plan as Plan,
          basedOn: context.body.basedOn,
          note: context.body.note,
        });
        if (saved.created) context.reply.code(201);
        return saved.view;
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/versions/:version`,
      tag: 'Strategy',
      access: { kind: 'workspace', permission: 'strategy.read' },
      summary: 'One version of the plan',
      params: PlanVersionParams,
      response: PlanVersionView,
      handler: async ({ params }) => plans.version(params.workspaceId, params.version),
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/diff`,
      tag: 'Strategy',
      access: { kind: 'workspace', permission: 'strategy.read' },
      summary:
        'What changed between two versions (by default the last change): added, removed and changed fields with before and after',
      params: WorkspaceParams,
      query: PlanDiffQuery,
      response: PlanDiffView,
      handler: async ({ params, query }) => plans.diff(params.workspaceId, query),
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/export.md`,
      tag: 'Strategy',
      access: { kind: 'workspace', permission: 'strategy.read' },
      summary: 'The plan as Markdown, in French or English (the current version unless `version` is given)',
      params: WorkspaceParams,
      query: PlanExportQuery,
      response: z.string(),
      produces: 'text/markdown; charset=utf-8',
      handler: async ({ params, query, reply }) => {
        const exported = await plans.export(params.workspaceId, { format: 'markdown', ...query });
        reply.header('content-disposition', `attachment; filename="${exported.filename}"`);
        return exported.body;
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/export.pdf`,
      tag: 'Strategy',
      access: { kind: 'workspace', permission: 'strategy.read' },
      summary: 'The plan as PDF, in French or English (the current version unless `version` is given)',
      params: WorkspaceParams,
      query: PlanExportQuery,
      response: z.string(),
      produces: 'application/pdf',
      handler: async ({ params, query, reply }) => {
        const exported = await plans.export(params.workspaceId, { format: 'pdf', ...query });
        reply.header('content-disposition', `attachment; filename="${exported.filename}"`);
        return exported.body;
      },
    }),
  ];
}
