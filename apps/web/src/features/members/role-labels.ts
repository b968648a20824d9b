import { mayGrantRole, roles, type Permission, type Role } from '@sillage/domain';
import type { MessageKey } from '../../i18n/i18n.tsx';

/** The message key naming a role, e.g. `role.community_manager`. */
export function roleKey(role: Role): MessageKey {
  const key: `role.${Role}` = `role.${role}`;
  return key;
}

/** The message key describing a permission, e.g. `permission.members.manage`. */
export function permissionKey(permission: Permission): MessageKey {
  const key: `permission.${Permission}` = `permission.${permission}`;
  return key;
}

/** The roles someone with `actorRole` may hand out (invitations, role changes, API tokens). */
export function grantableRoles(actorRole: Role): Role[] {
  return roles.filter((role) => mayGrantRole(actorRole, role));
}
