import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import type { InboxRepository } from './inbox.repository.ts';

/** Meta's webhook settings: the app secret signs deliveries; the verify token answers the subscription check. */
export type MetaWebhookSettings = { appSecret: string | undefined; verifyToken: string | undefined };

const signaturePattern = /^sha256=([0-9a-f]{64})$/;

/**
 * Whether `header` (X-Hub-Signature-256) is the HMAC-SHA256 of exactly these bytes with the app secret,
 * compared in constant time.
 * @example verifyMetaSignature(Buffer.from('{}'), 'sha256=…', 'secret') // false
 */
export function verifyMetaSignature(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  const match = signaturePattern.exec(header?.trim().toLowerCase() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Meta's webhooks: the GET subscription handshake, and deliveries checked on their raw bytes, recorded once
 * by the SHA-256 of those bytes (a replay is acknowledged and ignored), and handed to a job in the same
 * transaction so the answer is fast and the work is never lost.
 */
export function createMetaWebhook(deps: {
  db: Kysely<DB>;
  inbox: InboxRepository;
  settings: () => MetaWebhookSettings;
  enqueueDelivery: (executor: Executor, deliveryId: string) => Promise<unknown>;
  now: () => Date;
}) {
  const notConfigured = () =>
    new AppError(
      503,
      'webhook_not_configured',
      'Meta webhooks are not configured on this server: set the Facebook app (client id and secret) and the verify token.',
    );

  return {
    handshake(query: { 'hub.verify_token': string; 'hub.challenge': string }): string {
      const { verifyToken } = deps.settings();
      if (!verifyToken) throw notConfigured();
      const given = createHash('sha256').update(query['hub.verify_token']).digest();
      const expected = createHash('sha256').update(verifyToken).digest();
      if (!timingSafeEqual(given, expected))
        throw new AppError(403, 'verify_token_mismatch', 'The verify token does not match this server’s.');
      return query['hub.challenge'];
    },

    async receive(raw: Buffer | undefined, signature: string | undefined): Promise<{ duplicate: boolean }> {
      const { appSecret } = deps.settings();
      if (!appSecret) throw notConfigured();
      if (!raw) throw new AppError(400, 'body_missing', 'Send the webhook body as application/json.');
      if (!signature)
        throw new AppError(
          401,
          'signature_missing',
          'The X-Hub-Signature-256 header is missing: only Meta may call this.',
        );
      if (!verifyMetaSignature(raw, signature, appSecret))
        throw new AppError(401, 'signature_invalid', 'The X-Hub-Signature-256 header does not match the body.');
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError(400, 'body_invalid', 'The signed body is not JSON.');
      }
      const bodySha256 = createHash('sha256').update(raw).digest('hex');
      return deps.db.transaction().execute(async (trx) => {
        const id = await deps.inbox.recordDelivery({ source: 'meta', bodySha256, body, receivedAt: deps.now() }, trx);
        if (id === null) return { duplicate: true };
        await deps.enqueueDelivery(trx, id);
        return { duplicate: false };
      });
    },
  };
}

export type MetaWebhook = ReturnType<typeof createMetaWebhook>;
