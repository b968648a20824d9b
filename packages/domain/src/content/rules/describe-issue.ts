/**
 * English and French sentences for the issues of validatePost, each saying what to change. The web app may use
 * its own catalogue from the same codes and params; these are the reference wording and the server's fallback.
 */
import { contentRules } from './content-rules.ts';
import {
  capitalize,
  fieldLabel,
  formatBytes,
  formatName,
  formatNumber,
  formatSeconds,
  mimeName,
  orList,
  plural,
  type Locale,
} from './issue-wording.ts';
import type { PostFormat } from '../../publishing/post-formats.ts';
import type { ContentIssue, IssueCode, TextCounting } from './types.ts';

export type { Locale } from './issue-wording.ts';

type Context = {
  issue: ContentIssue;
  locale: Locale;
  /** The network's name: "X", "Google Business Profile". */
  name: string;
  /** "a YouTube", "an Instagram", "an X": the English article before the network's name. */
  aName: string;
  /** The field in words: "the text", "le média 2". */
  field: string;
  format: string;
  number: (key: string) => number;
  text: (key: string) => string;
  list: (key: string) => readonly string[];
  n: (value: number) => string;
};

type Sentences = Record<IssueCode, (context: Context) => string>;

function countingNote(counting: TextCounting, limit: string, url: string, name: string, locale: Locale): string {
  const en: Record<TextCounting, string> = {
    x_weighted: `X counts ${limit} weighted characters; links count ${url}, emoji and CJK characters 2`,
    graphemes: `${name} allows ${limit} characters; an emoji counts as 1`,
    code_points: `${name} allows ${limit} characters`,
    utf16: `${name} allows ${limit} characters; an emoji counts as 2`,
    utf8_bytes: `${name} allows ${limit} bytes; an accented letter takes 2, an emoji 4`,
    threads: `Threads allows ${limit} characters; an emoji counts as its UTF-8 bytes, often 4`,
    mastodon: `this Mastodon instance allows ${limit} characters; links count ${url}`,
  };
  const fr: Record<TextCounting, string> = {
    x_weighted: `X compte ${limit} caractères pondérés ; un lien compte pour ${url}, un emoji ou un caractère CJK pour 2`,
    graphemes: `${name} accepte ${limit} caractères ; un emoji compte pour 1`,
    code_points: `${name} accepte ${limit} caractères`,
    utf16: `${name} accepte ${limit} caractères ; un emoji compte pour 2`,
    utf8_bytes: `${name} accepte ${limit} octets ; une lettre accentuée en prend 2, un emoji 4`,
    threads: `Threads accepte ${limit} caractères ; un emoji compte pour ses octets UTF-8, souvent 4`,
    mastodon: `cette instance Mastodon accepte ${limit} caractères ; un lien compte pour ${url}`,
  };
  return (locale === 'en' ? en : fr)[counting];
}

function shorten(c: Context): string {
  const counting = c.text('counting') as TextCounting;
  const bytes = counting === 'utf8_bytes';
  const excess = c.number('excess');
  const unit =
    c.locale === 'en'
      ? plural(excess, 'en', bytes ? 'byte' : 'character', bytes ? 'bytes' : 'characters')
      : plural(excess, 'fr', bytes ? 'octet' : 'caractère', bytes ? 'octets' : 'caractères');
  const url = c.issue.params.charactersPerUrl === undefined ? '23' : c.n(c.number('charactersPerUrl'));
  const note = countingNote(counting, c.n(c.number('limit')), url, c.name, c.locale);
  return c.locale === 'en'
    ? `Shorten ${c.field} by ${unit} (${note}).`
    : `Raccourcissez ${c.field} de ${unit} (${note}).`;
}

/** French "de" / "à" before a field label, contracted: "du texte", "au média 2", "de la date". */
function de(label: string): string {
  return label
    .replace(/^le /, 'du ')
    .replace(/^les /, 'des ')
    .replace(/^(?!du |des )/, 'de ');
}
function a(label: string): string {
  return label
    .replace(/^le /, 'au ')
    .replace(/^les /, 'aux ')
    .replace(/^(?!au |aux )/, 'à ');
}

const knownRatios: [number, string][] = [
  [4 / 5, '4:5'],
  [9 / 16, '9:16'],
  [1, '1:1'],
  [16 / 9, '16:9'],
  [2 / 3, '2:3'],
];

function ratioText(value: number, locale: Locale): string {
  const known = knownRatios.find(([ratio]) => Math.abs(ratio - value) < 1e-9);
  return known ? known[1] : `${formatNumber(Math.round(value * 100) / 100, locale)}:1`;
}

/** "to 9:16", "to a ratio between 4:5 and 1.91:1", "en vertical ou carré": the target of a crop. */
function ratioRange(c: Context): string {
  const min = c.number('min');
  const max = c.number('max');
  const en = c.locale === 'en';
  if (min === max) return `${en ? 'to' : 'en'} ${ratioText(min, c.locale)}`;
  if (min === 0 && max === 1) return en ? 'to vertical or square' : 'en vertical ou carré';
  const from = ratioText(min, c.locale);
  const to = ratioText(max, c.locale);
  return en ? `to a ratio between ${from} and ${to}` : `avec un ratio entre ${from} et ${to}`;
}

const kindNames: Record<string, Record<Locale, string>> = {
  video: { en: 'a video', fr: 'une vidéo' },
  gif: { en: 'a GIF', fr: 'un GIF' },
  audio: { en: 'an audio file', fr: 'un fichier audio' },
  document: { en: 'a document', fr: 'un document' },
};
const kindName = (c: Context): string =>
  kindNames[c.text('kind')]?.[c.locale] ?? (c.locale === 'en' ? 'this file' : 'ce fichier');
const formats = (c: Context): string =>
  orList(
    c.list('supported').map((format) => formatName(format as PostFormat, c.locale)),
    c.locale,
  );

const mimes = (c: Context, key: string): string =>
  orList(
    c.list(key).map((type) => mimeName(type, c.locale)),
    c.locale,
  );
const bytes = (c: Context, key: string): string => formatBytes(c.number(key), c.locale);
const seconds = (c: Context, key: string): string => formatSeconds(c.number(key), c.locale);

const english: Sentences = {
  format_unsupported: (c) => `Choose another format: ${c.name} publishes ${formats(c)}, not ${c.format}.`,
  text_too_long: shorten,
  hashtags_too_many: (c) =>
    `Remove ${plural(c.number('excess'), 'en', 'hashtag', 'hashtags')} from ${c.field}: ${c.name} allows ${c.n(c.number('limit'))} (there are ${c.n(c.number('actual'))}).`,
  mentions_too_many: (c) =>
    `Remove ${plural(c.number('excess'), 'en', '@mention', '@mentions')} from ${c.field}: ${c.name} allows ${c.n(c.number('limit'))} (there are ${c.n(c.number('actual'))}).`,
  links_too_many: (c) =>
    `Remove ${plural(c.number('excess'), 'en', 'link', 'links')} from ${c.field}: ${c.name} allows ${c.n(c.number('limit'))} (there are ${c.n(c.number('actual'))}).`,
  characters_forbidden: (c) =>
    `Remove ${orList(c.list('characters'), 'en')} from ${c.field}: ${c.name} refuses these characters.`,
  field_required: (c) => `Add ${c.field}: ${c.aName} ${c.format} needs it.`,
  one_of_required: (c) =>
    `Add text or media to ${c.issue.field.startsWith('threadParts') ? c.field : 'the post'}: ${c.name} does not publish an empty post.`,
  media_too_few: (c) =>
    `Add ${plural(c.number('missing'), 'en', 'media item', 'media items')}: ${c.aName} ${c.format} takes at least ${c.n(c.number('min'))} (it has ${c.n(c.number('actual'))}).`,
  media_too_many: (c) =>
    c.number('limit') === 0
      ? `Remove the media or choose an image or video format: ${c.aName} ${c.format} takes none.`
      : `Remove ${plural(c.number('excess'), 'en', 'media item', 'media items')}: ${c.aName} ${c.format} takes at most ${c.n(c.number('limit'))} (it has ${c.n(c.number('actual'))}).`,
  media_type_unsupported: (c) =>
    `Convert ${c.field} to ${mimes(c, 'accepted')}: ${c.aName} ${c.format} does not take ${mimeName(c.text('mimeType'), 'en')}.`,
  media_too_large: (c) =>
    `Compress ${c.field} below ${bytes(c, 'limit')}: ${c.name} accepts up to ${bytes(c, 'limit')} here (it is ${bytes(c, 'actual')}).`,
  media_too_small: (c) =>
    `Use a larger file for ${c.field}: ${c.name} needs at least ${bytes(c, 'min')} (it is ${bytes(c, 'actual')}).`,
  media_too_short: (c) =>
    `Use a longer video for ${c.field}: ${c.aName} ${c.format} lasts at least ${seconds(c, 'min')} (it lasts ${seconds(c, 'actual')}).`,
  media_too_long: (c) =>
    `Trim ${c.field} by ${seconds(c, 'excess')}: ${c.aName} ${c.format} lasts at most ${seconds(c, 'limit')} (it lasts ${seconds(c, 'actual')}).`,
  aspect_ratio_out_of_range: (c) =>
    `Crop ${c.field} ${ratioRange(c)}: that is what ${c.aName} ${c.format} takes (it is ${c.n(c.number('width'))}×${c.n(c.number('height'))}).`,
  width_too_small: (c) =>
    `Replace ${c.field} with a file at least ${c.n(c.number('min'))} px wide: ${c.name} needs it (it is ${c.n(c.number('actual'))} px).`,
  width_too_large: (c) =>
    `Resize ${c.field} to at most ${c.n(c.number('limit'))} px wide (it is ${c.n(c.number('actual'))} px).`,
  height_too_small: (c) =>
    `Replace ${c.field} with a file at least ${c.n(c.number('min'))} px high: ${c.name} needs it (it is ${c.n(c.number('actual'))} px).`,
  height_too_large: (c) =>
    `Resize ${c.field} to at most ${c.n(c.number('limit'))} px high (it is ${c.n(c.number('actual'))} px).`,
  pixels_too_many: (c) =>
    `Resize ${c.field} below ${c.n(c.number('limit'))} pixels in all (it has ${c.n(c.number('actual'))}).`,
  media_not_alone: (c) =>
    `Remove the other media or publish ${c.field} on its own: ${c.name} takes ${kindName(c)} alone.`,
  link_in_text_required: (c) => `Add the link to the text: ${c.name} builds the link card from a URL in the post.`,
  link_with_media: (c) => `Remove the media or the link card: ${c.aName} post shows one or the other.`,
  thread_parts_too_few: (c) =>
    `Add ${plural(c.number('missing'), 'en', 'follow-up part', 'follow-up parts')}, or choose a single-post format: ${c.aName} thread has at least ${c.n(c.number('min') + 1)} posts.`,
  thread_unsupported: (c) =>
    `Choose the thread format or merge the parts into the text: ${c.aName} ${c.format} is a single post.`,
  first_comment_unsupported: (c) => `Remove the first comment: ${c.name} cannot post one.`,
  link_unsupported: (c) => `Put the link in the text or remove it: ${c.aName} ${c.format} does not show a link card.`,
  text_unsupported: (c) => `Put the words on the visual or remove the text: ${c.aName} ${c.format} shows no caption.`,
  date_invalid: (c) => `Write ${c.field} as YYYY-MM-DD, a real date (it is “${c.text('value')}”).`,
  date_range_inverted: (c) => `Move the end date (${c.text('end')}) to the start date (${c.text('start')}) or later.`,
  option_invalid: (c) => `Set ${c.field} to ${orList(c.list('allowed'), 'en')} (it is “${c.text('value')}”).`,
};

const french: Sentences = {
  format_unsupported: (c) =>
    `Choisissez un autre format : ${c.name} publie ${formats(c)}, pas ce format (${c.format}).`,
  text_too_long: shorten,
  hashtags_too_many: (c) =>
    `Retirez ${plural(c.number('excess'), 'fr', 'hashtag', 'hashtags')} ${de(c.field)} : ${c.name} en accepte ${c.n(c.number('limit'))} (il y en a ${c.n(c.number('actual'))}).`,
  mentions_too_many: (c) =>
    `Retirez ${plural(c.number('excess'), 'fr', 'mention', 'mentions')} ${de(c.field)} : ${c.name} en accepte ${c.n(c.number('limit'))} (il y en a ${c.n(c.number('actual'))}).`,
  links_too_many: (c) =>
    `Retirez ${plural(c.number('excess'), 'fr', 'lien', 'liens')} ${de(c.field)} : ${c.name} en accepte ${c.n(c.number('limit'))} (il y en a ${c.n(c.number('actual'))}).`,
  characters_forbidden: (c) =>
    `Retirez ${orList(c.list('characters'), 'fr')} ${de(c.field)} : ${c.name} refuse ces caractères.`,
  field_required: (c) => `Renseignez ${c.field} : ${c.name} l’exige pour ce format (${c.format}).`,
  one_of_required: (c) =>
    `Ajoutez du texte ou un média ${c.issue.field.startsWith('threadParts') ? a(c.field) : 'à la publication'} : ${c.name} ne publie pas de message vide.`,
  media_too_few: (c) =>
    `Ajoutez ${plural(c.number('missing'), 'fr', 'média', 'médias')} : ${c.name} en demande au moins ${c.n(c.number('min'))} pour ce format (${c.format}) et il y en a ${c.n(c.number('actual'))}.`,
  media_too_many: (c) =>
    c.number('limit') === 0
      ? `Retirez les médias ou choisissez un format image ou vidéo : ${c.name} n’en prend aucun pour ce format (${c.format}).`
      : `Retirez ${plural(c.number('excess'), 'fr', 'média', 'médias')} : ${c.name} en accepte au plus ${c.n(c.number('limit'))} pour ce format (${c.format}) et il y en a ${c.n(c.number('actual'))}.`,
  media_type_unsupported: (c) =>
    `Convertissez ${c.field} en ${mimes(c, 'accepted')} : ${c.name} n’accepte pas ${mimeName(c.text('mimeType'), 'fr')} pour ce format (${c.format}).`,
  media_too_large: (c) =>
    `Compressez ${c.field} sous ${bytes(c, 'limit')} : ${c.name} accepte au plus ${bytes(c, 'limit')} ici (il fait ${bytes(c, 'actual')}).`,
  media_too_small: (c) =>
    `Utilisez un fichier plus lourd pour ${c.field} : ${c.name} demande au moins ${bytes(c, 'min')} (il fait ${bytes(c, 'actual')}).`,
  media_too_short: (c) =>
    `Utilisez une vidéo plus longue pour ${c.field} : ${c.name} demande au moins ${seconds(c, 'min')} pour ce format (${c.format}) et il dure ${seconds(c, 'actual')}.`,
  media_too_long: (c) =>
    `Coupez ${seconds(c, 'excess')} ${de(c.field)} : ${c.name} accepte au plus ${seconds(c, 'limit')} pour ce format (${c.format}) et il dure ${seconds(c, 'actual')}.`,
  aspect_ratio_out_of_range: (c) =>
    `Recadrez ${c.field} ${ratioRange(c)} : ${c.name} l’exige pour ce format (${c.format}) ; il mesure ${c.n(c.number('width'))}×${c.n(c.number('height'))}.`,
  width_too_small: (c) =>
    `Remplacez ${c.field} par un fichier d’au moins ${c.n(c.number('min'))} px de large : ${c.name} l’exige (il en fait ${c.n(c.number('actual'))}).`,
  width_too_large: (c) =>
    `Redimensionnez ${c.field} à ${c.n(c.number('limit'))} px de large au plus (il en fait ${c.n(c.number('actual'))}).`,
  height_too_small: (c) =>
    `Remplacez ${c.field} par un fichier d’au moins ${c.n(c.number('min'))} px de haut : ${c.name} l’exige (il en fait ${c.n(c.number('actual'))}).`,
  height_too_large: (c) =>
    `Redimensionnez ${c.field} à ${c.n(c.number('limit'))} px de haut au plus (il en fait ${c.n(c.number('actual'))}).`,
  pixels_too_many: (c) =>
    `Redimensionnez ${c.field} sous ${c.n(c.number('limit'))} pixels au total (il en a ${c.n(c.number('actual'))}).`,
  media_not_alone: (c) =>
    `Retirez les autres médias ou publiez ${c.field} seul : ${c.name} prend ${kindName(c)} sans autre média.`,
  link_in_text_required: (c) =>
    `Ajoutez le lien dans le texte : ${c.name} construit la carte de lien à partir d’une URL du message.`,
  link_with_media: (c) => `Retirez les médias ou la carte de lien : une publication ${c.name} montre l’un ou l’autre.`,
  thread_parts_too_few: (c) =>
    `Ajoutez ${plural(c.number('missing'), 'fr', 'suite', 'suites')} ou choisissez un format à message unique : un fil ${c.name} compte au moins ${c.n(c.number('min') + 1)} messages.`,
  thread_unsupported: (c) =>
    `Choisissez le format fil ou fusionnez les parties dans le texte : ce format (${c.format}) est un message unique sur ${c.name}.`,
  first_comment_unsupported: (c) => `Retirez le premier commentaire : ${c.name} ne permet pas de le publier.`,
  link_unsupported: (c) =>
    `Mettez le lien dans le texte ou retirez-le : ${c.name} n’affiche pas de carte de lien pour ce format (${c.format}).`,
  text_unsupported: (c) =>
    `Placez le texte sur le visuel ou retirez-le : ${c.name} n’affiche pas de légende pour ce format (${c.format}).`,
  date_invalid: (c) =>
    `Écrivez ${c.field} au format AAAA-MM-JJ, une date qui existe (valeur : « ${c.text('value')} »).`,
  date_range_inverted: (c) =>
    `Placez la date de fin (${c.text('end')}) au plus tôt à la date de début (${c.text('start')}).`,
  option_invalid: (c) =>
    `Choisissez ${c.field} parmi ${orList(c.list('allowed'), 'fr')} (valeur : « ${c.text('value')} »).`,
};

/**
 * A sentence that says what to change, in English or French.
 * @example describeIssue(validatePost('x', 'text', { text: 'a'.repeat(317), media: [] })[0]!, 'en') // 'Shorten the text by 37 characters (X counts 280 weighted characters; links count 23, ...).'
 */
export function describeIssue(issue: ContentIssue, locale: Locale): string {
  const params = issue.params;
  const context: Context = {
    issue,
    locale,
    name: contentRules[issue.network].name,
    aName: `${/^[AEIOUX]/.test(contentRules[issue.network].name) ? 'an' : 'a'} ${contentRules[issue.network].name}`,
    field: fieldLabel(issue.field, locale),
    format: formatName(issue.format, locale),
    number: (key) => Number(params[key] ?? 0),
    text: (key) => String(params[key] ?? ''),
    list: (key) => {
      const value = params[key];
      return Array.isArray(value) ? (value as readonly string[]) : value === undefined ? [] : [String(value)];
    },
    n: (value) => formatNumber(value, locale),
  };
  return capitalize((locale === 'en' ? english : french)[issue.code](context));
}
