import {
  CreateRecurringPostBody,
  LocalSchedule,
  NotificationParams,
  NotificationView,
  Ok,
  PostParams,
  PostsQuery,
  PostView,
  ValidatePostResult,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { badRequest } from '../http/errors.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { NotificationRecord } from './notifications.repository.ts';
import type { NotificationsService } from './notifications.service.ts';
import { createWithRecurrence, postCalendarRoutes } from './post-calendar.routes.ts';
import { validateDryRun } from './post-validation.ts';
import { contentFor, type PostsService, type PostWithPublications } from './posts.service.ts';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

function presentPost(post: PostWithPublications): z.input<typeof PostView> {
  return {
    id: post.id,
    text: post.text,
    authorId: post.authorId,
    createdAt: post.createdAt.toISOString(),
    publications: post.publications.map((row) => ({
      id: row.id,
      channelId: row.channelId,
      network: row.network,
      channelName: row.channelName,
      state: row.state,
      content: row.content ?? contentFor(post.text, undefined),
      scheduledAt: iso(row.scheduledAt),
      timeZone: row.timeZone,
      localDate: row.localDate,
      localTime: row.localTime,
      networkPostId: row.networkPostId,
      url: row.url,
      publishedAt: iso(row.publishedAt),
      failure: row.failure,
      attempts: row.attemptLog.map((attempt) => ({
        ...attempt,
        startedAt: attempt.startedAt.toISOString(),
        endedAt: iso(attempt.endedAt),
      })),
    })),
  };
}

const presentNotification = (row: NotificationRecord): z.input<typeof NotificationView> => ({
  id: row.id,
  kind: row.kind,
  message: row.message,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  createdAt: row.createdAt.toISOString(),
  readAt: iso(row.readAt),
});

/** Posts, their publications and attempts, the user's publishing actions, and notifications. */
export function postsRoutes(services: { posts: PostsService; notifications: NotificationsService }): RouteDefinition[] {
  const { posts, notifications } = services;
  const postAction = (
    path: string,
    summary: string,
    action: (service: PostsService) => PostsService['publishNow'],
  ): RouteDefinition =>
    defineRoute({
      method: 'POST',
      url: `/api/workspaces/:workspaceId/posts/:postId/${path}`,
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.publish' },
      summary,
      params: PostParams,
      response: PostView,
      handler: async (context) => presentPost(await action(posts)(actorOf(context), context.params.postId)),
    });

  return [
    ...postCalendarRoutes(posts, presentPost),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/posts',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'Posts with a publication scheduled in [from, to) (the calendar), or the latest 100',
      params: WorkspaceParams,
      query: PostsQuery,
      response: z.array(PostView),
      handler: async (context) => {
        const { from, to } = context.query;
        if ((from === undefined) !== (to === undefined))
          throw badRequest('invalid_range', 'Give both "from" and "to", or neither.');
        const range = from && to ? { from: new Date(from), to: new Date(to) } : {};
        return (await posts.list(actorOf(context), range)).map(presentPost);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/posts',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.write' },
      status: 201,
      summary: 'Create a post on channels, as drafts or scheduled at a local date and time in a zone',
      params: WorkspaceParams,
      body: CreateRecurringPostBody,
      response: PostView,
      handler: async (context) => presentPost(await createWithRecurrence(posts, actorOf(context), context.body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/posts/validate',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.write' },
      summary: "Check a create request against each channel's rules without writing anything (the composer's dry run)",
      params: WorkspaceParams,
      body: CreateRecurringPostBody,
      response: ValidatePostResult,
      handler: async (context) => validateDryRun(posts, actorOf(context), context.body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/posts/:postId',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'A post with its publications and every attempt',
      params: PostParams,
      response: PostView,
      handler: async (context) => presentPost(await posts.get(actorOf(context), context.params.postId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/posts/:postId/schedule',
      tag: 'Posts',
      access: { kind: 'workspace', permission: 'content.publish' },
      summary: 'Schedule the waiting targets at a local date and time in a zone',
      params: PostParams,
      body: LocalSchedule,
      response: PostView,
      handler: async (context) =>
        presentPost(await posts.schedule(actorOf(context), context.params.postId, context.body)),
    }),
    postAction(
      'publish-now',
      'Publish the waiting targets now',
      (service) => (actor, postId) => service.publishNow(actor, postId),
    ),
    postAction(
      'retry',
      'Retry only the failed and missed targets',
      (service) => (actor, postId) => service.retryFailed(actor, postId),
    ),
    postAction(
      'cancel',
      'Cancel the targets not yet published',
      (service) => (actor, postId) => service.cancel(actor, postId),
    ),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/notifications',
      tag: 'Notifications',
      access: { kind: 'workspace', permission: 'workspace.read' },
      summary: 'Your notifications in this workspace, newest first',
      params: WorkspaceParams,
      response: z.array(NotificationView),
      handler: async (context) => (await notifications.list(actorOf(context))).map(presentNotification),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/notifications/:notificationId/read',
      tag: 'Notifications',
      access: { kind: 'workspace', permission: 'workspace.read' },
      summary: 'Mark a notification read',
      params: NotificationParams,
      response: Ok,
      handler: async (context) => {
        await notifications.markRead(actorOf(context), context.params.notificationId);
        return { ok: true as const };
      },
    }),
  ];
}
