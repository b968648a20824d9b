import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Health, Readiness } from '@sillage/contracts';
import { z } from 'zod';
import type { Services } from '../composition.ts';
import { notFound } from './errors.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

const swaggerAssets = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);
const swaggerDirectory = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sillage API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script></body></html>`;
const docsInit = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true,
  requestInterceptor: (r) => { const m = document.cookie.match(/(?:^|; )sillage_csrf=([^;]+)/); if (m) r.headers['x-csrf-token'] = decodeURIComponent(m[1]); return r; } });`;

/** Health, readiness, the OpenAPI document and its docs page. `allRoutes` is read lazily to include itself. */
export function systemRoutes(services: Services, allRoutes: () => readonly RouteDefinition[]): RouteDefinition[] {
  let document: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      probe: true,
      tag: 'System',
      access: { kind: 'public' },
      summary: 'The process is alive',
      response: Health,
      handler: async () => ({ status: 'ok' as const, version: services.version }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/ready',
      probe: true,
      tag: 'System',
      access: { kind: 'public' },
      summary: 'The database and the job queue answer (503 when not)',
      response: Readiness,
      handler: async ({ reply }) => {
        const [database, jobQueue] = await Promise.all([services.checkDatabase(), services.checkJobQueue()]);
        const ready = database && jobQueue;
        const body = {
          status: ready ? ('ready' as const) : ('not_ready' as const),
          checks: {
            database: database ? ('ok' as const) : ('failing' as const),
            jobQueue: jobQueue ? ('ok' as const) : ('failing' as const),
          },
          database: services.databaseKind,
        };
        if (!ready) reply.code(503);
        return body;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/openapi.json',
      tag: 'System',
      access: { kind: 'public' },
      summary: 'This OpenAPI 3.1 document',
      response: z.record(z.string(), z.unknown()),
      handler: async () => (document ??= buildOpenApiDocument(allRoutes(), services.version)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/docs',
      tag: 'System',
      access: { kind: 'public' },
      produces: 'text/html; charset=utf-8',
      summary: 'Interactive API documentation',
      response: z.string(),
      handler: async () => docsPage,
    }),
    defineRoute({
      method: 'GET',
      url: '/api/docs/assets/:file',
      tag: 'System',
      access: { kind: 'public' },
      produces: 'application/octet-stream',
      summary: 'Static files of the documentation page',
      params: z.object({ file: z.string().max(64) }),
      response: z.string(),
      handler: async ({ params, reply }) => {
        if (params.file === 'init.js') {
          reply.type('text/javascript; charset=utf-8');
          return docsInit;
        }
        if (!swaggerAssets.has(params.file)) throw notFound('file');
        reply.header('cache-control', 'public, max-age=86400');
        const type = params.file.endsWith('.css')
          ? 'text/css; charset=utf-8'
          : params.file.endsWith('.js')
            ? 'text/javascript; charset=utf-8'
            : 'image/png';
        reply.type(type);
        return readFile(path.join(swaggerDirectory, params.file));
      },
    }),
  ];
}
