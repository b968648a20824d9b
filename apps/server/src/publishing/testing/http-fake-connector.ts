import { OutcomeUnknown, Transient, type Connector } from '@sillage/connectors';
import { createFakeNetwork } from './fake-connector.ts';

/**
 * A connector speaking to the fake network HTTP server of the worker-crash test: POST /posts publishes,
 * GET /posts?key= finds our post. Each request says which process sent it, so the test can kill that one.
 */
export function createHttpFakeConnector(): Connector {
  const base = createFakeNetwork('x').connector;
  return {
    ...base,
    async publish(context, request) {
      let response: Response;
      try {
        response = await context.fetch(`${context.baseUrl}/posts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-worker-pid': String(process.pid) },
          body: JSON.stringify({ key: request.idempotencyKey, text: request.text }),
        });
      } catch (error) {
        throw new OutcomeUnknown(`connection failed after sending: ${String(error)}`);
      }
      if (response.status >= 500) throw new OutcomeUnknown(`status ${response.status}`);
      if (!response.ok) throw new Transient(`status ${response.status}`);
      const body = (await response.json()) as { id?: string };
      return { networkPostId: body.id ?? '', url: null };
    },
    async findPublished(context, query) {
      const response = await context.fetch(`${context.baseUrl}/posts?key=${encodeURIComponent(query.idempotencyKey)}`);
      if (response.status === 404) return null;
      if (!response.ok) throw new Transient(`status ${response.status}`);
      const body = (await response.json()) as { id: string };
      return { networkPostId: body.id, url: null };
    },
  };
}
