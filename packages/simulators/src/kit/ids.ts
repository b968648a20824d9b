import { randomBytes } from 'node:crypto';

// Random bytes drawn 4 KiB at a time: a draw per digit cost more than the rest of a simulated request.
let pool = Buffer.alloc(0);
let next = 0;
function randomByte(): number {
  if (next >= pool.length) {
    pool = randomBytes(4096);
    next = 0;
  }
  return pool[next++]!;
}

/** A numeric id string of `digits` digits, like Meta's and X's ids. */
export function numericId(digits = 17): string {
  let id = String(1 + (randomByte() % 9));
  while (id.length < digits) id += String(randomByte() % 10);
  return id;
}

/** A random token for the simulated OAuth endpoints. */
export function simToken(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}
