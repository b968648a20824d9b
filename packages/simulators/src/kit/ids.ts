import { randomBytes } from 'node:crypto';

/** A numeric id string of `digits` digits, like Meta's and X's ids. */
export function numericId(digits = 17): string {
  let id = String(1 + (randomBytes(1)[0]! % 9));
  while (id.length < digits) id += String(randomBytes(1)[0]! % 10);
  return id;
}

/** A random token for the simulated OAuth endpoints. */
export function simToken(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}
