import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves the built SPA: a file when one matches, index.html for client routes. */
export async function serveWebApp(
  request: FastifyRequest,
  reply: FastifyReply,
  webRoot: string | undefined,
): Promise<FastifyReply> {
  if (!webRoot) {
    return reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .send('The web app is not built. Run `npm run build` (npm start does it for you).');
  }
  const pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
  const candidate = path.normalize(path.join(webRoot, pathname));
  const inside = candidate.startsWith(webRoot + path.sep);
  const file = inside && (await isFile(candidate)) ? candidate : path.join(webRoot, 'index.html');
  const isAsset = file.includes(`${path.sep}assets${path.sep}`);
  reply.header('cache-control', isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (file.endsWith('.html')) {
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
  }
  return reply.type(types[path.extname(file)] ?? 'application/octet-stream').send(createReadStream(file));
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
