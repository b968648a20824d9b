/**
 * A loopback Google Business Profile (My Business API v4 local posts): create, list and delete local posts of
 * a location with Google's errors, and Google OAuth.
 */
import { numericId, startSimulatorServer, type SimRequest, type SimResponse } from '../kit/index.ts';
import { googleError, googleErrorStyle, googleOAuthRoutes, unauthenticated } from '../youtube/google-sim.ts';
import { createOAuthStore, stringField } from '../youtube/oauth-store.ts';
import { createGoogleBusinessInbox } from './google-business-inbox.ts';

export type GoogleBusinessSimPost = {
  name: string;
  location: string;
  topicType: string;
  summary: string;
  languageCode?: string;
  callToAction?: { actionType?: string; url?: string };
  event?: unknown;
  offer?: unknown;
  media: { mediaFormat?: string; sourceUrl?: string }[];
  createTime: string;
  searchUrl: string;
};

const topicTypes = ['STANDARD', 'EVENT', 'OFFER', 'ALERT'];

/**
 * Starts the Google Business Profile simulator on loopback.
 * @example const gbp = await startGoogleBusinessSimulator(); const { accountId } = gbp.createAccount(); // accounts/…/locations/…
 */
export async function startGoogleBusinessSimulator(options: { now?: () => Date; host?: string } = {}) {
  const now = options.now ?? (() => new Date());
  const oauth = createOAuthStore({
    now,
    accessPrefix: 'ya29.',
    refreshPrefix: '1//',
    accessTtlSeconds: 3599,
    rotateRefreshTokens: false,
  });
  const accounts: string[] = [];
  const posts: GoogleBusinessSimPost[] = [];
  const locations = new Map<string, { id: string; title: string }[]>();

  function addLocation(account: string, input: { location?: string; title?: string } = {}) {
    const list = locations.get(account) ?? [];
    const id = input.location ?? numericId(19);
    list.push({ id, title: input.title ?? `Location ${list.length + 1}` });
    locations.set(account, list);
    return `${account}/locations/${id}`;
  }

  /** A Google account with one location; the token belongs to the account, the channel is the location. */
  function createAccount(input: { account?: string; location?: string; title?: string } = {}) {
    const account = `accounts/${input.account ?? numericId(21)}`;
    accounts.push(account);
    const tokens = oauth.issue(account);
    return { ...tokens, accountId: addLocation(account, input) };
  }

  /** Account Management API (`mybusinessaccountmanagement.googleapis.com/v1/accounts`): the caller's account. */
  function listAccounts(request: SimRequest): SimResponse {
    const check = oauth.check(request.headers.authorization);
    if (!check.ok) return unauthenticated();
    const name = check.accountId;
    const body = {
      accounts: [
        {
          name,
          accountName: `Account ${name.slice(9)}`,
          type: 'PERSONAL',
          verificationState: 'VERIFIED',
          vettedState: 'NOT_VETTED',
        },
      ],
    };
    return { status: 200, body };
  }

  /** Business Information API (`mybusinessbusinessinformation.googleapis.com/v1/accounts/{a}/locations`). */
  function listLocations(request: SimRequest): SimResponse {
    const check = oauth.check(request.headers.authorization);
    if (!check.ok) return unauthenticated();
    const account = `accounts/${request.params.account}`;
    if (account !== check.accountId) return googleError(403, 'The caller does not have permission', 'forbidden');
    const mask = (request.query.get('readMask') ?? '').split(',').filter(Boolean);
    if (mask.length === 0)
      return googleError(400, "Request contains an invalid argument. Field 'read_mask' is required.", 'badRequest');
    const rows = (locations.get(account) ?? []).map((location) => ({
      ...(mask.includes('name') ? { name: `locations/${location.id}` } : {}),
      ...(mask.includes('title') ? { title: location.title } : {}),
    }));
    return { status: 200, body: rows.length ? { locations: rows, totalSize: rows.length } : {} };
  }

  const inbox = createGoogleBusinessInbox({ now, check: (authorization) => oauth.check(authorization) });
  const server = await startSimulatorServer({
    network: 'google_business',
    host: options.host,
    now,
    errorStyle: googleErrorStyle,
    setup(router) {
      googleOAuthRoutes(router, oauth, () => accounts[0] ?? createAccount().accountId.split('/locations/')[0]!);

      router.route('GET', '/v1/accounts', listAccounts);
      inbox.setup(router);
      router.route('GET', '/v1/accounts/:account/locations', listLocations);

      router.route('POST', '/v4/accounts/:account/locations/:location/localPosts', (request) => {
        const check = oauth.check(request.headers.authorization);
        if (!check.ok) return unauthenticated();
        const location = `accounts/${request.params.account}/locations/${request.params.location}`;
        if (`accounts/${request.params.account}` !== check.accountId)
          return googleError(403, 'The caller does not have permission', 'forbidden');
        const body = request.body as Partial<GoogleBusinessSimPost>;
        if (!topicTypes.includes(String(body.topicType)))
          return googleError(400, 'Request contains an invalid argument: topicType.', 'badRequest');
        const summary = stringField(body.summary);
        if ([...summary].length > 1500)
          return googleError(400, 'Request contains an invalid argument: summary.', 'badRequest');
        if ((body.topicType === 'EVENT' || body.topicType === 'OFFER') && !body.event)
          return googleError(400, 'Request contains an invalid argument: event is required.', 'badRequest');
        const id = numericId(19);
        const post: GoogleBusinessSimPost = {
          name: `${location}/localPosts/${id}`,
          location,
          topicType: String(body.topicType),
          summary,
          languageCode: body.languageCode,
          callToAction: body.callToAction,
          event: body.event,
          offer: body.offer,
          media: Array.isArray(body.media) ? body.media : [],
          createTime: now().toISOString(),
          searchUrl: `https://local.google.com/place?id=${request.params.location}&use=posts&lpsid=${id}`,
        };
        posts.push(post);
        return { status: 200, body: { ...post, location: undefined, updateTime: post.createTime, state: 'LIVE' } };
      });

      router.route('GET', '/v4/accounts/:account/locations/:location/localPosts', (request) => {
        const check = oauth.check(request.headers.authorization);
        if (!check.ok) return unauthenticated();
        const location = `accounts/${request.params.account}/locations/${request.params.location}`;
        const pageSize = Math.min(Number(request.query.get('pageSize') ?? 20), 100);
        const localPosts = posts
          .filter((post) => post.location === location)
          .reverse()
          .slice(0, pageSize)
          .map((post) => ({ ...post, location: undefined, updateTime: post.createTime, state: 'LIVE' }));
        return { status: 200, body: { localPosts } };
      });

      router.route('DELETE', '/v4/accounts/:account/locations/:location/localPosts/:post', (request) => {
        const check = oauth.check(request.headers.authorization);
        if (!check.ok) return unauthenticated();
        const name = `accounts/${request.params.account}/locations/${request.params.location}/localPosts/${request.params.post}`;
        const index = posts.findIndex((post) => post.name === name);
        if (index < 0) return googleError(404, 'Requested entity was not found.', 'notFound');
        posts.splice(index, 1);
        return { status: 200, body: {} };
      });
    },
  });

  return {
    ...server,
    createAccount,
    /** One more location of an account (`accounts/…`): its resource name `accounts/…/locations/…`. */
    addLocation,
    /** Every local post created, oldest first. */
    posts: (): readonly GoogleBusinessSimPost[] => posts.slice(),
    /** Reviews and their replies (see google-business-inbox.ts). */
    inbox,
    revokeRefreshToken: oauth.revokeRefreshToken,
    expireAccessToken: oauth.expireAccessToken,
  };
}

export type GoogleBusinessSimulator = Awaited<ReturnType<typeof startGoogleBusinessSimulator>>;
