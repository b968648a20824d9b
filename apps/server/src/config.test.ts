import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const KEY = 'q'.repeat(43) + '=';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
    return error.problems;
  }
  assert.fail('the configuration was accepted');
}

describe('configuration from the environment', () => {
  it('runs with no variable at all: port 3000 on 127.0.0.1, data in ./.sillage, the embedded database and the demo', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, path.resolve('./.sillage'));
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.secretKey, undefined);
    assert.equal(config.demo, true);
    assert.equal(config.trustProxy, false);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.apiRateLimitPerMinute, 600);
    assert.equal(config.workerConcurrency, 4);
  });

  it('honours PORT, HOST and SILLAGE_DATA_DIR, the data folder made absolute', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', SILLAGE_DATA_DIR: 'relative/data' });
    assert.deepEqual([config.port, config.host, config.dataDir], [8080, '0.0.0.0', path.resolve('relative/data')]);
    assert.equal(loadConfig({ SILLAGE_DATA_DIR: '/var/lib/sillage' }).dataDir, '/var/lib/sillage');
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ PORT: '', DATABASE_URL: '' }).port, 3000);
    assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
  });

  it('turns the demo off by default on PostgreSQL, and lets SILLAGE_DEMO decide', () => {
    const url = 'postgres://sillage@db:5432/sillage';
    assert.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url);
    assert.equal(loadConfig({ DATABASE_URL: url }).demo, false);
    assert.equal(loadConfig({ DATABASE_URL: url, SILLAGE_DEMO: 'true' }).demo, true);
    assert.equal(loadConfig({ SILLAGE_DEMO: 'false' }).demo, false);
    assert.equal(loadConfig({ SILLAGE_DEMO: '0' }).demo, false);
  });

  it('accepts a 32-byte base64 SILLAGE_SECRET_KEY', () => {
    assert.equal(loadConfig({ SILLAGE_SECRET_KEY: KEY }).secretKey, KEY);
  });

  for (const port of ['eighty', '-1', '65536', '80.5']) {
    it(`rejects PORT=${port}, naming PORT`, () => {
      const problems = problemsOf({ PORT: port });
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /^PORT: /);
    });
  }

  for (const url of ['mysql://db/sillage', 'localhost:5432', 'sillage']) {
    it(`rejects DATABASE_URL=${url}, naming DATABASE_URL and the expected form`, () => {
      assert.deepEqual(problemsOf({ DATABASE_URL: url }), [
        'DATABASE_URL: must start with postgres:// or postgresql://',
      ]);
    });
  }

  for (const key of ['short', 'not base64 at all but quite long enough to pass a length check!!']) {
    it(`rejects SILLAGE_SECRET_KEY="${key.slice(0, 12)}...", naming it and how to make one`, () => {
      const problems = problemsOf({ SILLAGE_SECRET_KEY: key });
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /^SILLAGE_SECRET_KEY: .*openssl rand -base64 32/);
    });
  }

  it('names every bad variable at once, and says so in the message', () => {
    const problems = problemsOf({
      PORT: 'x',
      DATABASE_URL: 'mysql://x',
      SILLAGE_SMTP_URL: 'http://mail',
      SILLAGE_DEMO: 'maybe',
    });
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]).sort(), [
      'DATABASE_URL',
      'PORT',
      'SILLAGE_DEMO',
      'SILLAGE_SMTP_URL',
    ]);
    assert.throws(() => loadConfig({ PORT: 'x' }), /Invalid configuration:\n {2}- PORT: /);
  });
});

describe('network settings from the environment', () => {
  it('reads an OAuth client per network from SILLAGE_OAUTH_<NETWORK>_CLIENT_ID and _CLIENT_SECRET', () => {
    const config = loadConfig({
      SILLAGE_OAUTH_GOOGLE_BUSINESS_CLIENT_ID: 'gb-id',
      SILLAGE_OAUTH_GOOGLE_BUSINESS_CLIENT_SECRET: 'gb-secret',
      SILLAGE_NETWORK_X_URL: 'http://127.0.0.1:4100/',
    });
    assert.deepEqual(config.oauthClients, { google_business: { clientId: 'gb-id', clientSecret: 'gb-secret' } });
    assert.deepEqual(config.networkBaseUrls, { x: 'http://127.0.0.1:4100' });
  });

  it('refuses a client id without its secret, and a network URL that is not http(s), naming the variables', () => {
    const problems = problemsOf({ SILLAGE_OAUTH_X_CLIENT_ID: 'only-id', SILLAGE_NETWORK_PINTEREST_URL: 'ftp://x' });
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /SILLAGE_OAUTH_X_CLIENT_SECRET/);
    assert.match(problems[1]!, /SILLAGE_NETWORK_PINTEREST_URL/);
  });
});
