/**
 * A member's scope inside their workspace (agency model: one workspace, several clients each owning channels).
 * `null` means unscoped: the whole workspace, as before scopes existed. A scoped member sees and changes only the
 * data linked to `visibleChannelIds`: the channels of their clients plus the single channels of their scope.
 * It is resolved once per request with the caller's access (register-routes.ts) and travels with the actor.
 */
export type ChannelScope = {
  clientIds: readonly string[];
  channelIds: readonly string[];
  visibleChannelIds: ReadonlySet<string>;
};

/** Whether a channel is visible to the caller; always true for an unscoped caller. */
export const channelInScope = (scope: ChannelScope | null | undefined, channelId: string): boolean =>
  !scope || scope.visibleChannelIds.has(channelId);

/**
 * Whether a post is visible: every channel it targets must be visible (a post aimed at two clients' channels is
 * seen only by members who see both). A post that targets no channel yet belongs to no client: only its author
 * and unscoped members see it.
 */
export function postInScope(
  scope: ChannelScope | null | undefined,
  post: { authorId: string | null; channelIds: readonly string[] },
  userId: string,
): boolean {
  if (!scope) return true;
  if (post.channelIds.length === 0) return post.authorId === userId;
  return post.channelIds.every((channelId) => scope.visibleChannelIds.has(channelId));
}

/** Keeps the rows whose channel is visible to the caller. */
export function rowsInScope<T>(
  scope: ChannelScope | null | undefined,
  rows: readonly T[],
  channelOf: (row: T) => string,
): T[] {
  return scope ? rows.filter((row) => scope.visibleChannelIds.has(channelOf(row))) : [...rows];
}

/** Keeps the posts (with their publications) visible to the caller. */
export function postsInScope<T extends { authorId: string | null; publications: readonly { channelId: string }[] }>(
  actor: { userId: string; scope?: ChannelScope | null | undefined },
  posts: readonly T[],
): T[] {
  if (!actor.scope) return [...posts];
  return posts.filter((post) =>
    postInScope(
      actor.scope,
      { authorId: post.authorId, channelIds: post.publications.map((publication) => publication.channelId) },
      actor.userId,
    ),
  );
}

/** The visible channel ids as a list for a SQL `in` filter, or undefined when unscoped (no filter). */
export const scopeChannelFilter = (scope: ChannelScope | null | undefined): readonly string[] | undefined =>
  scope ? [...scope.visibleChannelIds] : undefined;
