/**
 * The shapes of the content-rules table: what each network accepts per native format, every limit with its source.
 * Lengths are in the unit of their `counting`, sizes in bytes, durations in seconds, ratios as width / height.
 */
import type { NetworkId } from '../../publishing/networks.ts';
import type { PostFormat } from '../../publishing/post-formats.ts';

/**
 * How a network counts a text:
 * - `x_weighted`: twitter-text v3 (URLs 23, emoji and CJK 2);
 * - `graphemes`: characters as people see them (an emoji is one);
 * - `code_points`: Unicode code points;
 * - `utf16`: UTF-16 code units (JavaScript's `length`: an emoji is 2);
 * - `utf8_bytes`: bytes once encoded in UTF-8 (é is 2, an emoji 4);
 * - `threads`: one per character, an emoji as its UTF-8 bytes;
 * - `mastodon`: graphemes, each URL as `charactersPerUrl` (23 by default), a remote mention as its local part.
 */
export type TextCounting = 'x_weighted' | 'graphemes' | 'code_points' | 'utf16' | 'utf8_bytes' | 'threads' | 'mastodon';

/** Families of media, from the MIME type: GIFs apart from still images because several networks treat them apart. */
export type MediaKind = 'image' | 'gif' | 'video' | 'audio' | 'document' | 'other';

/** Where a limit comes from: a section of docs/reference (platforms.md) or the network's own doc, with its confidence. */
export type RuleSource = string;

/** Per-instance or per-account limits a caller may override (a Mastodon instance, a TikTok creator, X Premium). */
export type ConfigurableLimit =
  'maxCharacters' | 'charactersPerUrl' | 'maxMediaItems' | 'maxImageBytes' | 'maxVideoBytes' | 'maxVideoSeconds';

/** The text fields a rule can measure; a rule on `text` also measures each follow-up part of a thread. */
export type TextField = 'text' | 'title' | 'firstComment' | 'link.url' | 'media.altText';

/** The fields a post may be required to carry; `options.<name>` are network options (board id, offer dates). */
export type RequiredField = 'text' | 'title' | 'link' | 'media' | `options.${string}`;

type RuleBase = {
  /** Defaults to 'error'; a 'warning' is published anyway (a recommendation or something the network will drop). */
  severity?: 'error' | 'warning';
  source: RuleSource;
};

export type Rule = RuleBase &
  (
    | { kind: 'text_length'; field: TextField; counting: TextCounting; max: number; configurableAs?: ConfigurableLimit }
    | { kind: 'hashtags'; max: number }
    | { kind: 'mentions'; max: number }
    | { kind: 'links'; max: number }
    | { kind: 'forbidden_characters'; field: 'text' | 'title'; characters: string }
    | { kind: 'required'; field: RequiredField }
    /** At least one of these fields (a local post needs text or a photo). */
    | { kind: 'required_one_of'; fields: readonly RequiredField[] }
    | { kind: 'media_count'; min: number; max: number; configurableAs?: ConfigurableLimit }
    /** MIME types accepted; `image/*` accepts every image type. */
    | { kind: 'media_type'; accept: readonly string[] }
    | {
        kind: 'media_bytes';
        kinds: readonly MediaKind[];
        min?: number;
        max: number;
        configurableAs?: ConfigurableLimit;
      }
    | {
        kind: 'media_duration';
        kinds: readonly MediaKind[];
        min?: number;
        max?: number;
        configurableAs?: ConfigurableLimit;
      }
    /** Width / height between `min` and `max`, with a 1 % tolerance for ratios such as 1.91:1 that are rounded. */
    | { kind: 'aspect_ratio'; kinds: readonly MediaKind[]; min: number; max: number; label: string }
    | {
        kind: 'dimensions';
        kinds: readonly MediaKind[];
        minWidth?: number;
        maxWidth?: number;
        minHeight?: number;
        maxHeight?: number;
        maxPixels?: number;
      }
    /** An item of these kinds must be the only item of its post (X: one video or one GIF alone). */
    | { kind: 'media_alone'; kinds: readonly MediaKind[] }
    /** The text must hold a URL: the network builds the link card from it (X, Mastodon). */
    | { kind: 'link_in_text' }
    /** A link card and media cannot share a post (Bluesky's embed is one or the other). */
    | { kind: 'link_without_media' }
    /** Follow-up parts a thread needs; no network documents a maximum number of parts. */
    | { kind: 'thread_parts'; min: number }
    /** `options.<start>` and `options.<end>` are dates (YYYY-MM-DD), end on or after start. */
    | { kind: 'date_range'; start: string; end: string }
    | { kind: 'option_values'; option: string; values: readonly string[] }
  );

export type RuleKind = Rule['kind'];

/** What a network does with the parts of a post beyond its text and media. */
export type FormatFeatures = {
  /** The post's text is shown (an Instagram story has no caption). */
  text: boolean;
  /** A first comment posted by the account right after the post. */
  firstComment: boolean;
  /**
   * The post's separate `link` is used (a link card, the Pin's destination, a button). Where it is not, a network
   * that previews links builds the card from a URL in the text.
   */
  link: boolean;
  /** Follow-up parts are published as a thread. */
  threadParts: boolean;
};

export type FormatRules = {
  features: FormatFeatures;
  rules: readonly Rule[];
};

export type NetworkRules = {
  /** How the network's name is written in messages. */
  name: string;
  formats: Partial<Record<PostFormat, FormatRules>>;
};

export type ContentRulesTable = Record<NetworkId, NetworkRules>;

/** One media item as the composer knows it (metadata from the media library's probe). */
export type PostMedia = {
  mimeType: string;
  byteLength?: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
  altText?: string;
};

/** One channel's variant of a post, as validated before scheduling. */
export type PostContent = {
  text: string;
  title?: string;
  media: readonly PostMedia[];
  threadParts?: readonly { text: string; media?: readonly PostMedia[] }[];
  firstComment?: string;
  link?: { url: string };
  options?: Readonly<Record<string, string | number | boolean>>;
};

export type ValidateOptions = {
  /** Overrides of configurable limits: a Mastodon instance's `configuration`, a TikTok creator's maximum duration. */
  limits?: Partial<Record<ConfigurableLimit, number>>;
};

/** Message codes: the web app translates them (describeIssue gives the English and French sentences). */
export const issueCodes = [
  'format_unsupported',
  'text_too_long',
  'hashtags_too_many',
  'mentions_too_many',
  'links_too_many',
  'characters_forbidden',
  'field_required',
  'one_of_required',
  'media_too_few',
  'media_too_many',
  'media_type_unsupported',
  'media_too_large',
  'media_too_small',
  'media_too_short',
  'media_too_long',
  'aspect_ratio_out_of_range',
  'width_too_small',
  'width_too_large',
  'height_too_small',
  'height_too_large',
  'pixels_too_many',
  'media_not_alone',
  'link_with_media',
  'link_in_text_required',
  'thread_parts_too_few',
  'thread_unsupported',
  'first_comment_unsupported',
  'text_unsupported',
  'link_unsupported',
  'date_invalid',
  'date_range_inverted',
  'option_invalid',
] as const;

export type IssueCode = (typeof issueCodes)[number];

export type IssueParams = Record<string, string | number | readonly string[]>;

/** One problem found in a post: a code and its parameters, the field it concerns, never an English sentence. */
export type ContentIssue = {
  code: IssueCode;
  severity: 'error' | 'warning';
  /** A path into PostContent: `text`, `title`, `media[2].durationSeconds`, `threadParts[1].text`, `options.boardId`. */
  field: string;
  params: IssueParams;
  network: NetworkId;
  format: PostFormat;
};
