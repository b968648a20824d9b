import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './columns.ts';

/** A client (brand) of an agency workspace; its channels carry its id (migration 0018). */
export type ClientsTable = {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

/** One client or one channel of a scoped member's scope. */
export type MemberScopeEntriesTable = {
  workspace_id: string;
  user_id: string;
  client_id: string | null;
  channel_id: string | null;
};
