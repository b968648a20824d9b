import { createHash, randomBytes } from 'node:crypto';

/** One account of the simulated PDS. */
export type SimAccount = { did: string; handle: string; password: string };
export type SimBlob = { cid: string; mimeType: string; size: number };
/** A record as the simulated repository keeps it. */
export type SimRecord = {
  uri: string;
  cid: string;
  did: string;
  collection: string;
  rkey: string;
  value: Record<string, unknown>;
  indexedAt: Date;
};

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A CID-looking string (base32 multibase, 'bafyrei' for records, 'bafkrei' for blobs) from a content hash. */
export function fakeCid(prefix: 'bafyrei' | 'bafkrei', content: Uint8Array | string): string {
  const digest = createHash('sha256').update(content).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return prefix + out.slice(0, 52);
}

/** JWT-shaped tokens (header.payload.signature) so clients can read `exp`, as they do with a real PDS. */
export function fakeJwt(scope: string, did: string, expiresAt: Date): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'at+jwt' })}.${part({ scope, sub: did, exp: Math.floor(expiresAt.getTime() / 1000), jti: randomBytes(8).toString('hex') })}.${randomBytes(16).toString('base64url')}`;
}

/** The in-memory state of the simulated PDS. */
export function createBlueskyStore() {
  const accounts = new Map<string, SimAccount>();
  const accessTokens = new Map<string, { did: string; expired: boolean }>();
  const refreshTokens = new Map<string, { did: string; revoked: boolean }>();
  const blobs = new Map<string, SimBlob>();
  const records = new Map<string, SimRecord>();
  return {
    accounts,
    accessTokens,
    refreshTokens,
    blobs,
    records,
    findAccount(identifier: string): SimAccount | undefined {
      const needle = identifier.toLowerCase();
      return [...accounts.values()].find((account) => account.did === identifier || account.handle === needle);
    },
  };
}

export type BlueskyStore = ReturnType<typeof createBlueskyStore>;
