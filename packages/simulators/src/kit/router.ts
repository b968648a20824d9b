import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as a simulator handler sees it. */
export type SimRequest = {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The raw body (for signatures and uploads). */
  raw: Buffer;
  /** The body parsed as JSON or as a form, when it is one. */
  body: Record<string, unknown>;
};

export type SimResponse = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send this exact text instead of JSON. */
  text?: string;
};

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

type Route = { method: string; pattern: RegExp; names: string[]; handler: SimHandler };

/** A tiny router: `route('POST', '/v2/tweets', handler)`, with `:name` path parameters. */
export function createRouter() {
  const routes: Route[] = [];
  return {
    route(method: string, path: string, handler: SimHandler): void {
      const names: string[] = [];
      const pattern = new RegExp(
        '^' +
          path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:([A-Za-z_]+)/g, (_, name: string) => {
            names.push(name);
            return '([^/]+)';
          }) +
          '$',
      );
      routes.push({ method, pattern, names, handler });
    },
    match(method: string, path: string): { handler: SimHandler; params: Record<string, string> } | undefined {
      for (const route of routes) {
        if (route.method !== method) continue;
        const found = route.pattern.exec(path);
        if (!found) continue;
        const params = Object.fromEntries(
          route.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]),
        );
        return { handler: route.handler, params };
      }
      return undefined;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;

/** Reads the whole body of a request. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  // Events rather than `for await`: an async iterator per request costs more than the rest of a small one.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

/** Parses JSON or form bodies; anything else gives {}. */
export function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (raw.length === 0) return {};
  const type = contentType ?? '';
  try {
    if (type.includes('application/json')) return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    if (type.includes('application/x-www-form-urlencoded'))
      return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  } catch {
    return {};
  }
  return {};
}

export function writeResponse(response: ServerResponse, result: SimResponse): void {
  if (result.text !== undefined) {
    response.writeHead(result.status, { 'content-type': 'text/plain; charset=utf-8', ...result.headers });
    response.end(result.text);
    return;
  }
  const headers: Record<string, string> = { ...result.headers };
  if (result.body !== undefined) headers['content-type'] ??= 'application/json; charset=utf-8';
  response.writeHead(result.status, headers);
  response.end(result.body === undefined ? undefined : JSON.stringify(result.body));
}
