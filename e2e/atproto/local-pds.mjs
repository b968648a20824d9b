// Starts a real @atproto/pds in-process on loopback, configured like atproto's own TestPds: dev mode,
// SQLite and blobs in a temporary directory, no invites, a mock PLC directory, no AppView, no crawlers.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pdsModule from '@atproto/pds';
import { startPlcMock } from './plc-mock.mjs';

const { PDS, envToCfg, envToSecrets } = pdsModule;

async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function k256PrivateKeyHex() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  return Buffer.from(privateKey.export({ format: 'jwk' }).d, 'base64url').toString('hex');
}

/** A running PDS: its URL (http://localhost:<port>), the package version, and stop(). */
export async function startLocalPds() {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'sillage-pds-'));
  const plc = await startPlcMock();
  const port = await freePort();
  const env = {
    port,
    hostname: 'localhost',
    devMode: true,
    version: '0.0.0-sillage-e2e',
    dataDirectory: directory,
    blobstoreDiskLocation: path.join(directory, 'blobs'),
    didPlcUrl: plc.url,
    inviteRequired: false,
    serviceHandleDomains: ['.test'],
    enableDidDocWithSession: true,
    rateLimitsEnabled: false,
    crawlers: [],
    jwtSecret: randomBytes(16).toString('hex'),
    adminPassword: 'admin-pass',
    plcRotationKeyK256PrivateKeyHex: k256PrivateKeyHex(),
  };
  const server = await PDS.create(envToCfg(env), envToSecrets(env));
  await server.start();
  return {
    url: `http://localhost:${port}`,
    async stop() {
      await server.destroy();
      await plc.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
