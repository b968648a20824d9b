import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/database.ts';
import { createUsersRepository } from '../repositories/users.repository.ts';
import { verifyPassword } from '../security/passwords.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sillage.mjs');
const GOOD_PASSWORD = 'a long enough password';

type Outcome = { code: number | null; stdout: string; stderr: string };

/** Runs the real `sillage` binary with the given arguments, standard input and environment. */
function sillage(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, SILLAGE_LOG_LEVEL: 'silent', ...options.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, ...args], {
    env,
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the sillage command line', () => {
  let dataDir: string;
  let env: Record<string, string>;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sillage-cli-'));
    env = { SILLAGE_DATA_DIR: dataDir };
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('prints the usage with every command for --help and exits 0', async () => {
    const outcome = await sillage(['--help'], { env });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /^Usage: sillage <command>/);
    for (const command of ['start', 'migrate', 'create-user'])
      assert.match(outcome.stdout, new RegExp(`^  ${command} `, 'm'));
  });

  it("prints a command's options for <command> --help and exits 0", async () => {
    for (const [command, option] of [
      ['start', '--role'],
      ['migrate', '--help'],
      ['create-user', '--password-stdin'],
    ] as const) {
      const outcome = await sillage([command, '--help'], { env });
      assert.equal(outcome.code, 0, `${command}: ${outcome.stderr}`);
      assert.match(outcome.stdout, new RegExp(`^Usage: sillage ${command} \\[options\\]`));
      assert.ok(outcome.stdout.includes(option), `${command} --help lists ${option}`);
    }
  });

  it('refuses an unknown command with exit code 2, naming it', async () => {
    const outcome = await sillage(['frobnicate'], { env });
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /unknown command "frobnicate"/);
    assert.match(outcome.stderr, /Usage: sillage/);
  });

  it('refuses an unknown option with exit code 2, naming it', async () => {
    const outcome = await sillage(['migrate', '--force'], { env });
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /--force/);
  });

  it('refuses an invalid environment with exit code 2, naming the variable', async () => {
    const outcome = await sillage(['migrate'], { env: { ...env, PORT: 'eighty' } });
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /PORT/);
  });

  describe('create-user refuses bad input with exit code 2 and names the field', () => {
    const base = ['create-user', '--name', 'Ada', '--password-stdin'];
    it('a bad e-mail', async () => {
      const outcome = await sillage([...base, '--email', 'not-an-email'], { env, stdin: GOOD_PASSWORD });
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /--email: Enter a valid e-mail address/);
    });
    it('a short password on standard input', async () => {
      const outcome = await sillage([...base, '--email', 'short@example.com'], { env, stdin: 'short\n' });
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /password: Use at least 12 characters/);
    });
    it('a missing --password-stdin', async () => {
      const outcome = await sillage(['create-user', '--name', 'Ada', '--email', 'nostdin@example.com'], { env });
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /--password-stdin is required/);
    });
    it('an unknown role', async () => {
      const outcome = await sillage(
        [
          ...base,
          '--email',
          'role@example.com',
          '--role',
          'emperor',
          '--workspace',
          '00000000-0000-4000-8000-000000000000',
        ],
        { env, stdin: GOOD_PASSWORD },
      );
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /--role must be one of/);
    });
    it('a missing name', async () => {
      const outcome = await sillage(['create-user', '--email', 'noname@example.com', '--password-stdin'], {
        env,
        stdin: GOOD_PASSWORD,
      });
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /--name is required/);
    });
  });

  it('migrates with exit code 0, then reports the database up to date', async () => {
    const first = await sillage(['migrate'], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^(Applied: 0001-|Up to date)/);
    const second = await sillage(['migrate'], { env });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^Up to date \(\d+ migrations\)/);
  });

  it('creates a user who can then sign in with the password given on standard input, once', async () => {
    const outcome = await sillage(
      ['create-user', '--email', 'Grace@Example.com', '--name', 'Grace', '--password-stdin', '--instance-admin'],
      { env, stdin: `${GOOD_PASSWORD}\n` },
    );
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /^Created user grace@example\.com \([0-9a-f-]{36}\)/);

    const again = await sillage(
      ['create-user', '--email', 'grace@example.com', '--name', 'Grace', '--password-stdin'],
      { env, stdin: GOOD_PASSWORD },
    );
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);

    const database = await openDatabase({ dataDir });
    try {
      const user = await createUsersRepository(database.db).findByEmail('grace@example.com');
      assert.ok(user);
      assert.equal(user.isInstanceAdmin, true);
      assert.equal(
        await verifyPassword(user.passwordHash, GOOD_PASSWORD),
        true,
        'the trailing newline is not part of the password',
      );
      assert.equal(await verifyPassword(user.passwordHash, `${GOOD_PASSWORD}\n`), false);
    } finally {
      await database.close();
    }
  });
});
