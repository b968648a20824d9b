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
  before: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z~\d{1,19}$/, 'Use the nextBefore value of the previous page')
    .optional()
    .meta({ description: 'Opaque cursor: the nextBefore of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(80).optional(),
});
export const AuditPage = z
  .object({ entries: z.array(AuditEntry), nextBefore: z.string().nullable() })
  .meta({ id: 'AuditPage' });
