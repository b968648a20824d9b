import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { AppError, conflict, tooManyRequests } from '../http/errors.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../security/passwords.ts';
import { hashSecret, newSecret } from '../security/tokens.ts';
import type { ApiTokensRepository, ApiTokenRecord } from '../repositories/api-tokens.repository.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { SessionsRepository } from '../repositories/sessions.repository.ts';
import type { UserRecord, UsersRepository } from '../repositories/users.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { RateLimitService } from './rate-limit.service.ts';
import type { Role } from '@sillage/domain';

/** Sessions live this long after the last request. */
export const SESSION_IDLE_DAYS = 14;
const SESSION_TOUCH_EVERY_MS = 5 * 60_000;
// Arbitrary key for the advisory lock that makes first-run set-up happen once.
const SETUP_LOCK_KEY = 7_325_062;

export type NewSession = { rawId: string; csrfToken: string; expiresAt: Date };
export type Caller = { ip: string; userAgent: string | undefined };

export function createAuthService(deps: {
  db: Kysely<DB>;
  users: UsersRepository;
  sessions: SessionsRepository;
  workspaces: WorkspacesRepository;
  apiTokens: ApiTokensRepository;
  audit: AuditRepository;
  rateLimit: RateLimitService;
  now: () => Date;
}) {
  const { db, users, sessions, workspaces, apiTokens, audit, rateLimit, now } = deps;

  async function openSession(userId: string, caller: Caller, executor: Executor = db): Promise<NewSession> {
    const rawId = newSecret('', 32);
    const csrfToken = newSecret('', 24);
    const expiresAt = new Date(now().getTime() + SESSION_IDLE_DAYS * 86_400_000);
    await sessions.insert(
      { idHash: hashSecret(rawId), userId, csrfToken, expiresAt, ip: caller.ip, userAgent: caller.userAgent },
      executor,
    );
    return { rawId, csrfToken, expiresAt };
  }

  return {
    async needsSetup(): Promise<boolean> {
      return (await users.count()) === 0;
    },

    /** First run: the instance owner, the first workspace and a session, all or nothing. */
    async setup(
      input: {
        name: string;
        email: string;
        password: string;
        locale: 'fr' | 'en';
        workspaceName: string;
        timeZone: string;
      },
      caller: Caller,
    ): Promise<{ user: UserRecord; session: NewSession }> {
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`.execute(trx);
        if ((await users.count(trx)) > 0) throw conflict('Sillage is already set up; sign in instead.');
        const user = await users.insert(
          { email: input.email, name: input.name, passwordHash, locale: input.locale, isInstanceAdmin: true },
          trx,
        );
        const workspace = await workspaces.insert(
          { name: input.workspaceName, timeZone: input.timeZone, locale: input.locale },
          trx,
        );
        await workspaces.addMember(workspace.id, user.id, 'owner', trx);
        const session = await openSession(user.id, caller, trx);
        await audit.insert(
          {
            workspaceId: workspace.id,
            actorUserId: user.id,
            actorEmail: user.email,
            action: 'instance.setup',
            targetType: 'workspace',
            targetId: workspace.id,
            ip: caller.ip,
            outcome: 'success',
          },
          trx,
        );
        return { user, session };
      });
    },

    /** Checks the password; a new session every time (rotation), the old one ended. */
    async login(
      input: { email: string; password: string },
      caller: Caller,
      previousSessionIdHash: string | undefined,
    ): Promise<{ user: UserRecord; session: NewSession }> {
      const decision = await rateLimit.checkLogin(caller.ip, input.email);
      if (!decision.allowed) {
        await audit.insert({
          workspaceId: null,
          actorUserId: null,
          actorEmail: input.email,
          action: 'auth.login',
          ip: caller.ip,
          outcome: 'denied',
          details: { reason: 'rate_limited' },
        });
        throw tooManyRequests(
          decision.retryAfterSeconds,
          `Too many failed sign-ins; try again in ${decision.retryAfterSeconds} seconds.`,
        );
      }
      const user = await users.findByEmail(input.email);
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
      if (!user || !valid) {
        await rateLimit.recordLoginFailure(caller.ip, input.email);
        await audit.insert({
          workspaceId: null,
          actorUserId: user?.id ?? null,
          actorEmail: input.email,
          action: 'auth.login',
          ip: caller.ip,
          outcome: 'failure',
          details: { reason: 'invalid_credentials' },
        });
        throw new AppError(401, 'invalid_credentials', 'The e-mail or the password is wrong.');
      }
      return db.transaction().execute(async (trx) => {
        if (previousSessionIdHash) await sessions.delete(previousSessionIdHash, trx);
        const session = await openSession(user.id, caller, trx);
        await audit.insert(
          {
            workspaceId: null,
            actorUserId: user.id,
            actorEmail: user.email,
            action: 'auth.login',
            ip: caller.ip,
            outcome: 'success',
          },
          trx,
        );
        return { user, session };
      });
    },

    async logout(sessionIdHash: string, user: { id: string; email: string }, caller: Caller): Promise<void> {
      await sessions.delete(sessionIdHash);
      await audit.insert({
        workspaceId: null,
        actorUserId: user.id,
        actorEmail: user.email,
        action: 'auth.logout',
        ip: caller.ip,
        outcome: 'success',
      });
    },

    /** The user behind a session cookie, or undefined; extends the session while it is used. */
    async authenticateSession(
      rawId: string,
    ): Promise<{ user: UserRecord; idHash: string; csrfToken: string } | undefined> {
      const idHash = hashSecret(rawId);
      const current = now();
      const session = await sessions.findLive(idHash, current);
      if (!session) return undefined;
      const user = await users.findById(session.userId);
      if (!user) return undefined;
      if (current.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_EVERY_MS) {
        await sessions.touch(idHash, current, new Date(current.getTime() + SESSION_IDLE_DAYS * 86_400_000));
      }
      return { user, idHash, csrfToken: session.csrfToken };
    },

    /** The token and its owner behind a bearer secret, when the owner is still a member of the token's workspace. */
    async authenticateToken(
      raw: string,
    ): Promise<{ token: ApiTokenRecord; user: UserRecord; memberRole: Role } | undefined> {
      const current = now();
      const token = await apiTokens.findLiveByHash(hashSecret(raw), current);
      if (!token) return undefined;
      const [user, memberRole] = await Promise.all([
        users.findById(token.userId),
        workspaces.findMembership(token.workspaceId, token.userId),
      ]);
      if (!user || !memberRole) return undefined;
      if (!token.lastUsedAt || current.getTime() - token.lastUsedAt.getTime() > 60_000)
        await apiTokens.touch(token.id, current);
      return { token, user, memberRole };
    },

    /** Changes the password, ends every session of the user and opens a fresh one for this browser. */
    async changePassword(
      user: { id: string; email: string },
      input: { currentPassword: string; newPassword: string },
      caller: Caller,
    ): Promise<NewSession> {
      const record = await users.findById(user.id);
      if (!record || !(await verifyPassword(record.passwordHash, input.currentPassword))) {
        await audit.insert({
          workspaceId: null,
          actorUserId: user.id,
          actorEmail: user.email,
          action: 'auth.password_changed',
          ip: caller.ip,
          outcome: 'failure',
          details: { reason: 'wrong_current_password' },
        });
        throw new AppError(400, 'wrong_password', 'The current password is wrong.', [
          { path: 'body.currentPassword', message: 'The current password is wrong.' },
        ]);
      }
      const passwordHash = await hashPassword(input.newPassword);
      return db.transaction().execute(async (trx) => {
        await users.updatePassword(user.id, passwordHash, trx);
        await sessions.deleteAllForUser(user.id, trx);
        const session = await openSession(user.id, caller, trx);
        await audit.insert(
          {
            workspaceId: null,
            actorUserId: user.id,
            actorEmail: user.email,
            action: 'auth.password_changed',
            ip: caller.ip,
            outcome: 'success',
          },
          trx,
        );
        return session;
      });
    },

    openSession,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
