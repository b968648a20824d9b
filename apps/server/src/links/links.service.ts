import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { CreateTrackedLinkBody, UtmConventionsBody } from '@sillage/contracts';
import { buildUtmUrl, classifyUserAgent, defaultUtmConventions, type UtmConventions } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { LinksRepository, TrackedLinkRecord } from './links.repository.ts';

/** The first-party cookie (on Sillage's host) and query parameter (on the destination) carrying the visitor id. */
export const VISITOR_COOKIE = 'slg_v';
export const VISITOR_PARAM = 'slg_v';
/** 13 months, the longest a French audience-measurement cookie may live (CNIL). */
export const VISITOR_COOKIE_MAX_AGE_SECONDS = 395 * 86_400;
const VISITOR_ID = /^[A-Za-z0-9-]{16,64}$/;
const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random short code of `length` characters without look-alikes (0/O, 1/l/I). */
function drawCode(length = 8): string {
  const bytes = randomBytes(length);
  return [...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
}

/** Where a link redirects: the destination with its UTM parameters, built again from what was stored. */
export function targetUrlOf(link: TrackedLinkRecord): string {
  const built = buildUtmUrl(
    link.destinationUrl,
    {
      source: link.utm.source,
      medium: link.utm.medium,
      campaign: link.utm.campaign,
      term: link.utm.term ?? undefined,
      content: link.utm.content ?? undefined,
    },
    // The stored values are already normalised: keep them as they are.
    { lowercase: false, separator: '-', allowedMediums: [] },
  );
  return built.ok ? built.url : link.destinationUrl;
}

/** Tracked links: UTM conventions, link creation, the list with clicks, and the click counter of /l/:code. */
export function createLinksService(deps: {
  db: Kysely<DB>;
  links: LinksRepository;
  audit: AuditRepository;
  secretKey: Buffer;
  now: () => Date;
}) {
  const { db, links, audit, now } = deps;
  // A key for address hashes only, derived from the instance key (never the key itself).
  const hashKey = createHmac('sha256', deps.secretKey).update('sillage:link-click-ip').digest();

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

  async function conventionsOf(workspaceId: string): Promise<UtmConventions> {
    return (await links.conventions(workspaceId)) ?? defaultUtmConventions;
  }

  return {
    conventionsOf,

    async setConventions(actor: ActorInWorkspace, input: UtmConventionsBody): Promise<UtmConventions> {
      const conventions: UtmConventions = {
        lowercase: input.lowercase,
        separator: input.separator,
        allowedMediums: [...new Set(input.allowedMediums.map((medium) => medium.trim()))],
      };
      await db.transaction().execute(async (trx) => {
        await links.saveConventions(actor.workspaceId, conventions, actor.userId, now(), trx);
        await audit.insert(
          auditEntry(actor, 'links.utm_conventions.updated', 'workspace', actor.workspaceId, { ...conventions }),
          trx,
        );
      });
      return conventions;
    },

    async create(actor: ActorInWorkspace, input: CreateTrackedLinkBody): Promise<TrackedLinkRecord> {
      const conventions = await conventionsOf(actor.workspaceId);
      const built = buildUtmUrl(input.destinationUrl, input.utm, conventions);
      if (!built.ok) {
        const details = built.issues.map((issue) => ({
          path: issue.field === 'url' ? 'body.destinationUrl' : `body.utm.${issue.field}`,
          message: issue.reason,
        }));
        throw new AppError(
          400,
          'validation_failed',
          `Some fields are not valid (${details.map((detail) => detail.path).join(', ')}); correct them and try again.`,
          details,
        );
      }
      const owned = await links.ownsTargets(actor.workspaceId, input);
      const foreign = (['post', 'publication', 'channel'] as const).filter((name) => !owned[name]);
      if (foreign.length > 0)
        throw badRequest(
          'unknown_target',
          `No ${foreign.join(', ')} with this id in this workspace; pick one from the workspace or leave it empty.`,
          foreign.map((name) => ({ path: `body.${name}Id`, message: `No such ${name} in this workspace.` })),
        );
      return db.transaction().execute(async (trx) => {
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const link = await links.insertLink(
            {
              workspaceId: actor.workspaceId,
              code: drawCode(),
              destinationUrl: input.destinationUrl.trim(),
              utm: built.params,
              postId: input.postId,
              publicationId: input.publicationId,
              channelId: input.channelId,
              campaignId: input.campaignId,
              createdBy: actor.userId,
              createdAt: now(),
            },
            trx,
          );
          if (!link) continue;
          await audit.insert(
            auditEntry(actor, 'links.created', 'tracked_link', link.id, {
              code: link.code,
              destination: link.destinationUrl,
              utm: built.params,
            }),
            trx,
          );
          return link;
        }
        throw new AppError(503, 'code_space_busy', 'No free short code was found; try again.');
      });
    },

    list: (actor: ActorInWorkspace) => links.listWithClicks(actor.workspaceId),

    /**
     * Follows a short code: the redirect target (with the visitor id for the destination's snippet) and
     * whether the request was counted as a click. HEAD requests are not recorded; bots are recorded apart
     * (`is_bot`), never counted as clicks nor used for attribution.
     */
    async follow(input: {
      code: string;
      method: string;
      userAgent: string | undefined;
      ip: string;
      referrer: string | undefined;
      visitorCookie: string | undefined;
    }): Promise<{ location: string; visitorId: string | undefined; counted: boolean } | undefined> {
      const link = await links.findByCode(input.code);
      if (!link) return undefined;
      const userAgentClass = classifyUserAgent(input.userAgent);
      const isBot = userAgentClass === 'bot';
      const target = new URL(targetUrlOf(link));
      // A bot gets no visitor id: it is not a person, and its request must not seed attribution.
      const visitorId = isBot
        ? undefined
        : input.visitorCookie !== undefined && VISITOR_ID.test(input.visitorCookie)
          ? input.visitorCookie
          : randomUUID();
      if (visitorId !== undefined) {
        const param = `${VISITOR_PARAM}=${visitorId}`;
        target.search = target.search === '' ? param : `${target.search.slice(1)}&${param}`;
      }
      if (input.method === 'HEAD') return { location: target.toString(), visitorId, counted: false };
      await links.insertClick({
        workspaceId: link.workspaceId,
        linkId: link.id,
        at: now(),
        visitorId: visitorId ?? 'bot',
        ipHash: createHmac('sha256', hashKey).update(input.ip).digest('base64url'),
        userAgentClass,
        referrerHost: referrerHost(input.referrer),
        isBot,
      });
      return { location: target.toString(), visitorId, counted: !isBot };
    },
  };
}

function referrerHost(referrer: string | undefined): string | null {
  if (!referrer) return null;
  try {
    return new URL(referrer).hostname.slice(0, 255) || null;
  } catch {
    return null;
  }
}

export type LinksService = ReturnType<typeof createLinksService>;
