import { z } from 'zod';
import { Id, Instant } from './common.ts';

/** A client (brand) of an agency workspace, with the channels it owns. */
export const Client = z
  .object({
    id: Id,
    name: z.string(),
    channelIds: z.array(Id).meta({ description: 'Channels of this client (those the caller may see)' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Client' });

export const SaveClientRequest = z.object({ name: z.string().trim().min(2).max(80) }).meta({ id: 'SaveClientRequest' });

export const ClientParams = z.object({ workspaceId: Id, clientId: Id });

export const AssignChannelClientRequest = z
  .object({ clientId: Id.nullable().meta({ description: 'null leaves the channel without a client' }) })
  .meta({ id: 'AssignChannelClientRequest' });

export const ChannelClient = z.object({ channelId: Id, clientId: Id.nullable() }).meta({ id: 'ChannelClient' });

/** A member's scope: unscoped (the whole workspace), or only the channels of some clients and single channels. */
export const MemberScope = z
  .object({
    userId: Id,
    scoped: z.boolean().meta({ description: 'false: the whole workspace; true: only the listed clients and channels' }),
    clientIds: z.array(Id),
    channelIds: z.array(Id),
  })
  .meta({ id: 'MemberScope' });

export const SetMemberScopeRequest = z
  .object({
    scoped: z.boolean(),
    clientIds: z.array(Id).max(200).default([]),
    channelIds: z.array(Id).max(500).default([]),
  })
  .meta({ id: 'SetMemberScopeRequest' });
