import { can, isRole, mayGrantRole, permissions, type Permission, type Role } from './permissions.ts';

/**
 * A workspace's own role, on top of the built-in ones: a name, the built-in role it builds on (which bounds the
 * roles its holders may give others), and exactly the permissions it grants.
 */
export type CustomRoleDefinition = {
  name: string;
  baseRole: Role;
  permissions: readonly Permission[];
};

export type CustomRoleProblem = { field: 'name' | 'baseRole' | 'permissions'; reason: string };

/** Whether a string names a permission of the matrix. */
export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

/**
 * What a member may do: the custom role's permissions when they hold one, otherwise their built-in role's.
 * @example permits({ role: 'editor', customPermissions: ['content.read'] }, 'content.write') // false
 */
export function permits(
  access: { role: Role; customPermissions?: readonly Permission[] | null | undefined },
  permission: Permission,
): boolean {
  return access.customPermissions ? access.customPermissions.includes(permission) : can(access.role, permission);
}

/** Every permission a member holds, in the matrix's order. */
export function permissionsOf(access: {
  role: Role;
  customPermissions?: readonly Permission[] | null | undefined;
}): Permission[] {
  return permissions.filter((permission) => permits(access, permission));
}

/**
 * Checks a custom role before it is saved, and whether `actor` may create it: nobody grants a permission they do
 * not hold, nobody builds on a role they could not give, and no custom role builds on `owner` (ownership is never
 * delegated through a custom role). Returns every problem, empty when the role is valid.
 * @example validateCustomRole({ name: 'Moderator', baseRole: 'community_manager', permissions: ['inbox.read'] }, { role: 'admin' }) // []
 */
export function validateCustomRole(
  input: { name: string; baseRole: string; permissions: readonly string[] },
  actor: { role: Role; customPermissions?: readonly Permission[] | null | undefined },
): CustomRoleProblem[] {
  const problems: CustomRoleProblem[] = [];
  const name = input.name.trim();
  if (name.length < 2 || name.length > 60)
    problems.push({ field: 'name', reason: 'Give the role a name of 2 to 60 characters.' });
  else if (isRole(name.toLowerCase().replace(/[\s-]+/g, '_')))
    problems.push({ field: 'name', reason: `"${name}" is a built-in role; choose another name.` });
  if (!isRole(input.baseRole))
    problems.push({ field: 'baseRole', reason: `"${input.baseRole}" is not a built-in role.` });
  else if (input.baseRole === 'owner')
    problems.push({ field: 'baseRole', reason: 'A custom role cannot build on owner; build on admin instead.' });
  else if (!mayGrantRole(actor.role, input.baseRole))
    problems.push({ field: 'baseRole', reason: `Your role (${actor.role}) cannot give the role ${input.baseRole}.` });
  const unknown = input.permissions.filter((permission) => !isPermission(permission));
  if (unknown.length) problems.push({ field: 'permissions', reason: `Unknown permissions: ${unknown.join(', ')}.` });
  if (input.permissions.length === 0)
    problems.push({ field: 'permissions', reason: 'Grant at least one permission (workspace.read lets them in).' });
  const beyond = input.permissions.filter((permission) => isPermission(permission) && !permits(actor, permission));
  if (beyond.length)
    problems.push({
      field: 'permissions',
      reason: `You cannot grant permissions you do not hold: ${beyond.join(', ')}.`,
    });
  return problems;
}
