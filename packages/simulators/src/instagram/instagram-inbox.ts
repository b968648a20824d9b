import type { Router, SimRequest, SimResponse } from '../kit/index.ts';
import { metaSignature, type FacebookWebhookDelivery } from '../facebook/facebook-inbox.ts';
import { graphError, graphId, graphTime, isResponse, paramsOf, type MetaTokens } from '../meta-graph/meta-graph-sim.ts';

/** A comment (or a reply to one) on a simulated Instagram media. */
export type InstagramComment = {
  id: string;
  accountId: string;
  mediaId: string;
  parentId?: string;
  from: { id: string; username: string };
  text: string;
  timestamp: Date;
  hidden: boolean;
};

/**
 * The inbox side of the simulated Instagram account: `GET /{media-id}/comments`, `POST /{comment-id}/replies`,
 * `POST /{comment-id}?hide=`, comments added by tests and the demo, and `comments` webhooks signed with
 * `X-Hub-Signature-256`.
 */
export function createInstagramInbox(deps: {
  now: () => Date;
  tokens: MetaTokens;
  mediaOwner: (mediaId: string) => string | undefined;
  username: (accountId: string) => string;
}) {
  const comments: InstagramComment[] = [];
  const deliveries: FacebookWebhookDelivery[] = [];
  let webhook: { url: string; appSecret: string } | undefined;

  const present = (comment: InstagramComment) => ({
    id: comment.id,
    text: comment.text,
    timestamp: graphTime(comment.timestamp),
    username: comment.from.username,
    from: comment.from,
    hidden: comment.hidden,
    ...(comment.parentId ? { parent_id: comment.parentId } : {}),
  });

  function webhookPayload(comment: InstagramComment) {
    return {
      object: 'instagram',
      entry: [
        {
          id: comment.accountId,
          time: Math.floor(comment.timestamp.getTime() / 1000),
          changes: [
            {
              field: 'comments',
              value: {
                id: comment.id,
                text: comment.text,
                from: comment.from,
                media: { id: comment.mediaId, media_product_type: 'FEED' },
                ...(comment.parentId ? { parent_id: comment.parentId } : {}),
              },
            },
          ],
        },
      ],
    };
  }

  function owned(request: SimRequest): InstagramComment | SimResponse {
    const auth = deps.tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    const comment = comments.find((one) => one.id === request.params.id && one.accountId === auth.accountId);
    return comment ?? graphError(400, 100, 'Unsupported request: comment not found', 33);
  }

  function list(request: SimRequest): SimResponse {
    const auth = deps.tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    const mediaId = request.params.id ?? '';
    if (deps.mediaOwner(mediaId) !== auth.accountId) return graphError(400, 100, 'Object does not exist', 33);
    const rows = comments.filter((one) => one.mediaId === mediaId).reverse();
    const limit = Math.min(Number(request.query.get('limit') ?? 50), 50);
    return { status: 200, body: { data: rows.slice(0, limit).map(present), paging: {} } };
  }

  function reply(request: SimRequest): SimResponse {
    const parent = owned(request);
    if (isResponse(parent)) return parent;
    const text = paramsOf(request).message ?? '';
    if (!text) return graphError(400, 100, '(#100) The parameter message is required');
    const answer: InstagramComment = {
      id: graphId(),
      accountId: parent.accountId,
      mediaId: parent.mediaId,
      parentId: parent.id,
      from: { id: parent.accountId, username: deps.username(parent.accountId) },
      text,
      timestamp: deps.now(),
      hidden: false,
    };
    comments.push(answer);
    return { status: 200, body: { id: answer.id } };
  }

  function hide(request: SimRequest): SimResponse {
    const comment = owned(request);
    if (isResponse(comment)) return comment;
    const value = paramsOf(request).hide;
    if (value !== 'true' && value !== 'false') return graphError(400, 100, '(#100) Param hide must be a boolean');
    comment.hidden = value === 'true';
    return { status: 200, body: { success: true } };
  }

  return {
    /** Declares the routes (after the account's own, so `/oauth/...` keeps matching first). */
    setup(router: Router): void {
      router.route('GET', '/:version/:id/comments', list);
      router.route('POST', '/:version/:id/replies', reply);
      router.route('POST', '/:version/:id', hide);
    },
    comments: (): readonly InstagramComment[] => comments,
    deliveries: (): readonly FacebookWebhookDelivery[] => deliveries,
    webhookPayload,
    configureWebhook(config: { url: string; appSecret: string } | undefined): void {
      webhook = config;
    },
    /** Someone comments on a media of the account (or answers a comment); the webhook is delivered first. */
    async addIncoming(input: {
      mediaId: string;
      parentId?: string;
      from?: { id: string; username: string };
      text: string;
      createdAt?: Date;
    }): Promise<{ comment: InstagramComment; delivery: FacebookWebhookDelivery | undefined }> {
      const accountId = deps.mediaOwner(input.mediaId);
      if (!accountId) throw new Error(`No media ${input.mediaId}`);
      const comment: InstagramComment = {
        id: graphId(),
        accountId,
        mediaId: input.mediaId,
        ...(input.parentId ? { parentId: input.parentId } : {}),
        from: input.from ?? { id: graphId(), username: 'camille.mrt' },
        text: input.text,
        timestamp: input.createdAt ?? deps.now(),
        hidden: false,
      };
      comments.push(comment);
      if (!webhook) return { comment, delivery: undefined };
      const body = JSON.stringify(webhookPayload(comment));
      const delivery: FacebookWebhookDelivery = {
        body,
        signature: metaSignature(body, webhook.appSecret),
        status: null,
      };
      deliveries.push(delivery);
      try {
        const response = await fetch(webhook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': delivery.signature },
          body,
        });
        delivery.status = response.status;
        await response.arrayBuffer();
      } catch {
        delivery.status = 0;
      }
      return { comment, delivery };
    },
  };
}

export type InstagramInbox = ReturnType<typeof createInstagramInbox>;
