import type { z } from 'zod';

/** A job is data: a name, a versioned payload schema, and a thin idempotent handler that calls a service. */
export type JobDefinition<Payload, Context> = {
  name: string;
  payload: z.ZodType<Payload>;
  /** Attempts after the first, with exponential backoff. */
  retryLimit: number;
  handle(payload: Payload, context: Context): Promise<void>;
};

/** Declares a job with its payload type inferred from the schema. */
export function defineJob<Payload, Context>(
  definition: JobDefinition<Payload, Context>,
): JobDefinition<Payload, Context> {
  return definition;
}
