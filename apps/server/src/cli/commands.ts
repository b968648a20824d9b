import { Email, Password } from '@sillage/contracts';
import { isRole } from '@sillage/domain';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createUsersRepository } from '../repositories/users.repository.ts';
import { createWorkspacesRepository } from '../repositories/workspaces.repository.ts';
import { hashPassword } from '../security/passwords.ts';
import { startSillage, type ProcessRole } from '../server.ts';
import { listeningCommand } from './listening/index.ts';
import { planCommand } from './plan.ts';
import { UsageError } from './usage-error.ts';

type OptionSpec = { type: 'string' | 'boolean'; description: string };
export type Command = {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  run(values: Record<string, string | boolean | undefined>, config: Config): Promise<number>;
  /** When set, the first argument names one of these and `run` is not called. */
  subcommands?: readonly Command[];
};

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError(
      '--password-stdin expects the password on standard input, e.g. echo "$PASSWORD" | sillage create-user ...',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const start: Command = {
  name: 'start',
  summary: 'Start Sillage (API, web app and workers; the demo world on the embedded database)',
  options: {
    role: {
      type: 'string',
      description: 'all (default), api or worker: run only part, for many processes on PostgreSQL',
    },
  },
  async run(values, config) {
    const role = (values.role ?? 'all') as string;
    if (!['all', 'api', 'worker'].includes(role))
      throw new UsageError(`--role must be all, api or worker (got "${role}")`);
    if (role !== 'all' && !config.databaseUrl)
      throw new UsageError('--role api|worker needs DATABASE_URL: the embedded database belongs to one process');
    const running = await startSillage({ config, role: role as ProcessRole });
    const lines = [
      `Sillage is running${running.url ? ` at ${running.url}` : ' (worker)'}`,
      `Database: ${config.databaseUrl ? 'PostgreSQL' : `embedded, in ${config.dataDir}`}`,
    ];
    if (running.demo) {
      lines.push(
        `Demo workspace: Maison Lumière`,
        `Demo login — e-mail: ${running.demo.email}  password: ${running.demo.password}`,
      );
      lines.push(`Identifiants démo — e-mail : ${running.demo.email}  mot de passe : ${running.demo.password}`);
    }
    process.stderr.write('\n' + lines.map((line) => `  ${line}`).join('\n') + '\n\n');
    await new Promise<void>((resolve) => {
      const shutdown = () => resolve();
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    await running.stop();
    return 0;
  },
};

const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply the database migrations and exit (also done at every start)',
  options: {},
  async run(_values, config) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const report = await migrate(database);
      process.stdout.write(
        report.applied.length
          ? `Applied: ${report.applied.join(', ')}\n`
          : `Up to date (${report.alreadyApplied} migrations)\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};

const createUser: Command = {
  name: 'create-user',
  summary: 'Create a user, optionally as a member of a workspace (the password is read from standard input)',
  options: {
    email: { type: 'string', description: 'E-mail address (required)' },
    name: { type: 'string', description: 'Display name (required)' },
    'password-stdin': { type: 'boolean', description: 'Read the password from standard input (required)' },
    locale: { type: 'string', description: 'fr or en (default en)' },
    'instance-admin': { type: 'boolean', description: 'May create workspaces' },
    workspace: { type: 'string', description: 'Workspace id to join' },
    role: { type: 'string', description: 'Role in that workspace (default editor)' },
  },
  async run(values, config) {
    const email = Email.safeParse(values.email ?? '');
    if (!email.success) throw new UsageError(`--email: ${email.error.issues[0]?.message ?? 'required'}`);
    const name = typeof values.name === 'string' ? values.name.trim() : '';
    if (!name) throw new UsageError('--name is required');
    if (!values['password-stdin'])
      throw new UsageError('--password-stdin is required: pipe the password in, so it never shows in the process list');
    const locale = (values.locale ?? 'en') as string;
    if (locale !== 'fr' && locale !== 'en') throw new UsageError('--locale must be fr or en');
    const role = (values.role ?? 'editor') as string;
    if (!isRole(role))
      throw new UsageError(
        `--role must be one of owner, admin, strategist, editor, community_manager, ads_manager, analyst, client`,
      );
    if (values.role && !values.workspace) throw new UsageError('--role goes with --workspace');
    const password = Password.safeParse(await readStdin());
    if (!password.success) throw new UsageError(`password: ${password.error.issues[0]?.message ?? 'invalid'}`);

    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(database);
      const users = createUsersRepository(database.db);
      const workspaces = createWorkspacesRepository(database.db);
      if (await users.findByEmail(email.data))
        throw new UsageError(`a user with the e-mail ${email.data} already exists`);
      const workspaceId = values.workspace as string | undefined;
      if (workspaceId && !/^[0-9a-f-]{36}$/i.test(workspaceId))
        throw new UsageError('--workspace must be a workspace id (a UUID)');
      if (workspaceId && !(await workspaces.findById(workspaceId)))
        throw new UsageError(`no workspace with id ${workspaceId}`);
      const passwordHash = await hashPassword(password.data);
      const user = await database.db.transaction().execute(async (trx) => {
        const created = await users.insert(
          { email: email.data, name, passwordHash, locale, isInstanceAdmin: values['instance-admin'] === true },
          trx,
        );
        if (workspaceId) await workspaces.addMember(workspaceId, created.id, role, trx);
        return created;
      });
      process.stdout.write(
        `Created user ${user.email} (${user.id})${workspaceId ? ` as ${role} of workspace ${workspaceId}` : ''}\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};

export const commands: readonly Command[] = [start, migrateCommand, createUser, listeningCommand, planCommand];
