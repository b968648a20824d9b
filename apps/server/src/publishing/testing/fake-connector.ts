import {
  AuthExpired,
  type Capabilities,
  type Connector,
  type ConnectorContext,
  type NetworkId,
  type PublishRequest,
  type PublishResult,
} from '@sillage/connectors';

/** What the fake network does with one publish call; the default accepts it. */
export type FakeBehaviour = (input: {
  call: number;
  request: PublishRequest;
  context: ConnectorContext;
  network: FakeNetwork;
}) => Promise<PublishResult> | PublishResult;

export type FakeNetwork = {
  /** Posts that exist on the network, by our idempotency key. */
  posts: Map<string, { id: string; text: string }>;
  publishCalls: { at: Date; accessToken: string; idempotencyKey: string }[];
  findCalls: string[];
  refreshCalls: string[];
  /** Access tokens the network accepts (any other is expired). */
  validTokens: Set<string>;
  /** Refresh tokens the network has revoked. */
  revokedRefreshTokens: Set<string>;
  behaviour: FakeBehaviour;
  accept(request: PublishRequest): PublishResult;
};

const capabilities: Capabilities = {
  formats: ['text'],
  maxTextLength: 500,
  textCounting: 'graphemes',
  maxMediaPerPost: 4,
  threads: false,
  firstComment: false,
  analytics: false,
  inbox: { comments: false, mentions: false, directMessages: false, reviews: false },
  auth: 'oauth2',
};

let sequence = 0;

/** An in-memory network behind the Connector contract, recording every call the engine makes. */
export function createFakeNetwork(network: NetworkId = 'x'): { network: FakeNetwork; connector: Connector } {
  const fake: FakeNetwork = {
    posts: new Map(),
    publishCalls: [],
    findCalls: [],
    refreshCalls: [],
    validTokens: new Set(['access-1']),
    revokedRefreshTokens: new Set(),
    behaviour: ({ request, network: self }) => self.accept(request),
    accept(request) {
      const id = `post-${(sequence += 1)}`;
      fake.posts.set(request.idempotencyKey, { id, text: request.text });
      return { networkPostId: id, url: `https://fake.example/${id}` };
    },
  };
  const connector: Connector = {
    network,
    capabilities,
    validate: () => [],
    async publish(context, request) {
      fake.publishCalls.push({
        at: context.now(),
        accessToken: context.credentials.accessToken,
        idempotencyKey: request.idempotencyKey,
      });
      if (!fake.validTokens.has(context.credentials.accessToken)) throw new AuthExpired('token expired', true);
      return fake.behaviour({ call: fake.publishCalls.length, request, context, network: fake });
    },
    async findPublished(_context, query) {
      fake.findCalls.push(query.idempotencyKey);
      const post = fake.posts.get(query.idempotencyKey);
      return post ? { networkPostId: post.id, url: `https://fake.example/${post.id}` } : null;
    },
    async refreshToken(_context, _client, refreshToken) {
      fake.refreshCalls.push(refreshToken);
      // Widen the window in which concurrent workers could refresh twice.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (fake.revokedRefreshTokens.has(refreshToken)) throw new AuthExpired('refresh token revoked', false);
      const accessToken = `access-${fake.refreshCalls.length + 1}`;
      fake.validTokens.add(accessToken);
      return { accessToken, refreshToken: `${refreshToken}+` };
    },
  };
  return { network: fake, connector };
}
