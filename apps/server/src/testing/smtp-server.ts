import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string | undefined; to: string[]; raw: string };

export type TestSmtpServer = {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for SILLAGE_SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
};

/**
 * A real SMTP server (the smtp-server library) on 127.0.0.1 and a random port, keeping every message it
 * accepts. `failNext(n, { after })` makes it refuse n messages with a 451, as a busy server does, after
 * accepting `after` more.
 */
export async function startSmtpServer(): Promise<
  TestSmtpServer & { failNext(count: number, options?: { after?: number }): void }
> {
  const received: ReceivedMail[] = [];
  let failures = 0;
  let acceptFirst = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0 && acceptFirst === 0) {
          failures -= 1;
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        if (acceptFirst > 0) acceptFirst -= 1;
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext(count, options = {}) {
      failures = count;
      acceptFirst = options.after ?? 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The MIME parts of a message with a filename, decoded from base64 (how nodemailer sends attachments). */
export function attachmentsOf(raw: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const part of raw.split(/\r\n--[^\r\n]+/)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split).replace(/\r\n\s+/g, ' ');
    const name = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (!name || !/content-transfer-encoding:\s*base64/i.test(headers)) continue;
    files.set(name, Buffer.from(part.slice(split + 4).replace(/\s+/g, ''), 'base64'));
  }
  return files;
}
