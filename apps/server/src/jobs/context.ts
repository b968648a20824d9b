import type { Mailer } from '../email/mailer.ts';

/** What job handlers may use; wired in the composition file. */
export type JobContext = { mailer: Mailer };
