import { postFormats, publicationStates } from '@sillage/domain';
import { z } from 'zod';
import { Id, Instant } from './common.ts';

export const PostParams = z.object({ workspaceId: Id, postId: Id });
export const NotificationParams = z.object({ workspaceId: Id, notificationId: Id });

/** A wall-clock choice: the local date and time on the user's chosen IANA zone (stored with the UTC instant). */
export const LocalSchedule = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD'),
    time: z.string().regex(/^\d{2}:\d{2}$/, 'Use HH:mm (24-hour)'),
    timeZone: z.string().min(1).max(64),
  })
  .meta({ id: 'LocalSchedule' });
export type LocalSchedule = z.infer<typeof LocalSchedule>;

export const PostFormat = z.enum(postFormats);

/** A media item as the network gets it: where it is, what it is (the media library fills these in). */
export const MediaRef = z
  .object({
    url: z.url({ protocol: /^https?$/, message: 'Use an http(s) URL the network can fetch' }),
    mimeType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'A MIME type such as image/jpeg or video/mp4'),
    altText: z.string().max(2_000).optional(),
    byteLength: z.number().int().positive().optional(),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    durationSeconds: z.number().positive().optional(),
  })
  .meta({ id: 'MediaRef' });

const OptionValue = z.union([z.string().max(500), z.number(), z.boolean()]);

/** What one channel publishes: the post's text unless overridden, in that network's native format. */
export const PublicationContent = z
  .object({
    format: PostFormat,
    text: z.string().max(70_000),
    media: z.array(MediaRef).max(35),
    link: z
      .object({ url: z.url(), title: z.string().max(300).optional(), description: z.string().max(1_000).optional() })
      .optional(),
    threadParts: z
      .array(z.object({ text: z.string().min(1).max(10_000), media: z.array(MediaRef).max(10).optional() }))
      .max(25)
      .optional(),
    firstComment: z.string().min(1).max(10_000).optional(),
    options: z.record(z.string().max(64), OptionValue).optional(),
  })
  .meta({ id: 'PublicationContent' });
export type PublicationContent = z.infer<typeof PublicationContent>;

/** A channel's variant in a create request: every field but the channel is optional (defaults: the post's). */
export const PostVariant = PublicationContent.partial().extend({ channelId: Id }).meta({ id: 'PostVariant' });
export type PostVariant = z.infer<typeof PostVariant>;

export const CreatePostBody = z
  .object({
    text: z.string().min(1).max(10_000),
    // Empty: a draft whose channels are chosen later.
    channelIds: z.array(Id).max(50),
    schedule: LocalSchedule.optional(),
    /** Per-channel format, text, media, thread, first comment and options; a channel without one gets the text. */
    variants: z.array(PostVariant).max(50).optional(),
  })
  .meta({ id: 'CreatePostBody' });
export type CreatePostBody = z.infer<typeof CreatePostBody>;

export const PostsQuery = z.object({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() });

const Attempt = z.object({
  id: Id,
  fence: z.number().int(),
  kind: z.enum(['publish', 'reconcile', 'refresh']),
  startedAt: Instant,
  endedAt: Instant.nullable(),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  networkPostId: z.string().nullable(),
});

export const PublicationView = z
  .object({
    id: Id,
    channelId: Id,
    network: z.string(),
    channelName: z.string(),
    state: z.enum(publicationStates),
    content: PublicationContent,
    scheduledAt: Instant.nullable(),
    timeZone: z.string().nullable(),
    localDate: z.string().nullable(),
    localTime: z.string().nullable(),
    networkPostId: z.string().nullable().meta({ description: "The network's id of the post, once published" }),
    url: z.string().nullable().meta({ description: 'Link to the post on the network, where it has one' }),
    publishedAt: Instant.nullable(),
    failure: z.object({ reason: z.string(), retryable: z.boolean() }).nullable(),
    attempts: z.array(Attempt),
  })
  .meta({ id: 'Publication' });
export type PublicationView = z.infer<typeof PublicationView>;

export const PostView = z
  .object({
    id: Id,
    text: z.string(),
    authorId: Id.nullable(),
    createdAt: Instant,
    publications: z.array(PublicationView),
  })
  .meta({ id: 'Post' });
export type PostView = z.infer<typeof PostView>;

export const NotificationView = z
  .object({
    id: Id,
    kind: z.string(),
    message: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    createdAt: Instant,
    readAt: Instant.nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NotificationView>;
