import type { Rejected } from './errors.ts';

import type { NetworkId, PostFormat } from '@sillage/domain';

export { networkIds, type NetworkId } from '@sillage/domain';

export { postFormats, type PostFormat } from '@sillage/domain';

export type Capabilities = {
  formats: readonly PostFormat[];
  /** Limit of one post's text, counted the network's way (see `textCounting`). */
  maxTextLength: number;
  textCounting: 'x_weighted' | 'graphemes' | 'utf16' | 'bytes_utf8';
  maxMediaPerPost: number;
  threads: boolean;
  firstComment: boolean;
  analytics: boolean;
  inbox: { comments: boolean; mentions: boolean; directMessages: boolean; reviews: boolean };
  auth: 'oauth2' | 'oauth2_pkce' | 'app_password' | 'oauth2_per_instance';
  /** Posts per rolling 24 h the network allows through its API for one account, when it has such a quota. */
  dailyPostQuota?: number;
};

/** A media item to publish. `url` is where the connector (or the network, for pull-based APIs) fetches it. */
export type MediaItem = {
  url: string;
  mimeType: string;
  altText?: string;
  byteLength?: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
};

/** What to publish on one channel: one publication of a post. */
export type PublishRequest = {
  /**
   * Stable for the life of the publication (the publication id): used where the network offers idempotency
   * (a Bluesky rkey, an Idempotency-Key header) and by `findPublished` to recognise our own post.
   */
  idempotencyKey: string;
  format: PostFormat;
  text: string;
  media: readonly MediaItem[];
  link?: { url: string; title?: string; description?: string };
  /** Follow-up parts of a thread (X, Bluesky, Threads, Mastodon), in order, after `text`. */
  threadParts?: readonly { text: string; media?: readonly MediaItem[] }[];
  firstComment?: string;
  /** Network-specific options (privacy level for TikTok, board id for Pinterest, visibility for Mastodon...). */
  options?: Readonly<Record<string, string | number | boolean>>;
};

export type PublishResult = {
  /** The network's id of the (first) post: stored the moment it is known. */
  networkPostId: string;
  url: string | null;
  /** Ids of the further parts of a thread, in order. */
  threadPostIds?: readonly string[];
};

/** The account's credentials as the connector needs them (decrypted by the server just before the call). */
export type Credentials = {
  accessToken: string;
  refreshToken?: string;
  /** The account on the network: page id, IG user id, organization URN, DID, ... */
  accountId: string;
  /** For networks where the host varies (Mastodon instance, Bluesky PDS). */
  instanceUrl?: string;
};

export type TokenSet = {
  accessToken: string;
  refreshToken?: string;
  /** When the access token stops working, if the network says. */
  expiresAt?: Date;
  scopes?: readonly string[];
};

/** What a connector may use: no server, database or queue. `fetch` and the clock are passed in for tests. */
export type ConnectorContext = {
  /** Base URL of the network's API (the real one, or a simulator's). */
  baseUrl: string;
  credentials: Credentials;
  fetch: typeof fetch;
  now: () => Date;
  /** Reads a media item's bytes, for networks where we upload (X, LinkedIn, YouTube, Bluesky, Mastodon). */
  loadMedia: (item: MediaItem) => Promise<Uint8Array>;
};

/** What a login can publish to: one page, profile, organization, location or channel. */
export type ConnectableAccount = {
  /** What `Credentials.accountId` must be to publish as this account (page id, IG user id, organization URN, DID...). */
  accountId: string;
  displayName: string;
  /** The @handle or username, where the network has one. */
  handle?: string;
  avatarUrl?: string;
  kind: 'page' | 'profile' | 'organization' | 'location' | 'channel' | 'board_owner';
  /** A token of this account's own (a Facebook Page token): the one to store for it instead of the login's. */
  accessToken?: string;
};

/** Where `listAccounts` asks: the login's tokens, and the instance for networks whose host varies. */
export type ListAccountsContext = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'> & {
  tokens: TokenSet;
  instanceUrl?: string;
};

export type OAuthClient = { clientId: string; clientSecret: string; redirectUri: string };

/** The shared shape of every network's connector. */
export type Connector = {
  network: NetworkId;
  capabilities: Capabilities;
  /** Checks a request against the network's own rules before any call; an empty list means publishable. */
  validate(request: PublishRequest): readonly Rejected[];
  /**
   * Publishes. Throws AuthExpired, RateLimited, Rejected, OutcomeUnknown or Transient; never returns
   * without a network post id.
   */
  publish(context: ConnectorContext, request: PublishRequest): Promise<PublishResult>;
  /**
   * Reconciliation: the post we made for `idempotencyKey` (same text, published at or after `notBefore`),
   * or null when the network has none. Asked before any retry that might duplicate.
   */
  findPublished(
    context: ConnectorContext,
    query: { idempotencyKey: string; text: string; notBefore: Date },
  ): Promise<PublishResult | null>;
  deletePost?(context: ConnectorContext, networkPostId: string): Promise<void>;
  /** OAuth networks: the authorize URL (with state, and PKCE challenge where supported). */
  authorizeUrl?(
    baseUrl: string,
    client: OAuthClient,
    input: { state: string; codeChallenge?: string; scopes?: readonly string[] },
  ): string;
  exchangeCode?(
    context: Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'>,
    client: OAuthClient,
    input: { code: string; codeVerifier?: string },
  ): Promise<TokenSet>;
  refreshToken?(
    context: Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'>,
    client: OAuthClient,
    refreshToken: string,
  ): Promise<TokenSet>;
  /**
   * Who the tokens belong to, after a code exchange or a login: every account they may publish as (several
   * Facebook Pages, LinkedIn organizations, Business locations...), in the network's order. Throws AuthExpired,
   * RateLimited, Rejected or Transient.
   */
  listAccounts?(context: ListAccountsContext): Promise<readonly ConnectableAccount[]>;
  /**
   * Inbox: one page of what arrived after `cursor` (null: the first read), and the cursor to pass next.
   * Throws AuthExpired, RateLimited, Rejected or Transient.
   */
  listInboxItems?(context: ConnectorContext, cursor: string | null): Promise<InboxPage>;
  /** Inbox: answers an item on the network (a reply comment, a DM, a review reply); returns the reply's id. */
  replyToItem?(context: ConnectorContext, item: InboxItemRef, text: string): Promise<{ networkId: string }>;
  /** Inbox: hides (or shows again) a comment on the network, where the network allows it. */
  hideItem?(context: ConnectorContext, item: InboxItemRef, hidden: boolean): Promise<void>;
  /** Inbox: the items of a verified webhook body, each with the account (`Credentials.accountId`) it belongs to. */
  parseInboxWebhook?(payload: unknown): readonly { accountId: string; item: InboxItem }[];
  /**
   * Analytics: the network's lifetime figures of its posts as of now (at most `postMetrics.batch` ids per call).
   * A post the network no longer has is left out of the answer. Every metric of `postMetrics` is in each
   * answer, null when the network says it does not report it for that post. Throws AuthExpired, RateLimited,
   * Rejected or Transient.
   */
  fetchPostMetrics?(context: ConnectorContext, networkPostIds: readonly string[]): Promise<readonly PostMetrics[]>;
  /** The post figures `fetchPostMetrics` gives, and how many posts one call may ask for. */
  postMetrics?: { reported: readonly PostMetricName[]; batch: number };
};

/** Post-level figures of docs/metrics.md that connectors read from the networks (cumulative, lifetime). */
export const postMetricNames = [
  'impressions',
  'reach',
  'reactions',
  'comments',
  'shares',
  'saves',
  'link_clicks',
  'video_views',
] as const;
export type PostMetricName = (typeof postMetricNames)[number];

/** One post's lifetime figures as the network reported them at one instant; null: not reported. */
export type PostMetrics = {
  networkPostId: string;
  figures: Readonly<Partial<Record<PostMetricName, number | null>>>;
};

/** What an inbox item is on its network. */
export type InboxItemKind = 'comment' | 'reply' | 'mention' | 'dm' | 'review';

/** One incoming comment, reply, mention, direct message or review, as the network reported it. */
export type InboxItem = {
  /** The network's id of the item (comment id, notification's status id, message id, review name...). */
  networkItemId: string;
  kind: InboxItemKind;
  /** Groups the items of one conversation: the post commented on, the DM thread, the review. */
  threadKey: string;
  /** The item this one answers (a comment's parent), when the network says. */
  parentNetworkId?: string;
  author: { networkId: string; name: string; handle?: string };
  text: string;
  /** 1..5 stars, for reviews. */
  rating?: number;
  createdAt: Date;
  url?: string;
  /** What `replyToItem` needs besides the id (Bluesky's root and parent references, a DM's sender id...). */
  replyContext?: Readonly<Record<string, string>>;
};

/** A page of inbox items, oldest first, with the cursor to resume from (persisted by the caller). */
export type InboxPage = { items: readonly InboxItem[]; cursor: string | null; hasMore: boolean };

/** The item an inbox action targets. */
export type InboxItemRef = Pick<InboxItem, 'networkItemId' | 'kind' | 'threadKey' | 'replyContext'>;
