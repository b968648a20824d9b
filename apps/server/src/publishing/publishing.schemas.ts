import { publicationStates } from '@sillage/domain';
import { z } from 'zod';

// The HTTP contracts of posts and notifications; to move into @sillage/contracts when the web app uses them.

const Id = z.uuid();
export const PostParams = z.object({ workspaceId: Id, postId: Id });
export const NotificationParams = z.object({ workspaceId: Id, notificationId: Id });

export const LocalScheduleBody = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  time: z.string().regex(/^\d{2}:\d{2}$/, 'HH:mm (24-hour)'),
  timeZone: z.string().min(1).max(64),
});

export const CreatePostBody = z.object({
  text: z.string().min(1).max(10_000),
  // Empty: a draft whose channels are chosen later.
  channelIds: z.array(Id).max(50),
  schedule: LocalScheduleBody.optional(),
});

export const PostsQuery = z.object({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() });

const Attempt = z.object({
  id: Id,
  fence: z.number().int(),
  kind: z.enum(['publish', 'reconcile', 'refresh']),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  networkPostId: z.string().nullable(),
});

const PublicationView = z.object({
  id: Id,
  channelId: Id,
  state: z.enum(publicationStates),
  scheduledAt: z.iso.datetime().nullable(),
  timeZone: z.string().nullable(),
  localDate: z.string().nullable(),
  localTime: z.string().nullable(),
  networkPostId: z.string().nullable(),
  url: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  failure: z.object({ reason: z.string(), retryable: z.boolean() }).nullable(),
  attempts: z.array(Attempt),
});

export const PostView = z.object({
  id: Id,
  text: z.string(),
  authorId: Id.nullable(),
  createdAt: z.iso.datetime(),
  publications: z.array(PublicationView),
});

export const NotificationView = z.object({
  id: Id,
  kind: z.string(),
  message: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
