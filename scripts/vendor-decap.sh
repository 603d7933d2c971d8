#!/usr/bin/env bash
# Vendors the web editor's script: Decap CMS's prebuilt browser bundle from
# npm, at the version pinned here, its tarball checked against the pinned
# SHA-256, copied into DEST (static/admin for a deploy: oerhub copies
# static/ into the site, so /admin/ loads it from the site itself). The
# bundle lazy-loads its chunks and two WebAssembly files from its own
# folder, so they are copied too, with its licence notices.
#
#   scripts/vendor-decap.sh DEST
#
# To upgrade: change DECAP_VERSION, then set DECAP_SHA256 to `sha256sum` of
# the file `npm pack decap-cms@<version>` downloads.
set -euo pipefail
DECAP_VERSION=3.16.3
DECAP_SHA256=f1c0055411ebdbd5b7c77a835a68b92b5467622585838f8496223b27eee116d1
dest="${1:?usage: scripts/vendor-decap.sh DEST}"
if [ -f "$dest/.decap-$DECAP_VERSION" ]; then
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm pack --silent --pack-destination "$tmp" "decap-cms@$DECAP_VERSION" >/dev/null
echo "$DECAP_SHA256  $tmp/decap-cms-$DECAP_VERSION.tgz" | sha256sum --check --quiet -
tar -xzf "$tmp/decap-cms-$DECAP_VERSION.tgz" -C "$tmp"
mkdir -p "$dest"
rm -f "$dest"/*decap-cms.js "$dest"/*.wasm "$dest"/decap-cms.js.LICENSE.txt "$dest"/.decap-*
cp "$tmp"/package/dist/*decap-cms.js "$tmp"/package/dist/*.wasm "$tmp"/package/dist/decap-cms.js.LICENSE.txt "$dest"/
touch "$dest/.decap-$DECAP_VERSION"
