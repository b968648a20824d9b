import { z } from 'zod';

/** The body of every error answer: a stable code, a sentence for people, and details (fields and reasons). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Id = z.uuid();
export const Instant = z.iso.datetime({ offset: true }).meta({ description: 'UTC instant, ISO 8601' });
export const Locale = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof Locale>;

/** An IANA time zone name the runtime knows, such as Europe/Paris. */
export const TimeZone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value.includes('/') || value === 'UTC';
    } catch {
      return false;
    }
  },
  { message: 'Use an IANA time zone name such as Europe/Paris' },
);

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid e-mail address, such as name@example.com' }));

export const Password = z
  .string()
  .min(12, { message: 'Use at least 12 characters' })
  .max(256, { message: 'Use at most 256 characters' });

export const WorkspaceParams = z.object({ workspaceId: Id });

export const Empty = z.object({}).meta({ id: 'Empty' });
export const Ok = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
