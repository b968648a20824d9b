import { numericId, type Router, type SimRequest, type SimResponse } from '../kit/index.ts';
import type { MastodonSimAccount, MastodonSimStatus } from './mastodon-simulator.ts';

type Notification = {
  id: string;
  type: 'mention';
  accountId: string;
  fromId: string;
  statusId: string;
  createdAt: string;
};

// Snowflake-like ids that grow with time, as Mastodon's do, so that `since_id`/`min_id` order them.
let sequence = 0;
const timeId = (at: Date): string => `${at.getTime()}${String((sequence += 1) % 100_000).padStart(5, '0')}`;

/**
 * The inbox side of the simulated instance: `GET /api/v1/notifications` (types[], since_id, min_id, max_id,
 * limit; newest first, or oldest-adjacent with min_id as Mastodon pages), and mentions from remote accounts
 * added by tests and the demo. Replies go through `POST /api/v1/statuses` with `in_reply_to_id`.
 */
export function createMastodonInbox(deps: {
  now: () => Date;
  accounts: Map<string, MastodonSimAccount>;
  statuses: MastodonSimStatus[];
  statusJson: (status: MastodonSimStatus) => unknown;
}) {
  const notifications: Notification[] = [];

  function list(request: SimRequest, account: MastodonSimAccount): SimResponse {
    const types = request.query.getAll('types[]');
    const limit = Math.min(Number(request.query.get('limit') ?? 40), 80);
    const after = request.query.get('min_id') ?? request.query.get('since_id');
    const before = request.query.get('max_id');
    const mine = notifications.filter(
      (one) =>
        one.accountId === account.id &&
        (types.length === 0 || types.includes(one.type)) &&
        (!after || BigInt(one.id) > BigInt(after)) &&
        (!before || BigInt(one.id) < BigInt(before)),
    );
    // min_id: the page just after the id; otherwise the newest page. Both come back newest first.
    const page = request.query.get('min_id') ? mine.slice(0, limit) : mine.slice(-limit);
    const body = [...page].reverse().map((one) => ({
      id: one.id,
      type: one.type,
      created_at: one.createdAt,
      account: deps.accounts.get(one.fromId),
      status: deps.statusJson(deps.statuses.find((status) => status.id === one.statusId)!),
    }));
    return { status: 200, body };
  }

  return {
    setup(
      router: Router,
      withAccount: (handler: typeof list) => (request: SimRequest) => SimResponse | Promise<SimResponse>,
    ) {
      router.route('GET', '/api/v1/notifications', withAccount(list));
    },
    notifications: (): readonly Notification[] => notifications,
    /** A remote account mentions `to` (the instance's account), optionally in reply to one of its statuses. */
    addIncoming(input: { to: string; from?: string; text: string; inReplyTo?: string; createdAt?: Date }) {
      const acct = input.from ?? 'camille@social.example';
      let from = [...deps.accounts.values()].find((account) => account.acct === acct);
      if (!from) {
        from = { id: numericId(18), username: acct.split('@')[0]!, acct, display_name: acct.split('@')[0]! };
        deps.accounts.set(from.id, from);
      }
      const target = deps.accounts.get(input.to);
      if (!target) throw new Error(`No account ${input.to} on this instance`);
      const at = input.createdAt ?? deps.now();
      const status: MastodonSimStatus = {
        id: timeId(at),
        accountId: from.id,
        text: `@${target.username} ${input.text}`,
        visibility: 'public',
        language: null,
        media: [],
        inReplyTo: input.inReplyTo ?? null,
        createdAt: at.toISOString(),
      };
      deps.statuses.push(status);
      const notification: Notification = {
        id: timeId(at),
        type: 'mention',
        accountId: target.id,
        fromId: from.id,
        statusId: status.id,
        createdAt: at.toISOString(),
      };
      notifications.push(notification);
      return { status, notification };
    },
  };
}
