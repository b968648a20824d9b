-- The unified inbox: incoming comments, replies, mentions, DMs and reviews of every channel, the team's
-- answers and notes, webhook deliveries (deduplicated) and each channel's polling cursor.

create table inbox_items (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  channel_id uuid not null references channels (id) on delete cascade,
  network text not null,
  -- The network's id of the item; one row per item per channel, whichever of webhook or polling saw it first.
  network_item_id text not null,
  kind text not null check (kind in ('comment', 'reply', 'mention', 'dm', 'review')),
  -- Groups the items of one conversation (the post commented on, the DM thread, the review).
  thread_key text not null,
  parent_network_id text,
  author_network_id text not null,
  author_name text not null,
  author_handle text,
  text text not null,
  rating smallint check (rating between 1 and 5),
  url text,
  -- What the connector needs to answer (Bluesky references, a DM's recipient...).
  reply_context jsonb not null default '{}',
  -- When the network says it was written, and when Sillage stored it.
  created_at timestamptz not null,
  received_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'pending', 'closed')),
  assignee_id uuid references users (id) on delete set null,
  tags text[] not null default '{}',
  lang text,
  sentiment text check (sentiment in ('negative', 'neutral', 'positive')),
  sentiment_score double precision,
  hidden boolean not null default false,
  unique (channel_id, network_item_id)
);
create index inbox_items_workspace_created_idx on inbox_items (workspace_id, created_at desc);
create index inbox_items_thread_idx on inbox_items (channel_id, thread_key);
create index inbox_items_author_idx on inbox_items (workspace_id, author_network_id);

-- Answers sent from Sillage, stored with the id the network gave them.
create table inbox_replies (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  item_id uuid not null references inbox_items (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  text text not null,
  network_reply_id text not null,
  sent_at timestamptz not null
);
create index inbox_replies_item_idx on inbox_replies (item_id, sent_at);

-- Internal notes: never sent to the network.
create table inbox_notes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  item_id uuid not null references inbox_items (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  text text not null,
  created_at timestamptz not null
);
create index inbox_notes_item_idx on inbox_notes (item_id, created_at);

-- Verified webhook bodies, kept by the SHA-256 of their raw bytes: a replayed delivery is recognised and
-- not processed twice.
create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  source text not null,
  body_sha256 text not null,
  body jsonb not null,
  received_at timestamptz not null,
  processed_at timestamptz,
  unique (source, body_sha256)
);

-- Where each channel's polling resumes: advanced in the same transaction as the items it read.
create table inbox_cursors (
  channel_id uuid primary key references channels (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  cursor text,
  polled_at timestamptz not null,
  last_error text
);
