import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { MediaAssetView } from '@sillage/contracts';
import type { FastifyInstance } from 'fastify';
import { compose } from '../composition.ts';
import { buildApp } from '../http/app.ts';
import { createTestApp, TEST_SECRET_KEY, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { seedDemoLibrary } from './demo-library.ts';
import { probeFile } from './ffmpeg.ts';
import { ffmpegFile, solidPng } from './testing/media-fixtures.ts';

type Upload = { media: MediaAssetView; duplicate: boolean };

function form(file: Buffer, name: string, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append('file', new Blob([file]), name);
  return body;
}

for (const kind of databaseKindsUnderTest()) {
  describe(`media library on ${kind}`, () => {
    let t: TestApp;
    let workspaceId: string;
    let otherWorkspaceId: string;
    let owner: SignedInClient;
    let outsider: SignedInClient;
    let analyst: SignedInClient;
    let files: string;
    const url = (suffix = '') => `/api/workspaces/${workspaceId}/media${suffix}`;

    before(async () => {
      t = await createTestApp(kind);
      workspaceId = (await t.createWorkspace('Maison Lumière')).id;
      otherWorkspaceId = (await t.createWorkspace('Other shop')).id;
      const user = await t.createUser({ email: `media-${kind}@example.com`, workspaceId, role: 'owner' });
      owner = await t.signIn(user.email);
      const reader = await t.createUser({ email: `media-analyst-${kind}@example.com`, workspaceId, role: 'analyst' });
      analyst = await t.signIn(reader.email);
      const stranger = await t.createUser({
        email: `media-other-${kind}@example.com`,
        workspaceId: otherWorkspaceId,
        role: 'owner',
      });
      outsider = await t.signIn(stranger.email);
      files = await mkdtemp(path.join(tmpdir(), 'sillage-media-test-'));
      await Promise.all([
        ffmpegFile(path.join(files, 'clip.mp4'), 'mp4', { width: 320, height: 180 }),
        ffmpegFile(path.join(files, 'photo.jpg'), 'jpeg', { width: 200, height: 100 }),
      ]);
    });
    after(async () => {
      await t.close();
      await rm(files, { recursive: true, force: true });
    });

    const upload = (client: SignedInClient, file: Buffer, name: string, fields: Record<string, string> = {}) =>
      client.request({ method: 'POST', url: url(), payload: form(file, name, fields) });

    it('uploads a video: sniffed type, dimensions, duration, thumbnail, and an audit entry', async () => {
      const response = await upload(owner, await readFile(path.join(files, 'clip.mp4')), 'clip.MOV', {
        altText: 'A candle burning',
        tags: '#Bougie, soldes, bougie',
      });
      assert.equal(response.statusCode, 201, response.body);
      const { media, duplicate } = response.json<Upload>();
      assert.equal(duplicate, false);
      assert.equal(media.kind, 'video');
      assert.equal(media.mimeType, 'video/mp4', 'the content decides, not the .MOV name');
      assert.deepEqual([media.width, media.height], [320, 180]);
      assert.ok(Math.abs((media.durationSeconds ?? 0) - 2) < 0.2);
      assert.deepEqual(media.tags, ['bougie', 'soldes']);
      assert.equal(media.altText, 'A candle burning');

      const thumbnail = await owner.request({ url: media.thumbnailUrl! });
      assert.equal(thumbnail.statusCode, 200);
      assert.equal(thumbnail.headers['content-type'], 'image/jpeg');
      assert.equal(thumbnail.headers['x-content-type-options'], 'nosniff');

      const trail = await owner.request({ url: `/api/workspaces/${workspaceId}/audit-log` });
      assert.match(trail.body, /media\.uploaded/);
    });

    it('serves the original with its type, nosniff and Content-Disposition (inline, or attachment to download)', async () => {
      const jpeg = await readFile(path.join(files, 'photo.jpg'));
      const { media } = (await upload(owner, jpeg, 'Photo été.jpg')).json<Upload>();
      const inline = await owner.request({ url: media.fileUrl });
      assert.equal(inline.statusCode, 200);
      assert.equal(inline.headers['content-type'], 'image/jpeg');
      assert.equal(inline.headers['x-content-type-options'], 'nosniff');
      assert.match(
        String(inline.headers['content-disposition']),
        /^inline; filename="Photo _t_\.jpg"; filename\*=UTF-8''Photo%20%C3%A9t%C3%A9\.jpg$/,
      );
      assert.deepEqual(inline.rawPayload, jpeg);
      const download = await owner.request({ url: `${media.fileUrl}?download=1` });
      assert.match(String(download.headers['content-disposition']), /^attachment;/);
    });

    it('uploads the same content twice as one entry', async () => {
      const png = solidPng(10, 10, [1, 2, 3]);
      const first = (await upload(owner, png, 'a.png')).json<Upload>();
      const second = (await upload(owner, png, 'b.png')).json<Upload>();
      assert.equal(second.duplicate, true);
      assert.equal(second.media.id, first.media.id);
    });

    it('refuses an SVG with a script, a polyglot and an unknown file with 415 and a reason; nothing is stored', async () => {
      const before = (await owner.request({ url: url() })).json<{ media: unknown[] }>().media.length;
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      const jpeg = await readFile(path.join(files, 'photo.jpg'));
      const polyglot = Buffer.concat([jpeg, Buffer.from('<html><script>alert(1)</script></html>')]);
      for (const [file, name, pattern] of [
        [svg, 'logo.png', /SVG/],
        [polyglot, 'photo.jpg', /appended|markup/],
        [Buffer.from('MZ\x90\x00 not a picture'), 'photo.jpg', /not a JPEG/],
      ] as const) {
        const response = await upload(owner, file, name);
        assert.equal(response.statusCode, 415, `${name}: ${response.body}`);
        const error = response.json<{ error: { code: string; message: string } }>().error;
        assert.equal(error.code, 'media_refused');
        assert.match(error.message, pattern);
      }
      assert.equal((await owner.request({ url: url() })).json<{ media: unknown[] }>().media.length, before);
      const leftovers = await stat(path.join(t.testDatabase.dataDir, 'media', '.tmp')).then(
        async () => (await import('node:fs/promises')).readdir(path.join(t.testDatabase.dataDir, 'media', '.tmp')),
        () => [],
      );
      assert.deepEqual(leftovers, [], 'no temporary file left behind');
    });

    it('refuses a picture with too many pixels before decoding it', async () => {
      const huge = path.join(files, 'huge.png');
      await ffmpegFile(huge, 'png', { width: 16_400, height: 16 });
      const response = await upload(owner, await readFile(huge), 'huge.png');
      assert.equal(response.statusCode, 415, response.body);
      assert.match(response.json<{ error: { message: string } }>().error.message, /16,384 pixels a side/);
    });

    it('refuses a body that is not multipart with 415', async () => {
      const response = await owner.request({ method: 'POST', url: url(), payload: {} });
      assert.equal(response.statusCode, 415);
    });

    it('searches by name, alt text and tag, filters by kind, and edits alt text and tags', async () => {
      const { media } = (
        await upload(owner, solidPng(30, 30, [9, 9, 9]), 'vitrine-noel.png', { tags: 'Noël, vitrine' })
      ).json<Upload>();
      const search = async (query: string) =>
        (await owner.request({ url: url(`?${query}`) }))
          .json<{ media: MediaAssetView[] }>()
          .media.map((item) => item.id);
      assert.ok((await search('search=VITRINE')).includes(media.id));
      assert.ok((await search('search=%23no%C3%ABl')).includes(media.id), 'a #tag matches');
      assert.ok(!(await search('search=vitrine&kind=video')).includes(media.id));
      assert.ok((await search('kind=image')).includes(media.id));
      assert.ok(!(await search('search=vitrine%25')).includes(media.id), 'LIKE wildcards are literal');

      const patched = await owner.request({
        method: 'PATCH',
        url: url(`/${media.id}`),
        payload: { altText: 'Window display with candles', tags: ['Décor', 'décor', 'hiver'] },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual(patched.json<MediaAssetView>().tags, ['décor', 'hiver']);
      assert.ok((await search('search=candles')).includes(media.id), 'alt text is searched');
      const denied = await analyst.request({ method: 'PATCH', url: url(`/${media.id}`), payload: { altText: 'x' } });
      assert.equal(denied.statusCode, 403);
    });

    it('makes renditions at each aspect with the planned size, and keeps them', async () => {
      const { media } = (await upload(owner, await readFile(path.join(files, 'photo.jpg')), 'wide.jpg')).json<Upload>();
      const expected = {
        '1x1': [100, 100],
        '4x5': [80, 100],
        '9x16': [56, 100],
        '1.91x1': [192, 100],
        '16x9': [178, 100],
      };
      for (const [aspect, size] of Object.entries(expected)) {
        const response = await owner.request({ url: url(`/${media.id}/renditions/${aspect}`) });
        assert.equal(response.statusCode, 200, `${aspect}: ${response.body}`);
        assert.equal(response.headers['content-type'], 'image/jpeg');
        const out = path.join(files, `r-${aspect}.jpg`);
        await (await import('node:fs/promises')).writeFile(out, response.rawPayload);
        const probed = await probeFile(out);
        assert.deepEqual([probed.width, probed.height], size, aspect);
      }
      const view = (await owner.request({ url: url(`/${media.id}`) })).json<MediaAssetView>();
      assert.deepEqual(view.renditions.map((rendition) => rendition.aspect).sort(), Object.keys(expected).sort());
      assert.equal((await owner.request({ url: url(`/${media.id}/renditions/3x2`) })).statusCode, 400);
    });

    it('imports from a public URL, and refuses loopback, private and metadata addresses with a clear error', async () => {
      const imported = await owner.request({
        method: 'POST',
        url: url('/import'),
        payload: { url: t.mediaHost.url, altText: 'Imported' },
      });
      assert.equal(imported.statusCode, 201, imported.body);
      const { media } = imported.json<Upload>();
      assert.equal(media.sourceUrl, t.mediaHost.url);
      assert.deepEqual([media.mimeType, media.width, media.height], ['image/png', 32, 20]);

      const port = new URL(t.mediaHost.url).port;
      for (const target of [
        `http://127.0.0.1:${port}/pixel.png`,
        'http://10.1.2.3/pixel.png',
        'http://169.254.169.254/latest/meta-data/',
        `http://[::1]:${port}/pixel.png`,
        `http://localhost:${port}/pixel.png`,
        'file:///etc/passwd',
      ]) {
        const response = await owner.request({ method: 'POST', url: url('/import'), payload: { url: target } });
        assert.equal(response.statusCode, 400, `${target}: ${response.body}`);
        const error = response.json<{ error: { code: string; message: string } }>().error;
        assert.equal(error.code, 'import_refused', target);
        assert.match(error.message, /private, local or reserved|only http and https/i, target);
      }
    });

    it('keeps workspaces apart: another workspace gets 404 on every file, and its list does not show them', async () => {
      const { media } = (await upload(owner, solidPng(12, 34), 'private.png')).json<Upload>();
      for (const suffix of ['', '/file', '/thumbnail', '/renditions/1x1'])
        assert.equal((await outsider.request({ url: url(`/${media.id}${suffix}`) })).statusCode, 404, suffix);
      const inOther = `/api/workspaces/${otherWorkspaceId}/media/${media.id}`;
      for (const suffix of ['', '/file', '/thumbnail'])
        assert.equal((await outsider.request({ url: `${inOther}${suffix}` })).statusCode, 404, suffix);
      const deleted = await outsider.request({ method: 'DELETE', url: inOther });
      assert.equal(deleted.statusCode, 404);
      const theirs = (await outsider.request({ url: `/api/workspaces/${otherWorkspaceId}/media` })).json<{
        media: MediaAssetView[];
      }>();
      assert.deepEqual(theirs.media, []);
      // The same bytes uploaded in the other workspace are its own entry.
      const copy = (
        await outsider.request({
          method: 'POST',
          url: `/api/workspaces/${otherWorkspaceId}/media`,
          payload: form(solidPng(12, 34), 'copy.png'),
        })
      ).json<Upload>();
      assert.equal(copy.duplicate, false);
      assert.notEqual(copy.media.id, media.id);
    });

    it('serves the signed public address without a session, and nothing for a forged signature', async () => {
      const { media } = (await upload(owner, solidPng(14, 14), 'public.png')).json<Upload>();
      const address = new URL(media.publicUrl);
      const response = await t.app.inject({ url: address.pathname });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'image/png');
      const forged = address.pathname.replace(
        /\.([A-Za-z0-9_-]{32})\./,
        (_, signature: string) => `.${signature.split('').reverse().join('')}.`,
      );
      assert.equal((await t.app.inject({ url: forged })).statusCode, 404);
    });

    it("seeds the demo's files into a library once, with their metadata", async () => {
      const demo = (await t.createWorkspace('Demo library')).id;
      assert.equal(await seedDemoLibrary(t.composition.services.media, demo), 5);
      assert.equal(await seedDemoLibrary(t.composition.services.media, demo), 0, 'a second start adds nothing');
      const items = await t.composition.services.media.list(demo, { limit: 50 });
      const byName = Object.fromEntries(items.map((item) => [item.originalName, item]));
      assert.deepEqual([byName['candle-square.jpg']?.width, byName['candle-square.jpg']?.height], [1080, 1080]);
      assert.equal(byName['candle-vertical.mp4']?.kind, 'video');
      assert.ok(Math.abs((byName['candle-vertical.mp4']?.durationSeconds ?? 0) - 8) < 0.5);
      assert.equal(byName['lookbook.pdf']?.mimeType, 'application/pdf');
    });

    it('refuses to delete a media a scheduled post uses (409 naming the post), then deletes it and its files', async () => {
      const { media } = (await upload(owner, solidPng(40, 40, [5, 50, 150]), 'scheduled.png')).json<Upload>();
      // The publication's content names the media by its address, as the composer stores it.
      const post = await t.testDatabase.database.db
        .insertInto('posts')
        .values({ workspace_id: workspaceId, author_id: null, text: 'Scheduled', language: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const channelRow = await t.testDatabase.database.db
        .insertInto('channels')
        .values({
          workspace_id: workspaceId,
          network: 'mastodon',
          network_account_id: `acct-${kind}`,
          display_name: 'Shop',
          instance_url: 'https://mastodon.example',
          access_token_encrypted: 'x',
          refresh_token_encrypted: null,
          token_expires_at: null,
          created_by: null,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      const publication = await t.testDatabase.database.db
        .insertInto('publications')
        .values({
          workspace_id: workspaceId,
          post_id: post.id,
          channel_id: channelRow.id,
          state: 'scheduled',
          scheduled_at: new Date(Date.now() + 86_400_000),
          time_zone: 'Europe/Paris',
          local_date: null,
          local_time: null,
          network_post_id: null,
          url: null,
          published_at: null,
          failure_reason: null,
          failure_retryable: null,
          claimed_at: null,
          claimed_by: null,
          next_attempt_at: null,
          content: JSON.stringify({
            format: 'post',
            text: 'x',
            media: [{ url: media.publicUrl, mimeType: 'image/png' }],
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const refused = await owner.request({ method: 'DELETE', url: url(`/${media.id}`) });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.deepEqual(refused.json<{ error: { details: { postIds: string[] } } }>().error.details.postIds, [post.id]);

      await t.testDatabase.database.db
        .updateTable('publications')
        .set({ state: 'cancelled' })
        .where('id', '=', publication.id)
        .execute();
      await owner.request({ url: url(`/${media.id}/renditions/1x1`) });
      const stored = await t.composition.services.media.original(workspaceId, media.id);
      const deleted = await owner.request({ method: 'DELETE', url: url(`/${media.id}`) });
      assert.equal(deleted.statusCode, 200, deleted.body);
      assert.equal((await owner.request({ url: url(`/${media.id}`) })).statusCode, 404);
      await assert.rejects(stat(stored.path), 'the file is gone from disk');
      assert.match((await owner.request({ url: `/api/workspaces/${workspaceId}/audit-log` })).body, /media\.deleted/);
    });
  });
}

describe('media upload limit', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let client: { cookie: string; csrf: string };
  let workspaceId: string;
  before(async () => {
    database = await createTestDatabase('pglite');
    const composition = compose({
      config: {
        smtpUrl: undefined,
        mailFrom: 'test@sillage.local',
        apiRateLimitPerMinute: 100_000,
        publicUrl: 'http://sillage.test',
        mediaDir: path.join(database.dataDir, 'media'),
        mediaMaxBytes: 2048,
      },
      database: database.database,
      secretKey: TEST_SECRET_KEY,
      logger: { info() {}, warn() {}, error() {} },
      supervise: false,
      publicUrl: () => 'http://sillage.test',
    });
    app = await buildApp({
      routes: composition.routes,
      dependencies: composition.routeDependencies,
      logLevel: 'silent',
      trustProxy: false,
      webRoot: undefined,
      logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    const { users, workspaces } = composition.services;
    workspaceId = (await workspaces.insert({ name: 'Limits', timeZone: 'Europe/Paris', locale: 'fr' })).id;
    const { hashPassword } = await import('../security/passwords.ts');
    const user = await users.insert({
      email: 'limit@example.com',
      name: 'Limit',
      passwordHash: await hashPassword('correct horse battery'),
      locale: 'en',
      isInstanceAdmin: false,
    });
    await workspaces.addMember(workspaceId, user.id, 'owner');
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'limit@example.com', password: 'correct horse battery' },
    });
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const session = login.cookies.find((cookie) => cookie.name === 'sillage_session')!.value;
    client = { cookie: `sillage_session=${session}; sillage_csrf=${csrf}`, csrf };
  });
  after(async () => {
    await app.close();
    await database.dispose();
  });

  it('answers 413 with the limit when the file is larger, and keeps nothing', async () => {
    const big = solidPng(300, 300, [1, 1, 1]);
    const noisy = Buffer.concat([big.subarray(0, 8), Buffer.alloc(5000, 7)]);
    const response = await app.inject({
      method: 'POST',
      url: `/api/workspaces/${workspaceId}/media`,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf },
      payload: form(noisy, 'big.png'),
    });
    assert.equal(response.statusCode, 413, response.body);
    const error = response.json<{ error: { code: string; message: string } }>().error;
    assert.equal(error.code, 'media_too_large');
    assert.match(error.message, /larger than/);
    const list = await app.inject({
      url: `/api/workspaces/${workspaceId}/media`,
      headers: { cookie: client.cookie },
    });
    assert.deepEqual(list.json<{ media: unknown[] }>().media, []);
  });
});
