import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the demo's pictures, video and document live (made for Sillage with ffmpeg; see media/README.md). */
export const demoMediaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'media');

type Meta = { mimeType: string; width?: number; height?: number; durationSeconds?: number };

const declared = {
  'candle-square.jpg': { mimeType: 'image/jpeg', width: 1080, height: 1080 },
  'candle-portrait.jpg': { mimeType: 'image/jpeg', width: 1080, height: 1350 },
  'candle-pin.jpg': { mimeType: 'image/jpeg', width: 1000, height: 1500 },
  'candle-vertical.mp4': { mimeType: 'video/mp4', width: 720, height: 1280, durationSeconds: 8 },
  'lookbook.pdf': { mimeType: 'application/pdf' },
} satisfies Record<string, Meta>;

export type DemoMediaName = keyof typeof declared;

/** Each demo file with what a network needs to know before fetching it (type, size, dimensions, duration). */
export const demoMedia = Object.fromEntries(
  Object.entries(declared).map(([name, meta]) => [
    name,
    {
      file: path.join(demoMediaDir, name),
      meta: { ...meta, byteLength: statSync(path.join(demoMediaDir, name)).size },
    },
  ]),
) as Record<DemoMediaName, { file: string; meta: Meta & { byteLength: number } }>;

export const isDemoMediaName = (name: string): name is DemoMediaName => Object.hasOwn(declared, name);
