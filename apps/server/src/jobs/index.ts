import { inboxPollJob, inboxWebhookJob } from '../inbox/inbox.jobs.ts';
import { sendEmailJob } from './send-email.job.ts';

/** Every job the workers handle; a job not listed here cannot be enqueued. */
export const jobIndex = [sendEmailJob, inboxWebhookJob, inboxPollJob] as const;
