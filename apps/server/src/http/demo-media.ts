import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { demoMedia, isDemoMediaName } from '../demo/demo-media.ts';

/** Serves the demo's media files by name (a fixed list: no path from the request reaches the file system). */
export function registerDemoMedia(app: FastifyInstance): void {
  app.get<{ Params: { name: string } }>('/demo-media/:name', async (request, reply) => {
    const name = request.params.name;
    if (!isDemoMediaName(name))
      return reply.code(404).send({ error: { code: 'not_found', message: `No demo media named ${name}.` } });
    const { file, meta } = demoMedia[name];
    return reply
      .header('content-type', meta.mimeType)
      .header('content-length', String(meta.byteLength))
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(file));
  });
}
