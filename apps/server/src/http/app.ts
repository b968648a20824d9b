import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError } from './errors.ts';
import type { RouteDefinition } from './route.ts';
import { registerRoutes, type RouteDependencies } from './register-routes.ts';
import { registerDemoMedia } from './demo-media.ts';
import { serveWebApp } from './web-app.ts';
import { keepRawWebhookBodies } from '../inbox/raw-body.ts';
import { registerLinksHttp } from '../links/links.module.ts';
import { registerMediaHttp } from '../media/media.module.ts';

export type AppOptions = {
  routes: readonly RouteDefinition[];
  dependencies: RouteDependencies;
  logLevel: string;
  trustProxy: boolean;
  webRoot: string | undefined;
  /** Extra log destination for tests (defaults to stdout). */
  logStream?: NodeJS.WritableStream;
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The HTTP application: JSON logs with a request id, one error format, the routes, and the web app at `/`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Invitation links carry their secret in the path: never log it.
        req: (request: { method: string; url: string; ip: string }) => ({
          method: request.method,
          url: request.url.replace(/\/invitations\/[^/?]+/, '/invitations/[redacted]'),
          ip: request.ip,
        }),
      },
    },
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: options.trustProxy,
    bodyLimit: 1_048_576,
  });

  await app.register(cookie);
  await registerMediaHttp(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      const level = error.status >= 500 ? 'error' : 'info';
      request.log[level]({ code: error.code, status: error.status }, error.message);
      return reply
        .code(error.status)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (error instanceof ZodError) {
      request.log.error({ err: error }, 'a response did not match its contract');
      return reply.code(500).send({
        error: { code: 'internal_error', message: `Something went wrong on our side (request ${request.id}).` },
      });
    }
    const fastifyError = error as { statusCode?: number; code?: string; message?: string };
    const status = fastifyError.statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 415 ? 'unsupported_media_type' : status === 413 ? 'payload_too_large' : 'bad_request';
      const message =
        status === 415
          ? 'Send the body as application/json.'
          : status === 413
            ? 'The body is too large (1 MB at most).'
            : `The request could not be read: ${fastifyError.message ?? 'malformed'}. Send valid JSON.`;
      return reply.code(status).send({ error: { code, message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({
      error: {
        code: 'internal_error',
        message: `Something went wrong on our side (request ${request.id}); it was logged.`,
      },
    });
  });

  keepRawWebhookBodies(app);
  registerLinksHttp(app);
  registerRoutes(app, options.routes, options.dependencies);
  registerDemoMedia(app);

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || !['GET', 'HEAD'].includes(request.method)) {
      return reply.code(404).send({
        error: {
          code: 'not_found',
          message: `No route ${request.method} ${request.url.split('?')[0]}; see /api/docs.`,
        },
      });
    }
    return serveWebApp(request, reply, options.webRoot);
  });

  return app;
}
