import { sql, type SqlBool } from 'kysely';

/**
 * SQL for a notification row a scoped member may see: one with no subject, about a visible channel, or about a
 * post whose every publication is on a visible channel. Any other subject is hidden (fail closed).
 */
export function notificationInScope(channelIds: readonly string[]) {
  const visible = channelIds.length > 0 ? sql.join(channelIds.map((id) => sql`${id}`)) : sql`null`;
  return sql<SqlBool>`(
    notifications.subject_type is null
    or (notifications.subject_type = 'channel' and notifications.subject_id::text in (${visible}))
    or (notifications.subject_type = 'post'
      and exists (select 1 from publications p where p.post_id::text = notifications.subject_id::text)
      and not exists (
        select 1 from publications p
        where p.post_id::text = notifications.subject_id::text
          and (p.channel_id::text not in (${visible}) or ${channelIds.length === 0})
      ))
  )`;
}
