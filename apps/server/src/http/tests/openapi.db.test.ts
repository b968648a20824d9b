import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import { Validator } from '@seriousme/openapi-schema-validator';
import Fastify from 'fastify';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import { toOpenApiPath } from '../openapi.ts';
import { registerRoutes } from '../register-routes.ts';

type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** "GET /api/x/{id}" for every operation of the document. */
const documentedOperations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => HTTP_METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );

/** Every `$ref` string anywhere in a value. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const inner of value) refsIn(inner, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

const isJsonSchema = (schema: unknown) =>
  typeof schema === 'object' && schema !== null && !Array.isArray(schema) && Object.keys(schema).length > 0;

for (const kind of databaseKindsUnderTest()) {
  describe(`OpenAPI document on ${kind}`, () => {
    let t: TestApp;
    let doc: OpenApiDocument;
    /** What Fastify registers when given the composition's routes, seen by an onRoute hook (HEAD twins excluded). */
    let registered: string[];

    before(async () => {
      t = await createTestApp(kind);
      const response = await t.app.inject({ url: '/api/openapi.json' });
      assert.equal(response.statusCode, 200, response.body);
      doc = response.json<OpenApiDocument>();

      // The same registration buildApp performs, on an instance whose onRoute hook is in place before any route.
      const probe = Fastify({ logger: false });
      const seen: string[] = [];
      probe.addHook('onRoute', (options) => {
        for (const method of [options.method].flat()) if (method !== 'HEAD') seen.push(`${method} ${options.url}`);
      });
      await probe.register(cookie);
      registerRoutes(probe, t.composition.routes, t.composition.routeDependencies);
      await probe.ready();
      await probe.close();
      registered = seen;
    });
    after(() => t.close());

    it('is a valid OpenAPI 3.1 document', async () => {
      assert.match(doc.openapi, /^3\.1\./);
      const validator = new Validator();
      const result = await validator.validate(structuredClone(doc));
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
      assert.equal(validator.version, '3.1');
    });

    it('documents every route the server registers, and nothing else', () => {
      const expected = registered.map((entry) => {
        const [method, url] = entry.split(' ') as [string, string];
        return `${method} ${toOpenApiPath(url)}`;
      });
      assert.ok(expected.length > 10, `only ${expected.length} routes were seen`);
      assert.deepEqual([...documentedOperations(doc)].sort(), [...expected].sort());
    });

    it('matches the routes of the running application (hasRoute for each operation, and the same count)', () => {
      const operations = documentedOperations(doc);
      for (const operation of operations) {
        const [method, path] = operation.split(' ') as [string, string];
        const url = path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
        assert.ok(t.app.hasRoute({ method, url }), `${method} ${url} is documented but not served`);
      }
      // printRoutes lists each path with its methods in parentheses; HEAD twins of GET are implicit. The demo's
      // media files (/demo-media/:name) are static files, not API operations.
      const listing = t.app
        .printRoutes({ commonPrefix: false })
        .split('\n')
        .filter((line) => !line.includes('/demo-media/'))
        .join('\n');
      const served = [...listing.matchAll(/\(([A-Z, ]+)\)/g)]
        .flatMap((match) => match[1]!.split(', '))
        .filter((method) => method !== 'HEAD');
      assert.equal(served.length, operations.length, t.app.printRoutes({ commonPrefix: false }));
    });

    it('gives every operation a unique operationId', () => {
      const ids = Object.values(doc.paths).flatMap((item) =>
        Object.entries(item)
          .filter(([key]) => HTTP_METHODS.includes(key))
          .map(([, operation]) => operation.operationId),
      );
      assert.ok(
        ids.every((id) => typeof id === 'string' && id.length > 0),
        'every operation has an operationId',
      );
      assert.equal(
        new Set(ids).size,
        ids.length,
        `duplicates: ${ids.filter((id, index) => ids.indexOf(id) !== index).join(', ')}`,
      );
    });

    it('gives every response and request body a JSON schema', () => {
      const missing: string[] = [];
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const where = `${method.toUpperCase()} ${path}`;
          const responses = Object.entries(operation.responses ?? {});
          // A redirect (the OAuth callback's 303) is that route's success.
          if (!responses.some(([status]) => /^[23]\d\d$/.test(status))) missing.push(`${where}: no success response`);
          for (const [status, response] of responses) {
            const contents = Object.entries(response.content ?? {});
            if (contents.length === 0 && status !== '204') missing.push(`${where} ${status}: no content`);
            for (const [type, content] of contents)
              if (!isJsonSchema(content.schema)) missing.push(`${where} ${status} ${type}: no schema`);
          }
          for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
            if (!isJsonSchema(content.schema)) missing.push(`${where} request ${type}: no schema`);
          }
        }
      }
      assert.deepEqual(missing, []);
    });

    it('documents a request body for exactly the routes that parse one', () => {
      for (const route of t.composition.routes) {
        const operation = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
        assert.ok(operation, `${route.method} ${route.url} is documented`);
        assert.equal(
          operation.requestBody !== undefined,
          route.body !== undefined,
          `${route.method} ${route.url} request body`,
        );
      }
    });

    it('declares each {param} of a path as a required path parameter', () => {
      for (const [path, item] of Object.entries(doc.paths)) {
        const inPath = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]).sort();
        for (const [method, operation] of Object.entries(item)) {
          const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
          assert.deepEqual(
            declared.map((parameter) => parameter.name).sort(),
            inPath,
            `${method.toUpperCase()} ${path}`,
          );
          assert.ok(
            declared.every((parameter) => parameter.required === true),
            `${method.toUpperCase()} ${path} path params are required`,
          );
        }
      }
    });

    it('resolves every $ref to a component schema', () => {
      const schemas = doc.components?.schemas ?? {};
      const dangling = [...new Set(refsIn(doc))].filter(
        (ref) => !(ref.startsWith('#/components/schemas/') && ref.slice('#/components/schemas/'.length) in schemas),
      );
      assert.deepEqual(dangling, []);
    });
  });
}
