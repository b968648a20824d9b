import { Rejected } from '../errors.ts';
import { graphCall, type GraphTransport } from './graph-request.ts';

type InsightRow = { name?: unknown; values?: { value?: unknown }[]; total_value?: { value?: unknown } };

/**
 * `GET /{object-id}/insights?metric=…`: each metric's lifetime value as Graph gave it (a number, or an object
 * for breakdowns such as reactions by type); a metric missing from the answer is absent from the map.
 */
export async function readGraphInsights(
  transport: GraphTransport,
  objectId: string,
  metrics: readonly string[],
): Promise<Map<string, unknown>> {
  const body = await graphCall(transport, 'GET', `/${objectId}/insights`, { metric: metrics.join(',') }, 'read');
  const rows = Array.isArray(body.data) ? (body.data as InsightRow[]) : [];
  return new Map(
    rows.flatMap((row) =>
      typeof row.name === 'string' ? [[row.name, row.values?.[0]?.value ?? row.total_value?.value]] : [],
    ),
  );
}

/** A count as a figure: a finite number ≥ 0, else null (not reported). */
export const insightCount = (raw: unknown): number | null =>
  typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? raw : null;

/** An object the account no longer has (deleted post, album child): Graph error 100 "does not exist". */
export const isGoneFromGraph = (error: unknown): boolean =>
  error instanceof Rejected && (error.networkCode ?? '').startsWith('100') && /does not exist/i.test(error.reason);
