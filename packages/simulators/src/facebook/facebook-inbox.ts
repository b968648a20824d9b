import { createHmac } from 'node:crypto';
import type { Router, SimRequest, SimResponse } from '../kit/index.ts';
import { graphError, graphId, graphTime, isResponse, paramsOf, type MetaTokens } from '../meta-graph/meta-graph-sim.ts';

/** A comment on a Page post or a Messenger message, as the simulated Page receives or sends it. */
export type FacebookInboxItem = {
  id: string;
  pageId: string;
  kind: 'comment' | 'message';
  /** Comments: the post they are on; messages: the conversation. */
  postId?: string;
  parentId?: string;
  conversationId?: string;
  from: { id: string; name: string };
  message: string;
  createdAt: Date;
  hidden: boolean;
};

export type FacebookWebhookDelivery = { body: string; signature: string; status: number | null };

/**
 * Signs a webhook body the way Meta does: `sha256=` + hex HMAC-SHA256 of the raw bytes with the app secret.
 * @example metaSignature('{"object":"page"}', 'app-secret') // 'sha256=5f...'
 */
export function metaSignature(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The inbox side of the simulated Page: comments and replies (`/{post-id}/comments`, `/{comment-id}/comments`,
 * `is_hidden`), Messenger conversations and the Send API, incoming items added by tests and the demo, and
 * webhook deliveries signed with `X-Hub-Signature-256` plus the `hub.challenge` handshake.
 */
export function createFacebookInbox(deps: {
  now: () => Date;
  tokens: MetaTokens;
  postOwner: (postId: string) => string | undefined;
}) {
  const items: FacebookInboxItem[] = [];
  const deliveries: FacebookWebhookDelivery[] = [];
  let webhook: { url: string; appSecret: string } | undefined;

  const commentJson = (item: FacebookInboxItem) => ({
    id: item.id,
    message: item.message,
    from: item.from,
    created_time: graphTime(item.createdAt),
    is_hidden: item.hidden,
    ...(item.parentId ? { parent: { id: item.parentId } } : {}),
  });

  /** Meta's webhook body for one item: a `feed` change for a comment, a `messaging` event for a message. */
  function webhookPayload(item: FacebookInboxItem) {
    if (item.kind === 'message')
      return {
        object: 'page',
        entry: [
          {
            id: item.pageId,
            time: item.createdAt.getTime(),
            messaging: [
              {
                sender: { id: item.from.id },
                recipient: { id: item.pageId },
                timestamp: item.createdAt.getTime(),
                message: { mid: item.id, text: item.message },
              },
            ],
          },
        ],
      };
    return {
      object: 'page',
      entry: [
        {
          id: item.pageId,
          time: seconds(item.createdAt),
          changes: [
            {
              field: 'feed',
              value: {
                from: item.from,
                item: 'comment',
                verb: 'add',
                post_id: item.postId,
                comment_id: item.id,
                parent_id: item.parentId ?? item.postId,
                message: item.message,
                created_time: seconds(item.createdAt),
              },
            },
          ],
        },
      ],
    };
  }

  async function deliver(item: FacebookInboxItem): Promise<FacebookWebhookDelivery | undefined> {
    if (!webhook) return undefined;
    const body = JSON.stringify(webhookPayload(item));
    const delivery: FacebookWebhookDelivery = { body, signature: metaSignature(body, webhook.appSecret), status: null };
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
    return delivery;
  }

  function ownedComment(request: SimRequest): FacebookInboxItem | SimResponse {
    const auth = deps.tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    const item = items.find((one) => one.kind === 'comment' && one.id === request.params.id);
    if (!item || item.pageId !== auth.accountId) return graphError(400, 100, 'Object does not exist', 33);
    return item;
  }

  function listComments(request: SimRequest): SimResponse {
    const auth = deps.tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    const id = request.params.id ?? '';
    const parentComment = items.find((one) => one.id === id && one.kind === 'comment');
    const pageId = parentComment?.pageId ?? deps.postOwner(id);
    if (!pageId || pageId !== auth.accountId) return graphError(400, 100, 'Object does not exist', 33);
    const since = Number(request.query.get('since') ?? 0) * 1000;
    const stream = request.query.get('filter') === 'stream';
    let rows = items.filter(
      (one) =>
        one.kind === 'comment' &&
        one.createdAt.getTime() >= since &&
        (parentComment ? one.parentId === id : one.postId === id && (stream || !one.parentId)),
    );
    if (request.query.get('order') === 'reverse_chronological') rows = [...rows].reverse();
    const limit = Math.min(Number(request.query.get('limit') ?? 25), 100);
    return { status: 200, body: { data: rows.slice(0, limit).map(commentJson), paging: {} } };
  }

  function replyToComment(request: SimRequest): SimResponse {
    const parent = ownedComment(request);
    if (isResponse(parent)) return parent;
    const message = paramsOf(request).message ?? '';
    if (!message) return graphError(400, 100, '(#100) Missing message');
    const reply: FacebookInboxItem = {
      id: `${parent.postId?.split('_')[1] ?? graphId()}_${graphId()}`,
      pageId: parent.pageId,
      kind: 'comment',
      postId: parent.postId,
      parentId: parent.id,
      from: { id: parent.pageId, name: 'Page' },
      message,
      createdAt: deps.now(),
      hidden: false,
    };
    items.push(reply);
    return { status: 200, body: { id: reply.id } };
  }

  function conversations(request: SimRequest): SimResponse {
    const auth = deps.tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    if (request.params.id !== auth.accountId) return graphError(400, 100, 'Object does not exist', 33);
    const byConversation = new Map<string, FacebookInboxItem[]>();
    for (const item of items)
      if (item.kind === 'message' && item.pageId === auth.accountId)
        byConversation.set(item.conversationId!, [...(byConversation.get(item.conversationId!) ?? []), item]);
    const data = [...byConversation].map(([id, messages]) => ({
      id,
      updated_time: graphTime(messages.at(-1)!.createdAt),
      messages: {
        data: [...messages].reverse().map((message) => ({
          id: message.id,
          message: message.message,
          from: message.from,
          created_time: graphTime(message.createdAt),
        })),
      },
    }));
    return { status: 200, body: { data, paging: {} } };
  }

  function sendMessage(request: SimRequest): SimResponse {
    const auth = deps.tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    const params = paramsOf(request);
    const parse = (value: unknown): Record<string, unknown> => {
      if (typeof value === 'string') {
        try {
          return JSON.parse(value) as Record<string, unknown>;
        } catch {
          return {};
        }
      }
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    };
    const recipientId = parse(request.body.recipient ?? params.recipient).id;
    const messageText = parse(request.body.message ?? params.message).text;
    const recipient = typeof recipientId === 'string' ? recipientId : '';
    const text = typeof messageText === 'string' ? messageText : '';
    const last = items.filter((one) => one.kind === 'message' && one.from.id === recipient).at(-1);
    if (!last || last.pageId !== auth.accountId) return graphError(400, 100, '(#100) No matching user found', 2018001);
    // The standard messaging window: a RESPONSE is allowed within 24 hours of the person's last message.
    if (deps.now().getTime() - last.createdAt.getTime() > 24 * 3600_000)
      return graphError(400, 10, '(#10) This message is sent outside of allowed window.', 2018278);
    if (!text) return graphError(400, 100, '(#100) Missing message body');
    const sent: FacebookInboxItem = {
      id: `m_${graphId()}`,
      pageId: auth.accountId,
      kind: 'message',
      conversationId: last.conversationId,
      from: { id: auth.accountId, name: 'Page' },
      message: text,
      createdAt: deps.now(),
      hidden: false,
    };
    items.push(sent);
    return { status: 200, body: { recipient_id: recipient, message_id: sent.id } };
  }

  function hide(request: SimRequest): SimResponse {
    const item = ownedComment(request);
    if (isResponse(item)) return item;
    const value = paramsOf(request).is_hidden;
    if (value !== 'true' && value !== 'false') return graphError(400, 100, '(#100) Unsupported post request');
    item.hidden = value === 'true';
    return { status: 200, body: { success: true } };
  }

  return {
    /** Declares the inbox routes (before the Page's catch-all `/:id` routes). */
    setup(router: Router): void {
      router.route('GET', '/:version/:id/comments', listComments);
      router.route('GET', '/:version/:id/conversations', conversations);
      router.route('POST', '/:version/:id/messages', sendMessage);
      router.route('POST', '/:version/:id', hide);
    },
    /** Whether `id` is a comment of the inbox (a reply to it goes to `replyToComment`). */
    isComment: (id: string | undefined): boolean => items.some((one) => one.kind === 'comment' && one.id === id),
    replyToComment,
    /** Every comment and message, oldest first (the Page's own replies included). */
    items: (): readonly FacebookInboxItem[] => items,
    deliveries: (): readonly FacebookWebhookDelivery[] => deliveries,
    webhookPayload,
    /** Where webhook deliveries go, signed with the app secret. */
    configureWebhook(config: { url: string; appSecret: string } | undefined): void {
      webhook = config;
    },
    /** Meta's subscription check: GET the callback with hub.mode, hub.verify_token and hub.challenge. */
    async verifyWebhook(
      url: string,
      verifyToken: string,
    ): Promise<{ status: number; body: string; challenge: string }> {
      const challenge = graphId();
      const target = new URL(url);
      target.searchParams.set('hub.mode', 'subscribe');
      target.searchParams.set('hub.verify_token', verifyToken);
      target.searchParams.set('hub.challenge', challenge);
      const response = await fetch(target);
      return { status: response.status, body: await response.text(), challenge };
    },
    /**
     * Someone comments on a Page post (or answers a comment), or writes to the Page in Messenger; the webhook,
     * when configured, is delivered before this resolves.
     */
    async addIncoming(input: {
      pageId: string;
      kind: 'comment' | 'message';
      postId?: string;
      parentId?: string;
      from?: { id: string; name: string };
      message: string;
      createdAt?: Date;
    }): Promise<{ item: FacebookInboxItem; delivery: FacebookWebhookDelivery | undefined }> {
      const from = input.from ?? { id: graphId(), name: 'Camille Martin' };
      const item: FacebookInboxItem = {
        id: input.kind === 'message' ? `m_${graphId()}` : `${input.postId?.split('_')[1] ?? graphId()}_${graphId()}`,
        pageId: input.pageId,
        kind: input.kind,
        ...(input.kind === 'comment' ? { postId: input.postId, parentId: input.parentId } : {}),
        ...(input.kind === 'message' ? { conversationId: `t_${input.pageId}_${from.id}` } : {}),
        from,
        message: input.message,
        createdAt: input.createdAt ?? deps.now(),
        hidden: false,
      };
      if (item.kind === 'comment' && (!item.postId || deps.postOwner(item.postId) !== item.pageId))
        throw new Error(`No post ${item.postId ?? '(none)'} on Page ${item.pageId}`);
      items.push(item);
      return { item, delivery: await deliver(item) };
    },
  };
}

export type FacebookInbox = ReturnType<typeof createFacebookInbox>;
