import type { ColumnType } from 'kysely';

/** Column shapes shared by the table types (Kysely: select, insert, update). */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type Json = ColumnType<Record<string, unknown>, string | undefined, string>;
