/** Units and building blocks shared by the networks' tables. */
import type { FormatFeatures, FormatRules, Rule } from '../types.ts';

/** A mebibyte: the networks' "MB" (8 MB on Instagram is 8 × 1,048,576 bytes, as Mastodon's 99 MB default shows). */
export const megabyte = 1024 * 1024;
export const gigabyte = 1024 * megabyte;
export const kilobyte = 1024;

export const mimeTypes = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  heic: 'image/heic',
  heif: 'image/heif',
  avif: 'image/avif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  m4v: 'video/x-m4v',
  pdf: 'application/pdf',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** Width / height of an `a:b` ratio. */
export function ratio(width: number, height: number): number {
  return width / height;
}

const noExtras: FormatFeatures = { text: true, firstComment: false, link: false, threadParts: false };

/** A format's entry: features default to none, rules in the order they are checked. */
export function format(features: Partial<FormatFeatures>, ...rules: (Rule | readonly Rule[])[]): FormatRules {
  return { features: { ...noExtras, ...features }, rules: rules.flat() };
}
