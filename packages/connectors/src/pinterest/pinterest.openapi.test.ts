import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  startPinterestSimulator,
  type PinterestSimulator,
} from '../../../simulators/src/pinterest/pinterest-simulator.ts';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { requestBodySchema, validateAgainstSchema, type OpenApiDocument } from './openapi-subset-validator.ts';
import { pinterestConnector } from './index.ts';
import { pinterestMediaSource, pinterestPinBody } from './pinterest.mapper.ts';

// Pinterest's OpenAPI description, copied into fixtures/ (see SOURCE.txt there).
const specPath = new URL('./fixtures/openapi.yaml', import.meta.url);
const document = parse(readFileSync(specPath, 'utf8')) as OpenApiDocument;
const pinCreate = { $ref: '#/components/schemas/PinCreate' };
const client = { clientId: 'app-1', clientSecret: 'secret-1', redirectUri: 'http://127.0.0.1/callback' };
const image = (name: string, mimeType = 'image/jpeg'): MediaItem => ({
  url: `https://cdn.test/${name}`,
  mimeType,
  altText: `Alt ${name}`,
});

let sim: PinterestSimulator;
before(async () => {
  sim = await startPinterestSimulator();
});
after(() => sim.close());

describe('pinterest requests against the v5 OpenAPI contract', () => {
  it('every request body the connector sends matches the schema of its operation', async () => {
    const account = sim.createAccount();
    const context: ConnectorContext = {
      baseUrl: sim.baseUrl,
      credentials: { accountId: account.accountId, accessToken: account.accessToken },
      fetch,
      now: () => new Date(),
      loadMedia: (item) => Promise.resolve(new TextEncoder().encode(`bytes of ${item.url}`)),
    };
    const board = { boardId: account.boardId };
    const requests: Partial<PublishRequest>[] = [
      { media: [image('a.jpg')] },
      {
        media: [image('a.jpg')],
        link: { url: 'https://shop.test/picnic' },
        options: { ...board, title: 'Summer picnic', boardSectionId: '5566', dominantColor: '#6E7874' },
      },
      { media: [image('a.png', 'image/png')], options: { ...board, mediaSource: 'base64' } },
      { format: 'carousel', media: [image('a.jpg'), image('b.jpg'), image('c.jpg')] },
      {
        format: 'carousel',
        media: [image('a.jpg'), image('b.png', 'image/png')],
        options: { ...board, mediaSource: 'base64' },
      },
    ];
    for (const overrides of requests)
      await pinterestConnector.publish(context, {
        idempotencyKey: 'pub_1',
        format: 'pin',
        text: 'Easy recipes #summer',
        media: [],
        options: board,
        ...overrides,
      });
    const tokenContext = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const url = pinterestConnector.authorizeUrl!(sim.baseUrl, client, { state: 's' });
    const code =
      new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
    const tokens = await pinterestConnector.exchangeCode!(tokenContext, client, { code });
    await pinterestConnector.refreshToken!(tokenContext, client, tokens.refreshToken ?? '');

    const withBodies = sim.requests.filter((request) => request.method === 'POST');
    const checked = new Set<string>();
    for (const request of withBodies) {
      const path = request.path.replace(/^\/v5/, '');
      const operation = requestBodySchema(document, request.method, path);
      assert.ok(operation, `${request.method} ${path} is not an operation of the spec`);
      assert.deepEqual(
        validateAgainstSchema(document, operation.schema, request.body),
        [],
        `${request.method} ${path}`,
      );
      checked.add(
        `${operation.template}:${JSON.stringify(request.body.grant_type ?? (request.body.media_source as { source_type?: string } | undefined)?.source_type)}`,
      );
    }
    assert.deepEqual([...checked].sort(), [
      '/oauth/token:"authorization_code"',
      '/oauth/token:"refresh_token"',
      '/pins:"image_base64"',
      '/pins:"image_url"',
      '/pins:"multiple_image_base64"',
      '/pins:"multiple_image_urls"',
    ]);
  });

  it('the validator catches what the spec forbids: a long title, a non-numeric board, an unknown source type, a typo', () => {
    const body = pinterestPinBody(
      {
        idempotencyKey: 'k',
        format: 'pin',
        text: 'd',
        media: [image('a.jpg')],
        options: { boardId: '1', title: 't'.repeat(101) },
      },
      pinterestMediaSource({ idempotencyKey: 'k', format: 'pin', text: 'd', media: [image('a.jpg')] }),
    );
    assert.deepEqual(validateAgainstSchema(document, pinCreate, body), ['$.title: longer than 100']);
    assert.deepEqual(validateAgainstSchema(document, pinCreate, { ...body, title: 't', board_id: 'abc' }), [
      '$.board_id: does not match ^\\d+$',
    ]);
    const unknown = validateAgainstSchema(document, pinCreate, {
      ...body,
      title: 't',
      media_source: { source_type: 'gif_url', url: 'x' },
    });
    assert.ok(unknown.some((problem) => problem.includes('oneOf')));
    const typo = validateAgainstSchema(document, pinCreate, { ...body, title: 't', alt_txt: 'x' });
    assert.deepEqual(typo, ['$: "alt_txt" is not in the schema']);
    const short = validateAgainstSchema(document, pinCreate, {
      ...body,
      title: 't',
      media_source: { source_type: 'multiple_image_urls', items: [{ url: 'x' }] },
    });
    assert.deepEqual(short, ['$.media_source.items: fewer than 2 items']);
  });
});
