import { open } from 'node:fs/promises';
import { textRegions } from './sniff-regions.ts';

/** The file types the library accepts, known from their bytes (never from a name or a declared type). */
export const acceptedMediaTypes = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'video/mp4',
  'video/quicktime',
  'application/pdf',
] as const;
export type AcceptedMediaType = (typeof acceptedMediaTypes)[number];
export type MediaKind = 'image' | 'video' | 'document';

export const kindOf = (mimeType: AcceptedMediaType): MediaKind =>
  mimeType.startsWith('image/') ? 'image' : mimeType.startsWith('video/') ? 'video' : 'document';

export const extensionOf: Record<AcceptedMediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'application/pdf': 'pdf',
};

export type SniffResult =
  | { ok: true; mimeType: AcceptedMediaType }
  | {
      ok: false;
      reason: 'empty' | 'markup' | 'unknown' | 'polyglot' | 'truncated' | 'active_content';
      message: string;
    };

const refuse = (reason: Exclude<SniffResult, { ok: true }>['reason'], message: string): SniffResult => ({
  ok: false,
  reason,
  message,
});

const startsWith = (bytes: Buffer, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (bytes: Buffer, at: number, length: number) => bytes.subarray(at, at + length).toString('latin1');

/** The type a file's first bytes announce, or undefined. */
export function magicType(head: Buffer): AcceptedMediaType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(head, 4, 4) === 'ftyp') return ascii(head, 8, 4) === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  // QuickTime files from older cameras start with other top-level atoms.
  if (['moov', 'mdat', 'wide', 'free'].includes(ascii(head, 4, 4)) && head.readUInt32BE(0) >= 8)
    return 'video/quicktime';
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  return undefined;
}

/** Markup a browser would run if it ever rendered the file as a page: refused anywhere in any file. */
const MARKUP = [
  '<script',
  '<html',
  '<svg',
  '<iframe',
  '<object',
  '<embed',
  '<body',
  '<?php',
  '<!doctype',
  'javascript:',
].map((marker) => Buffer.from(marker, 'latin1'));
/** Active content in a PDF (scripts, launched programs, attachments, forms that run code). */
const PDF_ACTIVE = ['/JavaScript', '/JS', '/Launch', '/EmbeddedFile', '/RichMedia', '/XFA', '/AA'].map((name) =>
  Buffer.from(name, 'latin1'),
);
/** A ZIP's end-of-central-directory record: an archive hidden in (appended to) a picture. */
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

function lowerAscii(chunk: Buffer): Buffer {
  const copy = Buffer.from(chunk);
  for (let index = 0; index < copy.length; index += 1) {
    const byte = copy[index]!;
    if (byte >= 0x41 && byte <= 0x5a) copy[index] = byte + 0x20;
  }
  return copy;
}

const CHUNK = 1 << 20;
const OVERLAP = 32;

/** Scans the text regions of a file in chunks (overlapping, so a marker split across two chunks is found). */
async function scan(path: string, type: AcceptedMediaType, visit: (chunk: Buffer) => string | undefined) {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    for (const [start, end] of await textRegions(handle, type, size)) {
      for (let offset = start; offset < end; offset += CHUNK) {
        const length = Math.min(CHUNK + OVERLAP, end - offset);
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, offset);
        const found = visit(buffer);
        if (found) return found;
      }
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

async function readRange(path: string, start: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, length));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, Math.max(0, start));
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Where a file's own structure says it ends, or a refusal when it cannot be read to its end. */
async function structuralEnd(path: string, type: AcceptedMediaType, size: number): Promise<number | string> {
  switch (type) {
    case 'image/png': {
      let offset = 8;
      while (offset + 12 <= size) {
        const header = await readRange(path, offset, 8);
        const length = header.readUInt32BE(0);
        const chunkType = ascii(header, 4, 4);
        offset += 12 + length;
        if (chunkType === 'IEND') return offset;
      }
      return 'The PNG has no end marker (IEND): it is cut short or is not a PNG.';
    }
    case 'image/jpeg': {
      // Trailing bytes after the last end-of-image marker are allowed only as zero padding.
      const tail = await readRange(path, Math.max(0, size - 65_536), Math.min(size, 65_536));
      let end = tail.length;
      while (end > 0 && tail[end - 1] === 0) end -= 1;
      if (end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9) return size;
      return 'The JPEG does not end with its end-of-image marker: data is appended to it, or it is cut short.';
    }
    case 'image/gif': {
      const tail = await readRange(path, size - 1, 1);
      return tail[0] === 0x3b ? size : 'The GIF does not end with its trailer byte: data is appended to it.';
    }
    case 'image/webp': {
      const head = await readRange(path, 0, 12);
      const declared = head.readUInt32LE(4) + 8;
      return declared + (declared % 2) >= size && declared <= size
        ? size
        : 'The WebP container’s size does not match the file: data is appended to it.';
    }
    case 'video/mp4':
    case 'video/quicktime': {
      let offset = 0;
      while (offset < size) {
        if (size - offset < 8) return 'The video ends inside a box header: it is cut short or has data appended.';
        const header = await readRange(path, offset, 16);
        let boxSize = header.readUInt32BE(0);
        const boxType = ascii(header, 4, 4);
        if (!/^[\x20-\x7e]{4}$/.test(boxType))
          return 'The video holds bytes that are not an ISO media box: data is appended to it.';
        if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
        else if (boxSize === 0) boxSize = size - offset;
        if (boxSize < 8) return 'The video holds a malformed box.';
        offset += boxSize;
      }
      return offset === size ? size : 'The video’s last box runs past the end of the file: it is cut short.';
    }
    case 'application/pdf': {
      const tail = await readRange(path, Math.max(0, size - 1024), Math.min(size, 1024));
      const text = tail.toString('latin1').trimEnd();
      return text.endsWith('%%EOF') ? size : 'The PDF does not end with %%EOF: data is appended to it.';
    }
  }
}

/**
 * What a file is, judged by its content: the magic bytes name the type, the type's own structure must end where
 * the file ends (nothing appended: no HTML or ZIP riding behind a picture), and no markup a browser would run,
 * nor a PDF's active content, may appear where text lives (metadata, comments, chunks, PDF objects: compressed
 * data is left out, its random bytes would match short markers by chance). SVG and HTML are refused.
 */
export async function sniffFile(path: string): Promise<SniffResult> {
  const handle = await open(path, 'r');
  let size: number;
  let head: Buffer;
  try {
    size = (await handle.stat()).size;
    head = Buffer.alloc(Math.min(size, 64));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (size === 0) return refuse('empty', 'The file is empty.');
  const type = magicType(head);
  if (!type) {
    const text = head.toString('latin1').trimStart().toLowerCase();
    if (text.startsWith('<'))
      return refuse(
        'markup',
        'SVG, HTML and XML files are refused: they can carry scripts. Export the picture as PNG or JPEG.',
      );
    return refuse(
      'unknown',
      'This file is not a JPEG, PNG, GIF, WebP, MP4, MOV or PDF (judged by its content, not its name).',
    );
  }
  const end = await structuralEnd(path, type, size);
  if (typeof end === 'string') return refuse(/appended|not an ISO/.test(end) ? 'polyglot' : 'truncated', end);
  if (end !== size)
    return refuse(
      'polyglot',
      `The file goes on ${size - end} bytes after its ${type} data ends: something is appended to it.`,
    );

  const zipTail = await readRange(path, Math.max(0, size - 65_557), Math.min(size, 65_557));
  if (type !== 'application/pdf' && zipTail.includes(ZIP_END))
    return refuse('polyglot', 'The file hides a ZIP archive inside: it is refused. Export the picture again.');

  const found = await scan(path, type, (chunk) => {
    const lowered = lowerAscii(chunk);
    for (const marker of MARKUP) if (lowered.includes(marker)) return `markup:${marker.toString('latin1')}`;
    if (type === 'application/pdf')
      for (const name of PDF_ACTIVE)
        for (let at = chunk.indexOf(name); at >= 0; at = chunk.indexOf(name, at + 1))
          // A name ends at a delimiter: /JS but not /JSONData.
          if (!/[A-Za-z0-9]/.test(String.fromCharCode(chunk[at + name.length] ?? 0x20)))
            return `pdf:${name.toString('latin1')}`;
    return undefined;
  });
  if (found?.startsWith('markup:'))
    return refuse(
      'polyglot',
      `The file contains web markup (${found.slice(7)}) a browser could run: it is refused. Export the file again without it.`,
    );
  if (found?.startsWith('pdf:'))
    return refuse(
      'active_content',
      `The PDF contains active content (${found.slice(4)}): scripts, launched programs and attachments are refused.`,
    );
  return { ok: true, mimeType: type };
}
