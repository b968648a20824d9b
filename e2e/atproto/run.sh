#!/usr/bin/env bash
# The Bluesky connector against a real local AT Protocol network. This folder is its own npm package (not a root
# workspace), so @atproto/pds, @atproto/dev-env and their native modules stay out of the product's dependencies.
#   pds.test.mjs      publishing against an in-process PDS (SQLite, mock PLC)
#   appview.test.mjs  the inbox against @atproto/dev-env (PLC, PDS, AppView) on PostgreSQL and Redis
# PostgreSQL: ATPROTO_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432; each run creates and drops a
# database of its own there). Redis: REDIS_HOST (default 127.0.0.1:6379).
set -euo pipefail
cd "$(dirname "$0")"
for package in @atproto/pds @atproto/dev-env @atproto/api pg; do
  if [ ! -d "node_modules/$package" ]; then
    npm ci --no-audit --no-fund
    break
  fi
done
export REDIS_HOST="${REDIS_HOST:-127.0.0.1:6379}"
# tsx comes from the root's node_modules (the connector is TypeScript); node resolves it up the tree.
# --test-force-exit: a network that failed half-way through starting must not keep the run alive.
LOG_ENABLED=false node --import tsx --test --test-force-exit --test-concurrency=1 --test-timeout=180000 \
  pds.test.mjs appview.test.mjs
