import {
  CloseCrisisBody,
  CrisisNoteBody,
  CrisisParams,
  CrisisRoomView,
  CrisisSummaryView,
  DraftStatementBody,
  OpenCrisisBody,
  PauseBody,
  PostmortemQuery,
  PublishingPauseView,
  StatementDecisionBody,
  StatementParams,
  UpdateCrisisBody,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { CrisisService } from './crisis.service.ts';
import type { HoldingStatements } from './holding-statements.ts';
import { postmortemDocument } from './postmortem-document.ts';
import { renderPostmortemPdf } from './postmortem-pdf.ts';
import type { PublishingPause } from './publishing-pause.ts';

const base = '/api/workspaces/:workspaceId/crises';
const one = `${base}/:crisisId`;
const statement = `${one}/statements/:statementId`;
const tag = 'Crisis';
const read = { kind: 'workspace', permission: 'listening.read' } as const;
const manage = { kind: 'workspace', permission: 'crisis.manage' } as const;

/** The crisis room, its holding statements, the post-mortem, and the pause of the workspace's publishing. */
export function crisisRoutes(services: {
  crisis: CrisisService;
  statements: HoldingStatements;
  pause: PublishingPause;
}): RouteDefinition[] {
  const { crisis, statements, pause } = services;
  return [
    defineRoute({
      method: 'GET',
      url: base,
      tag,
      access: read,
      summary: 'The workspace’s crises, latest first',
      params: WorkspaceParams,
      response: z.array(CrisisSummaryView),
      handler: async ({ params }) => crisis.list(params.workspaceId),
    }),
    defineRoute({
      method: 'POST',
      url: base,
      tag,
      access: manage,
      status: 201,
      summary: 'Open a crisis from a listening alert (its query and window start) or by hand',
      params: WorkspaceParams,
      body: OpenCrisisBody,
      response: CrisisRoomView,
      handler: async (context) => {
        const id = await crisis.open(actorOf(context), context.body);
        return crisis.view(context.params.workspaceId, id);
      },
    }),
    defineRoute({
      method: 'GET',
      url: one,
      tag,
      access: read,
      summary: 'The crisis room: figures since onset against the baseline, actions log, notes, statements',
      params: CrisisParams,
      response: CrisisRoomView,
      handler: async ({ params }) => crisis.view(params.workspaceId, params.crisisId),
    }),
    defineRoute({
      method: 'PATCH',
      url: one,
      tag,
      access: manage,
      summary: 'Change the severity or the owner of an open crisis',
      params: CrisisParams,
      body: UpdateCrisisBody,
      response: CrisisRoomView,
      handler: async (context) => {
        await crisis.update(actorOf(context), context.params.crisisId, context.body);
        return crisis.view(context.params.workspaceId, context.params.crisisId);
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${one}/notes`,
      tag,
      access: manage,
      status: 201,
      summary: 'Add a note to the crisis room',
      params: CrisisParams,
      body: CrisisNoteBody,
      response: CrisisRoomView,
      handler: async (context) => {
        await crisis.addNote(actorOf(context), context.params.crisisId, context.body.text);
        return crisis.view(context.params.workspaceId, context.params.crisisId);
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${one}/close`,
      tag,
      access: manage,
      summary: 'Close the crisis with its summary and lessons learned',
      params: CrisisParams,
      body: CloseCrisisBody,
      response: CrisisRoomView,
      handler: async (context) => {
        await crisis.close(actorOf(context), context.params.crisisId, context.body);
        return crisis.view(context.params.workspaceId, context.params.crisisId);
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${one}/postmortem.pdf`,
      tag,
      access: read,
      summary: 'The post-mortem as PDF, in French or English: timeline, figures, actions, notes, lessons',
      params: CrisisParams,
      query: PostmortemQuery,
      response: z.string(),
      produces: 'application/pdf',
      handler: async ({ params, query, reply }) => {
        const room = await crisis.room(params.workspaceId, params.crisisId);
        const pdf = await renderPostmortemPdf(postmortemDocument(room, query.locale), query.locale);
        reply.header('content-disposition', `attachment; filename="post-mortem-${params.crisisId.slice(0, 8)}.pdf"`);
        return pdf;
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${one}/statements`,
      tag,
      access: manage,
      status: 201,
      summary: 'Draft a holding statement for chosen channels (a template with its variables filled in)',
      params: CrisisParams,
      body: DraftStatementBody,
      response: CrisisRoomView,
      handler: async (context) => {
        await statements.draft(actorOf(context), context.params.crisisId, context.body);
        return crisis.view(context.params.workspaceId, context.params.crisisId);
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${statement}/submit`,
      tag,
      access: manage,
      summary: 'Submit a holding statement for approval (through the approval chain when it is on)',
      params: StatementParams,
      response: CrisisRoomView,
      handler: async (context) => {
        await statements.submit(actorOf(context), context.params.crisisId, context.params.statementId);
        return crisis.view(context.params.workspaceId, context.params.crisisId);
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${statement}/decision`,
      tag,
      access: { kind: 'workspace', permission: 'content.approve' },
      summary: 'Approve or reject a submitted holding statement (a rejection says why)',
      params: StatementParams,
      body: StatementDecisionBody,
      response: CrisisRoomView,
      handler: async (context) => {
        await statements.decide(actorOf(context), context.params.crisisId, context.params.statementId, context.body);
        return crisis.view(context.params.workspaceId, context.params.crisisId);
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${statement}/publish`,
      tag,
      access: { kind: 'workspace', permission: 'content.publish' },
      summary: 'Publish an approved holding statement now (it goes out even while publishing is paused)',
      params: StatementParams,
      response: CrisisRoomView,
      handler: async (context) => {
        await statements.publish(actorOf(context), context.params.crisisId, context.params.statementId);
        return crisis.view(context.params.workspaceId, context.params.crisisId);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/publishing-pause',
      tag,
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'Whether scheduled publishing is paused, and what the last pause held',
      params: WorkspaceParams,
      response: PublishingPauseView,
      handler: async ({ params }) => pause.state(params.workspaceId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/publishing-pause',
      tag,
      access: { kind: 'workspace', permission: 'publishing.pause' },
      summary: 'Pause all scheduled publishing of the workspace (approved holding statements still go out)',
      params: WorkspaceParams,
      body: PauseBody,
      response: PublishingPauseView,
      handler: async (context) => pause.pause(actorOf(context), context.body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/publishing-pause/resume',
      tag,
      access: { kind: 'workspace', permission: 'publishing.pause' },
      summary: 'Resume publishing; what fell due during the pause is held for you to publish now or reschedule',
      params: WorkspaceParams,
      response: PublishingPauseView,
      handler: async (context) => pause.resume(actorOf(context)),
    }),
  ];
}
