import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import { promisify } from 'node:util';
import { isPublicAddress } from '../address-policy.ts';
import type { MediaService, RemoteOptions } from '../media.service.ts';
import { systemResolver } from '../safe-fetch.ts';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of one colour, made in memory (no file, no ffmpeg): what the route tests upload and import. */
export function solidPng(
  width: number,
  height: number,
  rgb: readonly [number, number, number] = [200, 120, 40],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The PNG the generated route tests upload (a form with alt text, tags and the file). */
export function sampleUploadForm(): FormData {
  const form = new FormData();
  form.append('altText', 'An orange square');
  form.append('tags', 'sample, test');
  form.append('file', new Blob([solidPng(24, 16)], { type: 'image/png' }), 'sample.png');
  return form;
}

/** The host name route tests import from; it resolves to the fixture server below, and only there. */
export const FIXTURE_MEDIA_HOST = 'media.sillage.test';

type FixtureMediaHost = { remote: RemoteOptions; url: string };
let host: Promise<FixtureMediaHost> | undefined;
let started: FixtureMediaHost | undefined;

/**
 * A local HTTP server standing in for a public image host in route tests (one per process, not keeping it alive),
 * and the import settings that reach it: FIXTURE_MEDIA_HOST resolves to it, and its exact address and port are
 * allowed; every other address is judged by the real policy (loopback and private addresses stay refused).
 */
export function startFixtureMediaHost(): Promise<FixtureMediaHost> {
  host ??= (async () => {
    const png = solidPng(32, 20, [40, 90, 200]);
    const server: Server = createServer((request, response) => {
      if (request.url === '/pixel.png') response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      else response.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    server.unref();
    const { port } = server.address() as AddressInfo;
    started = {
      url: `http://${FIXTURE_MEDIA_HOST}:${port}/pixel.png`,
      remote: {
        resolve: async (hostname) =>
          hostname === FIXTURE_MEDIA_HOST ? [{ address: '127.0.0.1', family: 4 }] : systemResolver(hostname),
        permitAddress: (address, candidatePort, hostname) =>
          (hostname === FIXTURE_MEDIA_HOST && address === '127.0.0.1' && candidatePort === port) ||
          isPublicAddress(address),
        timeoutMs: 10_000,
      },
    };
    return started;
  })();
  return host;
}

/** The fixture host's picture URL (the host is started by createTestApp before any route test runs). */
export function fixtureMediaUrl(): string {
  if (!started) throw new Error('the fixture media host is not started: create the test app first');
  return started.url;
}

const run = promisify(execFile);

/** Makes a real media file with ffmpeg's test sources (lavfi), e.g. a 64×48 JPEG or a two-second MP4. */
export async function ffmpegFile(
  output: string,
  kind: 'jpeg' | 'png' | 'gif' | 'webp' | 'mp4' | 'mov',
  size = { width: 64, height: 48 },
): Promise<void> {
  const video = kind === 'mp4' || kind === 'mov';
  const source = `testsrc2=size=${size.width}x${size.height}:rate=10${video ? ':duration=2' : ''}`;
  const encode: Record<typeof kind, string[]> = {
    jpeg: ['-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg'],
    png: ['-frames:v', '1', '-f', 'image2', '-c:v', 'png'],
    gif: ['-frames:v', '1', '-f', 'gif'],
    webp: ['-frames:v', '1', '-c:v', 'libwebp', '-f', 'webp'],
    mp4: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-f', 'mp4'],
    mov: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-f', 'mov'],
  };
  await run('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', source, ...encode[kind], output]);
}

let seeded = 0;
/** A media of the workspace, a distinct PNG each time (so no two seeds share content), stored as an upload would be. */
export async function seedMediaAsset(media: MediaService, workspaceId: string): Promise<string> {
  seeded += 1;
  const temporary = await media.tempPath();
  await writeFile(temporary, solidPng(20 + (seeded % 50), 12, [seeded % 256, (seeded * 7) % 256, 90]));
  const { asset } = await media.ingest(workspaceId, undefined, temporary, { originalName: `seed-${seeded}.png` });
  return asset.id;
}
