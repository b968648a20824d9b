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

/** One reason a channel's content would be refused: the field to change and, from the rules table, a code. */
export const ContentProblem = z
  .object({
    channelId: Id,
    network: z.string(),
    field: z.string().meta({ description: 'Path in the request body: `text`, `variants[0].threadParts[1].text`' }),
    reason: z.string().meta({ description: 'What to change, in English' }),
    code: z.string().optional().meta({ description: "The rules table's issue code (absent for a connector's own)" }),
    severity: z.enum(['error', 'warning']).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
  })
  .meta({ id: 'ContentProblem' });
export type ContentProblem = z.infer<typeof ContentProblem>;

/** The dry run of a create request: what would be refused, with nothing written. */
export const ValidatePostResult = z
  .object({ ok: z.boolean(), problems: z.array(ContentProblem) })
  .meta({ id: 'ValidatePostResult' });
export type ValidatePostResult = z.infer<typeof ValidatePostResult>;

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

// The calendar beyond the week view (issue 4 §4): drag and drop, recurrence, the views, CSV import.

/** A recurrence: an RFC 5545 RRULE (FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY, BYMONTHDAY, COUNT or UNTIL). */
export const RecurrenceInput = z
  .object({ rrule: z.string().min(1).max(500).meta({ example: 'FREQ=WEEKLY;BYDAY=MO;COUNT=8' }) })
  .meta({ id: 'Recurrence' });
export type RecurrenceInput = z.infer<typeof RecurrenceInput>;

/** A post created with a recurrence: the schedule is its first occurrence (DTSTART). */
export const CreateRecurringPostBody = CreatePostBody.extend({ recurrence: RecurrenceInput.optional() }).meta({
  id: 'CreateRecurringPostBody',
});

/** Drag and drop: the new local day; each publication keeps its wall-clock time in its own zone. */
export const RescheduleBody = z
  .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD') })
  .meta({ id: 'RescheduleBody' });

/** The range [from, to); without one, the next seven days. */
export const CalendarQuery = z.object({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() });

/** A post on the calendar, with its author and the series it is an occurrence of. */
export const CalendarPostView = PostView.extend({
  seriesId: Id.nullable(),
  occurrenceIndex: z.number().int().nullable(),
}).meta({ id: 'CalendarPost' });
export type CalendarPostView = z.infer<typeof CalendarPostView>;

export const CalendarView = z
  .object({
    posts: z.array(CalendarPostView),
    truncated: z.boolean().meta({ description: 'True when the range holds more posts than one answer carries' }),
  })
  .meta({ id: 'Calendar' });
export type CalendarView = z.infer<typeof CalendarView>;

export const OccurrencesQuery = z.object({ count: z.coerce.number().int().min(1).max(100).default(8) });

export const OccurrenceView = z
  .object({
    index: z.number().int().meta({ description: '1 for the first occurrence (DTSTART)' }),
    date: z.string(),
    time: z.string(),
    timeZone: z.string(),
    at: Instant,
    postId: Id.nullable().meta({ description: 'The post of this occurrence once materialised' }),
  })
  .meta({ id: 'Occurrence' });

export const SeriesView = z
  .object({
    id: Id,
    rrule: z.string(),
    timeZone: z.string(),
    startDate: z.string(),
    startTime: z.string(),
    occurrences: z.array(OccurrenceView),
  })
  .meta({ id: 'Series' });
export type SeriesView = z.infer<typeof SeriesView>;

/** A CSV file of posts: header `date,time,zone,channels,text,media_url,format` (channels separated by "|"). */
export const ImportPostsBody = z
  .object({ csv: z.string().max(1_000_000, 'The file is larger than 1 MB; split it') })
  .meta({ id: 'ImportPostsBody' });

export const ImportReport = z
  .object({
    rows: z.number().int(),
    imported: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

/** A member's secret iCalendar feed: the path to give a calendar app (on this server's origin). */
export const CalendarFeedView = z
  .object({ path: z.string().meta({ description: 'Secret: anyone with it can read the calendar' }) })
  .meta({ id: 'CalendarFeed' });
export const CalendarFeedParams = z.object({ token: z.string().min(16).max(100) });
