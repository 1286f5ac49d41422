#!/usr/bin/env bash
# README command 1: install what is missing, build, migrate, seed demo data, start everything, print the URL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source infra/local/toolchain.sh
echo "building…"
pnpm turbo run build --output-logs=errors-only
exec node infra/local/start.mjs
