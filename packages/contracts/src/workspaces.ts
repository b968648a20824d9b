import { z } from 'zod';
import { Email, Id, Instant, Locale, TimeZone } from './common.ts';
import { Role } from './auth.ts';

export const Workspace = z
  .object({ id: Id, name: z.string(), timeZone: z.string(), locale: Locale, createdAt: Instant, isDemo: z.boolean() })
  .meta({ id: 'Workspace' });

export const CreateWorkspaceRequest = z
  .object({ name: z.string().trim().min(1).max(120), timeZone: TimeZone, locale: Locale.default('en') })
  .meta({ id: 'CreateWorkspaceRequest' });

export const UpdateWorkspaceRequest = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    timeZone: TimeZone.optional(),
    locale: Locale.optional(),
  })
  .meta({ id: 'UpdateWorkspaceRequest' });

export const Member = z
  .object({
    userId: Id,
    email: z.string(),
    name: z.string(),
    role: Role,
    joinedAt: Instant,
    customRole: z
      .object({ id: Id, name: z.string() })
      .nullable()
      .meta({ description: "The workspace's own role the member holds; it then decides what they may do" }),
  })
  .meta({ id: 'Member' });

export const MemberParams = z.object({ workspaceId: Id, userId: Id });
export const UpdateMemberRequest = z.object({ role: Role }).meta({ id: 'UpdateMemberRequest' });

export const Invitation = z
  .object({
    id: Id,
    email: z.string(),
    role: Role,
    invitedBy: z.string(),
    createdAt: Instant,
    expiresAt: Instant,
    acceptedAt: Instant.nullable(),
  })
  .meta({ id: 'Invitation' });

export const InvitationParams = z.object({ workspaceId: Id, invitationId: Id });
export const CreateInvitationRequest = z.object({ email: Email, role: Role }).meta({ id: 'CreateInvitationRequest' });
/** The invitation as created: the accept link is shown once, to the person who invited, and e-mailed. */
export const CreatedInvitation = z
  .object({ invitation: Invitation, acceptUrl: z.string() })
  .meta({ id: 'CreatedInvitation' });

export const InvitationTokenParams = z.object({ token: z.string().min(20).max(200) });
export const InvitationPreview = z
  .object({ workspaceName: z.string(), email: z.string(), role: Role, expiresAt: Instant, hasAccount: z.boolean() })
  .meta({ id: 'InvitationPreview' });
export const AcceptInvitationRequest = z
  .object({ name: z.string().trim().min(1).max(120).optional(), password: z.string().min(1).max(256) })
  .meta({ id: 'AcceptInvitationRequest' });
