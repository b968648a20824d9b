import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaults, type Fault, type Faults } from './faults.ts';
import { createRouter, parseBody, readBody, writeResponse, type Router, type SimResponse } from './router.ts';

/** How a network shapes its error bodies and rate-limit headers, for injected faults. */
export type ErrorStyle = {
  /** The network's error body for a status (e.g. Graph API's {error:{message,type,code}}). */
  errorBody(status: number, message: string): unknown;
  /** Headers that come with a 429 (Retry-After, x-rate-limit-reset, ...). */
  rateLimitHeaders(retryAfterSeconds: number, now: Date): Record<string, string>;
};

export type SimulatorServer = {
  baseUrl: string;
  faults: Faults;
  /** Every request received, in order (method, path, body), for assertions. */
  requests: {
    method: string;
    path: string;
    body: Record<string, unknown>;
    headers: Record<string, string | string[] | undefined>;
  }[];
  close(): Promise<void>;
};

/**
 * Starts a loopback HTTP server for one network: `setup(router)` declares its routes; faults injected with
 * `faults.inject(...)` are applied around them. Also answers `GET /__simulator`.
 */
export async function startSimulatorServer(options: {
  network: string;
  host?: string;
  port?: number;
  errorStyle: ErrorStyle;
  now?: () => Date;
  setup: (router: Router) => void;
}): Promise<SimulatorServer> {
  const router = createRouter();
  options.setup(router);
  const faults = createFaults();
  const now = options.now ?? (() => new Date());
  const requests: SimulatorServer['requests'] = [];

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://simulator');
      const method = request.method ?? 'GET';
      if (method === 'GET' && url.pathname === '/__simulator') {
        writeResponse(response, { status: 200, body: { network: options.network, simulator: true } });
        return;
      }
      const fault: Fault | undefined = faults.take(method, url.pathname);
      if (fault?.kind === 'reset_before_body') {
        request.socket.destroy();
        return;
      }
      const raw = await readBody(request);
      const body = parseBody(raw, request.headers['content-type']);
      requests.push({ method, path: url.pathname, body, headers: request.headers });
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (fault?.kind === 'status') {
        const headers =
          fault.status === 429 ? options.errorStyle.rateLimitHeaders(fault.retryAfterSeconds ?? 60, now()) : {};
        writeResponse(response, {
          status: fault.status,
          body: options.errorStyle.errorBody(fault.status, `Injected ${fault.status}`),
          headers,
        });
        return;
      }
      if (fault?.kind === 'false_success') {
        writeResponse(response, { status: 200, body: {} });
        return;
      }
      const matched = router.match(method, url.pathname);
      let result: SimResponse;
      if (!matched) {
        result = { status: 404, body: options.errorStyle.errorBody(404, `${method} ${url.pathname} is not simulated`) };
      } else {
        try {
          result = await matched.handler({
            method,
            path: url.pathname,
            params: matched.params,
            query: url.searchParams,
            headers: request.headers,
            raw,
            body,
          });
        } catch (error) {
          result = { status: 500, body: options.errorStyle.errorBody(500, (error as Error).message) };
        }
      }
      if (fault?.kind === 'error_after_body') {
        writeResponse(response, {
          status: 500,
          body: options.errorStyle.errorBody(500, 'Injected 500 after the work was done'),
        });
        return;
      }
      if (fault?.kind === 'reset_after_body') {
        request.socket.destroy();
        return;
      }
      writeResponse(response, result);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
