import {
  AcceptInvitationRequest,
  CreatedInvitation,
  CreateInvitationRequest,
  Invitation,
  InvitationParams,
  InvitationPreview,
  InvitationTokenParams,
  Ok,
  SessionResponse,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import type { Services } from '../composition.ts';
import { actorOf } from './actor.ts';
import { presentInvitation, presentUser, presentWorkspaceSummary } from './presenters.ts';
import { defineRoute, type RouteDefinition } from './route.ts';
import { setSessionCookies } from './session-cookies.ts';

export function invitationsRoutes(services: Services): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/invitations',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: 'Pending invitations',
      params: WorkspaceParams,
      response: z.array(Invitation),
      handler: async ({ params }) =>
        (await services.invitations.listPending(params.workspaceId)).map(presentInvitation),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/invitations',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      status: 201,
      summary: 'Invite someone by e-mail with a role',
      params: WorkspaceParams,
      body: CreateInvitationRequest,
      response: CreatedInvitation,
      handler: async (context) => {
        const { invitation, acceptUrl } = await services.invitations.create(actorOf(context), context.body);
        return { invitation: presentInvitation(invitation), acceptUrl };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/workspaces/:workspaceId/invitations/:invitationId',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: 'Revoke a pending invitation',
      params: InvitationParams,
      response: Ok,
      handler: async (context) => {
        await services.invitations.revoke(actorOf(context), context.params.invitationId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/invitations/:token',
      tag: 'Members',
      access: { kind: 'public' },
      summary: 'What an invitation link offers',
      params: InvitationTokenParams,
      response: InvitationPreview,
      handler: async ({ params }) => {
        const preview = await services.invitations.preview(params.token);
        return { ...preview, expiresAt: preview.expiresAt.toISOString() };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/invitations/:token/accept',
      tag: 'Members',
      access: { kind: 'public' },
      summary: 'Accept an invitation (new account or existing one) and sign in',
      params: InvitationTokenParams,
      body: AcceptInvitationRequest,
      response: SessionResponse,
      handler: async ({ params, body, ip, userAgent, reply }) => {
        const { user, session } = await services.invitations.accept(params.token, body, { ip, userAgent });
        setSessionCookies(reply, session, services.secureCookies);
        const workspaces = await services.workspaces.listForUser(user.id);
        return {
          user: presentUser(user),
          csrfToken: session.csrfToken,
          workspaces: workspaces.map(presentWorkspaceSummary),
        };
      },
    }),
  ];
}
