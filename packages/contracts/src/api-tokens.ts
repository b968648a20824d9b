import { z } from 'zod';
import { Id, Instant } from './common.ts';
import { Role } from './auth.ts';

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    role: Role,
    prefix: z.string().meta({ description: 'First characters of the token, to recognise it' }),
    ownerEmail: z.string(),
    createdAt: Instant,
    expiresAt: Instant.nullable(),
    lastUsedAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const ApiTokenParams = z.object({ workspaceId: Id, tokenId: Id });
export const CreateApiTokenRequest = z
  .object({
    name: z.string().trim().min(1).max(80),
    role: Role,
    expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
  })
  .meta({ id: 'CreateApiTokenRequest' });
/** The secret is returned once, at creation; only its hash is stored. */
export const CreatedApiToken = z.object({ token: z.string(), apiToken: ApiToken }).meta({ id: 'CreatedApiToken' });
