import type { SimResponse } from '../kit/index.ts';
import { graphError } from './meta-graph-sim.ts';

/**
 * The Graph API's answer to `GET /{object-id}/insights?metric=…` (lifetime figures): one row per asked metric in
 * the order asked, or error 100 naming the first metric the object type does not have.
 * @example graphInsightsAnswer('17', 'views,likes', ['views', 'likes'], () => 3)
 */
export function graphInsightsAnswer(
  objectId: string,
  metricParam: string | null,
  known: readonly string[],
  value: (name: string) => unknown,
): SimResponse {
  const asked = (metricParam ?? '').split(',').filter(Boolean);
  const unknown = asked.findIndex((name) => !known.includes(name));
  if (asked.length === 0 || unknown >= 0)
    return graphError(
      400,
      100,
      `(#100) metric[${Math.max(0, unknown)}] must be one of the following values: ${known.join(', ')}`,
    );
  return {
    status: 200,
    body: {
      data: asked.map((name) => ({
        name,
        period: 'lifetime',
        values: [{ value: value(name) }],
        title: name,
        description: `Lifetime ${name}`,
        id: `${objectId}/insights/${name}/lifetime`,
      })),
      paging: {},
    },
  };
}
