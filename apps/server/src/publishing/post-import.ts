import { CreatePostBody, PostFormat, type PostVariant, type PublicationContent } from '@sillage/contracts';
import type { Publication } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest } from '../http/errors.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import type { ChannelRecord, ChannelsRepository } from '../repositories/channels.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { createPostScheduleRepository } from './post-schedule.repository.ts';
import type { PublicationsRepository } from './publications.repository.ts';

/** The columns of an import file; `media_url` and `format` may be empty. */
export const importColumns = ['date', 'time', 'zone', 'channels', 'text', 'media_url', 'format'] as const;
const required = ['date', 'time', 'zone', 'channels', 'text'] as const;
const MAX_ROWS = 5_000;

export type CsvRecord = { line: number; cells: string[] };

/** Why a file is not a CSV we can read; nothing is imported. */
export class NotCsvError extends Error {}

/**
 * RFC 4180 CSV: comma-separated, fields quoted with double quotes ("" inside quotes is a quote), CRLF or LF.
 * Each record keeps the physical line it starts on (line 1 is the header). Blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  if (text.includes('\u0000') || text.includes('\ufffd'))
    throw new NotCsvError('The file is binary or not UTF-8 text; export it from your spreadsheet as CSV (UTF-8).');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const source = text.replace(/^\ufeff/, '');
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    fieldStarted = false;
  };
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        cell += char;
      }
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new NotCsvError(`A quoted field opened on line ${recordLine} is never closed.`);
  if (cell !== '' || cells.length) endRecord();
  return records;
}

const mimeTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
};

/** What the posts service's `validate` returns for a create request it accepts. */
export type CheckedPost = { channelIds: string[]; contents: Map<string, PublicationContent>; publication: Publication };
type Validate = (
  actor: ActorInWorkspace,
  input: CreatePostBody,
  known: { channels: ChannelRecord[] },
) => Promise<CheckedPost>;

/** One data row as a create request (or the reason it cannot be one), channels given by id or name. */
export function rowToCreateBody(
  header: readonly string[],
  record: CsvRecord,
  channels: readonly { id: string; displayName: string }[],
): { ok: true; input: CreatePostBody } | { ok: false; reason: string } {
  if (record.cells.length !== header.length)
    return { ok: false, reason: `Expected ${header.length} columns, found ${record.cells.length}.` };
  const value = (name: string) => (record.cells[header.indexOf(name)] ?? '').trim();
  const channelIds: string[] = [];
  for (const name of value('channels')
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const channel = channels.find(
      (candidate) => candidate.id === name || candidate.displayName.toLowerCase() === name.toLowerCase(),
    );
    if (!channel) return { ok: false, reason: `channels: no channel "${name}" in this workspace.` };
    channelIds.push(channel.id);
  }
  if (channelIds.length === 0) return { ok: false, reason: 'channels: name at least one channel (separate with |).' };
  const format = value('format');
  if (format && !PostFormat.safeParse(format).success)
    return { ok: false, reason: `format: "${format}" is not one of ${PostFormat.options.join(', ')}.` };
  const mediaUrl = value('media_url');
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(mediaUrl)?.[1]?.toLowerCase() ?? '';
  if (mediaUrl && !mimeTypes[extension])
    return {
      ok: false,
      reason: `media_url: cannot tell the media type of "${mediaUrl}"; use a URL ending in ${Object.keys(mimeTypes).join(', ')}.`,
    };
  const variant: Omit<PostVariant, 'channelId'> = {
    ...(format ? { format: format as PostVariant['format'] & string } : {}),
    ...(mediaUrl ? { media: [{ url: mediaUrl, mimeType: mimeTypes[extension]! }] } : {}),
  };
  const body = CreatePostBody.safeParse({
    text: value('text'),
    channelIds,
    schedule: { date: value('date'), time: value('time'), timeZone: value('zone') },
    ...(format || mediaUrl ? { variants: channelIds.map((channelId) => ({ channelId, ...variant })) } : {}),
  });
  if (!body.success) {
    const issue = body.error.issues[0]!;
    const field = issue.path.at(-1) === 'timeZone' ? 'zone' : String(issue.path.at(-1) ?? 'row');
    return { ok: false, reason: `${field}: ${issue.message}.` };
  }
  return { ok: true, input: body.data };
}

/** The CSV import: every row checked as `create` checks a post, then the good rows written in one transaction. */
export function createPostImport(deps: {
  db: Kysely<DB>;
  posts: { validate: Validate };
  publications: PublicationsRepository;
  channels: ChannelsRepository;
  now: () => Date;
}) {
  const schedule = createPostScheduleRepository(deps.db);
  const audit = createAuditRepository(deps.db);

  return async function importPosts(actor: ActorInWorkspace, csv: string) {
    let records: CsvRecord[];
    try {
      records = parseCsv(csv);
    } catch (error) {
      if (error instanceof NotCsvError) throw badRequest('not_csv', `Nothing was imported: ${error.message}`);
      throw error;
    }
    const [head, ...rows] = records;
    const header = (head?.cells ?? []).map((name) => name.trim().toLowerCase());
    const missing = required.filter((name) => !header.includes(name));
    if (!head || missing.length)
      throw badRequest(
        'not_csv',
        `Nothing was imported: the first line must be the header ${importColumns.join(',')} ` +
          `(missing: ${missing.join(', ')}).`,
        { missing },
      );
    const unknown = header.filter((name) => !(importColumns as readonly string[]).includes(name));
    if (unknown.length)
      throw badRequest('not_csv', `Nothing was imported: unknown columns ${unknown.join(', ')}.`, { unknown });
    // A header without rows is a CSV with nothing in it: an empty report, not an error.
    if (rows.length === 0) return { rows: 0, imported: 0, rejected: [] };
    if (rows.length > MAX_ROWS)
      throw badRequest('too_many_rows', `Nothing was imported: ${rows.length} rows; import at most ${MAX_ROWS}.`);

    const channels = await deps.channels.list(actor.workspaceId);
    const good: { line: number; input: CreatePostBody; checked: CheckedPost }[] = [];
    const rejected: { line: number; reason: string }[] = [];
    for (const record of rows) {
      const row = rowToCreateBody(header, record, channels);
      if (!row.ok) {
        rejected.push({ line: record.line, reason: row.reason });
        continue;
      }
      try {
        const checked = await deps.posts.validate(actor, row.input, { channels });
        good.push({ line: record.line, input: row.input, checked });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        rejected.push({ line: record.line, reason: error.message });
      }
    }

    await deps.db.transaction().execute(async (trx) => {
      const ids = await schedule.insertPosts(
        good.map((row) => ({ workspaceId: actor.workspaceId, authorId: actor.userId, text: row.input.text })),
        deps.now(),
        trx,
      );
      const publications = good.flatMap((row, index) =>
        row.checked.channelIds.map((channelId) => ({
          workspaceId: actor.workspaceId,
          postId: ids[index]!,
          channelId,
          publication: row.checked.publication,
          timeZone: row.input.schedule?.timeZone ?? null,
          localDate: row.input.schedule?.date ?? null,
          localTime: row.input.schedule?.time ?? null,
          content: row.checked.contents.get(channelId)!,
        })),
      );
      for (let start = 0; start < publications.length; start += 300)
        await deps.publications.insert(publications.slice(start, start + 300), trx);
      await audit.insert(
        {
          workspaceId: actor.workspaceId,
          actorUserId: actor.userId,
          actorEmail: actor.email,
          action: 'posts.import',
          targetType: 'workspace',
          targetId: actor.workspaceId,
          ip: actor.ip,
          outcome: 'success',
          details: { rows: rows.length, imported: good.length, rejected: rejected.map((row) => row.line) },
        },
        trx,
      );
    });
    return { rows: rows.length, imported: good.length, rejected };
  };
}

export type PostImport = ReturnType<typeof createPostImport>;
