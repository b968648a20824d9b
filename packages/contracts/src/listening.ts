import { queryErrorCodes, sentimentLabels, spikeSeverities } from '@sillage/domain';
import { z } from 'zod';
import { Id, Instant } from './common.ts';

export const ListeningQueryKind = z.enum(['brand', 'competitor', 'topic']).meta({
  description: 'brand: the workspace’s own brand; competitor: a rival (share of voice); topic: anything else',
});
export type ListeningQueryKind = z.infer<typeof ListeningQueryKind>;

export const SentimentLabel = z.enum(sentimentLabels);
export const ListeningAlertKind = z.enum(['volume', 'negative_share']);
export const ListeningAlertSeverity = z.enum(spikeSeverities);
export const ListeningAlertStatus = z.enum(['open', 'acknowledged', 'resolved']);

export const ListeningQueryParams = z.object({ workspaceId: Id, queryId: Id });
export const ListeningAlertParams = z.object({ workspaceId: Id, alertId: Id });

/** A listening query as stored. */
export const ListeningQueryView = z
  .object({
    id: Id,
    name: z.string(),
    text: z.string().meta({ description: 'The query, in the language of docs/listening-queries.md' }),
    kind: ListeningQueryKind,
    active: z.boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'ListeningQuery' });
export type ListeningQueryView = z.infer<typeof ListeningQueryView>;

export const CreateListeningQueryBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    text: z.string().min(1).max(4096),
    kind: ListeningQueryKind,
    active: z.boolean().optional(),
  })
  .meta({ id: 'CreateListeningQuery' });
export type CreateListeningQueryBody = z.infer<typeof CreateListeningQueryBody>;

export const UpdateListeningQueryBody = CreateListeningQueryBody.partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one of name, text, kind, active' })
  .meta({ id: 'UpdateListeningQuery' });
export type UpdateListeningQueryBody = z.infer<typeof UpdateListeningQueryBody>;

/**
 * The `details` of a 400 `invalid_query` answer: where the query text is wrong. `offset` and `length` are in
 * UTF-16 code units of `text`; `code` and `params` translate the message (the English one is in `message`).
 */
export const ListeningQueryErrorDetails = z
  .object({
    field: z.literal('text'),
    code: z.enum(queryErrorCodes),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    offset: z.number().int().nonnegative(),
    length: z.number().int().nonnegative(),
  })
  .meta({ id: 'ListeningQueryErrorDetails' });
export type ListeningQueryErrorDetails = z.infer<typeof ListeningQueryErrorDetails>;

/** A period [from, to) as UTC instants; both or neither (default: the last 7 days). */
const Period = {
  from: Instant.optional(),
  to: Instant.optional(),
};

export const MentionsQuery = z
  .object({
    queryId: Id.optional(),
    sentiment: SentimentLabel.optional(),
    lang: z.string().min(2).max(16).optional(),
    source: z.string().min(1).max(40).optional(),
    ...Period,
    search: z.string().trim().min(1).max(200).optional().meta({ description: 'Words the text contains' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z
      .string()
      .max(100)
      .optional()
      .meta({ description: 'Cursor from the previous page (`nextCursor`): older mentions' }),
  })
  .meta({ id: 'MentionsQuery' });

export const MentionView = z
  .object({
    id: Id,
    source: z.string(),
    networkId: z.string(),
    author: z.string().nullable(),
    text: z.string(),
    lang: z.string(),
    sentiment: SentimentLabel,
    sentimentScore: z.number().meta({ description: '-1 (most negative) .. +1 (most positive)' }),
    url: z.string().nullable(),
    country: z.string().nullable(),
    publishedAt: Instant,
    collectedAt: Instant,
    reach: z.number().int().nullable().meta({ description: 'Author’s followers as reported; null: not reported' }),
    clusterKey: z.string().meta({ description: 'Same key for near-duplicates (reposts, copy-paste campaigns)' }),
    queryIds: z.array(Id),
  })
  .meta({ id: 'Mention' });
export type MentionView = z.infer<typeof MentionView>;

export const MentionsPage = z
  .object({ mentions: z.array(MentionView), nextCursor: z.string().nullable() })
  .meta({ id: 'MentionsPage' });

export const SeriesQuery = z.object({ ...Period, interval: z.enum(['hour', 'day']).default('hour') });

/** One bucket of a query's series; buckets start on the workspace's time zone's hours or days. */
export const SeriesBucketView = z.object({
  start: Instant,
  total: z.number().int(),
  negative: z.number().int(),
  neutral: z.number().int(),
  positive: z.number().int(),
  /** (positive − negative) / total; null when the bucket has no mention. */
  netSentiment: z.number().nullable(),
});

export const ListeningSeries = z
  .object({
    queryId: Id,
    from: Instant,
    to: Instant,
    interval: z.enum(['hour', 'day']),
    timeZone: z.string(),
    buckets: z.array(SeriesBucketView),
  })
  .meta({ id: 'ListeningSeries' });
export type ListeningSeries = z.infer<typeof ListeningSeries>;

export const PeriodQuery = z.object({ ...Period });

export const ShareOfVoice = z
  .object({
    from: Instant,
    to: Instant,
    /** Mentions matched by any brand or competitor query in the period (a mention counts once per query). */
    total: z.number().int(),
    entries: z.array(
      z.object({
        queryId: Id,
        name: z.string(),
        kind: z.enum(['brand', 'competitor']),
        mentions: z.number().int(),
        /** mentions / total; null when total is 0. */
        share: z.number().nullable(),
        negative: z.number().int(),
        positive: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ShareOfVoice' });
export type ShareOfVoice = z.infer<typeof ShareOfVoice>;

export const TopQuery = z.object({
  queryId: Id.optional(),
  ...Period,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ListeningTop = z
  .object({
    from: Instant,
    to: Instant,
    /** How many of the period's mentions were read for terms and hashtags (the latest ones, at most 5,000). */
    sampledMentions: z.number().int(),
    terms: z.array(z.object({ term: z.string(), mentions: z.number().int() })),
    hashtags: z.array(z.object({ hashtag: z.string(), mentions: z.number().int() })),
    authors: z.array(
      z.object({
        author: z.string(),
        source: z.string(),
        mentions: z.number().int(),
        reach: z.number().int().nullable().meta({ description: 'Largest reach reported; null: not reported' }),
        negative: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ListeningTop' });
export type ListeningTop = z.infer<typeof ListeningTop>;

export const AlertsQuery = z.object({
  status: ListeningAlertStatus.optional(),
  queryId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ListeningAlertView = z
  .object({
    id: Id,
    queryId: Id,
    queryName: z.string(),
    kind: ListeningAlertKind,
    severity: ListeningAlertSeverity,
    windowStart: Instant,
    windowEnd: Instant,
    observed: z.number().meta({ description: 'Mentions in the window (volume) or negative share 0..1' }),
    expected: z.number().meta({ description: 'What the seasonal baseline expected, same unit as observed' }),
    score: z.number(),
    status: ListeningAlertStatus,
    raisedAt: Instant,
  })
  .meta({ id: 'ListeningAlert' });
export type ListeningAlertView = z.infer<typeof ListeningAlertView>;

export const UpdateListeningAlertBody = z
  .object({ status: z.enum(['acknowledged', 'resolved']) })
  .meta({ id: 'UpdateListeningAlert' });
