import { networkIds, type NetworkId } from '@sillage/domain';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The networks Sillage simulates; each gets its own loopback HTTP server speaking that network's wire format. */
export const simulatedNetworks = networkIds;
export type SimulatedNetwork = NetworkId;

export type RunningSimulators = {
  /** Base URL of each network's simulator, e.g. http://127.0.0.1:41234 */
  baseUrls: Record<SimulatedNetwork, string>;
  stop(): Promise<void>;
};

/**
 * Starts one loopback server per network. This skeleton answers only `GET /__simulator` (which network,
 * and that it is a simulator); each network's API is added with its connector.
 */
export async function startSimulators(options: { host?: string } = {}): Promise<RunningSimulators> {
  const host = options.host ?? '127.0.0.1';
  const servers: Server[] = [];
  const baseUrls = {} as Record<SimulatedNetwork, string>;
  for (const network of simulatedNetworks) {
    const server = createServer((request, response) => handle(network, request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    servers.push(server);
    baseUrls[network] = `http://${host}:${(server.address() as AddressInfo).port}`;
  }
  return {
    baseUrls,
    async stop() {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

function handle(network: SimulatedNetwork, request: IncomingMessage, response: ServerResponse): void {
  if (request.method === 'GET' && request.url === '/__simulator') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ network, simulator: true }));
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      error: { message: `The ${network} simulator does not implement ${request.method} ${request.url} yet` },
    }),
  );
}
