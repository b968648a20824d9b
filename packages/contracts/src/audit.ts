import { z } from 'zod';
import { Id, Instant } from './common.ts';

export const AuditEntry = z
  .object({
    id: Id,
    at: Instant,
    actorEmail: z.string().nullable(),
    action: z.string().meta({ example: 'member.role_changed' }),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    outcome: z.enum(['success', 'denied', 'failure']),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const AuditQuery = z.object({
  before: Instant.optional().meta({ description: 'Cursor: entries strictly older than this instant' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(80).optional(),
});
export const AuditPage = z
  .object({ entries: z.array(AuditEntry), nextBefore: Instant.nullable() })
  .meta({ id: 'AuditPage' });
