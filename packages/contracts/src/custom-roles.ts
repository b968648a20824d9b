import { z } from 'zod';
import { Permission, Role } from './auth.ts';
import { Id, Instant } from './common.ts';

/** A workspace's own role: what it grants, and the built-in role it builds on. */
export const CustomRole = z
  .object({
    id: Id,
    name: z.string(),
    baseRole: Role.meta({ description: 'Bounds the roles its holders may give others' }),
    permissions: z.array(Permission),
    holders: z.number().int().min(0),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'CustomRole' });

export const WorkspaceRoles = z
  .object({
    builtIn: z.array(z.object({ role: Role, permissions: z.array(Permission) })),
    custom: z.array(CustomRole),
  })
  .meta({ id: 'WorkspaceRoles' });

export const SaveCustomRoleRequest = z
  .object({
    name: z.string().trim().min(2).max(60),
    baseRole: Role,
    permissions: z.array(Permission).min(1).max(64),
  })
  .meta({ id: 'SaveCustomRoleRequest' });

export const CustomRoleParams = z.object({ workspaceId: Id, roleId: Id });

export const AssignCustomRoleRequest = z
  .object({ customRoleId: Id.nullable().meta({ description: 'null takes the custom role away' }) })
  .meta({ id: 'AssignCustomRoleRequest' });
