/**
 * LinkedIn simulator (platforms.md §5): Posts API for organization pages with the required version headers,
 * image/video/document upload registration, parts and processing, comments, OAuth with refresh tokens,
 * Rest.li error bodies, and little-text commentary that truncates at an unescaped reserved character.
 */
import { numericId, startSimulatorServer, type SimRequest, type SimResponse } from '../kit/index.ts';
import { createLinkedinMedia, type LinkedinSimMedia } from './linkedin-media.ts';
import { createLinkedinOAuth } from './linkedin-oauth.ts';
import { restliError, unprocessable } from './linkedin-restli.ts';
import { createLinkedinStatistics } from './linkedin-statistics.ts';

export type { LinkedinSimMedia };
export type LinkedinSimPost = {
  urn: string;
  author: string;
  /** The little text as sent. */
  commentary: string;
  /** What readers see: escapes resolved, cut at the first unescaped reserved character, as LinkedIn does. */
  text: string;
  content: Record<string, unknown> | null;
  media: LinkedinSimMedia[];
  comments: { urn: string; actor: string; text: string }[];
  createdAt: number;
};

/** What LinkedIn renders from little text: `\x` is a literal x; an unescaped reserved character ends the post. */
function renderLittleText(commentary: string): string {
  let text = '';
  for (let index = 0; index < commentary.length; index += 1) {
    const character = commentary[index]!;
    if (character === '\\') {
      text += commentary[index + 1] ?? '';
      index += 1;
    } else if (character === '#' && /[\p{L}\p{N}_]/u.test(commentary[index + 1] ?? '')) text += character;
    else if ('|{}@[]()<>\\*_~#'.includes(character)) return text;
    else text += character;
  }
  return text;
}

/**
 * Starts a LinkedIn simulator on loopback with one organization page (`organizationUrn`) and its admin's tokens.
 * @example const sim = await startLinkedinSimulator(); sim.posts() // []
 */
export async function startLinkedinSimulator(options: { now?: () => Date; host?: string } = {}) {
  const now = options.now ?? (() => new Date());
  const organizations: string[] = [];
  const oauth = createLinkedinOAuth(now, () => organizations);
  const posts: LinkedinSimPost[] = [];
  const organizationNames = new Map<string, string>();
  const statistics = createLinkedinStatistics((organization) =>
    posts.filter((post) => post.author === organization).map((post) => post.urn),
  );

  function addOrganization(input: { organizationId?: string; name?: string }) {
    const organizationUrn = `urn:li:organization:${input.organizationId ?? numericId(8)}`;
    organizations.push(organizationUrn);
    organizationNames.set(organizationUrn, input.name ?? `Organization ${organizations.length}`);
    return organizationUrn;
  }

  function createAccount(input: { organizationId?: string; name?: string } = {}) {
    const organizationUrn = addOrganization(input);
    return { organizationUrn, ...oauth.issue([organizationUrn]) };
  }

  /** A member who administers several organization pages: one token that may post as each of them. */
  function createAdministrator(input: { names: readonly string[] }) {
    const organizationUrns = input.names.map((name) => addOrganization({ name }));
    return { organizationUrns, ...oauth.issue(organizationUrns) };
  }

  /** Rest.li batch get of organizations: only those the caller administers are found. */
  function organizationsBatch(request: SimRequest, orgs: string[]): SimResponse {
    const ids = /^List\((.*)\)$/
      .exec(request.query.get('ids') ?? '')?.[1]
      ?.split(',')
      .filter(Boolean);
    if (!ids?.length) return { status: 400, body: restliError(400, 'BAD_REQUEST', 'ids=List(...) is required') };
    const results: Record<string, unknown> = {};
    const statuses: Record<string, number> = {};
    const errors: Record<string, unknown> = {};
    for (const id of ids) {
      const urn = `urn:li:organization:${id}`;
      if (orgs.includes(urn)) {
        const name = organizationNames.get(urn) ?? id;
        const vanityName = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        results[id] = { id: Number(id), localizedName: name, vanityName, name: { localized: { en_US: name } } };
        statuses[id] = 200;
      } else {
        statuses[id] = 403;
        errors[id] = restliError(403, 'ACCESS_DENIED', `Not enough permissions to access organization ${id}`);
      }
    }
    return { status: 200, body: { results, statuses, errors } };
  }

  /** `GET /rest/organizationAcls?q=roleAssignee`: the organizations the token's member administers. */
  function organizationAcls(request: SimRequest, orgs: string[]): SimResponse {
    if (request.query.get('q') !== 'roleAssignee')
      return { status: 400, body: restliError(400, 'BAD_REQUEST', 'q=roleAssignee is required') };
    const role = request.query.get('role');
    const state = request.query.get('state');
    const elements =
      (role && role !== 'ADMINISTRATOR') || (state && state !== 'APPROVED')
        ? []
        : orgs.map((organization) => ({
            roleAssignee: 'urn:li:person:sim-admin',
            state: 'APPROVED',
            role: 'ADMINISTRATOR',
            organization,
          }));
    return { status: 200, body: { paging: { count: 10, start: 0, total: elements.length, links: [] }, elements } };
  }

  /** The caller's organizations, or LinkedIn's answer for a missing version, protocol or a bad token. */
  function gate(request: SimRequest, needsVersion = true): string[] | SimResponse {
    if (needsVersion && !/^\d{6}$/.test(String(request.headers['linkedin-version'] ?? '')))
      return {
        status: 426,
        body: restliError(
          426,
          'VERSION_MISSING',
          'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
        ),
      };
    if (needsVersion && request.headers['x-restli-protocol-version'] !== '2.0.0')
      return { status: 400, body: restliError(400, 'BAD_REQUEST', 'X-Restli-Protocol-Version 2.0.0 is required.') };
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const found = oauth.lookup(token);
    if (!found) return { status: 401, body: restliError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600) };
    if (found.revoked)
      return {
        status: 401,
        body: restliError(
          401,
          'REVOKED_ACCESS_TOKEN',
          'The token used in the request has been revoked by the user',
          65601,
        ),
      };
    if (found.expiresAt <= now().getTime())
      return {
        status: 401,
        body: restliError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602),
      };
    return found.organizations;
  }
  const mediaApi = createLinkedinMedia(now, guarded);
  function guarded(handler: (request: SimRequest, orgs: string[]) => SimResponse, needsVersion = true) {
    return (request: SimRequest): SimResponse => {
      const orgs = gate(request, needsVersion);
      return Array.isArray(orgs) ? handler(request, orgs) : orgs;
    };
  }
  function createPost(request: SimRequest, orgs: string[]): SimResponse {
    const body = request.body as {
      author?: unknown;
      commentary?: unknown;
      lifecycleState?: unknown;
      content?: Record<string, unknown>;
    };
    const author = typeof body.author === 'string' ? body.author : '';
    if (!orgs.includes(author))
      return { status: 403, body: restliError(403, 'ACCESS_DENIED', `Not enough permissions to post as ${author}`) };
    const commentary = typeof body.commentary === 'string' ? body.commentary : '';
    if (commentary.length > 3000) return unprocessable('/commentary', 'Commentary length exceeds 3000 characters');
    if (body.lifecycleState !== 'PUBLISHED')
      return unprocessable('/lifecycleState', 'lifecycleState must be PUBLISHED');
    const content = body.content ?? null;
    const single = (content?.media as { id?: unknown } | undefined)?.id;
    const many = ((content?.multiImage as { images?: { id?: unknown }[] } | undefined)?.images ?? []).map(
      (image) => image.id,
    );
    const ids = single !== undefined ? [single] : many;
    if (content?.multiImage && (many.length < 2 || many.length > 20))
      return unprocessable('/content/multiImage/images', 'multiImage needs 2 to 20 images');
    const attached: LinkedinSimMedia[] = [];
    for (const id of ids) {
      const item = mediaApi.media.get(String(id));
      if (!item || item.status !== 'AVAILABLE')
        return unprocessable('/content', `Media ${String(id)} is not available`);
      if (content?.multiImage && item.kind !== 'image')
        return unprocessable('/content/multiImage', 'multiImage takes images only');
      attached.push(item);
    }
    const urn = `urn:li:share:${numericId(19)}`;
    posts.push({
      urn,
      author,
      commentary,
      text: renderLittleText(commentary),
      content,
      media: attached,
      comments: [],
      createdAt: now().getTime(),
    });
    return { status: 201, headers: { 'x-restli-id': urn } };
  }

  const server = await startSimulatorServer({
    network: 'linkedin',
    host: options.host,
    now,
    errorStyle: {
      errorBody: (status, message) => restliError(status, status === 429 ? 'TOO_MANY_REQUESTS' : 'ERROR', message),
      // LinkedIn sends no rate-limit headers (platforms.md §5.8): daily quotas reset at midnight UTC.
      rateLimitHeaders: () => ({}),
    },
    setup(router) {
      router.route('POST', '/rest/posts', guarded(createPost));
      router.route('GET', '/rest/organizationAcls', guarded(organizationAcls));
      router.route('GET', '/rest/organizations', guarded(organizationsBatch));
      router.route('GET', '/rest/organizationalEntityShareStatistics', guarded(statistics.handle));
      mediaApi.declareRoutes(router);
      oauth.declareRoutes(router);
      router.route(
        'GET',
        '/rest/posts',
        guarded((request) => {
          if (request.query.get('q') !== 'author')
            return { status: 400, body: restliError(400, 'BAD_REQUEST', 'q=author is required') };
          const author = request.query.get('author');
          const count = Number(request.query.get('count') ?? 10);
          const elements = posts
            .filter((post) => post.author === author)
            .sort((a, b) => b.createdAt - a.createdAt)
            .slice(0, count)
            .map((post) => ({
              id: post.urn,
              author: post.author,
              commentary: post.commentary,
              content: post.content ?? undefined,
              createdAt: post.createdAt,
              publishedAt: post.createdAt,
              lastModifiedAt: post.createdAt,
              lifecycleState: 'PUBLISHED',
              visibility: 'PUBLIC',
            }));
          return { status: 200, body: { elements, paging: { start: 0, count, links: [] } } };
        }),
      );
      router.route(
        'DELETE',
        '/rest/posts/:urn',
        guarded((request, orgs) => {
          const index = posts.findIndex((post) => post.urn === request.params.urn && orgs.includes(post.author));
          if (index < 0) return { status: 404, body: restliError(404, 'NOT_FOUND', 'Post not found') };
          posts.splice(index, 1);
          return { status: 204 };
        }),
      );
      router.route(
        'POST',
        '/rest/socialActions/:urn/comments',
        guarded((request, orgs) => {
          const post = posts.find((candidate) => candidate.urn === request.params.urn);
          const body = request.body as { actor?: unknown; message?: { text?: unknown } };
          if (!post) return { status: 404, body: restliError(404, 'NOT_FOUND', 'Post not found') };
          if (!orgs.includes(String(body.actor)))
            return { status: 403, body: restliError(403, 'ACCESS_DENIED', 'Not enough permissions to comment') };
          const text = typeof body.message?.text === 'string' ? body.message.text : '';
          if (!text || text.length > 1250)
            return unprocessable('/message/text', 'Comment text must be 1 to 1250 characters');
          const commentUrn = `urn:li:comment:(${post.urn},${numericId(19)})`;
          post.comments.push({ urn: commentUrn, actor: String(body.actor), text });
          return {
            status: 201,
            headers: { 'x-restli-id': commentUrn },
            body: { id: commentUrn, actor: body.actor, object: post.urn, message: { text } },
          };
        }),
      );
    },
  });

  const initial = createAccount({ organizationId: '5515715' });
  return {
    ...server,
    organizationUrn: initial.organizationUrn,
    accessToken: initial.accessToken,
    refreshToken: initial.refreshToken,
    createAccount,
    createAdministrator,
    /** Every post published, oldest first. */
    posts: (): readonly LinkedinSimPost[] => posts,
    /** Test hook: a post made in LinkedIn's own app, which has a urn:li:ugcPost URN. */
    publishInLinkedin(input: { author: string; text: string }): string {
      const urn = `urn:li:ugcPost:${numericId(19)}`;
      posts.push({
        urn,
        author: input.author,
        commentary: input.text,
        text: input.text,
        content: null,
        media: [],
        comments: [],
        createdAt: now().getTime(),
      });
      return urn;
    },
    setShareStatistics: statistics.setShareStatistics,
    revokeRefreshToken: oauth.revokeRefreshToken,
    expireAccessToken: oauth.expireAccessToken,
    revokeAccessToken: oauth.revokeAccessToken,
  };
}

export type LinkedinSimulator = Awaited<ReturnType<typeof startLinkedinSimulator>>;
