/** Locale-aware pieces of the issue sentences: field names, numbers, sizes, durations, MIME types, formats. */
import type { PostFormat } from '../../publishing/post-formats.ts';

export type Locale = 'en' | 'fr';

const formatNames: Record<PostFormat, Record<Locale, string>> = {
  text: { en: 'text post', fr: 'publication texte' },
  image: { en: 'image post', fr: 'publication image' },
  multi_image: { en: 'multi-image post', fr: 'publication multi-images' },
  carousel: { en: 'carousel', fr: 'carrousel' },
  video: { en: 'video', fr: 'vidéo' },
  reel: { en: 'reel', fr: 'reel' },
  story: { en: 'story', fr: 'story' },
  short: { en: 'Short', fr: 'Short' },
  thread: { en: 'thread', fr: 'fil' },
  document: { en: 'document post', fr: 'publication document' },
  link: { en: 'link post', fr: 'publication lien' },
  pin: { en: 'Pin', fr: 'épingle' },
  local_post: { en: 'local post', fr: 'post local' },
  offer: { en: 'offer', fr: 'offre' },
};

const optionNames: Record<string, Record<Locale, string>> = {
  boardId: { en: 'the board', fr: 'le tableau' },
  startDate: { en: 'the start date', fr: 'la date de début' },
  endDate: { en: 'the end date', fr: 'la date de fin' },
  privacyLevel: { en: 'the privacy level', fr: 'le niveau de confidentialité' },
};

const plainFields: Record<string, Record<Locale, string>> = {
  text: { en: 'the text', fr: 'le texte' },
  title: { en: 'the title', fr: 'le titre' },
  firstComment: { en: 'the first comment', fr: 'le premier commentaire' },
  'link.url': { en: 'the link', fr: 'le lien' },
  link: { en: 'the link', fr: 'le lien' },
  threadParts: { en: 'the thread', fr: 'le fil' },
  media: { en: 'the media', fr: 'les médias' },
  format: { en: 'the format', fr: 'le format' },
};

const shortMimeNames: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'video/quicktime': 'MOV',
  'video/webm': 'WebM',
  'video/x-m4v': 'M4V',
  'video/x-msvideo': 'AVI',
  'video/x-matroska': 'MKV',
  'audio/mpeg': 'MP3',
  'application/vnd.ms-powerpoint': 'PPT',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
};

/** The name of a format in a sentence ("carousel", "carrousel"). */
export function formatName(format: PostFormat, locale: Locale): string {
  return formatNames[format][locale];
}

/**
 * A field path said in words: `threadParts[1].text` is "part 3 of the thread" (the post itself is part 1).
 * @example fieldLabel('media[2].durationSeconds', 'fr') // 'le média 3'
 */
export function fieldLabel(field: string, locale: Locale): string {
  const part = /^threadParts\[(\d+)\]\.(.*)$/.exec(field);
  if (part) {
    const number = Number(part[1]) + 2;
    const inner = part[2]!;
    if (inner === 'text') return locale === 'en' ? `part ${number} of the thread` : `la partie ${number} du fil`;
    const label = fieldLabel(inner, locale);
    return locale === 'en' ? `${label} of part ${number}` : `${label} de la partie ${number}`;
  }
  const media = /^media\[(\d+)\](\.altText)?/.exec(field);
  if (media) {
    const number = Number(media[1]) + 1;
    if (media[2]) return locale === 'en' ? `the alt text of media ${number}` : `le texte alternatif du média ${number}`;
    return locale === 'en' ? `media ${number}` : `le média ${number}`;
  }
  if (field.startsWith('options.')) {
    const name = field.slice('options.'.length);
    return optionNames[name]?.[locale] ?? (locale === 'en' ? `the option “${name}”` : `l’option « ${name} »`);
  }
  return plainFields[field]?.[locale] ?? field;
}

/** The sentence's first letter in upper case. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A number written the locale's way (63,206 / 63 206). */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A count with its noun, singular or plural (French puts 0 and 1 in the singular). */
export function plural(count: number, locale: Locale, one: string, many: string): string {
  const singular = locale === 'fr' ? count < 2 : count === 1;
  return `${formatNumber(count, locale)} ${singular ? one : many}`;
}

const byteUnits: Record<Locale, readonly string[]> = {
  en: ['bytes', 'KB', 'MB', 'GB'],
  fr: ['octets', 'Ko', 'Mo', 'Go'],
};

/**
 * A size in bytes, in binary units as the networks write them (8 MB is 8 × 1,048,576 bytes).
 * @example formatBytes(8 * 1024 * 1024, 'fr') // '8 Mo'
 */
export function formatBytes(bytes: number, locale: Locale): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(unit === 0 ? value : Math.round(value * 100) / 100, locale)} ${byteUnits[locale][unit]}`;
}

/**
 * A duration in seconds: "45 s", "15 min", "2 h", "2 min 20 s".
 * @example formatSeconds(140, 'en') // '2 min 20 s'
 */
export function formatSeconds(seconds: number, locale: Locale): string {
  if (seconds < 60) return `${formatNumber(seconds, locale)} s`;
  if (seconds >= 3600 && seconds % 3600 === 0) return `${formatNumber(seconds / 3600, locale)} h`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round((seconds - minutes * 60) * 100) / 100;
  return rest === 0
    ? `${formatNumber(minutes, locale)} min`
    : `${formatNumber(minutes, locale)} min ${formatNumber(rest, locale)} s`;
}

/**
 * A MIME type as people name it: `image/jpeg` is JPEG, `image/*` any image.
 * @example mimeName('video/quicktime', 'en') // 'MOV'
 */
export function mimeName(mimeType: string, locale: Locale): string {
  if (mimeType === 'image/*') return locale === 'en' ? 'any image' : 'toute image';
  if (mimeType === 'video/*') return locale === 'en' ? 'any video' : 'toute vidéo';
  const known = shortMimeNames[mimeType];
  if (known) return known;
  const subtype = mimeType.split('/')[1] ?? mimeType;
  return subtype.replace(/^x-/, '').toUpperCase();
}

/** "A, B or C" / "A, B ou C". */
export function orList(values: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format([...new Set(values)]);
}
