/**
 * History import of the "Facebook metrics" dataset (Moro, Rita & Vala 2016, CC BY 4.0; UCI ML repository):
 * 500 posts of a cosmetics brand's page in 2014, semicolon-separated, one post per line, lifetime figures.
 * Maps its columns onto Sillage's post metrics. Empty fields are kept as `not_reported` (never 0) and the
 * row is listed as incomplete; rows whose impressions are below their reach are kept and flagged; rows
 * that cannot be read (wrong column count, a value that is not a number in range) are rejected.
 * Every issue carries its line (1 = header), a message code with parameters, and an English message.
 */
import { engagementRateByImpressions, engagementRateByReach, engagements } from './audience-kpis.ts';
import {
  isReported,
  notReported,
  type Count,
  type MetricResult,
  type NotReported,
  type Ratio,
} from './metric-result.ts';

export type FacebookPostType = 'photo' | 'status' | 'link' | 'video';

/** The dataset's three content categories, in the order the paper lists them (its file gives codes only). */
export const facebookCategoryCodes = { 1: 'action', 2: 'product', 3: 'inspiration' } as const;

/** One post of the dataset, in Sillage's words. All figures are lifetime totals of the post. */
export type ImportedFacebookPost = {
  /** Line in the file (1 is the header). */
  line: number;
  /** Page likes (followers) when the post was published. */
  pageTotalLikes: Count;
  type: FacebookPostType | NotReported;
  /** 1 action (offers, contests), 2 product (explicit brand content), 3 inspiration (non-explicit). */
  category: 1 | 2 | 3 | NotReported;
  /** When it was published; the dataset gives no year (2014) and no time zone. */
  postedMonth: Count;
  /** 1-7 as coded by the dataset, which does not say which day 1 is. */
  postedWeekday: Count;
  postedHour: Count;
  paid: boolean | NotReported;
  reach: Count;
  impressions: Count;
  /** Unique people who clicked anywhere in the post. */
  engagedUsers: Count;
  /** Unique people who clicked (consumers) and the clicks (consumptions). */
  consumers: Count;
  consumptions: Count;
  /** Impressions, reach and engaged users among people who like the page. */
  fanImpressions: Count;
  fanReach: Count;
  fanEngagedUsers: Count;
  comments: Count;
  /** The dataset's "like" column: likes of the post (reactions). */
  reactions: Count;
  shares: Count;
  /** The dataset's "Total Interactions" = comments + likes + shares: Sillage's engagements for this source. */
  interactions: Count;
};

export type FacebookImportIssue = {
  line: number;
  code:
    | 'facebook_import.wrong_column_count'
    | 'facebook_import.invalid_value'
    | 'facebook_import.empty_fields'
    | 'facebook_import.impressions_below_reach'
    | 'facebook_import.interactions_total_mismatch';
  params: Record<string, string | number>;
  message: string;
};

export type FacebookImportResult = {
  posts: ImportedFacebookPost[];
  /** Lines not imported. */
  rejected: FacebookImportIssue[];
  /** Imported with some fields `not_reported`. */
  incomplete: FacebookImportIssue[];
  /** Imported but inconsistent (impressions below reach, interactions not the sum of their parts). */
  flagged: FacebookImportIssue[];
};

type Column = { header: string; field: keyof ImportedFacebookPost; min?: number; max?: number };

/** The dataset's 19 columns, in file order. */
export const facebookMetricsColumns: readonly Column[] = [
  { header: 'Page total likes', field: 'pageTotalLikes' },
  { header: 'Type', field: 'type' },
  { header: 'Category', field: 'category' },
  { header: 'Post Month', field: 'postedMonth', min: 1, max: 12 },
  { header: 'Post Weekday', field: 'postedWeekday', min: 1, max: 7 },
  { header: 'Post Hour', field: 'postedHour', min: 0, max: 23 },
  { header: 'Paid', field: 'paid' },
  { header: 'Lifetime Post Total Reach', field: 'reach' },
  { header: 'Lifetime Post Total Impressions', field: 'impressions' },
  { header: 'Lifetime Engaged Users', field: 'engagedUsers' },
  { header: 'Lifetime Post Consumers', field: 'consumers' },
  { header: 'Lifetime Post Consumptions', field: 'consumptions' },
  { header: 'Lifetime Post Impressions by people who have liked your Page', field: 'fanImpressions' },
  { header: 'Lifetime Post reach by people who like your Page', field: 'fanReach' },
  { header: 'Lifetime People who have liked your Page and engaged with your post', field: 'fanEngagedUsers' },
  { header: 'comment', field: 'comments' },
  { header: 'like', field: 'reactions' },
  { header: 'share', field: 'shares' },
  { header: 'Total Interactions', field: 'interactions' },
];

const postTypes: Record<string, FacebookPostType> = { Photo: 'photo', Status: 'status', Link: 'link', Video: 'video' };

function issue(
  line: number,
  code: FacebookImportIssue['code'],
  params: FacebookImportIssue['params'],
  message: string,
) {
  return { line, code, params, message };
}

/** Reads one non-empty cell; returns the value or an error message. */
function readCell(column: Column, raw: string): { ok: true; value: unknown } | { ok: false; expected: string } {
  if (column.field === 'type') {
    const type = postTypes[raw];
    return type === undefined ? { ok: false, expected: 'Photo, Status, Link or Video' } : { ok: true, value: type };
  }
  if (column.field === 'category') {
    return ['1', '2', '3'].includes(raw) ? { ok: true, value: Number(raw) } : { ok: false, expected: '1, 2 or 3' };
  }
  if (column.field === 'paid') {
    return raw === '0' || raw === '1' ? { ok: true, value: raw === '1' } : { ok: false, expected: '0 or 1' };
  }
  const expected = `a whole number${column.min === undefined ? ' ≥ 0' : ` from ${column.min} to ${column.max}`}`;
  if (!/^\d+$/.test(raw)) return { ok: false, expected };
  const value = Number(raw);
  if (column.min !== undefined && column.max !== undefined && (value < column.min || value > column.max)) {
    return { ok: false, expected };
  }
  return { ok: true, value };
}

/** Parses one data line; undefined `post` means rejected. */
function parseLine(
  cells: string[],
  line: number,
): { post?: ImportedFacebookPost; rejected?: FacebookImportIssue; emptyColumns: string[] } {
  if (cells.length !== facebookMetricsColumns.length) {
    const message = `Line ${line} has ${cells.length} fields; the dataset has ${facebookMetricsColumns.length} separated by ";". Check the separator and that no field holds a ";".`;
    return {
      rejected: issue(line, 'facebook_import.wrong_column_count', { found: cells.length, expected: 19 }, message),
      emptyColumns: [],
    };
  }
  const post: Record<string, unknown> = { line };
  const emptyColumns: string[] = [];
  for (const [index, column] of facebookMetricsColumns.entries()) {
    const raw = (cells[index] ?? '').trim();
    if (raw === '') {
      emptyColumns.push(column.header);
      post[column.field] = notReported();
      continue;
    }
    const cell = readCell(column, raw);
    if (!cell.ok) {
      const message = `Line ${line}, column "${column.header}": "${raw}" is not ${cell.expected}. Fix the value or remove the line.`;
      const params = { column: column.header, value: raw, expected: cell.expected };
      return { rejected: issue(line, 'facebook_import.invalid_value', params, message), emptyColumns };
    }
    post[column.field] = cell.value;
  }
  return { post: post as ImportedFacebookPost, emptyColumns };
}

function consistencyIssues(post: ImportedFacebookPost): FacebookImportIssue[] {
  const found: FacebookImportIssue[] = [];
  const { line, reach, impressions, comments, reactions, shares, interactions } = post;
  if (isReported(reach) && isReported(impressions) && impressions < reach) {
    const message = `Line ${line}: impressions (${impressions}) are below reach (${reach}), impossible for one post (each person reached saw it at least once). Kept; its frequency and rates by impressions are suspect.`;
    found.push(issue(line, 'facebook_import.impressions_below_reach', { reach, impressions }, message));
  }
  if (isReported(comments) && isReported(reactions) && isReported(shares) && isReported(interactions)) {
    const sum = comments + reactions + shares;
    if (sum !== interactions) {
      const message = `Line ${line}: Total Interactions (${interactions}) is not comment + like + share (${sum}). Kept; engagements use the reported total.`;
      found.push(issue(line, 'facebook_import.interactions_total_mismatch', { interactions, sum }, message));
    }
  }
  return found;
}

/**
 * Imports the dataset's CSV text (header line included; CRLF or LF; a UTF-8 BOM is ignored).
 * Throws when the header is not the dataset's, naming the first column that differs.
 * @example importFacebookMetrics(csvText).posts.length // 495 imported + 5 incomplete among them = 500
 */
export function importFacebookMetrics(csv: string): FacebookImportResult {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(';').map((cell) => cell.trim());
  facebookMetricsColumns.forEach((column, index) => {
    if (header[index] !== column.header) {
      throw new RangeError(
        `Line 1, column ${index + 1}: expected the header "${column.header}", found "${header[index] ?? ''}". Is this the Facebook metrics dataset (dataset_Facebook.csv)?`,
      );
    }
  });
  const result: FacebookImportResult = { posts: [], rejected: [], incomplete: [], flagged: [] };
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    if (text.trim() === '') return;
    const parsed = parseLine(text.split(';'), line);
    if (parsed.rejected !== undefined || parsed.post === undefined) {
      if (parsed.rejected !== undefined) result.rejected.push(parsed.rejected);
      return;
    }
    result.posts.push(parsed.post);
    if (parsed.emptyColumns.length > 0) {
      const columns = parsed.emptyColumns.join(', ');
      const message = `Line ${line}: empty ${parsed.emptyColumns.length === 1 ? 'field' : 'fields'} ${columns}. Imported; ${parsed.emptyColumns.length === 1 ? 'it is' : 'they are'} "not reported", not 0.`;
      result.incomplete.push(issue(line, 'facebook_import.empty_fields', { columns }, message));
    }
    result.flagged.push(...consistencyIssues(parsed.post));
  });
  return result;
}

/**
 * Engagements and engagement rates of one imported post. Engagements are the reported Total Interactions
 * (comments + likes + shares; this source has no saves and counts no link clicks); when that total is
 * empty, the sum of the reported parts (with a note naming the missing ones). The rate by impressions of
 * a post whose impressions are below its reach carries an `includes_inconsistent_source` note.
 * @example facebookPostEngagement(post).rateByReach // 100 / 2752 = 0.0363...
 */
export function facebookPostEngagement(post: ImportedFacebookPost): {
  engagements: MetricResult<number>;
  rateByReach: MetricResult<Ratio>;
  rateByImpressions: MetricResult<Ratio>;
} {
  const total: MetricResult<number> = isReported(post.interactions)
    ? { kind: 'value', value: post.interactions }
    : engagements({ reactions: post.reactions, comments: post.comments, shares: post.shares, saves: notReported() });
  const count: Count = total.kind === 'value' ? total.value : notReported();
  const rateByReach = engagementRateByReach({ items: [{ engagements: count, reach: post.reach }] });
  let rateByImpressions = engagementRateByImpressions([{ engagements: count, impressions: post.impressions }]);
  const inconsistent = isReported(post.reach) && isReported(post.impressions) && post.impressions < post.reach;
  if (inconsistent && rateByImpressions.kind === 'value') {
    const notes = [...(rateByImpressions.notes ?? []), { code: 'includes_inconsistent_source', count: 1 } as const];
    rateByImpressions = { ...rateByImpressions, notes };
  }
  return { engagements: total, rateByReach, rateByImpressions };
}
