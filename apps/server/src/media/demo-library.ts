import { copyFile } from 'node:fs/promises';
import { demoMedia, type DemoMediaName } from '../demo/demo-media.ts';
import type { MediaService } from './media.service.ts';
import { sha256Of } from './media-storage.ts';

/** How the demo's files are described in its library (alt text in French, the demo workspace's language). */
const described: Record<DemoMediaName, { altText: string; tags: string[] }> = {
  'candle-square.jpg': {
    altText: 'Bougie parfumée Maison Lumière, format carré',
    tags: ['bougie', 'automne', 'carré'],
  },
  'candle-portrait.jpg': {
    altText: 'Bougie parfumée Maison Lumière, format portrait',
    tags: ['bougie', 'automne', 'portrait'],
  },
  'candle-pin.jpg': { altText: 'Bougie parfumée en épingle verticale', tags: ['bougie', 'pinterest'] },
  'candle-vertical.mp4': { altText: 'Vidéo verticale : une bougie allumée', tags: ['bougie', 'vidéo', 'reel'] },
  'lookbook.pdf': { altText: 'Lookbook de la collection d’automne (PDF)', tags: ['lookbook', 'automne'] },
};

/**
 * Puts the demo's pictures, video and lookbook into the demo workspace's library (once: files already there, by
 * content, are skipped), so the composer picks them from the library like any upload.
 */
export async function seedDemoLibrary(media: MediaService, workspaceId: string): Promise<number> {
  let added = 0;
  for (const [name, { file }] of Object.entries(demoMedia) as [DemoMediaName, { file: string }][]) {
    if (await media.hasContent(workspaceId, await sha256Of(file))) continue;
    const temporary = await media.tempPath();
    await copyFile(file, temporary);
    const result = await media.ingest(workspaceId, undefined, temporary, { originalName: name, ...described[name] });
    if (!result.duplicate) added += 1;
  }
  return added;
}
