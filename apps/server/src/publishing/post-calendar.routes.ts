import {
  CalendarFeedParams,
  CalendarFeedView,
  CalendarQuery,
  CalendarView,
  type CreateRecurringPostBody,
  ImportPostsBody,
  ImportReport,
  OccurrencesQuery,
  PostParams,
  PostView,
  RecurrenceInput,
  RescheduleBody,
  SeriesView,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { badRequest } from '../http/errors.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { PostsService, PostWithPublications } from './posts.service.ts';

type Present = (post: PostWithPublications) => z.input<typeof PostView>;

/** Create, then give the post its recurrence: the rule is checked first, so a bad rule writes nothing. */
export async function createWithRecurrence(
  posts: PostsService,
  actor: ActorInWorkspace,
  body: z.output<typeof CreateRecurringPostBody>,
): Promise<PostWithPublications> {
  const { recurrence, ...input } = body;
  if (!recurrence) return posts.create(actor, input);
  posts.calendar.checkRule(recurrence.rrule, input);
  const post = await posts.create(actor, input);
  await posts.calendar.setRecurrence(actor, post.id, recurrence.rrule);
  return posts.get(actor, post.id);
}

/** The calendar's routes: its range, drag and drop, recurrence and its occurrences, CSV import. */
export function postCalendarRoutes(posts: PostsService, present: Present): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/calendar',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.read' },
      summary:
        'The posts scheduled in [from, to) (default: the next seven days), with their series (recurring posts are ' +
        'materialised up to "to")',
      params: WorkspaceParams,
      query: CalendarQuery,
      response: CalendarView,
      handler: async (context) => {
        const { query } = context;
        if ((query.from === undefined) !== (query.to === undefined))
          throw badRequest('invalid_range', 'Give both "from" and "to", or neither (the next seven days).');
        const bounds = query.from && query.to ? { from: new Date(query.from), to: new Date(query.to) } : undefined;
        const range = await posts.calendar.range(actorOf(context), bounds);
        return {
          truncated: range.truncated,
          posts: range.posts.map((post) => ({
            ...present(post),
            seriesId: post.seriesId,
            occurrenceIndex: post.occurrenceIndex,
          })),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/posts/:postId/reschedule',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.publish' },
      summary: 'Move the not-yet-published publications to another day at the same wall-clock time in their zone',
      params: PostParams,
      body: RescheduleBody,
      response: PostView,
      handler: async (context) =>
        present(await posts.calendar.reschedule(actorOf(context), context.params.postId, context.body.date)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/posts/:postId/recurrence',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.publish' },
      status: 201,
      summary: 'Make a scheduled post repeat (RRULE with COUNT or UNTIL); its next occurrences are created ahead',
      params: PostParams,
      body: RecurrenceInput,
      response: SeriesView,
      handler: async (context) =>
        posts.calendar.setRecurrence(actorOf(context), context.params.postId, context.body.rrule),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/posts/:postId/occurrences',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: "The next occurrences of a recurring post's series (default 8), with their post once created",
      params: PostParams,
      query: OccurrencesQuery,
      response: SeriesView,
      handler: async (context) =>
        posts.calendar.occurrences(actorOf(context), context.params.postId, context.query.count),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/calendar/feed',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.read' },
      status: 201,
      summary: 'A new secret iCalendar feed URL for you in this workspace (the previous one stops working)',
      params: WorkspaceParams,
      response: CalendarFeedView,
      handler: async (context) => posts.calendar.feed.renew(actorOf(context)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/calendar-feeds/:token',
      tag: 'Posts',
      access: { kind: 'public' },
      summary: "A member's calendar as iCalendar (RFC 5545): the secret in the path is the credential",
      params: CalendarFeedParams,
      response: z.string(),
      produces: 'text/calendar; charset=utf-8',
      handler: async (context) => posts.calendar.feed.render(context.params.token),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/posts/import',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.publish' },
      summary:
        'Import scheduled posts from CSV (date,time,zone,channels,text,media_url,format): the valid rows are ' +
        'written together, the others reported by line and reason',
      params: WorkspaceParams,
      body: ImportPostsBody,
      response: ImportReport,
      handler: async (context) => posts.importPosts(actorOf(context), context.body.csv),
    }),
  ];
}
