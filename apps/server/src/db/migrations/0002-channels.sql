-- Connected social accounts ("channels") with their encrypted credentials and health.

create table channels (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  network text not null,
  -- The account on the network (page id, IG user id, organization URN, DID, instance account id...).
  network_account_id text not null,
  display_name text not null,
  -- Mastodon instance or Bluesky PDS; null where the network has one host.
  instance_url text,
  -- AES-256-GCM with the workspace id as associated data: base64(iv || ciphertext || tag).
  access_token_encrypted text not null,
  refresh_token_encrypted text,
  token_expires_at timestamptz,
  scopes text[] not null default '{}',
  status text not null default 'active' check (status in ('active', 'needs_reconnect', 'disconnected')),
  last_success_at timestamptz,
  last_error_at timestamptz,
  last_error text,
  -- No call to this account before this instant (Retry-After, quotas).
  blocked_until timestamptz,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, network, network_account_id)
);
create index channels_workspace_idx on channels (workspace_id);

-- OAuth flows in progress: state and PKCE verifier, single use, short-lived.
create table oauth_states (
  state_hash text primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  network text not null,
  code_verifier_encrypted text,
  instance_url text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
