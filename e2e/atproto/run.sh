#!/usr/bin/env bash
# The Bluesky connector against a real local PDS. This folder is its own npm package (not a root workspace),
# so @atproto/pds and its native SQLite stay out of the product's dependencies.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/@atproto/pds ]; then
  npm ci --no-audit --no-fund
fi
# tsx comes from the root's node_modules (the connector is TypeScript); node resolves it up the tree.
LOG_ENABLED=false node --import tsx --test --test-timeout=120000 pds.test.mjs
