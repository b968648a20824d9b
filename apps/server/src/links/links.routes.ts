import {
  CreateTrackedLinkBody,
  TrackedLink,
  TrackedLinkList,
  TrackedLinkParams,
  UtmConventionsBody,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { TrackedLinkWithClicks } from './links.repository.ts';
import { targetUrlOf, VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE_SECONDS, type LinksService } from './links.service.ts';

const notFoundPage = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Lien introuvable · Link not found</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>Lien introuvable</h1><p>Ce lien court n’existe pas ou a été mal copié. Vérifiez l’adresse auprès de la personne qui vous l’a envoyé.</p>
<h1 lang="en">Link not found</h1><p lang="en">This short link does not exist or was copied incompletely. Check the address with whoever sent it to you.</p>
</body></html>`;

export function presentTrackedLink(link: TrackedLinkWithClicks, publicUrl: string): z.input<typeof TrackedLink> {
  return {
    id: link.id,
    code: link.code,
    shortUrl: `${publicUrl}/l/${link.code}`,
    destinationUrl: link.destinationUrl,
    targetUrl: targetUrlOf(link),
    utm: {
      source: link.utm.source,
      medium: link.utm.medium,
      campaign: link.utm.campaign,
      ...(link.utm.term !== null ? { term: link.utm.term } : {}),
      ...(link.utm.content !== null ? { content: link.utm.content } : {}),
    },
    postId: link.postId,
    publicationId: link.publicationId,
    channelId: link.channelId,
    campaignId: link.campaignId,
    createdAt: link.createdAt.toISOString(),
    clicks: link.clicks,
    botClicks: link.botClicks,
  };
}

/** Tracked links of a workspace, its UTM conventions, and the public redirect /l/:code. */
export function linksRoutes(deps: {
  links: LinksService;
  publicUrl: () => string;
  secureCookies: boolean;
}): RouteDefinition[] {
  const { links } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/links',
      tag: 'Links',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'Tracked links, newest first, with their clicks from people since creation (bots excluded)',
      params: WorkspaceParams,
      response: TrackedLinkList,
      handler: async (context) => ({
        links: (await links.list(actorOf(context))).map((link) => presentTrackedLink(link, deps.publicUrl())),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/links',
      tag: 'Links',
      access: { kind: 'workspace', permission: 'links.manage' },
      status: 201,
      summary: 'Create a short tracked link to a destination with UTM parameters (normalised by the conventions)',
      params: WorkspaceParams,
      body: CreateTrackedLinkBody,
      response: TrackedLink,
      handler: async (context) =>
        presentTrackedLink(
          { ...(await links.create(actorOf(context), context.body)), clicks: 0, botClicks: 0 },
          deps.publicUrl(),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/links/utm-conventions',
      tag: 'Links',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'The workspace’s UTM naming conventions (defaults when never set)',
      params: WorkspaceParams,
      response: UtmConventionsBody,
      handler: async (context) => {
        const conventions = await links.conventionsOf(actorOf(context).workspaceId);
        return { ...conventions, allowedMediums: [...conventions.allowedMediums] };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/workspaces/:workspaceId/links/utm-conventions',
      tag: 'Links',
      access: { kind: 'workspace', permission: 'links.manage' },
      summary: 'Set the workspace’s UTM naming conventions (lowercase, separator, allowed mediums)',
      params: WorkspaceParams,
      body: UtmConventionsBody,
      response: UtmConventionsBody,
      handler: async (context) => {
        const conventions = await links.setConventions(actorOf(context), context.body);
        return { ...conventions, allowedMediums: [...conventions.allowedMediums] };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/l/:code',
      tag: 'Links',
      access: { kind: 'public' },
      status: 302,
      produces: 'text/html; charset=utf-8',
      summary:
        'Follow a tracked link: 302 to its destination with UTM parameters and the visitor id; counts a click from a person (not bots, not HEAD)',
      params: TrackedLinkParams,
      response: z.string(),
      handler: async ({ params, request, reply, ip, userAgent }) => {
        reply.header('cache-control', 'no-store');
        reply.header('x-robots-tag', 'noindex');
        const referrer = request.headers.referer;
        const followed = await links.follow({
          code: params.code,
          method: request.method,
          userAgent,
          ip,
          referrer: typeof referrer === 'string' ? referrer : undefined,
          visitorCookie: request.cookies[VISITOR_COOKIE],
        });
        if (!followed) {
          reply.code(404).type('text/html; charset=utf-8');
          return notFoundPage;
        }
        if (followed.visitorId !== undefined)
          reply.setCookie(VISITOR_COOKIE, followed.visitorId, {
            path: '/l/',
            httpOnly: true,
            sameSite: 'lax',
            secure: deps.secureCookies,
            maxAge: VISITOR_COOKIE_MAX_AGE_SECONDS,
          });
        reply.code(302).header('location', followed.location).type('text/html; charset=utf-8');
        return '';
      },
    }),
  ];
}
