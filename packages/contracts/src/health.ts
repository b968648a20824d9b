import { z } from 'zod';

export const Health = z.object({ status: z.literal('ok'), version: z.string() }).meta({ id: 'Health' });
export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({ database: z.enum(['ok', 'failing']), jobQueue: z.enum(['ok', 'failing']) }),
    database: z.enum(['pglite', 'postgres']),
  })
  .meta({ id: 'Readiness' });
