-- The audit trail keeps the order in which rows were written: two rows written within the same microsecond (or in
-- one transaction, where now() does not move) used to fall back on their random uuid.
alter table audit_log add column seq bigint generated always as identity;
create index audit_log_workspace_order on audit_log (workspace_id, created_at desc, seq desc);
