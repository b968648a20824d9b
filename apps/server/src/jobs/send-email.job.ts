import { z } from 'zod';
import { defineJob } from './job.ts';
import type { JobContext } from './context.ts';

export const sendEmailJob = defineJob({
  name: 'send-email.v1',
  payload: z.object({
    to: z.email(),
    subject: z.string().min(1).max(300),
    text: z.string().min(1),
    html: z.string().optional(),
  }),
  retryLimit: 5,
  async handle(payload, context: JobContext) {
    await context.mailer.send(payload);
  },
});
