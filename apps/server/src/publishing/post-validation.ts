/**
 * The content rules table (packages/domain/src/content/rules) applied to a create request, next to each
 * connector's own validate(): both kinds of problem come back together in one `content_rejected` answer, and the
 * dry-run route (`POST .../posts/validate`) gives the same list without writing anything.
 */
import { describeIssue, validatePost, type ContentIssue, type NetworkId, type PostContent } from '@sillage/domain';
import type { ContentProblem, CreatePostBody, PostVariant, PublicationContent } from '@sillage/contracts';
import { AppError } from '../http/errors.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';

type ChannelRef = { id: string; network: string };

/** A string option, or undefined (options also hold numbers and booleans). */
const stringOption = (content: PublicationContent, name: string) => {
  const value = content.options?.[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * A publication's content as the rules table reads it: the title is `options.title` (YouTube, Pinterest, TikTok
 * photos, Google Business events), a LinkedIn document's title is `options.mediaTitle`.
 */
export function toPostContent(content: PublicationContent): PostContent {
  const title = stringOption(content, 'title') ?? stringOption(content, 'mediaTitle');
  return {
    text: content.text,
    media: content.media,
    ...(title === undefined ? {} : { title }),
    ...(content.threadParts ? { threadParts: content.threadParts } : {}),
    ...(content.firstComment === undefined ? {} : { firstComment: content.firstComment }),
    ...(content.link ? { link: { url: content.link.url } } : {}),
    ...(content.options ? { options: content.options } : {}),
  };
}

/** Where an issue's field lives in the request: under the channel's variant, or on the post itself. */
function requestField(issue: ContentIssue, variantIndex: number): string {
  const field = issue.field === 'title' ? 'options.title' : issue.field;
  return variantIndex < 0 ? field : `variants[${variantIndex}].${field}`;
}

/** A table issue as an API problem: its code and params (for the web's own wording) and the English sentence. */
export function problemOf(channel: ChannelRef, issue: ContentIssue, variantIndex: number): ContentProblem {
  return {
    channelId: channel.id,
    network: channel.network,
    field: requestField(issue, variantIndex),
    reason: describeIssue(issue, 'en'),
    code: issue.code,
    severity: issue.severity,
    params: Object.fromEntries(
      Object.entries(issue.params).map(([key, value]) => [
        key,
        Array.isArray(value) ? [...(value as string[])] : value,
      ]),
    ) as ContentProblem['params'],
  };
}

/** Every issue of the table for each channel's content, errors and warnings, in channel order. */
export function ruleIssues(
  channels: readonly ChannelRef[],
  contents: ReadonlyMap<string, PublicationContent>,
  variants: readonly PostVariant[] | undefined,
): ContentProblem[] {
  return channels.flatMap((channel) => {
    const content = contents.get(channel.id);
    if (!content) return [];
    const index = (variants ?? []).findIndex((variant) => variant.channelId === channel.id);
    return validatePost(channel.network as NetworkId, content.format, toPostContent(content)).map((issue) =>
      problemOf(channel, issue, index),
    );
  });
}

const normalized = (reason: string) => reason.trim().toLowerCase().replace(/\.$/, '');

/**
 * The connector's problems and the table's errors for the same channels, grouped by channel in the channels'
 * order, the table's first (they carry a code); a connector problem worded exactly like a table problem of the
 * same channel is given once. Warnings do not block a post, so they are left out.
 */
export function mergeProblems(
  channels: readonly ChannelRef[],
  connectorProblems: readonly ContentProblem[],
  tableProblems: readonly ContentProblem[],
): ContentProblem[] {
  const errors = tableProblems.filter((problem) => problem.severity !== 'warning');
  return channels.flatMap((channel) => {
    const own = errors.filter((problem) => problem.channelId === channel.id);
    const seen = new Set(own.map((problem) => normalized(problem.reason)));
    const fromConnector = connectorProblems.filter(
      (problem) => problem.channelId === channel.id && !seen.has(normalized(problem.reason)),
    );
    return [...own, ...fromConnector];
  });
}

/** posts.service.ts's one call: the connectors' problems with the table's errors added. */
export function withContentRules(
  request: {
    channels: readonly ChannelRef[];
    contents: ReadonlyMap<string, PublicationContent>;
    variants: readonly PostVariant[] | undefined;
  },
  connectorProblems: readonly ContentProblem[],
): ContentProblem[] {
  return mergeProblems(
    request.channels,
    connectorProblems,
    ruleIssues(request.channels, request.contents, request.variants),
  );
}

type Validate = (
  actor: ActorInWorkspace,
  input: CreatePostBody & { schedule?: { date: string; time: string; timeZone: string } },
) => Promise<unknown>;

/**
 * The dry run behind `POST .../posts/validate`: the same checks as create (channels, variants, content rules,
 * schedule) without a write. Content problems come back as a list; any other refusal (an unknown channel, a time
 * already past, a role that may not schedule) is answered as create would answer it.
 */
export async function validateDryRun(
  posts: { validate: Validate },
  actor: ActorInWorkspace,
  input: CreatePostBody,
): Promise<{ ok: boolean; problems: ContentProblem[] }> {
  try {
    await posts.validate(actor, input);
    return { ok: true, problems: [] };
  } catch (error) {
    if (error instanceof AppError && error.code === 'content_rejected') {
      const details = error.details as { problems?: ContentProblem[] } | undefined;
      return { ok: false, problems: details?.problems ?? [] };
    }
    throw error;
  }
}
