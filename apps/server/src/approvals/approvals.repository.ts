import type { ApprovalPolicy, EditorialLine } from '@sillage/domain';
import type { Executor } from '../db/database.ts';

export type RoundRecord = {
  id: string;
  postId: string;
  policy: ApprovalPolicy;
  status: 'pending' | 'approved' | 'changes_requested' | 'withdrawn';
  submittedBy: string | null;
  submittedAt: Date;
  closedAt: Date | null;
};

export type DecisionRecord = {
  step: number;
  decision: 'approve' | 'request_changes';
  comment: string;
  userId: string | null;
  linkId: string | null;
  by: string;
  decidedAt: Date;
};

export type ClientLinkRecord = {
  id: string;
  workspaceId: string;
  postId: string;
  label: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

const roundColumns = [
  'id',
  'post_id as postId',
  'policy',
  'status',
  'submitted_by as submittedBy',
  'submitted_at as submittedAt',
  'closed_at as closedAt',
] as const;

const asRound = (row: Omit<RoundRecord, 'policy'> & { policy: unknown }): RoundRecord => ({
  ...row,
  policy: row.policy as ApprovalPolicy,
});

/** Approval policies, editorial lines, rounds, decisions and client links. Every query names the workspace. */
export function createApprovalsRepository(db: Executor) {
  return {
    async policy(workspaceId: string, executor: Executor = db): Promise<ApprovalPolicy | undefined> {
      const row = await executor
        .selectFrom('approval_policies')
        .select('policy')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      return row?.policy as ApprovalPolicy | undefined;
    },
    async savePolicy(workspaceId: string, policy: ApprovalPolicy, by: string, now: Date, executor: Executor = db) {
      await executor
        .insertInto('approval_policies')
        .values({ workspace_id: workspaceId, policy: JSON.stringify(policy), updated_by: by, updated_at: now })
        .onConflict((conflict) =>
          conflict
            .column('workspace_id')
            .doUpdateSet({ policy: JSON.stringify(policy), updated_by: by, updated_at: now }),
        )
        .execute();
    },
    async editorialLine(workspaceId: string, executor: Executor = db): Promise<EditorialLine | undefined> {
      const row = await executor
        .selectFrom('editorial_lines')
        .select('line')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      return row?.line as EditorialLine | undefined;
    },
    async saveEditorialLine(workspaceId: string, line: EditorialLine, by: string, now: Date, executor: Executor = db) {
      await executor
        .insertInto('editorial_lines')
        .values({ workspace_id: workspaceId, line: JSON.stringify(line), updated_by: by, updated_at: now })
        .onConflict((conflict) =>
          conflict.column('workspace_id').doUpdateSet({ line: JSON.stringify(line), updated_by: by, updated_at: now }),
        )
        .execute();
    },
    async postFlags(workspaceId: string, postId: string, executor: Executor = db) {
      return executor
        .selectFrom('posts')
        .select(['sponsored', 'is_ad as isAd', 'language', 'text'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', postId)
        .executeTakeFirst();
    },
    async setPostFlags(
      workspaceId: string,
      postId: string,
      flags: { sponsored?: boolean | undefined; isAd?: boolean | undefined; language?: 'fr' | 'en' | undefined },
      executor: Executor = db,
    ) {
      const set: { sponsored?: boolean; is_ad?: boolean; language?: 'fr' | 'en' } = {};
      if (flags.sponsored !== undefined) set.sponsored = flags.sponsored;
      if (flags.isAd !== undefined) set.is_ad = flags.isAd;
      if (flags.language !== undefined) set.language = flags.language;
      if (Object.keys(set).length === 0) return;
      await executor
        .updateTable('posts')
        .set(set)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', postId)
        .execute();
    },
    /** The post's latest round, locked when `forUpdate` (a decision reads and writes it in one transaction). */
    async latestRound(
      workspaceId: string,
      postId: string,
      executor: Executor = db,
      forUpdate = false,
    ): Promise<RoundRecord | undefined> {
      let query = executor
        .selectFrom('approval_rounds')
        .select(roundColumns)
        .where('workspace_id', '=', workspaceId)
        .where('post_id', '=', postId)
        .orderBy('submitted_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1);
      if (forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && asRound(row);
    },
    async openRound(
      workspaceId: string,
      postId: string,
      policy: ApprovalPolicy,
      by: string,
      now: Date,
      executor: Executor = db,
    ): Promise<string> {
      const row = await executor
        .insertInto('approval_rounds')
        .values({
          workspace_id: workspaceId,
          post_id: postId,
          policy: JSON.stringify(policy),
          status: 'pending',
          submitted_by: by,
          submitted_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async closeRound(
      workspaceId: string,
      roundId: string,
      status: 'approved' | 'changes_requested' | 'withdrawn',
      now: Date,
      executor: Executor = db,
    ) {
      await executor
        .updateTable('approval_rounds')
        .set({ status, closed_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', roundId)
        .execute();
    },
    async decisions(workspaceId: string, roundId: string, executor: Executor = db): Promise<DecisionRecord[]> {
      return executor
        .selectFrom('approval_decisions')
        .leftJoin('users', 'users.id', 'approval_decisions.user_id')
        .leftJoin('client_approval_links', 'client_approval_links.id', 'approval_decisions.link_id')
        .select((eb) => [
          'approval_decisions.step',
          'approval_decisions.decision',
          'approval_decisions.comment',
          'approval_decisions.user_id as userId',
          'approval_decisions.link_id as linkId',
          eb.fn.coalesce('users.name', 'client_approval_links.label', eb.val('—')).as('by'),
          'approval_decisions.decided_at as decidedAt',
        ])
        .where('approval_decisions.workspace_id', '=', workspaceId)
        .where('approval_decisions.round_id', '=', roundId)
        .orderBy('approval_decisions.decided_at')
        .orderBy('approval_decisions.step')
        .orderBy('approval_decisions.id')
        .execute();
    },
    async addDecision(
      workspaceId: string,
      decision: {
        roundId: string;
        step: number;
        decision: 'approve' | 'request_changes';
        comment: string;
        userId: string | null;
        linkId: string | null;
        at: Date;
      },
      executor: Executor = db,
    ) {
      await executor
        .insertInto('approval_decisions')
        .values({
          workspace_id: workspaceId,
          round_id: decision.roundId,
          step: decision.step,
          decision: decision.decision,
          comment: decision.comment,
          user_id: decision.userId,
          link_id: decision.linkId,
          decided_at: decision.at,
        })
        .execute();
    },
    async createLink(
      link: {
        workspaceId: string;
        postId: string;
        tokenHash: string;
        label: string;
        createdBy: string;
        expiresAt: Date;
      },
      executor: Executor = db,
    ): Promise<string> {
      const row = await executor
        .insertInto('client_approval_links')
        .values({
          workspace_id: link.workspaceId,
          post_id: link.postId,
          token_hash: link.tokenHash,
          label: link.label,
          created_by: link.createdBy,
          expires_at: link.expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async links(workspaceId: string, postId: string, executor: Executor = db): Promise<ClientLinkRecord[]> {
      return executor
        .selectFrom('client_approval_links')
        .select([
          'id',
          'workspace_id as workspaceId',
          'post_id as postId',
          'label',
          'created_at as createdAt',
          'expires_at as expiresAt',
          'revoked_at as revokedAt',
        ])
        .where('workspace_id', '=', workspaceId)
        .where('post_id', '=', postId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** A link by its token's hash: the only lookup without a workspace, since the link is the credential. */
    async linkByTokenHash(tokenHash: string, executor: Executor = db): Promise<ClientLinkRecord | undefined> {
      return executor
        .selectFrom('client_approval_links')
        .select([
          'id',
          'workspace_id as workspaceId',
          'post_id as postId',
          'label',
          'created_at as createdAt',
          'expires_at as expiresAt',
          'revoked_at as revokedAt',
        ])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
    /** Each publication of the post with its channel, for what the approver sees. */
    async publicationsWithChannels(workspaceId: string, postId: string, executor: Executor = db) {
      return executor
        .selectFrom('publications')
        .innerJoin('channels', 'channels.id', 'publications.channel_id')
        .select([
          'publications.id',
          'publications.channel_id as channelId',
          'channels.network',
          'channels.display_name as channelName',
          'publications.content',
          'publications.local_date as localDate',
          'publications.local_time as localTime',
          'publications.time_zone as timeZone',
          'publications.state',
        ])
        .where('publications.workspace_id', '=', workspaceId)
        .where('publications.post_id', '=', postId)
        .orderBy('channels.network')
        .execute();
    },
    async workspaceName(workspaceId: string, executor: Executor = db) {
      const row = await executor
        .selectFrom('workspaces')
        .select('name')
        .where('id', '=', workspaceId)
        .executeTakeFirst();
      return row?.name ?? '';
    },
    async memberNames(workspaceId: string, userIds: readonly string[], executor: Executor = db) {
      if (userIds.length === 0) return new Map<string, string>();
      const rows = await executor
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.name'])
        .where('memberships.workspace_id', '=', workspaceId)
        .where('users.id', 'in', [...userIds])
        .execute();
      return new Map(rows.map((row) => [row.id, row.name]));
    },
  };
}

export type ApprovalsRepository = ReturnType<typeof createApprovalsRepository>;
