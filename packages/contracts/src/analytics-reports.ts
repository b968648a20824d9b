import { z } from 'zod';
import { AnalyticsExportQuery, KpiKey, kpiKeys } from './analytics.ts';
import { Id, Instant } from './common.ts';

export const reportPeriods = ['last_7_days', 'last_28_days', 'last_calendar_month'] as const;
export const ReportPeriod = z.enum(reportPeriods);
export type ReportPeriod = z.infer<typeof ReportPeriod>;

export const reportSections = ['kpis', 'series', 'channels', 'top_posts', 'commentary'] as const;
export const ReportSection = z.enum(reportSections);
export type ReportSection = z.infer<typeof ReportSection>;

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm, 24-hour (e.g. 09:00)');

/** When a saved report goes out, in the workspace's time zone. */
export const ReportSchedule = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({
      kind: z.literal('weekly'),
      weekday: z.number().int().min(1, 'ISO weekday: 1 = Monday').max(7, 'ISO weekday: 7 = Sunday'),
      time: LocalTime,
    }),
    z.object({
      kind: z.literal('monthly'),
      dayOfMonth: z
        .number()
        .int()
        .min(1, 'A day of the month from 1')
        .max(31, 'A day of the month up to 31 (short months use their last day)'),
      time: LocalTime,
    }),
  ])
  .meta({ id: 'ReportSchedule' });
export type ReportSchedule = z.infer<typeof ReportSchedule>;

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid e-mail address' }));

/** A PNG or JPEG logo as a data URL, at most about 200 kB. */
const LogoDataUrl = z
  .string()
  .max(280_000, 'The logo must be at most 200 kB')
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'Give the logo as a PNG or JPEG data URL');

/** A saved report: what the PDF holds, for which period, in which language, for whom, and when it goes out. */
export const ReportBody = z
  .object({
    title: z.string().trim().min(1, 'Give the report a title').max(120, 'At most 120 characters'),
    language: z.enum(['fr', 'en']),
    period: ReportPeriod,
    kpis: z
      .array(KpiKey)
      .min(1, 'Choose at least one KPI')
      .max(kpiKeys.length)
      .refine((keys) => new Set(keys).size === keys.length, 'Each KPI once'),
    sections: z
      .array(ReportSection)
      .min(1, 'Choose at least one section')
      .refine((sections) => new Set(sections).size === sections.length, 'Each section once'),
    commentary: z.string().max(5000, 'At most 5000 characters').default(''),
    recipients: z.array(Email).max(20, 'At most 20 recipients').default([]),
    branding: z
      .object({
        brandColor: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d4ed8')
          .default('#1d4ed8'),
        agencyName: z.string().trim().max(80, 'At most 80 characters').nullable().default(null),
        logoDataUrl: LogoDataUrl.nullable().default(null),
      })
      .default({ brandColor: '#1d4ed8', agencyName: null, logoDataUrl: null }),
    schedule: ReportSchedule.default({ kind: 'none' }),
  })
  .meta({ id: 'ReportBody' });
export type ReportBody = z.infer<typeof ReportBody>;

export const ReportParams = z.object({ workspaceId: Id, reportId: Id });

export const ReportDeliveryView = z
  .object({
    id: Id,
    trigger: z.enum(['schedule', 'manual']),
    dueAt: Instant,
    periodStart: z.string(),
    periodEnd: z.string().meta({ description: 'Exclusive' }),
    status: z.enum(['sending', 'sent', 'failed']),
    attempts: z.number().int(),
    sentTo: z.array(z.string()),
    error: z.string().nullable(),
    nextAttemptAt: Instant.nullable(),
    finishedAt: Instant.nullable(),
  })
  .meta({ id: 'ReportDelivery' });
export type ReportDeliveryView = z.infer<typeof ReportDeliveryView>;

export const ReportView = ReportBody.extend({
  id: Id,
  timeZone: z.string(),
  nextSendAt: Instant.nullable().meta({ description: 'The next scheduled sending, or null' }),
  deliveries: z.array(ReportDeliveryView).meta({ description: 'The last 10 sendings, newest first' }),
  updatedAt: Instant,
}).meta({ id: 'Report' });
export type ReportView = z.infer<typeof ReportView>;

export const ReportList = z.object({ reports: z.array(ReportView) }).meta({ id: 'ReportList' });
export type ReportList = z.infer<typeof ReportList>;

/** The XLSX export takes the same query as the CSV export. */
export const AnalyticsXlsxQuery = AnalyticsExportQuery;
