import { ErrorBody } from '@sillage/contracts';
import { z } from 'zod';
import type { RouteDefinition } from './route.ts';

type JsonSchema = Record<string, unknown>;

/** Turns zod schemas into JSON Schema 2020-12 with shared definitions hoisted into components. */
function createSchemaCollector() {
  const components: Record<string, JsonSchema> = {};
  function convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    const renames = new Map<string, string>();
    for (const [name, definition] of Object.entries(defs)) {
      const existing = components[name];
      const target =
        existing === undefined || JSON.stringify(existing) === JSON.stringify(definition) ? name : `${name}Input`;
      renames.set(name, target);
    }
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value).map(([key, inner]) =>
            key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
              ? [key, `#/components/schemas/${renames.get(inner.slice(8)) ?? inner.slice(8)}`]
              : [key, rewrite(inner)],
          ),
        );
      }
      return value;
    };
    for (const [name, definition] of Object.entries(defs))
      components[renames.get(name) ?? name] = rewrite(definition) as JsonSchema;
    return rewrite(json) as JsonSchema;
  }
  return { convert, components };
}

/** Converts a Fastify path (/a/:id) to an OpenAPI path (/a/{id}). */
export const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const statusText: Record<number, string> = { 200: 'OK', 201: 'Created' };

/** The OpenAPI 3.1 document of every route, generated from the same zod contracts that validate requests. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], version: string): JsonSchema {
  const collector = createSchemaCollector();
  const errorRef = collector.convert(ErrorBody, 'output');
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: errorRef } },
  });
  const paths: Record<string, Record<string, unknown>> = {};

  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (!schema) continue;
      const json = collector.convert(schema, 'input') as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          schema: property,
        });
      }
    }
    const status = route.status ?? 200;
    const responses: Record<string, unknown> = {
      [String(status)]: {
        description: statusText[status] ?? 'Success',
        content: {
          [route.produces ?? 'application/json']: {
            schema: route.produces?.startsWith('text/')
              ? { type: 'string' }
              : collector.convert(route.response, 'output'),
          },
        },
      },
      '400': errorResponse('Invalid input: details name each field and reason'),
      '429': errorResponse('Rate limited: retry after the Retry-After header'),
    };
    if (route.access.kind !== 'public') responses['401'] = errorResponse('Not signed in');
    if (route.access.kind === 'workspace') {
      responses['403'] = errorResponse('Your role lacks the permission');
      responses['404'] = errorResponse('No such resource in a workspace you belong to');
    }
    const operation: Record<string, unknown> = {
      operationId: `${route.method.toLowerCase()}${toOpenApiPath(route.url).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
      ...(route.access.kind === 'public' ? { security: [] } : {}),
      ...(route.access.kind === 'workspace' ? { 'x-permission': route.access.permission } : {}),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: collector.convert(route.body, 'input') } },
      };
    }
    const path = toOpenApiPath(route.url);
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Sillage API',
      version,
      description:
        'The HTTP API of Sillage. Browser sessions use an HttpOnly cookie and must send the x-csrf-token header on every mutation; automation uses a personal API token as a bearer token.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: collector.components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sillage_session' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (slg_...)' },
      },
    },
    security: [{ session: [] }, { apiToken: [] }],
  };
}
