/**
 * Pure translations for Google Business Profile local posts (My Business API v4, see README.md): our request ->
 * a `LocalPost` (STANDARD, EVENT or OFFER), the created post -> PublishResult, the list -> the post we made.
 */
import type { ConnectableAccount, PublishRequest, PublishResult } from '../connector.ts';
import { OutcomeUnknown, Rejected } from '../errors.ts';

export const googleBusinessLimits = {
  /** `summary` limit (characters) enforced by Google on local posts (K: Business Profile help, not the reference). */
  maxSummaryLength: 1500,
  maxMedia: 1,
  maxEventTitleLength: 58,
} as const;

export const callToActionTypes = ['BOOK', 'ORDER', 'SHOP', 'LEARN_MORE', 'SIGN_UP', 'CALL'] as const;
export type CallToActionType = (typeof callToActionTypes)[number];
export type TopicType = 'STANDARD' | 'EVENT' | 'OFFER';

type GoogleDate = { year: number; month: number; day: number };
type GoogleTimeOfDay = { hours: number; minutes: number; seconds: number; nanos: number };

export type LocalPostBody = {
  languageCode: string;
  summary: string;
  topicType: TopicType;
  callToAction?: { actionType: CallToActionType; url?: string };
  event?: {
    title: string;
    schedule: { startDate: GoogleDate; startTime?: GoogleTimeOfDay; endDate: GoogleDate; endTime?: GoogleTimeOfDay };
  };
  offer?: { couponCode?: string; redeemOnlineUrl?: string; termsConditions?: string };
  media?: { mediaFormat: 'PHOTO' | 'VIDEO'; sourceUrl: string }[];
};

/** Characters as people see them (grapheme clusters), the way `capabilities.textCounting` says we count. */
function graphemes(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
}

function option(request: PublishRequest, name: string): string | undefined {
  const value = request.options?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** STANDARD, EVENT or OFFER: `offer` format -> OFFER, `options.topicType: 'EVENT'` -> EVENT. */
export function topicTypeOf(request: PublishRequest): TopicType {
  if (request.format === 'offer') return 'OFFER';
  return option(request, 'topicType') === 'EVENT' ? 'EVENT' : 'STANDARD';
}

function parseDate(value: string | undefined): GoogleDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
}

function parseTime(value: string | undefined): GoogleTimeOfDay | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(value ?? '');
  return match ? { hours: Number(match[1]), minutes: Number(match[2]), seconds: 0, nanos: 0 } : undefined;
}

/** The location a post goes to: credentials.accountId must be `accounts/{a}/locations/{l}`. */
export function isLocationName(value: string): boolean {
  return /^accounts\/[^/]+\/locations\/[^/]+$/.test(value);
}

/** Google Business Profile's own rules, each with what to change. */
export function validateGoogleBusinessRequest(request: PublishRequest): Rejected[] {
  const problems: Rejected[] = [];
  if (request.format !== 'local_post' && request.format !== 'offer')
    problems.push(
      new Rejected(`Google Business Profile publishes local posts and offers, not "${request.format}".`, 'format'),
    );
  const length = graphemes(request.text);
  if (length > googleBusinessLimits.maxSummaryLength)
    problems.push(
      new Rejected(
        `The post is ${length} characters; Google Business Profile allows ${googleBusinessLimits.maxSummaryLength}. Shorten it.`,
        'summary',
      ),
    );
  if (request.media.length > googleBusinessLimits.maxMedia)
    problems.push(new Rejected('A Google Business Profile post carries one photo or video; keep one.', 'media'));
  for (const item of request.media)
    if (!/^(image\/(jpeg|png)|video\/)/.test(item.mimeType))
      problems.push(
        new Rejected(`Google Business Profile takes JPEG or PNG photos, not ${item.mimeType}.`, 'media_type'),
      );
  const topic = topicTypeOf(request);
  if (topic === 'STANDARD' && !request.text.trim() && request.media.length === 0)
    problems.push(new Rejected('A local post needs text or a photo.', 'empty'));
  if (topic !== 'STANDARD') {
    const title = option(request, 'eventTitle') ?? option(request, 'title');
    if (!title) problems.push(new Rejected(`An ${topic.toLowerCase()} needs a title (options.title).`, 'event_title'));
    else if (graphemes(title) > googleBusinessLimits.maxEventTitleLength)
      problems.push(new Rejected(`The ${topic.toLowerCase()} title is limited to 58 characters.`, 'event_title'));
    const start = parseDate(option(request, 'startDate'));
    const end = parseDate(option(request, 'endDate'));
    if (!start || !end)
      problems.push(
        new Rejected(
          `An ${topic.toLowerCase()} needs startDate and endDate (YYYY-MM-DD) in the options.`,
          'event_dates',
        ),
      );
    else if (option(request, 'startDate')! > option(request, 'endDate')!)
      problems.push(new Rejected('The end date is before the start date.', 'event_dates'));
  }
  const cta = option(request, 'callToAction');
  if (cta && !(callToActionTypes as readonly string[]).includes(cta))
    problems.push(new Rejected(`The call to action must be one of ${callToActionTypes.join(', ')}.`, 'call_to_action'));
  if (cta && cta !== 'CALL' && !request.link?.url)
    problems.push(new Rejected(`The "${cta}" button needs a link.`, 'call_to_action'));
  return problems;
}

/** The `LocalPost` body of a request (event and offer details come from `options`). */
export function googleBusinessLocalPost(request: PublishRequest): LocalPostBody {
  const topicType = topicTypeOf(request);
  const body: LocalPostBody = {
    languageCode: option(request, 'languageCode') ?? 'en',
    summary: request.text,
    topicType,
  };
  const cta = (option(request, 'callToAction') ?? (request.link ? 'LEARN_MORE' : undefined)) as
    CallToActionType | undefined;
  // Google ignores callToAction on offers; the offer's own redeem URL carries the link instead.
  if (cta && topicType !== 'OFFER')
    body.callToAction = cta === 'CALL' ? { actionType: 'CALL' } : { actionType: cta, url: request.link?.url };
  if (topicType !== 'STANDARD') {
    const startTime = parseTime(option(request, 'startTime'));
    const endTime = parseTime(option(request, 'endTime'));
    body.event = {
      title: option(request, 'eventTitle') ?? option(request, 'title') ?? '',
      schedule: {
        startDate: parseDate(option(request, 'startDate')) ?? { year: 0, month: 0, day: 0 },
        ...(startTime ? { startTime } : {}),
        endDate: parseDate(option(request, 'endDate')) ?? { year: 0, month: 0, day: 0 },
        ...(endTime ? { endTime } : {}),
      },
    };
  }
  if (topicType === 'OFFER') {
    const couponCode = option(request, 'couponCode');
    const redeemOnlineUrl = option(request, 'redeemOnlineUrl') ?? request.link?.url;
    const termsConditions = option(request, 'termsConditions');
    body.offer = {
      ...(couponCode ? { couponCode } : {}),
      ...(redeemOnlineUrl ? { redeemOnlineUrl } : {}),
      ...(termsConditions ? { termsConditions } : {}),
    };
  }
  if (request.media.length > 0)
    body.media = request.media.map((item) => ({
      mediaFormat: item.mimeType.startsWith('video/') ? 'VIDEO' : 'PHOTO',
      sourceUrl: item.url,
    }));
  return body;
}

type LocalPost = { name?: unknown; searchUrl?: unknown; state?: unknown; summary?: unknown; createTime?: unknown };

/** The created LocalPost -> PublishResult: its `name` is the id; a REJECTED state is a refusal. */
export function googleBusinessResult(body: Record<string, unknown>): PublishResult {
  const post = body as LocalPost;
  if (typeof post.name !== 'string' || !post.name.includes('/localPosts/'))
    throw new OutcomeUnknown('Google Business Profile answered without the local post name.');
  if (post.state === 'REJECTED')
    throw new Rejected(`Google rejected local post ${post.name} (content policy). Edit the text or photo.`, 'REJECTED');
  return { networkPostId: post.name, url: typeof post.searchUrl === 'string' ? post.searchUrl : null };
}

/** Our post among `localPosts.list`: same summary, created at or after notBefore. */
export function googleBusinessFindOwnPost(
  body: Record<string, unknown>,
  text: string,
  notBefore: Date,
): PublishResult | null {
  const posts = Array.isArray(body.localPosts) ? (body.localPosts as LocalPost[]) : [];
  for (const post of posts) {
    const created = new Date(typeof post.createTime === 'string' ? post.createTime : 0);
    if (post.summary === text && typeof post.name === 'string' && created.getTime() >= notBefore.getTime() - 1000)
      return { networkPostId: post.name, url: typeof post.searchUrl === 'string' ? post.searchUrl : null };
  }
  return null;
}

/** Account names (`accounts/…`) of an Account Management `accounts.list` answer. */
export function googleBusinessAccountNames(body: Record<string, unknown>): string[] {
  const rows = (Array.isArray(body.accounts) ? body.accounts : []) as { name?: unknown }[];
  return rows.flatMap((row) => (typeof row.name === 'string' && /^accounts\/[^/]+$/.test(row.name) ? [row.name] : []));
}

/**
 * An account's locations as channels: the Business Information API names a location `locations/{id}`, the v4
 * local posts need `accounts/{a}/locations/{id}`, which is what the account id is.
 * @example googleBusinessLocationAccounts('accounts/1', { locations: [{ name: 'locations/2', title: 'Café' }] })
 */
export function googleBusinessLocationAccounts(account: string, body: Record<string, unknown>): ConnectableAccount[] {
  const rows = (Array.isArray(body.locations) ? body.locations : []) as { name?: unknown; title?: unknown }[];
  return rows.flatMap((row) => {
    // v1 names it `locations/{id}`; some clients (and older answers) give `accounts/{a}/locations/{id}`.
    const id =
      typeof row.name === 'string' ? /^(?:accounts\/[^/]+\/)?locations\/([^/]+)$/.exec(row.name)?.[1] : undefined;
    if (!id) return [];
    const title = typeof row.title === 'string' && row.title ? row.title : id;
    return [{ accountId: `${account}/locations/${id}`, displayName: title, kind: 'location' as const }];
  });
}
