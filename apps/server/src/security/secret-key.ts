import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The 32-byte key that encrypts secrets at rest: from SILLAGE_SECRET_KEY, or generated once into
 * `<dataDir>/secret.key` with mode 0600 and reused at every start.
 */
export async function loadSecretKey(options: { fromEnv: string | undefined; dataDir: string }): Promise<Buffer> {
  if (options.fromEnv) return decodeKey(options.fromEnv, 'SILLAGE_SECRET_KEY');
  const file = path.join(options.dataDir, 'secret.key');
  try {
    return decodeKey((await readFile(file, 'utf8')).trim(), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    await writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return decodeKey((await readFile(file, 'utf8')).trim(), file);
    throw error;
  }
}

function decodeKey(encoded: string, source: string): Buffer {
  const key = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes in base64 (openssl rand -base64 32)`);
  return key;
}
