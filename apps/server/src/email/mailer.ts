import nodemailer from 'nodemailer';
import type { Logger } from '../jobs/queue.ts';

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Files sent with the message (the analytics report's PDF and CSV); passed to nodemailer as they are. */
  attachments?: { filename: string; content: Buffer | string; contentType: string }[] | undefined;
};

export type Mailer = { send(message: EmailMessage): Promise<void>; configured: boolean };

/**
 * SMTP when SILLAGE_SMTP_URL is set; otherwise a mailer that says in the log that an e-mail was not sent
 * (the recipient and subject, never the body: it may hold a secret link).
 */
export function createMailer(options: { smtpUrl: string | undefined; from: string; logger: Logger }): Mailer {
  if (!options.smtpUrl) {
    return {
      configured: false,
      async send(message) {
        options.logger.warn(
          { to: message.to, subject: message.subject },
          'e-mail not sent: SMTP is not configured (set SILLAGE_SMTP_URL)',
        );
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    configured: true,
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}
