/**
 * The built-in roles and the one permission matrix every route is checked against.
 * Roles follow the guide's division of labour; `client` may only view and approve.
 */

export const roles = [
  'owner',
  'admin',
  'strategist',
  'editor',
  'community_manager',
  'ads_manager',
  'analyst',
  'client',
] as const;

export type Role = (typeof roles)[number];

export const permissions = [
  'workspace.read',
  'workspace.update',
  'members.read',
  'members.manage',
  'api_tokens.manage_own',
  'api_tokens.manage_all',
  'audit.read',
  'strategy.read',
  'strategy.write',
  'content.read',
  'content.write',
  'content.approve',
  'content.publish',
  'channels.manage',
  'inbox.read',
  'inbox.reply',
  'listening.read',
  'listening.manage',
  'ads.read',
  'ads.manage',
  'analytics.read',
  'reports.manage',
  'links.manage',
  'conversions.manage',
  'crisis.manage',
  'publishing.pause',
] as const;

export type Permission = (typeof permissions)[number];

const everyPermission: readonly Permission[] = permissions;

const readOnlyPillars: readonly Permission[] = ['workspace.read', 'strategy.read', 'content.read', 'analytics.read'];

/** The matrix: what each built-in role may do. Owner and admin differ only in ownership transfer rules. */
export const permissionMatrix: Readonly<Record<Role, readonly Permission[]>> = {
  owner: everyPermission,
  admin: everyPermission,
  strategist: [
    ...readOnlyPillars,
    'members.read',
    'api_tokens.manage_own',
    'strategy.write',
    'content.write',
    'content.approve',
    'inbox.read',
    'listening.read',
    'listening.manage',
    'ads.read',
    'reports.manage',
    'links.manage',
    'conversions.manage',
    'crisis.manage',
    'publishing.pause',
  ],
  editor: [
    ...readOnlyPillars,
    'members.read',
    'api_tokens.manage_own',
    'content.write',
    'content.publish',
    'inbox.read',
    'listening.read',
    'links.manage',
  ],
  community_manager: [
    ...readOnlyPillars,
    'members.read',
    'api_tokens.manage_own',
    'content.write',
    'inbox.read',
    'inbox.reply',
    'listening.read',
    'listening.manage',
    'links.manage',
    'crisis.manage',
  ],
  ads_manager: [
    ...readOnlyPillars,
    'members.read',
    'api_tokens.manage_own',
    'ads.read',
    'ads.manage',
    'channels.manage',
    'reports.manage',
    'links.manage',
    'conversions.manage',
  ],
  analyst: [
    ...readOnlyPillars,
    'members.read',
    'api_tokens.manage_own',
    'inbox.read',
    'listening.read',
    'ads.read',
    'reports.manage',
  ],
  client: [...readOnlyPillars, 'content.approve', 'ads.read'],
};

/**
 * Whether a role holds a permission.
 * @example can('editor', 'content.write') // true
 */
export function can(role: Role, permission: Permission): boolean {
  return permissionMatrix[role].includes(permission);
}

/**
 * Whether an actor with `actorRole` may give `targetRole` to someone (an invitation, a role change, an API token):
 * only an owner creates owners, and nobody grants a permission they do not hold themselves.
 * @example mayGrantRole('admin', 'owner') // false
 */
export function mayGrantRole(actorRole: Role, targetRole: Role): boolean {
  if (targetRole === 'owner') return actorRole === 'owner';
  return permissionMatrix[targetRole].every((permission) => can(actorRole, permission));
}

/** Whether a string names a built-in role. */
export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
