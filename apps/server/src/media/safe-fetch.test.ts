import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isPublicAddress, mappedIpv4 } from './address-policy.ts';
import { RemoteFetchError, safeFetchToFile, type Resolver } from './safe-fetch.ts';

describe('address policy', () => {
  const refused = [
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '198.18.0.1',
    '::1',
    '::',
    '[::1]',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2001:db8::1',
    '2002:7f00:1::1',
    '::127.0.0.1',
    'not an address',
  ];
  for (const address of refused) it(`refuses ${address}`, () => assert.equal(isPublicAddress(address), false));

  for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
    it(`allows ${address}`, () => assert.equal(isPublicAddress(address), true));

  it('reads the IPv4 address inside an IPv4-mapped IPv6 address in both notations', () => {
    assert.equal(mappedIpv4('::ffff:7f00:1'), '127.0.0.1');
    assert.equal(mappedIpv4('::ffff:192.168.0.1'), '192.168.0.1');
    assert.equal(mappedIpv4('0:0:0:0:0:ffff:a9fe:a9fe'), '169.254.169.254');
    assert.equal(mappedIpv4('2001:db8::1'), undefined);
  });
});

describe('safe download', () => {
  let server: Server;
  let port: number;
  let dir: string;
  const png = Buffer.from('89504e470d0a1a0a', 'hex');
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sillage-fetch-'));
    server = createServer((request, response) => {
      if (request.url === '/picture.png') response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      else if (request.url === '/to-loopback')
        response.writeHead(302, { location: `http://127.0.0.1:${port}/picture.png` }).end();
      else if (request.url === '/to-metadata')
        response.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else if (request.url === '/to-internal-name')
        response.writeHead(307, { location: `http://internal.example:${port}/picture.png` }).end();
      else if (request.url === '/to-self') response.writeHead(302, { location: '/picture.png' }).end();
      else if (request.url === '/big') response.writeHead(200).end(Buffer.alloc(5000));
      else if (request.url === '/slow') setTimeout(() => response.writeHead(200).end(png), 2000);
      else response.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  /** `cdn.example` is a public-looking name the test maps to its loopback server, allowed explicitly on that port only. */
  const lookups: string[] = [];
  const resolve: Resolver = async (hostname) => {
    lookups.push(hostname);
    if (hostname === 'cdn.example' || hostname === 'internal.example') return [{ address: '127.0.0.1', family: 4 }];
    if (hostname === 'localhost.example') return [{ address: '::1', family: 6 }];
    throw new Error('ENOTFOUND');
  };
  const explicit = {
    resolve,
    // Only cdn.example's test server: the policy sees addresses, so the test allows loopback for this port alone.
    permitAddress: (address: string, candidatePort: number, hostname: string) =>
      (hostname === 'cdn.example' && address === '127.0.0.1' && candidatePort === port) || isPublicAddress(address),
    maxBytes: 1000,
    timeoutMs: 1000,
  };
  const fetchTo = (url: string, options: Partial<typeof explicit> = explicit) =>
    safeFetchToFile(url, path.join(dir, `out-${Math.random()}`), { maxBytes: 1000, timeoutMs: 1000, ...options });

  const refusedWith = (code: RemoteFetchError['code'], message: RegExp) => (error: unknown) => {
    assert.ok(error instanceof RemoteFetchError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  };

  it('downloads from a public name (mapped by the injected resolver) to the pinned address', async () => {
    lookups.length = 0;
    const destination = path.join(dir, 'ok.png');
    const fetched = await safeFetchToFile(`http://cdn.example:${port}/picture.png`, destination, explicit);
    assert.equal(fetched.bytes, png.length);
    assert.equal(fetched.name, 'picture.png');
    assert.deepEqual(await readFile(destination), png);
    assert.deepEqual(lookups, ['cdn.example'], 'resolved once, then connected to that address');
  });

  it('follows a redirect within the allowed host, checking it again', async () => {
    const fetched = await fetchTo(`http://cdn.example:${port}/to-self`);
    assert.equal(fetched.finalUrl, `http://cdn.example:${port}/picture.png`);
  });

  it('refuses 127.0.0.1, 10.x, 169.254.169.254 and [::1] by default', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/picture.png`,
      'http://10.0.0.8/picture.png',
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${port}/picture.png`,
      'http://[::ffff:127.0.0.1]/picture.png',
      'http://0x7f000001/picture.png',
    ])
      await assert.rejects(fetchTo(url, {}), refusedWith('address_refused', /private, local or reserved/), url);
  });

  it('refuses a host name that resolves to loopback (default policy, no exception for it)', async () => {
    await assert.rejects(
      fetchTo(`http://localhost.example:${port}/picture.png`, { resolve }),
      refusedWith('address_refused', /::1/),
    );
    await assert.rejects(
      fetchTo(`http://cdn.example:${port}/picture.png`, { resolve }),
      refusedWith('address_refused', /127\.0\.0\.1/),
    );
  });

  it('refuses a redirect to loopback, to the metadata address, and to a name resolving to loopback', async () => {
    for (const hop of ['/to-loopback', '/to-metadata', '/to-internal-name'])
      await assert.rejects(
        fetchTo(`http://cdn.example:${port}${hop}`),
        refusedWith('address_refused', /never fetches from/),
        hop,
      );
  });

  it('refuses other schemes and credentials in the URL', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://cdn.example/x.png', 'gopher://cdn.example/', 'data:,x'])
      await assert.rejects(fetchTo(url), refusedWith('url_refused', /http and https/), url);
    await assert.rejects(
      fetchTo(`http://user:secret@cdn.example:${port}/picture.png`),
      refusedWith('url_refused', /password/),
    );
    await assert.rejects(fetchTo('not a url'), refusedWith('url_refused', /not a valid URL/));
  });

  it('limits the size and the time', async () => {
    await assert.rejects(fetchTo(`http://cdn.example:${port}/big`), refusedWith('too_large', /larger than/));
    await assert.rejects(
      fetchTo(`http://cdn.example:${port}/slow`, { ...explicit, timeoutMs: 200 }),
      refusedWith('timeout', /longer than/),
    );
  });
});
