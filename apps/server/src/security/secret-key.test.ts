import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { loadSecretKey } from './secret-key.ts';

describe('the secret key', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sillage-key-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('is generated on first start into <dataDir>/secret.key, readable by its owner only (0600)', async () => {
    const key = await loadSecretKey({ fromEnv: undefined, dataDir });
    assert.equal(key.length, 32);
    const file = path.join(dataDir, 'secret.key');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64').equals(key), true);
  });

  it('is reused, not regenerated, at the next start', async () => {
    const first = await loadSecretKey({ fromEnv: undefined, dataDir });
    const second = await loadSecretKey({ fromEnv: undefined, dataDir });
    assert.equal(second.equals(first), true);
  });

  it('is the same for processes starting at the same moment', async () => {
    const keys = await Promise.all(Array.from({ length: 5 }, () => loadSecretKey({ fromEnv: undefined, dataDir })));
    for (const key of keys) assert.equal(key.equals(keys[0]!), true);
  });

  it('comes from SILLAGE_SECRET_KEY when set, and then no file is written', async () => {
    const encoded = Buffer.alloc(32, 7).toString('base64');
    const key = await loadSecretKey({ fromEnv: encoded, dataDir });
    assert.equal(key.equals(Buffer.alloc(32, 7)), true);
    await assert.rejects(stat(path.join(dataDir, 'secret.key')), { code: 'ENOENT' });
  });

  it('refuses a key file that does not hold 32 bytes, naming the file', async () => {
    await writeFile(path.join(dataDir, 'secret.key'), 'dG9vIHNob3J0\n', { mode: 0o600 });
    await assert.rejects(
      loadSecretKey({ fromEnv: undefined, dataDir }),
      (error: Error) => error.message.includes(path.join(dataDir, 'secret.key')) && /32 bytes/.test(error.message),
    );
  });
});
