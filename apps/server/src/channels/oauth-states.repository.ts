import type { Executor } from '../db/database.ts';

export type OAuthStateRecord = {
  workspaceId: string;
  userId: string;
  network: string;
  /** Sealed with the workspace id: the PKCE verifier and, on Mastodon, the client registered for the flow. */
  flowSecretsEncrypted: string | null;
  instanceUrl: string | null;
  expiresAt: Date;
};

/** OAuth flows in progress. Only the state's hash is stored; a state is taken once, by its own user. */
export function createOAuthStatesRepository(db: Executor) {
  return {
    async insert(state: OAuthStateRecord & { stateHash: string }, executor: Executor = db): Promise<void> {
      await executor
        .insertInto('oauth_states')
        .values({
          state_hash: state.stateHash,
          workspace_id: state.workspaceId,
          user_id: state.userId,
          network: state.network,
          code_verifier_encrypted: state.flowSecretsEncrypted,
          instance_url: state.instanceUrl,
          expires_at: state.expiresAt,
        })
        .execute();
    },

    /**
     * Removes and returns the flow of this state for this user and network, in one statement so two callbacks
     * cannot both take it. Another user's or another network's callback leaves the row untouched.
     */
    async take(
      input: { stateHash: string; userId: string; network: string },
      executor: Executor = db,
    ): Promise<OAuthStateRecord | undefined> {
      return executor
        .deleteFrom('oauth_states')
        .where('state_hash', '=', input.stateHash)
        .where('user_id', '=', input.userId)
        .where('network', '=', input.network)
        .returning([
          'workspace_id as workspaceId',
          'user_id as userId',
          'network',
          'code_verifier_encrypted as flowSecretsEncrypted',
          'instance_url as instanceUrl',
          'expires_at as expiresAt',
        ])
        .executeTakeFirst();
    },

    /** Flows abandoned before their callback. */
    async deleteExpired(now: Date, executor: Executor = db): Promise<number> {
      const result = await executor.deleteFrom('oauth_states').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type OAuthStatesRepository = ReturnType<typeof createOAuthStatesRepository>;
