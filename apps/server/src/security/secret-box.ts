import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets at rest (OAuth tokens) with AES-256-GCM. The workspace id is the associated data, so a
 * ciphertext copied into another workspace's row does not decrypt.
 */
export function createSecretBox(key: Buffer) {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
  return {
    /** base64(iv(12) || ciphertext || tag(16)) */
    seal(plaintext: string, workspaceId: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(workspaceId, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    },
    /** Throws when the ciphertext was altered, or belongs to another workspace or another key. */
    open(sealed: string, workspaceId: string): string {
      const data = Buffer.from(sealed, 'base64');
      if (data.length < 12 + 16) throw new Error('Sealed secret is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAAD(Buffer.from(workspaceId, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
