import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AttributionReport, SiteKey, TrackedLink, TrackedLinkList } from '@sillage/contracts';
import { createTestApp, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';

const chrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const previewers = [
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Twitterbot/1.0',
  'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  'curl/8.5.0',
];

for (const kind of databaseKindsUnderTest()) {
  describe(`tracked links and conversions on ${kind}`, () => {
    let t: TestApp;
    let workspaceId: string;
    let owner: SignedInClient;
    const url = (path: string) => `/api/workspaces/${workspaceId}/${path}`;

    before(async () => {
      t = await createTestApp(kind);
      workspaceId = (await t.createWorkspace('Maison Lumière')).id;
      const user = await t.createUser({ email: `links-${kind}@example.com`, workspaceId, role: 'owner' });
      owner = await t.signIn(user.email);
    });
    after(() => t.close());

    async function createLink(source: string, campaign: string, medium = 'social'): Promise<TrackedLink> {
      const response = await owner.request({
        method: 'POST',
        url: url('links'),
        payload: { destinationUrl: 'https://shop.example/sale?ref=nl#top', utm: { source, medium, campaign } },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<TrackedLink>();
    }
    const clicksOf = async (code: string) => {
      const list = (await owner.request({ url: url('links') })).json<TrackedLinkList>();
      const link = list.links.find((item) => item.code === code);
      assert.ok(link, code);
      return { clicks: link.clicks, botClicks: link.botClicks };
    };

    it('builds the target with normalised UTMs and refuses a non-http destination with the field', async () => {
      const link = await createLink('Instagram', "Soldes d'Été");
      assert.equal(
        link.targetUrl,
        'https://shop.example/sale?ref=nl&utm_source=instagram&utm_medium=social&utm_campaign=soldes-d-ete#top',
      );
      assert.equal(link.shortUrl, `http://sillage.test/l/${link.code}`);
      const refused = await owner.request({
        method: 'POST',
        url: url('links'),
        payload: { destinationUrl: 'javascript:alert(1)', utm: { source: 'x', medium: 'social', campaign: '' } },
      });
      assert.equal(refused.statusCode, 400);
      const details = refused.json<{ error: { details: { path: string }[] } }>().error.details;
      assert.deepEqual(
        details.map((detail) => detail.path),
        ['body.destinationUrl', 'body.utm.campaign'],
      );
    });

    it('applies the workspace conventions set through the route', async () => {
      const put = await owner.request({
        method: 'PUT',
        url: url('links/utm-conventions'),
        payload: { lowercase: true, separator: '_', allowedMediums: ['social', 'email'] },
      });
      assert.equal(put.statusCode, 200, put.body);
      const link = await createLink('Le Blog', 'Fête des Mères', 'Email');
      assert.deepEqual(link.utm, { source: 'le_blog', medium: 'email', campaign: 'fete_des_meres' });
      const refused = await owner.request({
        method: 'POST',
        url: url('links'),
        payload: { destinationUrl: 'https://shop.example/', utm: { source: 'x', medium: 'banner', campaign: 'y' } },
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /not one of the workspace's mediums/);
      await owner.request({
        method: 'PUT',
        url: url('links/utm-conventions'),
        payload: { lowercase: true, separator: '-', allowedMediums: [] },
      });
    });

    it('redirects with the UTMs and a visitor id, counts a person once, and never a bot, a preview or a HEAD', async () => {
      const link = await createLink('instagram', 'redirect-test');
      const response = await t.app.inject({ url: `/l/${link.code}`, headers: { 'user-agent': chrome } });
      assert.equal(response.statusCode, 302);
      const location = new URL(String(response.headers.location));
      assert.equal(location.searchParams.get('utm_campaign'), 'redirect-test');
      const visitor = location.searchParams.get('slg_v');
      assert.match(visitor ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(location.hash, '#top');
      assert.match(
        String(response.headers['set-cookie']),
        new RegExp(`slg_v=${visitor}; Max-Age=34128000; Path=/l/; HttpOnly; SameSite=Lax`),
      );
      assert.deepEqual(await clicksOf(link.code), { clicks: 1, botClicks: 0 });

      // The cookie keeps the same visitor on a later click.
      const again = await t.app.inject({
        url: `/l/${link.code}`,
        headers: { 'user-agent': chrome, cookie: `slg_v=${visitor}` },
      });
      assert.equal(new URL(String(again.headers.location)).searchParams.get('slg_v'), visitor);
      assert.deepEqual(await clicksOf(link.code), { clicks: 2, botClicks: 0 });

      for (const agent of previewers) {
        const bot = await t.app.inject({ url: `/l/${link.code}`, headers: { 'user-agent': agent } });
        assert.equal(bot.statusCode, 302, agent);
        assert.equal(new URL(String(bot.headers.location)).searchParams.get('slg_v'), null, agent);
        assert.equal(bot.headers['set-cookie'], undefined, agent);
      }
      const head = await t.app.inject({ method: 'HEAD', url: `/l/${link.code}`, headers: { 'user-agent': chrome } });
      assert.equal(head.statusCode, 302);
      assert.deepEqual(await clicksOf(link.code), { clicks: 2, botClicks: previewers.length });

      const stored = await t.testDatabase.database.db.selectFrom('link_clicks').selectAll().execute();
      assert.ok(
        stored.every((row) => row.ip_hash !== '127.0.0.1' && row.ip_hash.length >= 40),
        'no raw address stored',
      );
    });

    it('answers an unknown code with a 404 page', async () => {
      const response = await t.app.inject({ url: '/l/doesNotExist', headers: { 'user-agent': chrome } });
      assert.equal(response.statusCode, 404);
      assert.match(String(response.headers['content-type']), /text\/html/);
      assert.match(response.body, /Link not found/);
    });

    it('records a conversion once per event id, checks the site key and the origin, and answers CORS', async () => {
      const created = await owner.request({
        method: 'POST',
        url: url('site-keys'),
        payload: { name: 'Shop', allowedOrigins: ['https://shop.example'] },
      });
      assert.equal(created.statusCode, 201, created.body);
      const key = created.json<SiteKey>();
      assert.match(key.snippet, /<script async src="http:\/\/sillage\.test\/sillage\.js" data-site-key="slg_pk_/);
      const event = {
        siteKey: key.publicKey,
        eventId: 'order-1042',
        type: 'purchase',
        value: { amountMinor: 4990, currency: 'EUR' },
        visitorId: 'visitor-0123456789abcdef',
      };
      const send = (body: unknown, origin: string | undefined = 'https://shop.example') =>
        t.app.inject({
          method: 'POST',
          url: '/api/conversions',
          headers: { 'content-type': 'text/plain;charset=UTF-8', ...(origin ? { origin } : {}) },
          payload: JSON.stringify(body),
        });
      const first = await send(event);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { status: 'recorded', eventId: 'order-1042' });
      assert.equal(first.headers['access-control-allow-origin'], 'https://shop.example');
      const second = await send(event);
      assert.deepEqual(second.json(), { status: 'duplicate', eventId: 'order-1042' });
      // A server sends JSON without an Origin.
      const fromServer = await t.app.inject({ method: 'POST', url: '/api/conversions', payload: event });
      assert.deepEqual(fromServer.json(), { status: 'duplicate', eventId: 'order-1042' });
      const rows = await t.testDatabase.database.db
        .selectFrom('conversion_events')
        .selectAll()
        .where('event_id', '=', 'order-1042')
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.source, 'snippet');

      const wrongKey = await send({ ...event, eventId: 'order-1', siteKey: 'slg_pk_nope' });
      assert.equal(wrongKey.statusCode, 401);
      assert.match(wrongKey.body, /invalid_site_key/);
      const wrongOrigin = await send({ ...event, eventId: 'order-2' }, 'https://evil.example');
      assert.equal(wrongOrigin.statusCode, 403);
      assert.match(wrongOrigin.body, /origin_not_allowed/);
      assert.equal(wrongOrigin.headers['access-control-allow-origin'], undefined);
      const invalid = await send({ ...event, eventId: 'order-3', value: undefined });
      assert.equal(invalid.statusCode, 400);
      assert.deepEqual(
        invalid.json<{ error: { details: { path: string }[] } }>().error.details.map((detail) => detail.path),
        ['body.value'],
      );
      const count = await t.testDatabase.database.db.selectFrom('conversion_events').select('event_id').execute();
      assert.deepEqual(
        count.map((row) => row.event_id),
        ['order-1042'],
      );

      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/conversions',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.statusCode, 204);
      assert.equal(preflight.headers['access-control-allow-methods'], 'POST');

      const revoked = await owner.request({ method: 'POST', url: url(`site-keys/${key.id}/revoke`) });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal((await send({ ...event, eventId: 'order-4' })).statusCode, 401);

      const script = await t.app.inject({ url: '/sillage.js' });
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /text\/javascript/);
      assert.match(script.body, /slg_v/);
    });

    it('imports a CSV all or nothing, reporting every bad row by line, and refuses a file that is not CSV', async () => {
      const header = 'event_id,type,occurred_at,visitor_id,value,currency';
      const bad = [
        header,
        'crm-1,lead,2026-03-01T09:00:00Z,visitor-a,,',
        'crm-2,purchase,2026-03-01T09:00:00Z,visitor-a,,', // line 3: a purchase without a value
        'crm-3,qualified_lead,2026-03-02T09:00:00Z,visitor-b,,',
        'crm-4,order,2026-03-02T09:00:00Z,visitor-b,12.00,EUR', // line 5: unknown type
        'crm-5,purchase,yesterday,visitor-c,12.999,EUR', // line 6: bad date and too many decimals
      ].join('\n');
      const refused = await owner.request({
        method: 'POST',
        url: url('conversions/import'),
        headers: { 'content-type': 'text/csv' },
        payload: bad,
      });
      assert.equal(refused.statusCode, 400, refused.body);
      const errors = refused.json<{ error: { code: string; details: { line: number; reason: string }[] } }>().error;
      assert.equal(errors.code, 'import_rows_invalid');
      assert.deepEqual(
        errors.details.map((detail) => detail.line),
        [3, 5, 6],
      );
      assert.match(errors.details[0]!.reason, /purchase needs a value/);
      assert.match(errors.details[1]!.reason, /type "order"/);
      assert.match(errors.details[2]!.reason, /occurred_at "yesterday".*value "12.999"/);
      const written = await t.testDatabase.database.db
        .selectFrom('conversion_events')
        .select('event_id')
        .where('source', '=', 'import')
        .execute();
      assert.equal(written.length, 0);

      const notCsv = await owner.request({
        method: 'POST',
        url: url('conversions/import'),
        payload: { csv: '\u0089PNG\r\n\u001a\n\u0000\u0000' },
      });
      assert.equal(notCsv.statusCode, 400);
      assert.match(notCsv.body, /not_a_conversions_csv/);
      assert.match(notCsv.body, /Nothing was imported/);

      const good = [
        header,
        'crm-10,lead,2026-03-01T09:00:00Z,visitor-a,,',
        'crm-11,purchase,2026-03-01T10:00:00+01:00,visitor-a,49.90,EUR',
      ].join('\r\n');
      const imported = await owner.request({ method: 'POST', url: url('conversions/import'), payload: { csv: good } });
      assert.deepEqual(imported.json(), { imported: 2, duplicates: 0 });
      const again = await owner.request({ method: 'POST', url: url('conversions/import'), payload: { csv: good } });
      assert.deepEqual(again.json(), { imported: 0, duplicates: 2 });
      const purchase = await t.testDatabase.database.db
        .selectFrom('conversion_events')
        .selectAll()
        .where('event_id', '=', 'crm-11')
        .executeTakeFirstOrThrow();
      assert.equal(Number(purchase.value_minor), 4990);
      assert.equal(new Date(purchase.occurred_at).toISOString(), '2026-03-01T09:00:00.000Z');
    });
  });

  describe(`links tenancy on ${kind}`, () => {
    let t: TestApp;
    after(() => t.close());

    it("keeps one workspace's links, keys, imports and reports away from another's members", async () => {
      t = await createTestApp(kind);
      const a = (await t.createWorkspace('Alpha')).id;
      const b = (await t.createWorkspace('Bravo')).id;
      const ownerA = await t.signIn(
        (await t.createUser({ email: `a-${kind}@example.com`, workspaceId: a, role: 'owner' })).email,
      );
      const ownerB = await t.signIn(
        (await t.createUser({ email: `b-${kind}@example.com`, workspaceId: b, role: 'owner' })).email,
      );
      const keyOfB = (
        await ownerB.request({
          method: 'POST',
          url: `/api/workspaces/${b}/site-keys`,
          payload: { name: 'B', allowedOrigins: ['https://b.example'] },
        })
      ).json<SiteKey>();
      const attempts = [
        { method: 'GET' as const, url: `/api/workspaces/${b}/links` },
        { method: 'GET' as const, url: `/api/workspaces/${b}/site-keys` },
        { method: 'GET' as const, url: `/api/workspaces/${b}/conversions/attribution` },
        { method: 'POST' as const, url: `/api/workspaces/${b}/site-keys/${keyOfB.id}/revoke` },
        {
          method: 'POST' as const,
          url: `/api/workspaces/${b}/conversions/import`,
          payload: { csv: 'event_id,type,occurred_at,visitor_id\nx,lead,2026-01-01T00:00:00Z,v\n' },
        },
      ];
      for (const attempt of attempts) {
        const response = await ownerA.request(attempt);
        assert.equal(response.statusCode, 404, `${attempt.method} ${attempt.url}`);
      }
      // B's key named inside A's workspace is not found either, and stays active.
      const inA = await ownerA.request({ method: 'POST', url: `/api/workspaces/${a}/site-keys/${keyOfB.id}/revoke` });
      assert.equal(inA.statusCode, 404);
      const keys = (await ownerB.request({ url: `/api/workspaces/${b}/site-keys` })).json<{ siteKeys: SiteKey[] }>();
      assert.equal(keys.siteKeys[0]?.revokedAt, null);
      // A link created with B's channel or post id is refused.
      const channel = await t.testDatabase.database.db
        .insertInto('channels')
        .values({
          workspace_id: b,
          network: 'x',
          network_account_id: 'b-1',
          display_name: 'B',
          access_token_encrypted: 'x',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const foreign = await ownerA.request({
        method: 'POST',
        url: `/api/workspaces/${a}/links`,
        payload: {
          destinationUrl: 'https://a.example/',
          utm: { source: 's', medium: 'm', campaign: 'c' },
          channelId: channel.id,
        },
      });
      assert.equal(foreign.statusCode, 400);
      assert.match(foreign.body, /unknown_target/);
    });
  });

  /*
   * Attribution fixture, computed by hand (workspace in Europe/Paris; period 2026-03-01..2026-03-08 local,
   * look-back 30 days). Links: A (instagram, campaign "sale"), B (linkedin, "sale"), C (newsletter, "launch").
   *   v1 clicks A 2 March, B 4 March, C 6 March (a bot also fetched C on 6 March: ignored), then buys for
   *      100.00 EUR on 7 March (e1);
   *   v2 clicks B 3 March, then becomes a lead on 5 March (e2);
   *   v3 clicked A on 20 January (46 days before: outside the window), signs up 6 March (e3): unattributed.
   * last click: C 1 (10000), B 1.   first click: A 1 (10000), B 1.
   * linear: A 1/3 (3334: the remainder cent goes to the earliest), B 1/3 + 1 (3333), C 1/3 (3333).
   * position-based (40/20/40): A 0.4 (4000), B 0.2 + 1 (2000), C 0.4 (4000).
   */
  describe(`attribution report on ${kind}`, () => {
    let t: TestApp;
    let workspaceId: string;
    let owner: SignedInClient;
    const links: Record<'A' | 'B' | 'C', TrackedLink> = {} as never;

    before(async () => {
      t = await createTestApp(kind);
      workspaceId = (await t.createWorkspace('Attribution')).id;
      const user = await t.createUser({ email: `attribution-${kind}@example.com`, workspaceId, role: 'owner' });
      owner = await t.signIn(user.email);
      const make = async (source: string, campaign: string) => {
        const response = await owner.request({
          method: 'POST',
          url: `/api/workspaces/${workspaceId}/links`,
          payload: { destinationUrl: 'https://shop.example/', utm: { source, medium: 'social', campaign } },
        });
        assert.equal(response.statusCode, 201, response.body);
        return response.json<TrackedLink>();
      };
      links.A = await make('instagram', 'sale');
      links.B = await make('linkedin', 'sale');
      links.C = await make('newsletter', 'launch');
      const repository = t.composition.services.links.repository;
      const click = (link: TrackedLink, visitorId: string, at: string, isBot = false) =>
        repository.insertClick({
          workspaceId,
          linkId: link.id,
          at: new Date(at),
          visitorId,
          ipHash: 'hash',
          userAgentClass: isBot ? 'bot' : 'desktop',
          referrerHost: null,
          isBot,
        });
      await click(links.A, 'v1', '2026-03-02T10:00:00Z');
      await click(links.B, 'v1', '2026-03-04T10:00:00Z');
      await click(links.C, 'v1', '2026-03-06T10:00:00Z');
      await click(links.C, 'v1', '2026-03-06T12:00:00Z', true);
      await click(links.B, 'v2', '2026-03-03T10:00:00Z');
      await click(links.A, 'v3', '2026-01-20T10:00:00Z');
      const csv = [
        'event_id,type,occurred_at,visitor_id,value,currency',
        'e1,purchase,2026-03-07T10:00:00Z,v1,100.00,EUR',
        'e2,lead,2026-03-05T10:00:00Z,v2,,',
        'e3,signup,2026-03-06T10:00:00Z,v3,,',
      ].join('\n');
      const imported = await owner.request({
        method: 'POST',
        url: `/api/workspaces/${workspaceId}/conversions/import`,
        payload: { csv },
      });
      assert.deepEqual(imported.json(), { imported: 3, duplicates: 0 });
    });
    after(() => t.close());

    const report = async (model: string) => {
      const response = await owner.request({
        url: `/api/workspaces/${workspaceId}/conversions/attribution?start=2026-03-01&end=2026-03-08&model=${model}&lookBackDays=30`,
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<AttributionReport>();
    };
    const bySource = (result: AttributionReport) =>
      Object.fromEntries(
        result.byChannel.map((row) => [
          row.label,
          { conversions: row.conversions, eur: row.values.find((value) => value.currency === 'EUR')?.amountMinor ?? 0 },
        ]),
      );
    const byLink = (result: AttributionReport) =>
      Object.fromEntries(result.byLink.map((row) => [row.label, row.conversions]));

    const expected = {
      last_click: { A: [0, 0], B: [1, 0], C: [1, 10000] },
      first_click: { A: [1, 10000], B: [1, 0], C: [0, 0] },
      linear: { A: [0.333333, 3334], B: [1.333333, 3333], C: [0.333333, 3333] },
      position_based: { A: [0.4, 4000], B: [1.2, 2000], C: [0.4, 4000] },
    } as const;
    const sourceOf = { A: 'utm_source=instagram', B: 'utm_source=linkedin', C: 'utm_source=newsletter' } as const;

    for (const [model, values] of Object.entries(expected)) {
      it(`gives the hand-computed ${model} credits per channel and per link`, async () => {
        const result = await report(model);
        assert.equal(result.conversions, 3);
        assert.deepEqual(result.values, [{ amountMinor: 10000, currency: 'EUR' }]);
        assert.equal(result.unattributed.conversions, 1);
        const channels = bySource(result);
        const perLink = byLink(result);
        for (const name of ['A', 'B', 'C'] as const) {
          const [conversions, eur] = values[name];
          const channel = channels[sourceOf[name]] ?? { conversions: 0, eur: 0 };
          assert.equal(channel.conversions, conversions, `${model} ${name} conversions`);
          assert.equal(channel.eur, eur, `${model} ${name} value`);
          assert.equal(perLink[`/l/${links[name].code}`] ?? 0, conversions, `${model} link ${name}`);
        }
        const attributed = result.byChannel.reduce((total, row) => total + row.conversions, 0);
        assert.ok(Math.abs(attributed - 2) < 1e-5, 'two conversions handed out in full');
      });
    }

    it('groups by campaign and excludes the clicks outside the look-back window', async () => {
      const result = await report('last_click');
      assert.deepEqual(result.byCampaign.map((row) => [row.key, row.conversions]).sort(), [
        ['launch', 1],
        ['sale', 1],
      ]);
      const short = await owner.request({
        url: `/api/workspaces/${workspaceId}/conversions/attribution?start=2026-03-01&end=2026-03-08&model=first_click&lookBackDays=2`,
      });
      // With 2 days, v1's first eligible click is C (6 March) and v2's is B (3 March).
      const channels = bySource(short.json<AttributionReport>());
      assert.equal(channels['utm_source=newsletter']?.conversions, 1);
      assert.equal(channels['utm_source=instagram'], undefined);
    });
  });
}
