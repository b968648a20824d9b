import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { startPinterestSimulator, type PinterestSimulator } from '@sillage/simulators/pinterest/pinterest-simulator';
import type { ConnectorContext } from '../connector.ts';
import { AuthExpired, Rejected } from '../errors.ts';
import { pinterestConnector } from './index.ts';
import { validateAgainstSchema, type OpenApiDocument } from './openapi-subset-validator.ts';
import { pinterestLifetimeQuery } from './pinterest.metrics.ts';

// Pinterest's OpenAPI description (fixtures/SOURCE.txt says where it comes from).
const spec = parse(readFileSync(new URL('./fixtures/openapi.yaml', import.meta.url), 'utf8')) as OpenApiDocument;

let sim: PinterestSimulator;
let current = new Date('2026-05-01T12:00:00Z');
const now = () => current;

type Account = ReturnType<PinterestSimulator['createAccount']>;

const contextFor = (account: Account, accessToken = account.accessToken): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accountId: account.accountId, accessToken },
  fetch,
  now,
  loadMedia: async () => new Uint8Array(),
});

async function pinAt(account: Account, at: string, text: string): Promise<string> {
  current = new Date(at);
  const result = await pinterestConnector.publish(contextFor(account), {
    idempotencyKey: text,
    format: 'pin',
    text,
    media: [{ url: 'https://cdn.test/pin.jpg', mimeType: 'image/jpeg', altText: 'Bougies' }],
    options: { boardId: account.boardId },
  });
  current = new Date('2026-05-01T12:00:00Z');
  return result.networkPostId;
}

const figures = (impressions: number, reactions: number, comments: number, saves: number, linkClicks: number) => ({
  impressions,
  reach: null,
  reactions,
  comments,
  shares: null,
  saves,
  link_clicks: linkClicks,
  video_views: null,
});

describe('pinterest post metrics against the simulator', () => {
  before(async () => {
    sim = await startPinterestSimulator({ now });
  });
  after(() => sim.close());

  it('sums the daily impressions, saves and outbound clicks since the Pin was created; reads lifetime comments and reactions', async () => {
    const account = sim.createAccount();
    const pin = await pinAt(account, '2026-04-20T10:00:00Z', 'Bougies de Noël');
    sim.setDailyMetrics(pin, '2026-04-20', { IMPRESSION: 100, SAVE: 4, OUTBOUND_CLICK: 7, PIN_CLICK: 12 });
    sim.setDailyMetrics(pin, '2026-04-25', { IMPRESSION: 250, SAVE: 6, OUTBOUND_CLICK: 3 });
    sim.setDailyMetrics(pin, '2026-05-01', { IMPRESSION: 5 });
    sim.setLifetimeMetrics(pin, { TOTAL_COMMENTS: 3, TOTAL_REACTIONS: 9 });
    const urls: URL[] = [];
    const answer = await pinterestConnector.fetchPostMetrics!(
      {
        ...contextFor(account),
        fetch: (input, init) => {
          urls.push(new URL(input instanceof Request ? input.url : input));
          return fetch(input, init);
        },
      },
      [pin],
    );
    assert.deepEqual(answer, [{ networkPostId: pin, figures: figures(355, 9, 3, 10, 10) }]);
    assert.deepEqual(
      urls.map((url) => url.pathname),
      [`/v5/pins/${pin}/analytics`],
    );
    const query = urls[0]!.searchParams;
    assert.equal(query.get('start_date'), '2026-01-31');
    assert.equal(query.get('end_date'), '2026-05-01');
    assert.equal(query.get('metric_types'), 'IMPRESSION,SAVE,OUTBOUND_CLICK,TOTAL_COMMENTS,TOTAL_REACTIONS');
    assert.deepEqual(pinterestConnector.postMetrics, {
      reported: ['impressions', 'reactions', 'comments', 'saves', 'link_clicks'],
      batch: 25,
    });
  });

  it('counts only the last 90 days of an older Pin, the furthest back Pinterest answers', async () => {
    const account = sim.createAccount();
    const pin = await pinAt(account, '2026-01-02T08:00:00Z', 'Soldes d’hiver');
    sim.setDailyMetrics(pin, '2026-01-15', { IMPRESSION: 1000, SAVE: 50, OUTBOUND_CLICK: 40 });
    sim.setDailyMetrics(pin, '2026-04-01', { IMPRESSION: 30, SAVE: 1, OUTBOUND_CLICK: 2 });
    const answer = await pinterestConnector.fetchPostMetrics!(contextFor(account), [pin]);
    assert.deepEqual(answer, [{ networkPostId: pin, figures: figures(30, 0, 0, 1, 2) }]);
  });

  it('leaves out a deleted Pin and a non-Pin id, refuses another account’s Pin, and says when the token is refused', async () => {
    const account = sim.createAccount();
    const other = sim.createAccount();
    const kept = await pinAt(account, '2026-04-30T09:00:00Z', 'Atelier samedi');
    const removed = await pinAt(account, '2026-04-30T09:05:00Z', 'Pin retiré');
    const foreign = await pinAt(other, '2026-04-30T09:10:00Z', 'Pin d’un autre compte');
    sim.setDailyMetrics(kept, '2026-04-30', { IMPRESSION: 12 });
    await pinterestConnector.deletePost!(contextFor(account), removed);
    const before = sim.requests.length;
    const answer = await pinterestConnector.fetchPostMetrics!(contextFor(account), [removed, 'demo-pin', kept]);
    assert.deepEqual(
      sim.requests.slice(before).map((call) => call.path),
      [`/v5/pins/${removed}/analytics`, `/v5/pins/${kept}/analytics`],
    );
    assert.deepEqual(
      answer.map((item) => [item.networkPostId, item.figures.impressions]),
      [[kept, 12]],
    );
    await assert.rejects(pinterestConnector.fetchPostMetrics!(contextFor(account), [foreign]), Rejected);
    await assert.rejects(
      pinterestConnector.fetchPostMetrics!(contextFor(account, 'pina_revoked'), [kept]),
      AuthExpired,
    );
  });

  it('asks what the OpenAPI contract allows, and the simulator answers in its PinAnalyticsResponse shape', async () => {
    const account = sim.createAccount();
    const pin = await pinAt(account, '2026-04-28T10:00:00Z', 'Contrat');
    sim.setDailyMetrics(pin, '2026-04-29', { IMPRESSION: 8, SAVE: 1 });
    sim.setLifetimeMetrics(pin, { TOTAL_COMMENTS: 1 });
    const query = pinterestLifetimeQuery(now());
    const schemaOf = (name: string) =>
      (spec as unknown as { components: { parameters: Record<string, { schema: Record<string, unknown> }> } })
        .components.parameters[name]!.schema;
    // The spec's two enums (standard and video Pins) overlap, so its oneOf cannot hold: check the standard one.
    const standardPin = (schemaOf('query_pin_analytics_metric_types').items as { oneOf: Record<string, unknown>[] })
      .oneOf[0]!;
    for (const metric of query.get('metric_types')!.split(','))
      assert.deepEqual(validateAgainstSchema(spec, standardPin, metric), [], metric);
    assert.deepEqual(validateAgainstSchema(spec, standardPin, 'VIDEO_MRC_VIEW').length, 1);
    assert.deepEqual(validateAgainstSchema(spec, schemaOf('query_app_types'), query.get('app_types')), []);
    const response = await fetch(new URL(`/v5/pins/${pin}/analytics?${query.toString()}`, sim.baseUrl), {
      headers: { authorization: `Bearer ${account.accessToken}` },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    // PinAnalyticsResponse is a map by app type (additionalProperties): `all` for app_types=ALL.
    assert.deepEqual(Object.keys(body), ['all']);
    const metricsResponse = { $ref: '#/components/schemas/PinAnalyticsMetricsResponse' };
    assert.deepEqual(validateAgainstSchema(spec, metricsResponse, body.all), []);
    assert.notDeepEqual(validateAgainstSchema(spec, metricsResponse, { daily_metrics: 'x' }), []);
    assert.notDeepEqual(validateAgainstSchema(spec, metricsResponse, { lifetime: {} }), []);
  });
});
