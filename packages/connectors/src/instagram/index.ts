import type { Connector, ConnectorContext, PublishRequest, PublishResult } from '../connector.ts';
import { RateLimited } from '../errors.ts';
import { metaAuthorizeUrl, metaHost } from '../meta-graph/graph-oauth.ts';
import type { GraphTransport } from '../meta-graph/graph-request.ts';
import {
  commentOn,
  createContainer,
  exchangeInstagramCode,
  instagramMe,
  instagramApiHost,
  instagramTransport,
  listMedia,
  permalinkOf,
  publishContainer,
  publishingLimit,
  recentTimestamps,
  refreshInstagramToken,
  waitUntilFinished,
} from './instagram.client.ts';
import {
  findOwnMedia,
  instagramCapabilities,
  instagramContainers,
  instagramPublishResult,
  quotaRetryAt,
  validateInstagram,
} from './instagram.mapper.ts';
import { instagramInbox } from './instagram.inbox.ts';
import { instagramMetrics } from './instagram.metrics.ts';

const defaultScopes = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_comments',
  'instagram_business_manage_insights',
  'instagram_business_manage_messages',
];

async function quotaExceeded(transport: GraphTransport, igUserId: string, now: Date): Promise<RateLimited> {
  const limit = await publishingLimit(transport, igUserId);
  const timestamps = await recentTimestamps(transport, igUserId, limit.total);
  const retryAt = quotaRetryAt(timestamps, limit.total, limit.durationSeconds, now);
  return new RateLimited(
    `Instagram allows ${limit.total} API posts per ${limit.durationSeconds / 3600} h; ${limit.usage} are used`,
    retryAt,
    'quota',
  );
}

async function publish(context: ConnectorContext, request: PublishRequest): Promise<PublishResult> {
  const problems = validateInstagram(request);
  if (problems[0]) throw problems[0];
  const transport = instagramTransport(context);
  const igUserId = context.credentials.accountId;
  // Checking first spares containers that could not be published anyway (400 per 24 h).
  const limit = await publishingLimit(transport, igUserId);
  if (limit.usage >= limit.total) throw await quotaExceeded(transport, igUserId, context.now());

  const plan = instagramContainers(request);
  const childIds: string[] = [];
  for (const child of plan.children) {
    const id = await createContainer(transport, igUserId, child);
    await waitUntilFinished(transport, id);
    childIds.push(id);
  }
  const parentParams = childIds.length ? { ...plan.parent, children: childIds.join(',') } : plan.parent;
  const containerId = await createContainer(transport, igUserId, parentParams);
  await waitUntilFinished(transport, containerId);

  let body: Record<string, unknown>;
  try {
    body = await publishContainer(transport, igUserId, containerId);
  } catch (error) {
    if (error instanceof RateLimited && error.scope === 'quota')
      throw await quotaExceeded(transport, igUserId, context.now());
    throw error;
  }
  const draft = instagramPublishResult(body, null);
  // The post exists from here on: what follows must not make the publication fail.
  const url = await permalinkOf(transport, draft.networkPostId).catch(() => null);
  if (request.firstComment)
    await commentOn(transport, draft.networkPostId, request.firstComment).catch(() => undefined);
  return { ...draft, url };
}

/**
 * Instagram (professional accounts, Instagram Login): feed image, carousel, reel and story through
 * container -> status poll -> media_publish, within the content publishing quota.
 * @example await instagramConnector.publish(context, { idempotencyKey: 'p1', format: 'image', text: 'Hi', media: [jpeg] })
 */
export const instagramConnector: Connector = {
  network: 'instagram',
  capabilities: instagramCapabilities,
  validate: validateInstagram,
  publish,
  async findPublished(context, query) {
    const rows = await listMedia(instagramTransport(context), context.credentials.accountId, 50);
    return findOwnMedia(rows, query.text, query.notBefore);
  },
  authorizeUrl(baseUrl, client, input) {
    const host = metaHost(baseUrl, instagramApiHost, 'https://www.instagram.com');
    return metaAuthorizeUrl(`${host}/oauth/authorize`, client, { ...input, codeChallenge: undefined }, defaultScopes);
  },
  exchangeCode: (context, client, input) => exchangeInstagramCode(context, client, input.code),
  refreshToken: (context, _client, refreshToken) => refreshInstagramToken(context, refreshToken),
  // Instagram Login gives one professional account per login.
  async listAccounts(context) {
    const me = await instagramMe(context, context.tokens.accessToken);
    return [
      {
        accountId: me.id,
        displayName: me.name || me.username || me.id,
        kind: 'profile',
        ...(me.username ? { handle: me.username } : {}),
        ...(me.pictureUrl ? { avatarUrl: me.pictureUrl } : {}),
      },
    ];
  },
  ...instagramInbox,
  ...instagramMetrics,
};
