import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Whether an IP literal is loopback (127/8, ::1). */
export function isLoopbackAddress(address: string): boolean {
  const v4 = mappedIpv4(address);
  if (v4) return v4.startsWith('127.');
  return address.toLowerCase() === '::1';
}

function mappedIpv4(address: string): string | null {
  if (isIP(address) === 4) return address;
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1]! : null;
}

/** Loopback, private, link-local, carrier-grade NAT, unspecified and multicast addresses: never a webhook target. */
export function isPrivateAddress(address: string): boolean {
  const v4 = mappedIpv4(address);
  if (v4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase();
  return (
    v6 === '::' ||
    v6 === '::1' ||
    /^f[cd]/.test(v6) || // unique local fc00::/7
    /^fe[89ab]/.test(v6) || // link-local fe80::/10
    v6.startsWith('ff') // multicast
  );
}

export type WebhookUrlPolicy = { allowLoopbackHttp: boolean };

/**
 * Checks a webhook URL's shape without the network: https only (http only to a loopback host when the
 * policy allows it, which tests do), no credentials, no private IP literal, no `localhost`.
 * Returns the reason it is refused, or null.
 */
export function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  if (url.username || url.password) return 'must not hold a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || (isIP(host) !== 0 && isLoopbackAddress(host));
  if (url.protocol === 'http:' && policy.allowLoopbackHttp && loopback) return null;
  if (url.protocol !== 'https:') return 'must use https://';
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point to this machine';
  if (isIP(host) !== 0 && isPrivateAddress(host)) return 'must not point to a private or local network address';
  return null;
}

/**
 * Checks again just before sending, with the addresses the host name resolves to now: a public name that
 * resolves to a private address is refused. Returns the reason, or null.
 */
export async function resolvedWebhookProblem(raw: string, policy: WebhookUrlPolicy): Promise<string | null> {
  const shape = webhookUrlProblem(raw, policy);
  if (shape) return shape;
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  for (const address of addresses) {
    if (policy.allowLoopbackHttp && isLoopbackAddress(address)) continue;
    if (isPrivateAddress(address)) return `resolves to a private or local address (${address})`;
  }
  return null;
}
