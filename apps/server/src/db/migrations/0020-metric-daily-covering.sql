-- The dashboards' reads of a period (daily totals per channel, each publication's totals) answered from the
-- index alone: every column they read is in it, so PostgreSQL does an index-only scan instead of fetching
-- thousands of table rows scattered over the heap (measured with `npm run bench -- dashboard`).
create index if not exists metric_daily_period_cover_idx on metric_daily (workspace_id, local_date)
  include (channel_id, publication_id, metric, delivery, value, reported_count, not_reported_count, sources);
drop index if exists metric_daily_period_idx;
