import type { Mailer } from '../email/mailer.ts';
import type { InboxJobHandlers } from '../inbox/inbox.jobs.ts';

/** What job handlers may use; wired in the composition file. */
export type JobContext = { mailer: Mailer; inbox?: InboxJobHandlers };
