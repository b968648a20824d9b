import type { ZodError } from 'zod';

/** An error meant for the user: a status, a stable code, a sentence saying what happened and what to do. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'resource') =>
  new AppError(404, 'not_found', `This ${what} does not exist or you do not have access to it.`);
export const forbidden = (message = 'Your role does not allow this action; ask an owner or an admin.') =>
  new AppError(403, 'forbidden', message);
export const unauthenticated = () =>
  new AppError(401, 'unauthenticated', 'Sign in first, or send a valid API token as "Authorization: Bearer <token>".');
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const tooManyRequests = (retryAfterSeconds: number, message: string) =>
  new AppError(429, 'rate_limited', message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });

/** A zod failure as a 400 naming each field and what is wrong with it. */
export function validationError(where: 'body' | 'query' | 'params', error: ZodError): AppError {
  const details = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const fields = details.map((detail) => detail.path).join(', ');
  return new AppError(
    400,
    'validation_failed',
    `Some fields are not valid (${fields}); correct them and try again.`,
    details,
  );
}
