/**
 * The composer's draft and what it becomes: the create request (one variant per channel), the rules table's
 * issues for each channel as the user types, and the server's problems turned back into the same issues.
 */
import type { ContentProblem, CreatePostBody, PostVariant } from '@sillage/contracts';
import {
  contentRules,
  describeIssue,
  formatsOf,
  limitsOf,
  validatePost,
  type ContentIssue,
  type IssueCode,
  type NetworkId,
  type PostContent,
  type PostFormat,
} from '@sillage/domain';

/** A media item with what the composer learnt about it (type from the server, size, dimensions, duration). */
export type DraftMedia = {
  url: string;
  mimeType: string;
  byteLength?: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
};

/** One channel's variant; an empty text means "the shared text". */
export type VariantDraft = {
  format: PostFormat;
  text: string;
  threadParts: string[];
  media: DraftMedia[];
  firstComment: string;
  link: string;
  title: string;
};

export type ComposerDraft = {
  text: string;
  channelIds: string[];
  variants: Record<string, VariantDraft>;
  date: string;
  time: string;
};

export type ChannelRef = { id: string; network: string; name: string };

export const emptyDraft = (): ComposerDraft => ({ text: '', channelIds: [], variants: {}, date: '', time: '' });

export const isNetwork = (network: string): network is NetworkId => Object.hasOwn(contentRules, network);

/** The first native format of the network: Instagram's image, X's text post. */
export function newVariant(network: string): VariantDraft {
  const format = isNetwork(network) ? (formatsOf(network)[0] ?? 'text') : 'text';
  return { format, text: '', threadParts: [], media: [], firstComment: '', link: '', title: '' };
}

/** What the variant's format does with a first comment, a link and thread parts, and whether it takes a title. */
export function featuresOf(network: string, format: PostFormat) {
  const entry = isNetwork(network) ? limitsOf(network, format) : undefined;
  const features = entry?.features ?? { text: true, firstComment: false, link: false, threadParts: false };
  const titleRule = (entry?.rules ?? []).some((rule) => 'field' in rule && rule.field === 'title');
  // A LinkedIn document shows its title on the document card (the connector's options.mediaTitle).
  const documentTitle = network === 'linkedin' && format === 'document';
  return { ...features, title: titleRule || documentTitle, titleOption: documentTitle ? 'mediaTitle' : 'title' };
}

/** The text the channel publishes: its own, or the shared one. */
export const textOf = (draft: ComposerDraft, variant: VariantDraft) => variant.text || draft.text;

/** The variant as the rules table reads it (the server's post-validation.ts maps the request the same way). */
export function postContentOf(draft: ComposerDraft, channel: ChannelRef, variant: VariantDraft): PostContent {
  const features = featuresOf(channel.network, variant.format);
  const parts = features.threadParts ? variant.threadParts.filter((part) => part.trim()) : [];
  return {
    text: textOf(draft, variant),
    media: variant.media,
    ...(features.title && variant.title.trim() ? { title: variant.title.trim() } : {}),
    ...(parts.length ? { threadParts: parts.map((text) => ({ text })) } : {}),
    ...(variant.firstComment.trim() ? { firstComment: variant.firstComment.trim() } : {}),
    ...(variant.link.trim() ? { link: { url: variant.link.trim() } } : {}),
  };
}

/** The rules table's issues for one channel, errors and warnings. */
export function issuesOf(draft: ComposerDraft, channel: ChannelRef, variant: VariantDraft): ContentIssue[] {
  if (!isNetwork(channel.network)) return [];
  return validatePost(channel.network, variant.format, postContentOf(draft, channel, variant));
}

/** The create request: one variant per chosen channel; without a date, drafts. */
export function requestOf(
  draft: ComposerDraft,
  channels: readonly ChannelRef[],
  timeZone: string,
  schedule: boolean,
): CreatePostBody {
  const chosen = channels.filter((channel) => draft.channelIds.includes(channel.id));
  const variants: PostVariant[] = chosen.map((channel) => {
    const variant = draft.variants[channel.id] ?? newVariant(channel.network);
    const content = postContentOf(draft, channel, variant);
    const features = featuresOf(channel.network, variant.format);
    return {
      channelId: channel.id,
      format: variant.format,
      text: content.text,
      media: variant.media,
      ...(content.threadParts ? { threadParts: content.threadParts.map((part) => ({ text: part.text })) } : {}),
      ...(content.firstComment ? { firstComment: content.firstComment } : {}),
      ...(content.link ? { link: { url: content.link.url } } : {}),
      ...(content.title ? { options: { [features.titleOption]: content.title } } : {}),
    };
  });
  const text = draft.text.trim() || variants.find((variant) => variant.text?.trim())?.text || '';
  return {
    text,
    channelIds: chosen.map((channel) => channel.id),
    variants,
    ...(schedule ? { schedule: { date: draft.date, time: draft.time, timeZone } } : {}),
  };
}

/**
 * A server problem as an issue of the table, to word it in the user's language; undefined for a connector's own
 * reason (its English sentence is shown as it is).
 */
export function issueOfProblem(problem: ContentProblem, format: PostFormat): ContentIssue | undefined {
  if (!problem.code || !isNetwork(problem.network)) return undefined;
  const field = problem.field.replace(/^variants\[\d+\]\.?/, '').replace(/^options\.(title|mediaTitle)$/, 'title');
  return {
    code: problem.code as IssueCode,
    severity: problem.severity ?? 'error',
    field: field || 'text',
    params: problem.params ?? {},
    network: problem.network,
    format,
  };
}

/** The sentence for a server problem in the user's language when it carries a code, else its own. */
export function problemMessage(problem: ContentProblem, format: PostFormat, locale: 'fr' | 'en'): string {
  const issue = issueOfProblem(problem, format);
  return issue ? describeIssue(issue, locale) : problem.reason;
}

const storageKey = (workspaceId: string) => `sillage.composer.draft.${workspaceId}`;

/** The draft saved on this browser for the workspace, if any (anything unreadable is ignored). */
export function loadDraft(workspaceId: string): ComposerDraft | undefined {
  try {
    const raw = localStorage.getItem(storageKey(workspaceId));
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<ComposerDraft>;
    if (typeof value.text !== 'string' || !Array.isArray(value.channelIds)) return undefined;
    return { ...emptyDraft(), ...value };
  } catch {
    return undefined;
  }
}

export function saveDraft(workspaceId: string, draft: ComposerDraft): void {
  try {
    localStorage.setItem(storageKey(workspaceId), JSON.stringify(draft));
  } catch {
    // Private browsing or a full storage: the draft lasts for this page only.
  }
}

export function clearDraft(workspaceId: string): void {
  try {
    localStorage.removeItem(storageKey(workspaceId));
  } catch {
    // Nothing saved.
  }
}

const typesByExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
};

/** The MIME type from a file name, for a server that does not say it. */
export function typeFromName(url: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return extension ? typesByExtension[extension] : undefined;
}
