import type { Connector, ConnectorContext, MediaItem } from '../connector.ts';
import { OutcomeUnknown, Transient } from '../errors.ts';
import { mastodonInbox } from './mastodon.inbox.ts';
import { mastodonMetrics } from './mastodon.metrics.ts';
import {
  createStatus,
  deleteStatus,
  listAccountStatuses,
  registerApp,
  requestToken,
  uploadMedia,
  type MastodonContext,
  verifyCredentials,
} from './mastodon.client.ts';
import {
  mastodonCreatedStatus,
  mastodonDefaults,
  mastodonFindOwnStatus,
  mastodonStatusBody,
  mastodonTokenSet,
  validateMastodonRequest,
} from './mastodon.mapper.ts';

const defaultScopes = ['read', 'write'];

function instanceContext(context: ConnectorContext): MastodonContext {
  return {
    instanceUrl: context.credentials.instanceUrl ?? context.baseUrl,
    fetch: context.fetch,
    now: context.now,
    accessToken: context.credentials.accessToken,
  };
}

async function uploadAll(context: ConnectorContext, media: readonly MediaItem[]): Promise<string[]> {
  const ids: string[] = [];
  for (const item of media)
    ids.push(await uploadMedia(instanceContext(context), await context.loadMedia(item), item.mimeType, item.altText));
  return ids;
}

/**
 * Registers Sillage as an OAuth app on a Mastodon instance (`POST /api/v1/apps`), once per instance; the
 * Connector contract has no such step, so the server calls this before `authorizeUrl`.
 * @example await registerMastodonApp({ instanceUrl: 'https://mastodon.social', fetch, now }, { clientName: 'Sillage', redirectUri, scopes: 'read write' })
 */
export function registerMastodonApp(
  context: Pick<ConnectorContext, 'fetch' | 'now'> & { instanceUrl: string },
  input: { clientName: string; redirectUri: string; scopes?: string; website?: string },
): Promise<{ clientId: string; clientSecret: string }> {
  return registerApp(context, { ...input, scopes: input.scopes ?? defaultScopes.join(' ') });
}

/**
 * Mastodon (any instance): statuses, threads by `in_reply_to_id`, up to 4 attachments, Idempotency-Key on create.
 * @example await mastodonConnector.publish(context, { idempotencyKey: 'pub_1', format: 'text', text: 'Hi', media: [] })
 */
export const mastodonConnector: Connector = {
  network: 'mastodon',
  capabilities: {
    formats: ['text', 'image', 'multi_image', 'video', 'thread', 'link'],
    maxTextLength: mastodonDefaults.maxCharacters,
    textCounting: 'graphemes',
    maxMediaPerPost: mastodonDefaults.maxMediaAttachments,
    threads: true,
    firstComment: true,
    analytics: true,
    inbox: { comments: true, mentions: true, directMessages: true, reviews: false },
    auth: 'oauth2_per_instance',
  },
  validate: validateMastodonRequest,

  async publish(context, request) {
    const parts = [
      { text: request.text, media: request.media },
      ...(request.threadParts ?? []).map((part) => ({ text: part.text, media: part.media ?? [] })),
      ...(request.firstComment ? [{ text: request.firstComment, media: [] }] : []),
    ];
    const created: { id: string; url: string | null }[] = [];
    for (const [index, part] of parts.entries()) {
      const mediaIds = await uploadAll(context, part.media);
      const body = mastodonStatusBody(part.text, mediaIds, created.at(-1)?.id, request.options);
      // One key per part: a retried call answers the same status instead of a second one.
      const key = index === 0 ? request.idempotencyKey : `${request.idempotencyKey}:${index}`;
      try {
        created.push(mastodonCreatedStatus(await createStatus(instanceContext(context), body, key)));
      } catch (error) {
        if (created.length > 0)
          throw new OutcomeUnknown(
            `Mastodon published ${created.length} of ${parts.length} parts (first ${created[0]!.id}), then: ${(error as Error).message}`,
          );
        throw error;
      }
    }
    const published = request.firstComment ? created.slice(0, -1) : created;
    const [first, ...rest] = published;
    return {
      networkPostId: first!.id,
      url: first!.url,
      ...(rest.length ? { threadPostIds: rest.map((part) => part.id) } : {}),
    };
  },

  async findPublished(context, query) {
    // The Idempotency-Key cannot be looked up without re-posting (which would publish if nothing exists), so
    // we compare texts among the account's recent statuses.
    const response = await listAccountStatuses(instanceContext(context), context.credentials.accountId);
    const found = mastodonFindOwnStatus(response.body, query.text, query.notBefore);
    return found ? { networkPostId: found.id, url: found.url } : null;
  },

  async deletePost(context, networkPostId) {
    await deleteStatus(instanceContext(context), networkPostId);
  },

  authorizeUrl(baseUrl, client, input) {
    const url = new URL('/oauth/authorize', baseUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: (input.scopes ?? defaultScopes).join(' '),
      state: input.state,
      ...(input.codeChallenge ? { code_challenge: input.codeChallenge, code_challenge_method: 'S256' } : {}),
    }).toString();
    return url.toString();
  },

  async exchangeCode(context, client, input) {
    return mastodonTokenSet(await requestToken({ ...context, instanceUrl: context.baseUrl }, client, input));
  },
  // No refreshToken: Mastodon access tokens live until revoked, and the instance issues no refresh token.

  async listAccounts(context) {
    const instanceUrl = context.instanceUrl ?? context.baseUrl;
    const response = await verifyCredentials({ ...context, instanceUrl, accessToken: context.tokens.accessToken });
    const body = (response.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === 'string' && body[key] !== '' ? body[key] : undefined);
    const id = text('id');
    if (!id) throw new Transient('GET /api/v1/accounts/verify_credentials: no account id in the answer');
    // `acct` is local (no domain) for the instance's own users: the full handle adds the instance's host.
    const acct = text('acct') ?? text('username');
    const handle = acct ? (acct.includes('@') ? acct : `${acct}@${new URL(instanceUrl).host}`) : undefined;
    return [
      {
        accountId: id,
        displayName: text('display_name') ?? text('username') ?? id,
        kind: 'profile',
        ...(handle ? { handle } : {}),
        ...(text('avatar') ? { avatarUrl: text('avatar') } : {}),
      },
    ];
  },
  ...mastodonInbox,
  ...mastodonMetrics,
};
