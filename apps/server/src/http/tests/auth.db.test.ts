import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, TEST_PASSWORD } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';

for (const kind of databaseKindsUnderTest()) {
  describe(`auth on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind);
    });
    after(() => t.close());

    it('first-run set-up creates the owner and the workspace once, then refuses', async () => {
      assert.deepEqual((await t.app.inject({ url: '/api/setup' })).json(), { needsSetup: true });
      const body = {
        name: 'Ada',
        email: 'Ada@Example.com',
        password: 'a long enough password',
        workspaceName: 'Brand',
        timeZone: 'Europe/Paris',
        locale: 'fr',
      };
      const first = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body });
      assert.equal(first.statusCode, 201, first.body);
      const session = first.json<{
        user: { email: string; isInstanceAdmin: boolean };
        workspaces: { role: string }[];
      }>();
      assert.equal(session.user.email, 'ada@example.com');
      assert.equal(session.user.isInstanceAdmin, true);
      assert.equal(session.workspaces[0]?.role, 'owner');
      const second = await t.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { ...body, email: 'eve@example.com' },
      });
      assert.equal(second.statusCode, 409);
      assert.deepEqual((await t.app.inject({ url: '/api/setup' })).json(), { needsSetup: false });
    });

    it('answers a bad body with the field, the reason and no stack trace', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'not-an-email' },
      });
      assert.equal(response.statusCode, 400);
      const error = response.json<{ error: { code: string; details: { path: string }[] } }>().error;
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.details.map((detail) => detail.path).sort(), ['body.email', 'body.password']);
      assert.doesNotMatch(response.body, /at .*\.ts:\d+/);
    });

    it('rotates the session at login and ends it at logout', async () => {
      await t.createUser({ email: 'rot@example.com' });
      const first = await t.signIn('rot@example.com');
      const second = await t.signIn('rot@example.com');
      assert.notEqual(first.cookie, second.cookie);
      const logout = await second.request({ method: 'POST', url: '/api/auth/logout' });
      assert.equal(logout.statusCode, 200);
      assert.equal((await second.request({ url: '/api/session' })).statusCode, 401);
      assert.equal((await first.request({ url: '/api/session' })).statusCode, 200);
    });

    it('ends every session when the password changes', async () => {
      await t.createUser({ email: 'pw@example.com' });
      const other = await t.signIn('pw@example.com');
      const current = await t.signIn('pw@example.com');
      const change = await current.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'another long password' },
      });
      assert.equal(change.statusCode, 200, change.body);
      assert.equal((await other.request({ url: '/api/session' })).statusCode, 401);
      assert.equal(
        (await current.request({ url: '/api/session' })).statusCode,
        401,
        'the old cookie of this browser is gone too',
      );
      await t.signIn('pw@example.com', 'another long password');
    });

    it('answers the 11th failed login from one address within a minute with 429 and Retry-After', async () => {
      await t.createUser({ email: 'victim@example.com' });
      const attempt = (email: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '203.0.113.7',
          payload: { email, password: 'wrong password' },
        });
      for (let index = 1; index <= 10; index += 1) {
        assert.equal((await attempt(`user${index}@example.com`)).statusCode, 401, `attempt ${index}`);
      }
      const eleventh = await attempt('victim@example.com');
      assert.equal(eleventh.statusCode, 429);
      assert.ok(Number(eleventh.headers['retry-after']) >= 1);
      const right = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.7',
        payload: { email: 'victim@example.com', password: TEST_PASSWORD },
      });
      assert.equal(right.statusCode, 429, 'even the right password waits');
      const elsewhere = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.1',
        payload: { email: 'victim@example.com', password: TEST_PASSWORD },
      });
      assert.equal(elsewhere.statusCode, 200);
    });
  });
}
