import { z } from 'zod';
import { Id, Instant } from './common.ts';

/** Crisis severities, from a listening alert's (notice, warning, critical) up to "crisis". */
export const crisisSeverities = ['notice', 'warning', 'critical', 'crisis'] as const;
export const CrisisSeverity = z.enum(crisisSeverities);
export type CrisisSeverity = z.infer<typeof CrisisSeverity>;
export const CrisisStatus = z.enum(['open', 'closed']);
export const statementStatuses = ['draft', 'submitted', 'approved', 'rejected', 'published'] as const;
export const StatementStatus = z.enum(statementStatuses);
export const StatementLanguage = z.enum(['fr', 'en']);

export const CrisisParams = z.object({ workspaceId: Id, crisisId: Id });
export const StatementParams = z.object({ workspaceId: Id, crisisId: Id, statementId: Id });

export const OpenCrisisBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    severity: CrisisSeverity,
    alertId: Id.optional().meta({ description: 'The alert it is opened from: its query and window start are used' }),
    queryId: Id.optional().meta({ description: 'The query whose mentions the room follows (without an alert)' }),
    ownerId: Id.optional().meta({ description: 'The member in charge (default: whoever opens it)' }),
    onsetAt: Instant.optional().meta({ description: 'When it began (default: the alert’s window start, or now)' }),
  })
  .meta({ id: 'OpenCrisis' });

export const UpdateCrisisBody = z
  .object({ severity: CrisisSeverity.optional(), ownerId: Id.optional() })
  .meta({ id: 'UpdateCrisis' });

export const CloseCrisisBody = z
  .object({
    summary: z.string().trim().min(1).max(5000),
    lessons: z.string().trim().min(1).max(5000).meta({ description: 'Lessons learned, for the post-mortem' }),
  })
  .meta({ id: 'CloseCrisis' });

export const CrisisNoteBody = z.object({ text: z.string().trim().min(1).max(5000) }).meta({ id: 'CrisisNote' });

export const DraftStatementBody = z
  .object({
    language: StatementLanguage,
    text: z.string().trim().min(1).max(5000),
    channelIds: z
      .array(Id)
      .max(20)
      .meta({ description: 'Where the statement will be published (at least one before it is submitted)' }),
  })
  .meta({ id: 'DraftStatement' });

export const StatementDecisionBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'StatementDecision' });

export const CrisisSummaryView = z
  .object({
    id: Id,
    title: z.string(),
    severity: CrisisSeverity,
    status: CrisisStatus,
    queryId: Id.nullable(),
    queryName: z.string().nullable(),
    alertId: Id.nullable(),
    ownerId: Id.nullable(),
    ownerName: z.string().nullable(),
    onsetAt: Instant,
    openedAt: Instant,
    closedAt: Instant.nullable(),
  })
  .meta({ id: 'CrisisSummary' });
export type CrisisSummaryView = z.infer<typeof CrisisSummaryView>;

/** Counts over a period; see docs/metrics.md (crisis figures). */
export const CrisisPeriodFigures = z.object({
  from: Instant,
  to: Instant,
  mentions: z.number().int(),
  negative: z.number().int(),
  /** Mentions per hour over the period. */
  perHour: z.number(),
  /** negative / mentions; null without mentions. */
  negativeShare: z.number().nullable(),
});

export const CrisisFiguresView = z
  .object({
    baseline: CrisisPeriodFigures,
    sinceOnset: CrisisPeriodFigures,
    /** sinceOnset.perHour / baseline.perHour; null when the baseline has no mention. */
    volumeRatio: z.number().nullable(),
    /** The busiest hour since onset (hours counted from the onset). */
    peak: z.object({ start: Instant, mentions: z.number().int() }).nullable(),
    /** The last hour of the period, for recovery. */
    lastHour: CrisisPeriodFigures,
    hourly: z.array(z.object({ start: Instant, mentions: z.number().int(), negative: z.number().int() })),
  })
  .meta({ id: 'CrisisFigures' });
export type CrisisFiguresView = z.infer<typeof CrisisFiguresView>;

export const CrisisEventView = z.object({
  id: Id,
  at: Instant,
  kind: z.string(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const CrisisNoteView = z.object({
  id: Id,
  text: z.string(),
  authorName: z.string().nullable(),
  createdAt: Instant,
});
export const StatementView = z
  .object({
    id: Id,
    language: StatementLanguage,
    text: z.string(),
    channelIds: z.array(Id),
    status: StatementStatus,
    postId: Id.nullable(),
    createdAt: Instant,
    createdByName: z.string().nullable(),
    submittedAt: Instant.nullable(),
    decidedAt: Instant.nullable(),
    decidedByName: z.string().nullable(),
    decisionComment: z.string().nullable(),
    publishedAt: Instant.nullable(),
    /** Whether the workspace's approval chain decides (then the post's approval page shows its steps). */
    throughApprovalChain: z.boolean(),
  })
  .meta({ id: 'CrisisStatement' });
export type StatementView = z.infer<typeof StatementView>;

export const CrisisRoomView = z
  .object({
    crisis: CrisisSummaryView.extend({
      summary: z.string().nullable(),
      lessons: z.string().nullable(),
      closedByName: z.string().nullable(),
    }),
    figures: CrisisFiguresView,
    events: z.array(CrisisEventView),
    notes: z.array(CrisisNoteView),
    statements: z.array(StatementView),
  })
  .meta({ id: 'CrisisRoom' });
export type CrisisRoomView = z.infer<typeof CrisisRoomView>;

export const PostmortemQuery = z.object({ locale: z.enum(['fr', 'en']).default('en') });

export const PauseBody = z
  .object({ reason: z.string().trim().min(1).max(500), crisisId: Id.optional() })
  .meta({ id: 'PausePublishing' });

export const HeldPublicationView = z.object({
  publicationId: Id,
  postId: Id,
  text: z.string(),
  channelName: z.string(),
  scheduledAt: Instant.nullable(),
  state: z.string(),
});

export const PublishingPauseView = z
  .object({
    paused: z.boolean(),
    pausedAt: Instant.nullable(),
    pausedByName: z.string().nullable(),
    reason: z.string().nullable(),
    crisisId: Id.nullable(),
    /** After a resume: the publications whose time passed during the last pause, still waiting for a decision. */
    held: z.array(HeldPublicationView),
  })
  .meta({ id: 'PublishingPause' });
export type PublishingPauseView = z.infer<typeof PublishingPauseView>;

/** Holding statement templates; `{{brand}}`, `{{issue}}` and `{{nextUpdate}}` are filled in before submitting. */
export const holdingStatementTemplates = [
  {
    id: 'acknowledge',
    language: 'fr',
    text: '{{brand}} est au courant de {{issue}}. Nos équipes sont mobilisées et nous vous tiendrons informés d’ici {{nextUpdate}}. Merci de votre patience.',
  },
  {
    id: 'acknowledge',
    language: 'en',
    text: '{{brand}} is aware of {{issue}}. Our teams are on it and we will update you by {{nextUpdate}}. Thank you for your patience.',
  },
  {
    id: 'apology',
    language: 'fr',
    text: 'Nous sommes sincèrement désolés pour {{issue}}. {{brand}} en cherche la cause et reviendra vers vous d’ici {{nextUpdate}}.',
  },
  {
    id: 'apology',
    language: 'en',
    text: 'We are truly sorry about {{issue}}. {{brand}} is finding the cause and will come back to you by {{nextUpdate}}.',
  },
] as const;

/** The `{{variables}}` still in a text (an unfilled template). */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([a-zA-Z]+)\s*\}\}/g)].map((match) => match[1]!))];
}

/** Fills a template's variables; the ones without a value stay as they are. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) => values[name]?.trim() || whole);
}
