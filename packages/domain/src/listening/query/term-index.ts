/**
 * The shared term index of the compiled matcher, for one kind of term (plain, hashtag or handle): exact terms in
 * an open-addressing hash table, wildcard prefixes in buckets keyed by their first characters. Tokens are
 * looked up as ranges of the normalized mention text, so a token that is no term costs no string allocation.
 */

/** Calls `found` with the id of each term the token `text[start, end)` is an occurrence of. */
export type TermLookUp = (text: string, start: number, end: number, found: (id: number) => void) => void;

/** FNV-1a over the UTF-16 code units of `text[start, end)`. */
function hashRange(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash | 0;
}

/** A number made of the first `length` (at most 3) code units from `start`: the bucket of a prefix. */
function gateKey(text: string, start: number, length: number): number {
  let gate = 0;
  for (let index = 0; index < length; index += 1) gate = gate * 65536 + text.charCodeAt(start + index);
  return gate;
}

/** The first two code units folded to a byte each: a bitmap on it dismisses most tokens before any hashing. */
function firstPair(text: string, start: number, gateLength: number): number {
  return gateLength >= 2
    ? ((text.charCodeAt(start) & 0xff) << 8) | (text.charCodeAt(start + 1) & 0xff)
    : text.charCodeAt(start);
}

/**
 * Builds the look-up for exact terms and prefixes (term text -> term id).
 * @example createTermLookUp(new Map([['bougie', 0]]), new Map([['lumi', 1]]))('la lumiere', 3, 10, record) // record(1)
 */
export function createTermLookUp(
  exact: ReadonlyMap<string, number>,
  prefixes: ReadonlyMap<string, number>,
): TermLookUp {
  let capacity = 8;
  while (capacity < exact.size * 2) capacity *= 2;
  const mask = capacity - 1;
  const keys = new Array<string>(capacity).fill('');
  const ids = new Int32Array(capacity).fill(-1);
  const hashes = new Int32Array(capacity);
  for (const [key, id] of exact) {
    const hash = hashRange(key, 0, key.length);
    let slot = hash & mask;
    while (ids[slot] !== -1) slot = (slot + 1) & mask;
    keys[slot] = key;
    ids[slot] = id;
    hashes[slot] = hash;
  }

  const gate = Math.min(3, ...[...prefixes.keys()].map((prefix) => prefix.length));
  const firsts = new Uint8Array(65536);
  const buckets = new Map<number, { prefix: string; id: number }[]>();
  for (const [prefix, id] of prefixes) {
    firsts[firstPair(prefix, 0, gate)] = 1;
    const key = gateKey(prefix, 0, gate);
    const bucket = buckets.get(key) ?? [];
    bucket.push({ prefix, id });
    buckets.set(key, bucket);
  }

  return (text, start, end, found) => {
    const length = end - start;
    if (exact.size > 0) {
      const hash = hashRange(text, start, end);
      for (let slot = hash & mask; ids[slot] !== -1; slot = (slot + 1) & mask) {
        const key = keys[slot]!;
        if (hashes[slot] === hash && key.length === length && text.startsWith(key, start)) {
          found(ids[slot]!);
          break;
        }
      }
    }
    if (length < gate || firsts[firstPair(text, start, gate)] === 0) return;
    const bucket = buckets.get(gateKey(text, start, gate));
    if (!bucket) return;
    for (const entry of bucket)
      if (entry.prefix.length <= length && text.startsWith(entry.prefix, start)) found(entry.id);
  };
}
