/**
 * RFC 3492 Punycode encoding of one domain label, used to measure labels the way DNS sees them
 * (a label longer than 63 encoded characters is not a valid host name).
 */

const base = 36;
const tMin = 1;
const tMax = 26;
const skew = 38;
const damp = 700;
const initialBias = 72;
const initialN = 128;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let scaled = firstTime ? Math.floor(delta / damp) : delta >> 1;
  scaled += Math.floor(scaled / numPoints);
  let k = 0;
  while (scaled > ((base - tMin) * tMax) >> 1) {
    scaled = Math.floor(scaled / (base - tMin));
    k += base;
  }
  return k + Math.floor(((base - tMin + 1) * scaled) / (scaled + skew));
}

function digit(value: number): string {
  // 0-25 -> a-z, 26-35 -> 0-9
  return String.fromCharCode(value + 22 + 75 * (value < 26 ? 1 : 0));
}

/**
 * Encodes a Unicode label as Punycode, without the `xn--` prefix (RFC 3492).
 * @example encodePunycode('bücher') // 'bcher-kva'
 */
export function encodePunycode(label: string): string {
  const codePoints = Array.from(label, (character) => character.codePointAt(0) ?? 0);
  let output = codePoints
    .filter((codePoint) => codePoint < 0x80)
    .map((codePoint) => String.fromCharCode(codePoint))
    .join('');
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength > 0) output += '-';
  let n = initialN;
  let delta = 0;
  let bias = initialBias;
  while (handled < codePoints.length) {
    let next = Number.MAX_SAFE_INTEGER;
    for (const codePoint of codePoints) if (codePoint >= n && codePoint < next) next = codePoint;
    delta += (next - n) * (handled + 1);
    n = next;
    for (const codePoint of codePoints) {
      if (codePoint < n) delta += 1;
      if (codePoint !== n) continue;
      let q = delta;
      for (let k = base; ; k += base) {
        const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
        if (q < t) break;
        output += digit(t + ((q - t) % (base - t)));
        q = Math.floor((q - t) / (base - t));
      }
      output += digit(q);
      bias = adapt(delta, handled + 1, handled === basicLength);
      delta = 0;
      handled += 1;
    }
    delta += 1;
    n += 1;
  }
  return output;
}

/**
 * The ASCII form of one label: unchanged when ASCII, else `xn--` + Punycode.
 * @example labelToAscii('☃') // 'xn--n3h'
 */
export function labelToAscii(label: string): string {
  return /[^\0-\x7F]/.test(label) ? `xn--${encodePunycode(label)}` : label;
}
