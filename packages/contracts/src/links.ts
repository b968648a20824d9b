import { conversionTypes, utmSeparators } from '@sillage/domain';
import { z } from 'zod';
import { Id, Instant } from './common.ts';

const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'Use a real calendar date (YYYY-MM-DD)',
  });

const UtmText = z.string().max(200, { message: 'Use at most 200 characters' });

/** A workspace's UTM naming conventions (docs/links-and-conversions.md). */
export const UtmConventionsBody = z
  .object({
    lowercase: z.boolean().meta({ description: 'Lowercase every UTM value (recommended)' }),
    separator: z.enum(utmSeparators).meta({ description: 'What replaces spaces between words' }),
    allowedMediums: z
      .array(z.string().trim().min(1).max(100))
      .max(50)
      .meta({ description: 'When not empty, utm_medium must be one of these' }),
  })
  .meta({ id: 'UtmConventions' });
export type UtmConventionsBody = z.infer<typeof UtmConventionsBody>;

export const UtmParamsBody = z
  .object({
    source: UtmText.meta({ description: 'utm_source, e.g. instagram' }),
    medium: UtmText.meta({ description: 'utm_medium, e.g. social' }),
    campaign: UtmText.meta({ description: 'utm_campaign, e.g. soldes-ete-2026' }),
    term: UtmText.optional(),
    content: UtmText.optional(),
  })
  .meta({ id: 'UtmParams' });
export type UtmParamsBody = z.infer<typeof UtmParamsBody>;

export const CreateTrackedLinkBody = z
  .object({
    destinationUrl: z
      .string()
      .max(2048)
      .meta({ description: 'An absolute http(s) URL; its query and fragment are kept' }),
    utm: UtmParamsBody,
    postId: Id.optional(),
    publicationId: Id.optional(),
    channelId: Id.optional(),
    campaignId: z.string().trim().min(1).max(100).optional().meta({ description: 'The campaign this link belongs to' }),
  })
  .meta({ id: 'CreateTrackedLink' });
export type CreateTrackedLinkBody = z.infer<typeof CreateTrackedLinkBody>;

export const TrackedLink = z
  .object({
    id: Id,
    code: z.string(),
    shortUrl: z.string().meta({ description: 'The link to share: /l/:code on this Sillage' }),
    destinationUrl: z.string(),
    targetUrl: z.string().meta({ description: 'Where /l/:code redirects: the destination with its UTM parameters' }),
    utm: UtmParamsBody,
    postId: Id.nullable(),
    publicationId: Id.nullable(),
    channelId: Id.nullable(),
    campaignId: z.string().nullable(),
    createdAt: Instant,
    clicks: z
      .number()
      .int()
      .meta({ description: 'Clicks from people since creation (bots and link previews excluded)' }),
    botClicks: z
      .number()
      .int()
      .meta({ description: 'Requests from bots, crawlers and link-preview fetchers (not counted)' }),
  })
  .meta({ id: 'TrackedLink' });
export type TrackedLink = z.infer<typeof TrackedLink>;

export const TrackedLinkList = z.object({ links: z.array(TrackedLink) }).meta({ id: 'TrackedLinkList' });
export type TrackedLinkList = z.infer<typeof TrackedLinkList>;

export const TrackedLinkParams = z.object({ code: z.string().max(64) });

export const SiteOrigin = z
  .string()
  .trim()
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, {
    message: 'Use an origin: scheme and host (and port), without a path, such as https://shop.example',
  });

export const CreateSiteKeyBody = z
  .object({
    name: z.string().trim().min(1, { message: 'Give the key a name, such as the site it is for' }).max(100),
    allowedOrigins: z
      .array(SiteOrigin)
      .min(1, { message: 'List at least one origin of the site that will send conversions' })
      .max(20),
  })
  .meta({ id: 'CreateSiteKey' });
export type CreateSiteKeyBody = z.infer<typeof CreateSiteKeyBody>;

export const SiteKey = z
  .object({
    id: Id,
    name: z.string(),
    publicKey: z.string().meta({ description: 'Public: it sits in the pages of the site' }),
    allowedOrigins: z.array(z.string()),
    createdAt: Instant,
    revokedAt: Instant.nullable(),
    snippet: z.string().meta({ description: 'The HTML to paste into the site' }),
  })
  .meta({ id: 'SiteKey' });
export type SiteKey = z.infer<typeof SiteKey>;

export const SiteKeyList = z.object({ siteKeys: z.array(SiteKey) }).meta({ id: 'SiteKeyList' });
export const SiteKeyParams = z.object({ workspaceId: Id, siteKeyId: Id });

export const ConversionValue = z
  .object({
    amountMinor: z
      .number()
      .int({ message: 'Send an integer number of minor units (cents): 12.50 EUR is 1250' })
      .min(0)
      .max(1_000_000_000_000),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'Use an ISO 4217 code in capitals, such as EUR' }),
  })
  .meta({ id: 'ConversionValue' });

/** One conversion event, from the snippet (with an Origin) or a server (without). */
export const ConversionRequest = z
  .object({
    siteKey: z.string().min(1, { message: 'Send the site key of the workspace (slg_pk_...)' }).max(100),
    eventId: z
      .string()
      .trim()
      .min(1, { message: 'Give each event a unique id (an order id, a lead id, a UUID)' })
      .max(200),
    type: z.enum(conversionTypes),
    value: ConversionValue.optional(),
    visitorId: z
      .string()
      .trim()
      .min(1, { message: 'Send the visitor id from the slg_v cookie or query parameter' })
      .max(200),
    occurredAt: Instant.optional().meta({ description: 'When it happened (default: when received)' }),
  })
  .superRefine((value, context) => {
    if (value.type === 'purchase' && value.value === undefined)
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'A purchase needs a value: send value { amountMinor, currency }',
      });
  })
  .meta({ id: 'ConversionRequest' });
export type ConversionRequest = z.infer<typeof ConversionRequest>;

/** The snippet posts its JSON as text/plain (a CORS "simple" request, so no preflight); both are accepted. */
export const ConversionRequestBody = z.union([ConversionRequest, z.string().max(10_000)]);

export const ConversionAccepted = z
  .object({
    status: z.enum(['recorded', 'duplicate']).meta({ description: 'duplicate: this event id was already counted' }),
    eventId: z.string(),
  })
  .meta({ id: 'ConversionAccepted' });
export type ConversionAccepted = z.infer<typeof ConversionAccepted>;

export const ImportConversionsBody = z
  .union([z.object({ csv: z.string().max(1_000_000) }), z.string().max(1_000_000)])
  .meta({ id: 'ImportConversions', description: 'A CSV file as text/csv, or JSON { csv }' });

export const ImportConversionsResult = z
  .object({
    imported: z.number().int(),
    duplicates: z.number().int().meta({ description: 'Rows whose event id was already recorded (not counted again)' }),
  })
  .meta({ id: 'ImportConversionsResult' });

export const reportAttributionModels = ['last_click', 'first_click', 'linear', 'position_based'] as const;

export const AttributionQuery = z
  .object({
    start: LocalDate.optional().meta({
      description: 'First local day of the conversions (YYYY-MM-DD), inclusive; default: 28 days before end',
    }),
    end: LocalDate.optional().meta({
      description: 'Local day after the last one (YYYY-MM-DD), exclusive; default: today in the workspace zone',
    }),
    model: z.enum(reportAttributionModels).default('last_click'),
    lookBackDays: z.coerce.number().int().min(1).max(90).default(30),
  })
  .meta({ id: 'AttributionQuery' });
export type AttributionQuery = z.infer<typeof AttributionQuery>;

const MoneyView = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const AttributionRow = z
  .object({
    key: z.string().nullable().meta({ description: 'Channel, post or link id; null: clicks without one' }),
    label: z.string(),
    conversions: z.number().meta({ description: 'Fractional conversions credited' }),
    conversionsByType: z.record(z.string(), z.number()),
    values: z.array(MoneyView),
  })
  .meta({ id: 'AttributionRow' });

export const AttributionReport = z
  .object({
    period: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }),
    model: z.enum(reportAttributionModels),
    lookBackDays: z.number().int(),
    conversions: z.number().int().meta({ description: 'Conversions that occurred in the period' }),
    values: z.array(MoneyView),
    byChannel: z.array(AttributionRow),
    byPost: z.array(AttributionRow),
    byLink: z.array(AttributionRow),
    byCampaign: z.array(AttributionRow),
    unattributed: z.object({ conversions: z.number(), values: z.array(MoneyView) }),
    definition: z.string().meta({ description: 'Where the models are defined' }),
    source: z.string(),
  })
  .meta({ id: 'AttributionReport' });
export type AttributionReport = z.infer<typeof AttributionReport>;
