import { randomBytes } from 'node:crypto';
import {
  ConversionRequest,
  type AttributionQuery,
  type AttributionReport,
  type CreateSiteKeyBody,
} from '@sillage/contracts';
import {
  addLocalDays,
  attribute,
  localDaysBetween,
  sumMoney,
  zonedToUtc,
  type Credit,
  type ConversionEvent,
  type Money,
  type Touchpoint,
  utcToZoned,
} from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, notFound, tooManyRequests, validationError } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { RateLimitService } from '../services/rate-limit.service.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { parseConversionsCsv, type ImportRowError } from './conversion-import.ts';
import type { ConversionsRepository } from './conversions.repository.ts';
import type { AttributableClick, LinksRepository } from './links.repository.ts';
import type { SiteKeyRecord, SiteKeysRepository } from './site-keys.repository.ts';

const dayMs = 86_400_000;
const MAX_REPORT_DAYS = 366;
/** The default period: the 28 whole local days before today. */
const DEFAULT_REPORT_DAYS = 28;

/** The HTML to paste into a site: the snippet, with the key and this Sillage's address. */
export function snippetHtml(publicUrl: string, publicKey: string): string {
  return `<script async src="${publicUrl}/sillage.js" data-site-key="${publicKey}"></script>`;
}

/** Site keys, the public conversion endpoint, CSV imports and the attribution report. */
export function createConversionsService(deps: {
  db: Kysely<DB>;
  siteKeys: SiteKeysRepository;
  conversions: ConversionsRepository;
  links: LinksRepository;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  rateLimit: RateLimitService;
  now: () => Date;
}) {
  const { db, siteKeys, conversions, links, audit, now } = deps;

  const auditEntry = (
    actor: ActorInWorkspace,
    action: string,
    targetType: string,
    targetId: string,
    details: Record<string, unknown>,
  ) => ({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action,
    targetType,
    targetId,
    ip: actor.ip,
    outcome: 'success' as const,
    details,
  });

  return {
    async createSiteKey(actor: ActorInWorkspace, input: CreateSiteKeyBody): Promise<SiteKeyRecord> {
      const origins = [...new Set(input.allowedOrigins.map((origin) => new URL(origin).origin))];
      return db.transaction().execute(async (trx) => {
        const key = await siteKeys.insert(
          {
            workspaceId: actor.workspaceId,
            publicKey: `slg_pk_${randomBytes(18).toString('base64url')}`,
            name: input.name,
            allowedOrigins: origins,
            createdBy: actor.userId,
            at: now(),
          },
          trx,
        );
        await audit.insert(
          auditEntry(actor, 'conversions.site_key.created', 'site_key', key.id, {
            name: key.name,
            allowedOrigins: origins,
          }),
          trx,
        );
        return key;
      });
    },

    listSiteKeys: (actor: ActorInWorkspace) => siteKeys.list(actor.workspaceId),

    async revokeSiteKey(actor: ActorInWorkspace, siteKeyId: string): Promise<SiteKeyRecord> {
      return db.transaction().execute(async (trx) => {
        const key = await siteKeys.revoke(actor.workspaceId, siteKeyId, now(), trx);
        if (!key) throw notFound('site key');
        await audit.insert(
          auditEntry(actor, 'conversions.site_key.revoked', 'site_key', key.id, { name: key.name }),
          trx,
        );
        return key;
      });
    },

    /**
     * The public endpoint: checks the site key, the Origin (when a browser sent one), the key's rate limit and
     * the event; records it unless its event id is already recorded. Returns the CORS origin to allow.
     */
    async record(input: {
      body: unknown;
      origin: string | undefined;
      ip: string;
    }): Promise<{ status: 'recorded' | 'duplicate'; eventId: string; allowOrigin: string | undefined }> {
      let raw = input.body;
      if (typeof raw === 'string') {
        try {
          raw = JSON.parse(raw) as unknown;
        } catch {
          throw badRequest('invalid_json', 'The body is not JSON; send the event as a JSON object.');
        }
      }
      const parsed = ConversionRequest.safeParse(raw);
      if (!parsed.success) throw validationError('body', parsed.error);
      const event = parsed.data;
      const key = await siteKeys.findActive(event.siteKey);
      if (!key)
        throw new AppError(
          401,
          'invalid_site_key',
          'This site key is unknown or revoked; copy the current key from the workspace settings (Links › Site keys).',
        );
      if (input.origin !== undefined && !key.allowedOrigins.includes(input.origin))
        throw new AppError(
          403,
          'origin_not_allowed',
          `The origin ${input.origin} is not allowed for this site key; add it to the key's allowed origins.`,
        );
      const decision = await deps.rateLimit.hitApi(`site_key:${key.id}`);
      if (!decision.allowed)
        throw tooManyRequests(
          decision.retryAfterSeconds,
          `Too many events for this site key; retry in ${decision.retryAfterSeconds} seconds.`,
        );
      const receivedAt = now();
      const occurredAt = event.occurredAt ? new Date(event.occurredAt) : receivedAt;
      if (occurredAt.getTime() > receivedAt.getTime() + 5 * 60_000)
        throw badRequest('occurred_in_future', 'occurredAt is in the future; send when the conversion happened.', [
          { path: 'body.occurredAt', message: 'In the future' },
        ]);
      const inserted = await conversions.insertNew([
        {
          workspaceId: key.workspaceId,
          eventId: event.eventId,
          type: event.type,
          value: event.value,
          visitorId: event.visitorId,
          occurredAt,
          receivedAt,
          source: input.origin !== undefined ? 'snippet' : 'server',
          siteKeyId: key.id,
        },
      ]);
      return { status: inserted === 1 ? 'recorded' : 'duplicate', eventId: event.eventId, allowOrigin: input.origin };
    },

    /** A CSV of orders or leads: every row is checked first; one bad row and nothing is written. */
    async importCsv(actor: ActorInWorkspace, csv: string): Promise<{ imported: number; duplicates: number }> {
      const parsed = parseConversionsCsv(csv);
      if (!parsed.ok && 'notCsv' in parsed)
        throw badRequest('not_a_conversions_csv', `Nothing was imported. ${parsed.notCsv}`);
      if (!parsed.ok) {
        const errors: ImportRowError[] = parsed.errors;
        throw badRequest(
          'import_rows_invalid',
          `Nothing was imported: ${errors.length} row(s) are not valid (line ${errors.map((error) => error.line).join(', ')}); correct them and send the file again.`,
          errors,
        );
      }
      const receivedAt = now();
      return db.transaction().execute(async (trx) => {
        const imported = await conversions.insertNew(
          parsed.rows.map((row) => ({
            workspaceId: actor.workspaceId,
            eventId: row.eventId,
            type: row.type,
            value: row.value,
            visitorId: row.visitorId,
            occurredAt: row.occurredAt,
            receivedAt,
            source: 'import' as const,
            siteKeyId: null,
          })),
          trx,
        );
        const result = { imported, duplicates: parsed.rows.length - imported };
        await audit.insert(
          auditEntry(actor, 'conversions.imported', 'workspace', actor.workspaceId, {
            rows: parsed.rows.length,
            ...result,
          }),
          trx,
        );
        return result;
      });
    },

    /**
     * Conversions that occurred in a period of local days, attributed by the domain's `attribute` to the
     * clicks from people on the workspace's links (per channel, post, campaign and link).
     */
    async attributionReport(actor: ActorInWorkspace, query: AttributionQuery): Promise<AttributionReport> {
      const workspace = await deps.workspaces.findById(actor.workspaceId);
      if (!workspace) throw notFound('workspace');
      const timeZone = workspace.timeZone;
      const end = query.end ?? utcToZoned(now(), timeZone).date;
      const start = query.start ?? addLocalDays(end, -DEFAULT_REPORT_DAYS);
      const days = localDaysBetween(start, end);
      if (days <= 0 || days > MAX_REPORT_DAYS)
        throw badRequest('invalid_period', `The period must be 1 to ${MAX_REPORT_DAYS} days with end after start.`, [
          { path: 'query.end', message: 'end must be after start' },
        ]);
      const startUtc = zonedToUtc({ date: start, time: '00:00', timeZone });
      const endUtc = zonedToUtc({ date: end, time: '00:00', timeZone });
      if (!startUtc.ok || !endUtc.ok)
        throw badRequest('invalid_period', 'The period cannot be placed in the workspace time zone.');
      const from = startUtc.instant;
      const to = endUtc.instant;
      const events = await conversions.listOccurred(actor.workspaceId, from, to);
      const clicks = await links.attributableClicks(
        actor.workspaceId,
        new Date(from.getTime() - query.lookBackDays * dayMs),
        to,
      );

      const conversionEvents: ConversionEvent[] = events.map((event) => ({
        eventId: event.eventId,
        type: event.type,
        ...(event.value ? { value: event.value } : {}),
        at: event.occurredAt,
        visitorId: event.visitorId,
      }));
      const channelKey = (click: AttributableClick) => click.channelId ?? `utm_source:${click.utmSource}`;
      const byClick: Touchpoint[] = clicks.map((click) => ({
        visitorId: click.visitorId,
        channel: channelKey(click),
        campaignId: click.campaignId ?? click.utmCampaign,
        ...(click.postId ? { postId: click.postId } : {}),
        at: click.at,
      }));
      // The same clicks keyed by link: the domain's "channel" grouping is reused for a per-link breakdown.
      const byLinkTouch: Touchpoint[] = clicks.map((click) => ({
        visitorId: click.visitorId,
        channel: click.linkId,
        at: click.at,
      }));
      const options = { model: query.model, lookBackDays: query.lookBackDays };
      const result = attribute(byClick, conversionEvents, options);
      const perLink = attribute(byLinkTouch, conversionEvents, options);

      const channelLabels = new Map(
        clicks.map((click) => [channelKey(click), click.channelName ?? `utm_source=${click.utmSource}`]),
      );
      const linkLabels = new Map(clicks.map((click) => [click.linkId, `/l/${click.code}`]));
      const rows = (credits: Credit[], label: (key: string | null) => string) =>
        credits.map((credit) => ({
          key: credit.key,
          label: label(credit.key),
          conversions: round(credit.conversions),
          conversionsByType: Object.fromEntries(
            Object.entries(credit.conversionsByType).map(([type, count]) => [type, round(count ?? 0)]),
          ),
          values: credit.values,
        }));
      return {
        period: { start, end, timeZone },
        model: query.model,
        lookBackDays: query.lookBackDays,
        conversions: conversionEvents.length,
        values: totalsByCurrency(conversionEvents),
        byChannel: rows(result.byChannel, (key) => (key === null ? 'none' : (channelLabels.get(key) ?? key))),
        byPost: rows(result.byPost, (key) => key ?? 'no post'),
        byCampaign: rows(result.byCampaign, (key) => key ?? 'no campaign'),
        byLink: rows(perLink.byChannel, (key) => (key === null ? 'none' : (linkLabels.get(key) ?? key))),
        unattributed: { conversions: result.unattributed.conversions, values: result.unattributed.values },
        definition: 'docs/metrics.md#conversions-and-attribution',
        source: 'Sillage tracked links (/l/:code clicks from people) and conversion events (snippet, server, import)',
      };
    },
  };
}

/** Fractional conversions to 6 decimals (1/3 + 1/3 + 1/3 reads 1, not 0.9999999999999999). */
const round = (value: number) => Math.round(value * 1e6) / 1e6;

function totalsByCurrency(events: readonly ConversionEvent[]): Money[] {
  const byCurrency = new Map<string, Money[]>();
  for (const event of events)
    if (event.value)
      byCurrency.set(event.value.currency, [...(byCurrency.get(event.value.currency) ?? []), event.value]);
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, values]) => {
      const sum = sumMoney(values);
      return sum.kind === 'value' ? [sum.value] : [];
    });
}

export type ConversionsService = ReturnType<typeof createConversionsService>;
