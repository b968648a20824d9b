import { sql, type RawBuilder } from 'kysely';

/**
 * The condition the publishing claim, the late sweep and reconciliation add for the pause: true unless the
 * publication's workspace has paused publishing. An approved (or published) holding statement of a crisis is
 * exempt: it is the one thing that must go out during the pause. `publicationId` names the column holding the
 * publication's id in the statement (e.g. `due.id`).
 */
export function publishingNotPaused(publicationId: string): RawBuilder<boolean> {
  return sql<boolean>`not exists (
    select 1 from publications held join workspaces w on w.id = held.workspace_id
     where held.id = ${sql.ref(publicationId)}
       and w.publishing_paused_at is not null
       and not exists (select 1 from crisis_statements s
                        where s.post_id = held.post_id and s.status in ('approved', 'published')))`;
}
