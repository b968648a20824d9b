import type { Connector, ConnectorContext, PublishRequest, PublishResult } from '../connector.ts';
import { metaAuthorizeUrl } from '../meta-graph/graph-oauth.ts';
import { threadsMetrics } from './threads.metrics.ts';
import type { GraphTransport } from '../meta-graph/graph-request.ts';
import {
  createContainer,
  deleteThread,
  exchangeThreadsCode,
  listThreads,
  permalinkOf,
  publishContainer,
  refreshThreadsToken,
  threadsAuthorizeHost,
  threadsTransport,
  waitUntilFinished,
  threadsMe,
} from './threads.client.ts';
import {
  findOwnThread,
  threadsCapabilities,
  threadsContainers,
  threadsParts,
  threadsPublishedId,
  validateThreads,
} from './threads.mapper.ts';

const defaultScopes = ['threads_basic', 'threads_content_publish', 'threads_manage_replies', 'threads_read_replies'];

async function publishPart(
  transport: GraphTransport,
  userId: string,
  part: { text: string; media: PublishRequest['media'] },
  replyToId?: string,
): Promise<string> {
  const plan = threadsContainers(part, replyToId);
  const childIds: string[] = [];
  for (const child of plan.children) {
    const id = await createContainer(transport, userId, child);
    await waitUntilFinished(transport, id);
    childIds.push(id);
  }
  const parent = childIds.length ? { ...plan.parent, children: childIds.join(',') } : plan.parent;
  const containerId = await createContainer(transport, userId, parent);
  await waitUntilFinished(transport, containerId);
  return threadsPublishedId(await publishContainer(transport, userId, containerId));
}

async function publish(context: ConnectorContext, request: PublishRequest): Promise<PublishResult> {
  const problems = validateThreads(request);
  if (problems[0]) throw problems[0];
  const transport = threadsTransport(context);
  const userId = context.credentials.accountId;
  const [first, ...rest] = threadsParts(request);
  if (!first) throw new Error('unreachable: a request always has a first part');
  const rootId = await publishPart(transport, userId, first);
  // Each follow-up replies to the part before it, so the thread reads in order.
  const threadPostIds: string[] = [];
  for (const part of rest) {
    threadPostIds.push(await publishPart(transport, userId, part, threadPostIds.at(-1) ?? rootId));
  }
  const url = await permalinkOf(transport, rootId).catch(() => null);
  if (request.firstComment)
    await publishPart(transport, userId, { text: request.firstComment, media: [] }, rootId).catch(() => undefined);
  return { networkPostId: rootId, url, ...(threadPostIds.length ? { threadPostIds } : {}) };
}

/**
 * Threads: text, image, video, carousel posts and threads (each part a reply to the one before) through
 * container -> status poll -> threads_publish on graph.threads.net.
 * @example await threadsConnector.publish(context, { idempotencyKey: 'p1', format: 'text', text: 'Hi', media: [] })
 */
export const threadsConnector: Connector = {
  network: 'threads',
  capabilities: threadsCapabilities,
  validate: validateThreads,
  publish,
  async findPublished(context, query) {
    const rows = await listThreads(threadsTransport(context), context.credentials.accountId, query.notBefore);
    return findOwnThread(rows, query.text, query.notBefore);
  },
  deletePost: (context, networkPostId) => deleteThread(threadsTransport(context), networkPostId),
  authorizeUrl: (baseUrl, client, input) =>
    metaAuthorizeUrl(
      `${threadsAuthorizeHost(baseUrl)}/oauth/authorize`,
      client,
      { ...input, codeChallenge: undefined },
      defaultScopes,
    ),
  exchangeCode: (context, client, input) => exchangeThreadsCode(context, client, input.code),
  refreshToken: (context, _client, refreshToken) => refreshThreadsToken(context, refreshToken),
  async listAccounts(context) {
    const me = await threadsMe(context, context.tokens.accessToken);
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
  ...threadsMetrics,
};
