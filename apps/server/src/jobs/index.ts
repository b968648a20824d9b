import { sendEmailJob } from './send-email.job.ts';

/** Every job the workers handle; a job not listed here cannot be enqueued. */
export const jobIndex = [sendEmailJob] as const;
