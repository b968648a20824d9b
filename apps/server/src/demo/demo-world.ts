import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { UsersRepository } from '../repositories/users.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { hashPassword } from '../security/passwords.ts';

export const DEMO_OWNER_EMAIL = 'demo@maison-lumiere.example';
export const DEMO_WORKSPACE_NAME = 'Maison Lumière';

export type DemoCredentials = { email: string; password: string };

/**
 * Creates, once, the demo workspace of Maison Lumière (a small French online shop of candles and home
 * fragrance) and its owner. The generated password is kept in `<dataDir>/demo-credentials.json` (0600)
 * so it can be printed at every start.
 */
export async function ensureDemoWorld(deps: {
  db: Kysely<DB>;
  users: UsersRepository;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  dataDir: string;
}): Promise<DemoCredentials> {
  const file = path.join(deps.dataDir, 'demo-credentials.json');
  const existing = await readCredentials(file);
  const demo = await deps.workspaces.findDemo();
  if (demo && existing) return existing;

  const credentials = existing ?? { email: DEMO_OWNER_EMAIL, password: `demo-${randomBytes(9).toString('base64url')}` };
  if (!existing) await writeFile(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  const passwordHash = await hashPassword(credentials.password);
  await deps.db.transaction().execute(async (trx) => {
    if (await deps.workspaces.findDemo(trx)) return;
    const owner =
      (await deps.users.findByEmail(credentials.email, trx)) ??
      (await deps.users.insert(
        { email: credentials.email, name: 'Camille Martin', passwordHash, locale: 'fr', isInstanceAdmin: true },
        trx,
      ));
    const workspace = await deps.workspaces.insert(
      { name: DEMO_WORKSPACE_NAME, timeZone: 'Europe/Paris', locale: 'fr', isDemo: true },
      trx,
    );
    await deps.workspaces.addMember(workspace.id, owner.id, 'owner', trx);
    await deps.audit.insert(
      {
        workspaceId: workspace.id,
        actorUserId: null,
        actorEmail: null,
        action: 'demo.created',
        targetType: 'workspace',
        targetId: workspace.id,
        ip: null,
        outcome: 'success',
      },
      trx,
    );
  });
  return credentials;
}

async function readCredentials(file: string): Promise<DemoCredentials | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<DemoCredentials>;
    return typeof parsed.email === 'string' && typeof parsed.password === 'string'
      ? { email: parsed.email, password: parsed.password }
      : undefined;
  } catch {
    return undefined;
  }
}
