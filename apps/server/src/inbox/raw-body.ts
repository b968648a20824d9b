import type { FastifyInstance, FastifyRequest } from 'fastify';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** Paths whose raw request bytes are kept: webhook signatures are computed on them, not on re-serialised JSON. */
const keepsRawBody = (url: string) => url.startsWith('/api/webhooks/');

/**
 * Replaces the JSON body parser with the same default parser plus, on webhook paths, a copy of the raw bytes
 * (read with `rawBodyOf`). A webhook body that is not JSON reaches the handler as `{}` so that its signature
 * is checked first.
 */
export function keepRawWebhookBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const buffer = body as Buffer;
    if (!keepsRawBody(request.url)) {
      void parseJson(request, buffer.toString('utf8'), done);
      return;
    }
    rawBodies.set(request, buffer);
    void parseJson(request, buffer.toString('utf8'), (error, value) => done(null, error ? {} : value));
  });
}

/** The raw bytes of a webhook request's body, when it had one. */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request);
}
