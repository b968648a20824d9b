import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound } from '../http/errors.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import { hashSecret, newSecret } from '../security/tokens.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { createPostScheduleRepository } from './post-schedule.repository.ts';

const dayMs = 86_400_000;
const FEED_PAST_DAYS = 30;
const FEED_FUTURE_DAYS = 180;
const FEED_LIMIT = 5_000;

export type FeedEntry = {
  id: string;
  state: string;
  scheduledAt: Date | null;
  updatedAt: Date;
  url: string | null;
  text: string;
  network: string;
  channelName: string;
};

/** RFC 5545 §3.3.11 text: backslash, semicolon, comma and newlines escaped. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF and one space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const icsInstant = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The VCALENDAR of a workspace's publications: one VEVENT each, at its UTC instant (DST-proof in any client). */
export function renderIcs(input: { workspaceName: string; entries: readonly FeedEntry[]; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sillage//Calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`Sillage · ${input.workspaceName}`)}`,
  ];
  for (const entry of input.entries) {
    if (entry.scheduledAt === null) continue;
    const summary = entry.text.length > 60 ? `${entry.text.slice(0, 59)}…` : entry.text;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${entry.id}@sillage`,
      `DTSTAMP:${icsInstant(input.now)}`,
      `LAST-MODIFIED:${icsInstant(entry.updatedAt)}`,
      `DTSTART:${icsInstant(entry.scheduledAt)}`,
      `DTEND:${icsInstant(new Date(entry.scheduledAt.getTime() + 15 * 60_000))}`,
      `SUMMARY:${icsText(`[${entry.network}] ${summary}`)}`,
      `DESCRIPTION:${icsText(`${entry.channelName} (${entry.network}), ${entry.state}\n\n${entry.text}`)}`,
      `STATUS:${entry.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      ...(entry.url ? [`URL:${entry.url}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Each member's secret feed URL, and the feed it serves (30 days back, 180 ahead). */
export function createCalendarFeed(deps: { db: Kysely<DB>; now: () => Date }) {
  const schedule = createPostScheduleRepository(deps.db);
  const audit = createAuditRepository(deps.db);
  return {
    /** A new secret URL for the caller in this workspace; the previous one stops working. */
    async renew(actor: ActorInWorkspace): Promise<{ path: string }> {
      const token = newSecret('cal_');
      await deps.db.transaction().execute(async (trx) => {
        await schedule.replaceFeed(
          { workspaceId: actor.workspaceId, userId: actor.userId, tokenHash: hashSecret(token), now: deps.now() },
          trx,
        );
        await audit.insert(
          {
            workspaceId: actor.workspaceId,
            actorUserId: actor.userId,
            actorEmail: actor.email,
            action: 'calendar.feed_renewed',
            targetType: 'user',
            targetId: actor.userId,
            ip: actor.ip,
            outcome: 'success',
          },
          trx,
        );
      });
      return { path: `/api/calendar-feeds/${token}` };
    },

    /** The feed of a secret; a secret that is unknown, replaced or of a former member is not found. */
    async render(token: string): Promise<string> {
      const feed = await schedule.findFeed(hashSecret(token));
      if (!feed) throw notFound('calendar feed');
      const now = deps.now();
      const entries = await schedule.feedEntries(feed.workspaceId, {
        from: new Date(now.getTime() - FEED_PAST_DAYS * dayMs),
        to: new Date(now.getTime() + FEED_FUTURE_DAYS * dayMs),
        limit: FEED_LIMIT,
      });
      return renderIcs({ workspaceName: feed.workspaceName, entries, now });
    },
  };
}

export type CalendarFeed = ReturnType<typeof createCalendarFeed>;
