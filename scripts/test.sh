#!/usr/bin/env bash
# Every test: the Rust unit and integration tests, then the browser tests,
# which build the demo hub twice (for http and for file://) and drive
# Chromium through playwright-core. Needs: a Rust toolchain, Node 20+,
# Chromium at /usr/bin/chromium (or $CHROMIUM); .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --locked "$@"

if ! command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null; then
  echo "error: Chromium not found; install it (apt-get install chromium) or set CHROMIUM" >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi
sites="$(mktemp -d)"
trap 'rm -rf "$sites"' EXIT
bin="${CARGO_TARGET_DIR:-target}/debug/oerhub"
"$bin" build --out "$sites/site"
"$bin" build --offline --out "$sites/offline"
OERHUB_SITE="$sites/site" OERHUB_OFFLINE_SITE="$sites/offline" npm test
