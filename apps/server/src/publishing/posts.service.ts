import {
  can,
  createDraftPublication,
  transition,
  utcToZoned,
  zonedToUtc,
  type Publication,
  type PublicationEvent,
} from '@sillage/domain';
import type { Connector, NetworkId } from '@sillage/connectors';
import type { PostVariant, PublicationContent } from '@sillage/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { ChannelsRepository } from '../repositories/channels.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { postsInScope } from '../scopes/scope.ts';
import { createPostCalendar } from './post-calendar.service.ts';
import { createPostImport } from './post-import.ts';
import { withContentRules } from './post-validation.ts';
import type { PostsRepository, PostRecord } from './posts.repository.ts';
import type { AttemptRecord, PublicationAttemptsRepository } from './publication-attempts.repository.ts';
import type { PublicationRecord, PublicationsRepository } from './publications.repository.ts';

export type LocalSchedule = { date: string; time: string; timeZone: string };

/** One channel's content: its variant over the post's text; without a variant, the text (with its link card). */
export function contentFor(text: string, variant: Omit<PostVariant, 'channelId'> | undefined): PublicationContent {
  const { format, text: ownText, media, ...rest } = variant ?? {};
  return { ...rest, format: format ?? 'text', text: ownText ?? text, media: media ?? [] };
}
export type PostWithPublications = PostRecord & {
  publications: (PublicationRecord & { network: string; channelName: string; attemptLog: AttemptRecord[] })[];
};

// Approval workflows come with their own issue; until then a post scheduled by someone who may publish is approved.
const toScheduled = (state: Publication['state'], at: Date): PublicationEvent[] => {
  const schedule: PublicationEvent = { type: 'schedule', scheduledAt: at };
  if (state === 'draft') return [{ type: 'submit' }, { type: 'approve' }, schedule];
  if (state === 'in_review') return [{ type: 'approve' }, schedule];
  return [schedule];
};

const variantIndex = (variants: readonly PostVariant[] | undefined, id: string) =>
  (variants ?? []).findIndex((variant) => variant.channelId === id);

function run(publication: Publication, events: readonly PublicationEvent[], now: Date) {
  let current = publication;
  for (const event of events) {
    const result = transition(current, event, { now });
    if (!result.ok) return result;
    current = result.publication;
  }
  return { ok: true as const, publication: current };
}

const approvalNeeded = () =>
  new AppError(
    409,
    'approval_required',
    'This workspace requires approval before publishing: save the post as a draft and send it for approval with its date and time.',
  );

/** Posts and the user's actions on their publications; the engine does the publishing. */
export function createPostsService(deps: {
  db: Kysely<DB>;
  posts: PostsRepository;
  publications: PublicationsRepository;
  attempts: PublicationAttemptsRepository;
  channels: ChannelsRepository;
  connectors: Partial<Record<NetworkId, Connector>>;
  lateWindowMinutes: number;
  /** Whether the workspace's approval chain is on: then only approved posts may be scheduled. */
  approvalRequired?: (workspaceId: string) => Promise<boolean>;
  now: () => Date;
}) {
  const { db, posts, publications, now } = deps;

  async function withPublications(workspaceId: string, list: PostRecord[]): Promise<PostWithPublications[]> {
    const rows = await publications.listOfPosts(
      workspaceId,
      list.map((post) => post.id),
    );
    const attempts = await deps.attempts.listOfPublications(rows.map((row) => row.id));
    return list.map((post) => ({
      ...post,
      publications: rows
        .filter((row) => row.postId === post.id)
        .map((row) => ({ ...row, attemptLog: attempts.filter((attempt) => attempt.publicationId === row.id) })),
    }));
  }

  async function get(actor: ActorInWorkspace, postId: string): Promise<PostWithPublications> {
    const post = await posts.find(actor.workspaceId, postId);
    if (!post) throw notFound('post');
    const [withRows] = await withPublications(actor.workspaceId, [post]);
    return withRows!;
  }

  /** The wall-clock choice as a UTC instant; refuses DST gaps and times already past the late window. */
  function instantOf(schedule: LocalSchedule): Date {
    const result = zonedToUtc(schedule);
    if (!result.ok) throw badRequest(result.reason, result.message, result);
    if (result.instant.getTime() < now().getTime() - deps.lateWindowMinutes * 60_000)
      throw badRequest('scheduled_in_past', 'This time has already passed; choose a later one or publish now.');
    return result.instant;
  }

  /** Applies `events(publication)` to every publication of the post that `pick` selects, under row locks. */
  async function act(
    actor: ActorInWorkspace,
    postId: string,
    pick: (row: PublicationRecord) => boolean,
    events: (row: PublicationRecord) => PublicationEvent[],
    wallClockOf: (row: PublicationRecord) => LocalSchedule | undefined = () => undefined,
  ): Promise<PostWithPublications> {
    await db.transaction().execute(async (trx) => {
      const rows = await publications.lockOfPost(trx, actor.workspaceId, postId);
      if (rows.length === 0 && !(await posts.find(actor.workspaceId, postId, trx))) throw notFound('post');
      for (const row of rows.filter(pick)) {
        const result = run(row, events(row), now());
        // A publication already in flight or done is left as it is: the action applies to the others.
        if (!result.ok) continue;
        const wallClock = wallClockOf(row);
        await publications.save(row.id, { state: row.state, fence: row.fence }, result.publication, trx, {
          timeZone: wallClock?.timeZone ?? row.timeZone ?? 'UTC',
          localDate: wallClock?.date ?? row.localDate ?? '',
          localTime: wallClock?.time ?? row.localTime ?? '',
        });
      }
    });
    return get(actor, postId);
  }

  /**
   * Checks a create request without writing anything: the channels are the workspace's, each variant names one
   * of them, each channel's content fits its network's rules, and the schedule is a real, future wall-clock
   * time. `create` and the CSV import (post-import.ts) both call it, so an imported row meets the same rules.
   */
  /** Under an approval chain, a draft or a post in review is not scheduled directly: it is sent for approval. */
  async function ensureApproved(actor: ActorInWorkspace, postId: string) {
    if (!(await deps.approvalRequired?.(actor.workspaceId))) return;
    const post = await get(actor, postId);
    if (post.publications.some((row) => row.state === 'draft' || row.state === 'in_review')) throw approvalNeeded();
  }

  async function validate(
    actor: ActorInWorkspace,
    input: { text: string; channelIds: string[]; schedule?: LocalSchedule; variants?: PostVariant[] },
    known: { channels?: Awaited<ReturnType<ChannelsRepository['list']>> } = {},
  ) {
    const channelIds = [...new Set(input.channelIds)];
    if (input.schedule && !can(actor.role, 'content.publish'))
      throw forbidden('Your role may write posts but not schedule them; ask someone who may publish.');
    if (input.schedule && (await deps.approvalRequired?.(actor.workspaceId))) throw approvalNeeded();
    const channels = (known.channels ?? (await deps.channels.list(actor.workspaceId))).filter((channel) =>
      channelIds.includes(channel.id),
    );
    if (channels.length !== channelIds.length) throw notFound('channel');
    const variants = new Map((input.variants ?? []).map(({ channelId, ...variant }) => [channelId, variant]));
    const stray = [...variants.keys()].filter((channelId) => !channelIds.includes(channelId));
    if (stray.length)
      throw badRequest('variant_without_channel', "Each variant must name one of the post's channels.", {
        channelIds: stray,
      });
    const contents = new Map(channels.map((channel) => [channel.id, contentFor(input.text, variants.get(channel.id))]));
    const problems = withContentRules(
      { channels, contents, variants: input.variants },
      channels.flatMap((channel) => {
        const connector = deps.connectors[channel.network as NetworkId];
        const content = contents.get(channel.id)!;
        const field = variants.has(channel.id) ? `variants[${variantIndex(input.variants, channel.id)}]` : 'text';
        const problem = (reason: string) => ({ channelId: channel.id, network: channel.network, field, reason });
        // Without a connector the engine fails the publication loudly, with the reason.
        if (!connector) return [];
        return connector
          .validate({ idempotencyKey: 'validation', ...content })
          .map((rejected) => problem(rejected.reason));
      }),
    );
    if (problems.length)
      throw badRequest(
        'content_rejected',
        `The content does not fit ${[...new Set(problems.map((problem) => problem.network))].join(', ')}: ` +
          problems.map((problem) => `${problem.network}: ${problem.reason}`).join(' '),
        { problems },
      );
    const at = now();
    const instant = input.schedule ? instantOf(input.schedule) : undefined;
    const draft = createDraftPublication(at);
    const publication = instant
      ? run(draft, toScheduled('draft', instant), at)
      : { ok: true as const, publication: draft };
    if (!publication.ok) throw conflict(publication.message);
    return { at, channelIds, contents, instant, publication: publication.publication };
  }

  return {
    get,
    validate,
    /** The calendar's actions: drag and drop, recurring series, the views' range (post-calendar.service.ts). */
    calendar: createPostCalendar({ ...deps, get }),
    /** The CSV import (post-import.ts): every row checked by `validate`, the good ones written together. */
    importPosts: createPostImport({ ...deps, posts: { validate } }),

    /** Posts with a publication scheduled in [from, to), or the latest 100 without a range. */
    async list(actor: ActorInWorkspace, range: { from?: Date; to?: Date }): Promise<PostWithPublications[]> {
      const list =
        range.from && range.to
          ? await posts.listScheduledBetween(actor.workspaceId, range.from, range.to)
          : await posts.listRecent(actor.workspaceId, 100);
      // A scoped member sees only posts whose every channel is in their scope (scopes/scope.ts).
      return postsInScope(actor, await withPublications(actor.workspaceId, list));
    },

    /**
     * A post with one publication per channel: drafts, or scheduled at the local date and time chosen. Each
     * channel's content (its variant, or the post's text) is checked against its network's rules first: a
     * post that a network would refuse is refused now, with every reason, and nothing is written.
     */
    async create(
      actor: ActorInWorkspace,
      input: { text: string; channelIds: string[]; schedule?: LocalSchedule; variants?: PostVariant[] },
    ): Promise<PostWithPublications> {
      const { at, channelIds, contents, instant } = await validate(actor, input);
      const post = await db.transaction().execute(async (trx) => {
        const created = await posts.insert(
          { workspaceId: actor.workspaceId, authorId: actor.userId, text: input.text, now: at },
          trx,
        );
        const draft = createDraftPublication(at);
        const publication = instant
          ? run(draft, toScheduled('draft', instant), at)
          : { ok: true as const, publication: draft };
        if (!publication.ok) throw conflict(publication.message);
        await publications.insert(
          channelIds.map((channelId) => ({
            workspaceId: actor.workspaceId,
            postId: created.id,
            channelId,
            publication: publication.publication,
            timeZone: input.schedule?.timeZone ?? null,
            localDate: input.schedule?.date ?? null,
            localTime: input.schedule?.time ?? null,
            content: contents.get(channelId)!,
          })),
          trx,
        );
        return created;
      });
      return get(actor, post.id);
    },

    /** Moves the post's not-yet-published targets to a new local date and time. */
    async schedule(actor: ActorInWorkspace, postId: string, schedule: LocalSchedule) {
      const instant = instantOf(schedule);
      await ensureApproved(actor, postId);
      return act(
        actor,
        postId,
        (row) => ['draft', 'in_review', 'approved', 'scheduled'].includes(row.state),
        (row) => toScheduled(row.state, instant),
        () => schedule,
      );
    },

    /** Publishes the post's waiting targets now; targets already publishing or published are untouched. */
    async publishNow(actor: ActorInWorkspace, postId: string) {
      const at = now();
      await ensureApproved(actor, postId);
      return act(
        actor,
        postId,
        (row) => ['draft', 'in_review', 'approved', 'scheduled'].includes(row.state),
        (row) => toScheduled(row.state, at),
        (row) => {
          const timeZone = row.timeZone ?? 'UTC';
          const local = utcToZoned(at, timeZone);
          return { date: local.date, time: local.time, timeZone };
        },
      );
    },

    /** Retries only the failed and missed targets of the post, now. */
    retryFailed(actor: ActorInWorkspace, postId: string) {
      const at = now();
      return act(
        actor,
        postId,
        (row) => row.state === 'failed' || row.state === 'missed',
        () => [{ type: 'retry', by: 'user', at }],
      );
    },

    /** Cancels what has not gone out; published posts stay, unknown outcomes are reconciled first. */
    cancel(actor: ActorInWorkspace, postId: string) {
      return act(
        actor,
        postId,
        () => true,
        () => [{ type: 'cancel' }],
      );
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;
