import type { FileHandle } from 'node:fs/promises';
import type { AcceptedMediaType } from './sniff.ts';

/** A byte range [start, end) of a file. */
export type Region = readonly [number, number];

async function read(handle: FileHandle, start: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(0, length));
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, Math.max(0, start));
  return buffer.subarray(0, bytesRead);
}

const ascii = (bytes: Buffer, at: number, length: number) => bytes.subarray(at, at + length).toString('latin1');

/** JPEG: every segment before the first scan (APPn, COM, tables): where EXIF, XMP and comments live. */
async function jpegRegions(handle: FileHandle, size: number): Promise<Region[]> {
  let offset = 2;
  while (offset + 4 <= size) {
    const header = await read(handle, offset, 4);
    if (header[0] !== 0xff) break;
    const marker = header[1]!;
    if (marker === 0xda) return [[0, offset]]; // start of scan: compressed picture data follows
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    offset += 2 + header.readUInt16BE(2);
  }
  return [[0, size]];
}

/** PNG: every chunk but the compressed picture (IDAT), text chunks included. */
async function pngRegions(handle: FileHandle, size: number): Promise<Region[]> {
  const regions: Region[] = [[0, 8]];
  let offset = 8;
  while (offset + 12 <= size) {
    const header = await read(handle, offset, 8);
    const end = offset + 12 + header.readUInt32BE(0);
    if (ascii(header, 4, 4) !== 'IDAT') regions.push([offset, Math.min(end, size)]);
    offset = end;
  }
  return regions;
}

/** WebP: every RIFF chunk but the compressed picture and animation frames (EXIF, XMP and unknown chunks). */
async function webpRegions(handle: FileHandle, size: number): Promise<Region[]> {
  const regions: Region[] = [[0, 12]];
  let offset = 12;
  while (offset + 8 <= size) {
    const header = await read(handle, offset, 8);
    const length = header.readUInt32LE(4);
    const end = offset + 8 + length + (length % 2);
    if (!['VP8 ', 'VP8L', 'ALPH', 'ANMF'].includes(ascii(header, 0, 4))) regions.push([offset, Math.min(end, size)]);
    offset = end;
  }
  return regions;
}

/** GIF: the header, colour tables and extensions (comments, application data), not the LZW picture data. */
async function gifRegions(handle: FileHandle, size: number): Promise<Region[]> {
  const bytes = await read(handle, 0, size);
  const regions: Region[] = [];
  let offset = 13;
  const flags = bytes[10] ?? 0;
  if (flags & 0x80) offset += 3 * 2 ** ((flags & 0x07) + 1);
  regions.push([0, offset]);
  const skipSubBlocks = (from: number) => {
    let at = from;
    while (at < size && bytes[at] !== 0) at += 1 + bytes[at]!;
    return at + 1;
  };
  while (offset < size) {
    const introducer = bytes[offset];
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const end = skipSubBlocks(offset + 2);
      regions.push([offset, Math.min(end, size)]);
      offset = end;
    } else if (introducer === 0x2c) {
      const local = bytes[offset + 9] ?? 0;
      offset += 10 + (local & 0x80 ? 3 * 2 ** ((local & 0x07) + 1) : 0);
      offset = skipSubBlocks(offset + 1); // LZW minimum code size, then the picture's sub-blocks
    } else return [[0, size]]; // not a block we know: look at everything
  }
  return regions;
}

/** MP4/MOV: every top-level box but the media data, and the movie box's user data and metadata only. */
async function isoRegions(handle: FileHandle, size: number): Promise<Region[]> {
  const regions: Region[] = [];
  const walk = async (from: number, to: number, visit: (type: string, start: number, end: number) => Promise<void>) => {
    let offset = from;
    while (offset + 8 <= to) {
      const header = await read(handle, offset, 16);
      let length = header.readUInt32BE(0);
      if (length === 1) length = Number(header.readBigUInt64BE(8));
      else if (length === 0) length = to - offset;
      if (length < 8) return;
      await visit(ascii(header, 4, 4), offset, Math.min(offset + length, to));
      offset += length;
    }
  };
  await walk(0, size, async (type, start, end) => {
    if (type === 'mdat') return;
    if (type !== 'moov') {
      regions.push([start, end]);
      return;
    }
    await walk(start + 8, end, async (child, childStart, childEnd) => {
      if (child === 'udta' || child === 'meta') regions.push([childStart, childEnd]);
    });
  });
  return regions;
}

/** PDF: everything but the contents of streams (compressed page data, fonts, pictures). */
async function pdfRegions(handle: FileHandle, size: number): Promise<Region[]> {
  const bytes = await read(handle, 0, size);
  const regions: Region[] = [];
  let offset = 0;
  for (;;) {
    const stream = bytes.indexOf('stream', offset, 'latin1');
    if (stream < 0) break;
    const isKeyword = bytes[stream + 6] === 0x0a || bytes[stream + 6] === 0x0d;
    const precededByEnd = stream >= 3 && ascii(bytes, stream - 3, 3) === 'end';
    if (!isKeyword || precededByEnd) {
      offset = stream + 6;
      continue;
    }
    const end = bytes.indexOf('endstream', stream + 6, 'latin1');
    if (end < 0) break;
    regions.push([offset, stream + 6]);
    offset = end;
  }
  regions.push([offset, size]);
  return regions;
}

/**
 * The parts of a file where text lives (metadata, comments, PDF objects), as opposed to compressed data whose
 * random bytes would match a short marker by chance. Markup and active content are looked for there.
 */
export function textRegions(handle: FileHandle, type: AcceptedMediaType, size: number): Promise<Region[]> {
  switch (type) {
    case 'image/jpeg':
      return jpegRegions(handle, size);
    case 'image/png':
      return pngRegions(handle, size);
    case 'image/webp':
      return webpRegions(handle, size);
    case 'image/gif':
      return gifRegions(handle, size);
    case 'video/mp4':
    case 'video/quicktime':
      return isoRegions(handle, size);
    case 'application/pdf':
      return pdfRegions(handle, size);
  }
}
