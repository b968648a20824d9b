import type { Role } from '@sillage/domain';
import type { ApiTokenRecord } from '../repositories/api-tokens.repository.ts';
import type { AuditEntryRecord } from '../repositories/audit.repository.ts';
import type { InvitationRecord } from '../repositories/invitations.repository.ts';
import type { UserRecord } from '../repositories/users.repository.ts';
import type { MemberRecord, WorkspaceRecord } from '../repositories/workspaces.repository.ts';
import type { WorkspaceAccess } from './route.ts';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const presentUser = (user: UserRecord) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  locale: user.locale,
  isInstanceAdmin: user.isInstanceAdmin,
});

export const presentWorkspace = (workspace: WorkspaceRecord) => ({
  id: workspace.id,
  name: workspace.name,
  timeZone: workspace.timeZone,
  locale: workspace.locale,
  createdAt: iso(workspace.createdAt),
  isDemo: workspace.isDemo,
});

export const presentWorkspaceSummary = (workspace: WorkspaceRecord & { role: Role }) => ({
  id: workspace.id,
  name: workspace.name,
  timeZone: workspace.timeZone,
  locale: workspace.locale,
  role: workspace.role,
});

export const presentMember = (member: MemberRecord) => ({ ...member, joinedAt: iso(member.joinedAt) });

export const presentInvitation = (invitation: InvitationRecord) => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  invitedBy: invitation.invitedByEmail,
  createdAt: iso(invitation.createdAt),
  expiresAt: iso(invitation.expiresAt),
  acceptedAt: isoOrNull(invitation.acceptedAt),
});

export const presentApiToken = (token: ApiTokenRecord) => ({
  id: token.id,
  name: token.name,
  role: token.role,
  prefix: token.prefix,
  ownerEmail: token.ownerEmail,
  createdAt: iso(token.createdAt),
  expiresAt: isoOrNull(token.expiresAt),
  lastUsedAt: isoOrNull(token.lastUsedAt),
  revokedAt: isoOrNull(token.revokedAt),
});

export const presentAuditEntry = ({ cursor: _cursor, ...entry }: AuditEntryRecord) => ({ ...entry, at: iso(entry.at) });

export const presentAccess = (access: WorkspaceAccess) => ({
  workspaceId: access.workspaceId,
  role: access.role,
  customRole: access.customRole,
  permissions: [...access.permissions],
});
