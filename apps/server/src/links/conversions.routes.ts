import {
  AttributionQuery,
  AttributionReport,
  ConversionAccepted,
  ConversionRequestBody,
  CreateSiteKeyBody,
  ImportConversionsBody,
  ImportConversionsResult,
  SiteKey,
  SiteKeyList,
  SiteKeyParams,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { snippetHtml, type ConversionsService } from './conversions.service.ts';
import type { SiteKeyRecord } from './site-keys.repository.ts';
import { sillageSnippet } from './snippet.ts';

function presentSiteKey(key: SiteKeyRecord, publicUrl: string): z.input<typeof SiteKey> {
  return {
    id: key.id,
    name: key.name,
    publicKey: key.publicKey,
    allowedOrigins: key.allowedOrigins,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
    snippet: snippetHtml(publicUrl, key.publicKey),
  };
}

/** Site keys, the public conversion endpoint and its snippet, CSV imports and the attribution report. */
export function conversionsRoutes(deps: {
  conversions: ConversionsService;
  publicUrl: () => string;
}): RouteDefinition[] {
  const { conversions } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/site-keys',
      tag: 'Conversions',
      access: { kind: 'workspace', permission: 'conversions.manage' },
      summary: 'The public site keys of the conversion endpoint, with the snippet to paste',
      params: WorkspaceParams,
      response: SiteKeyList,
      handler: async (context) => ({
        siteKeys: (await conversions.listSiteKeys(actorOf(context))).map((key) =>
          presentSiteKey(key, deps.publicUrl()),
        ),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/site-keys',
      tag: 'Conversions',
      access: { kind: 'workspace', permission: 'conversions.manage' },
      status: 201,
      summary: 'Create a site key for the conversion endpoint, limited to the site’s origins',
      params: WorkspaceParams,
      body: CreateSiteKeyBody,
      response: SiteKey,
      handler: async (context) =>
        presentSiteKey(await conversions.createSiteKey(actorOf(context), context.body), deps.publicUrl()),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/site-keys/:siteKeyId/revoke',
      tag: 'Conversions',
      access: { kind: 'workspace', permission: 'conversions.manage' },
      summary: 'Revoke a site key: events sent with it are refused from now on',
      params: SiteKeyParams,
      response: SiteKey,
      handler: async (context) =>
        presentSiteKey(await conversions.revokeSiteKey(actorOf(context), context.params.siteKeyId), deps.publicUrl()),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/conversions',
      tag: 'Conversions',
      access: { kind: 'public' },
      summary:
        'Record a conversion event with a site key (JSON, or JSON sent as text/plain by the snippet); idempotent by event id',
      body: ConversionRequestBody,
      response: ConversionAccepted,
      handler: async ({ body, request, reply, ip }) => {
        const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
        const result = await conversions.record({ body, origin, ip });
        if (result.allowOrigin !== undefined) {
          reply.header('access-control-allow-origin', result.allowOrigin);
          reply.header('vary', 'Origin');
        }
        return { status: result.status, eventId: result.eventId };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/sillage.js',
      tag: 'Conversions',
      access: { kind: 'public' },
      produces: 'text/javascript; charset=utf-8',
      summary: 'The conversion snippet for the sites of a workspace (see docs/links-and-conversions.md)',
      response: z.string(),
      handler: async ({ reply }) => {
        reply.header('cache-control', 'public, max-age=3600');
        reply.header('access-control-allow-origin', '*');
        reply.header('cross-origin-resource-policy', 'cross-origin');
        return sillageSnippet;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/conversions/import',
      tag: 'Conversions',
      access: { kind: 'workspace', permission: 'conversions.manage' },
      summary:
        'Import orders or leads from a CSV (text/csv, or JSON { csv }): all rows or none, every bad row reported by line',
      params: WorkspaceParams,
      body: ImportConversionsBody,
      response: ImportConversionsResult,
      handler: async (context) =>
        conversions.importCsv(actorOf(context), typeof context.body === 'string' ? context.body : context.body.csv),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/conversions/attribution',
      tag: 'Conversions',
      access: { kind: 'workspace', permission: 'analytics.read' },
      summary:
        'Conversions of a period of local days and their value attributed per channel, post, campaign and link by a model with a look-back window',
      params: WorkspaceParams,
      query: AttributionQuery,
      response: AttributionReport,
      handler: async (context) => conversions.attributionReport(actorOf(context), context.query),
    }),
  ];
}
