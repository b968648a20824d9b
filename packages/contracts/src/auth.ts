import { z } from 'zod';
import { roles, permissions } from '@sillage/domain';
import { Email, Id, Locale, Password, TimeZone } from './common.ts';

export const Role = z.enum(roles);
export const Permission = z.enum(permissions);

export const SetupStatus = z.object({ needsSetup: z.boolean() }).meta({ id: 'SetupStatus' });

/** First run: creates the instance owner and the first workspace. */
export const SetupRequest = z
  .object({
    name: z.string().trim().min(1).max(120),
    email: Email,
    password: Password,
    locale: Locale.default('en'),
    workspaceName: z.string().trim().min(1).max(120),
    timeZone: TimeZone.default('Europe/Paris'),
  })
  .meta({ id: 'SetupRequest' });

export const LoginRequest = z
  .object({ email: Email, password: z.string().min(1).max(256) })
  .meta({ id: 'LoginRequest' });

export const ChangePasswordRequest = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: Password })
  .meta({ id: 'ChangePasswordRequest' });

export const UpdateProfileRequest = z
  .object({ name: z.string().trim().min(1).max(120).optional(), locale: Locale.optional() })
  .meta({ id: 'UpdateProfileRequest' });

export const WorkspaceSummary = z
  .object({ id: Id, name: z.string(), timeZone: z.string(), locale: Locale, role: Role })
  .meta({ id: 'WorkspaceSummary' });

export const SessionUser = z
  .object({ id: Id, email: z.string(), name: z.string(), locale: Locale, isInstanceAdmin: z.boolean() })
  .meta({ id: 'SessionUser' });

/** Who is signed in, the CSRF token to send back in `x-csrf-token`, and the workspaces they belong to. */
export const SessionResponse = z
  .object({ user: SessionUser, csrfToken: z.string(), workspaces: z.array(WorkspaceSummary) })
  .meta({ id: 'SessionResponse' });

export const RoleMatrix = z
  .object({ roles: z.array(z.object({ role: Role, permissions: z.array(Permission) })) })
  .meta({ id: 'RoleMatrix' });

export const MyAccess = z
  .object({
    workspaceId: Id,
    role: Role,
    customRole: z.object({ id: Id, name: z.string() }).nullable(),
    permissions: z.array(Permission),
  })
  .meta({ id: 'MyAccess' });
