#!/usr/bin/env bash
# Every test: the Rust unit and integration tests; then the demo hub built
# for http and for file:// (and a hostile fixture hub), its podcast feeds
# read by Python's feedparser, and the browser tests driving Chromium
# through playwright-core. Needs only a Rust toolchain to start: what else
# the tests use (Chromium, Java, xmllint, Node.js, Python packages, npm
# packages) scripts/test-tools.sh installs when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/test-tools.sh
. scripts/test-tools.sh

cargo test --locked "$@"

sites="$(mktemp -d)"
trap 'rm -rf "$sites"' EXIT
bin="${CARGO_TARGET_DIR:-target}/debug/oerhub"
"$bin" build --out "$sites/site"
"$bin" build --offline --out "$sites/offline"
"$bin" build --root tests/fixtures/hostile --out "$sites/hostile"
# A hub in eight languages (es, fr, pt, de, tr without strings; ar right
# to left), copied so `oerhub search` keeps its cache out of the tree.
cp -r tests/fixtures/languages/eight "$sites/langs-root"
"$bin" build --root "$sites/langs-root" --out "$sites/langs" 2>/dev/null
OERHUB_SITE="$sites/site" OERHUB_HOSTILE_SITE="$sites/hostile" \
  python3 -m unittest discover -s tests/feeds
# Hostile content read back by real parsers in every output format.
OERHUB_HOSTILE_SITE="$sites/hostile" python3 -m unittest discover -s tests/hostile
# Deployment: netlify.toml's build, headers and redirects.
python3 -m unittest discover -s tests/deploy
# The Jekyll importer (scripts/import/) on a synthetic site, its hub checked by oerhub.
OERHUB_BIN="$bin" python3 -m unittest discover -s tests/import
# Translators' files: PO checked by msgfmt and pofilter, XLIFF read back by
# xliff2po, and a round trip in each on a demo page of every content type.
OERHUB_BIN="$bin" python3 -m unittest discover -s tests/translations
# Packages: SCORM manifests against the SCORM 1.2 schemas (xmllint), the
# Common Cartridges' structure, links inside every package, AMB records.
OERHUB_SITE="$sites/site" python3 -m unittest discover -s tests/packages
# Valid HTML (the Nu Html Checker) and no broken link or missing asset
# (linkinator), on the site and on its file:// edition.
# A package's pages and launch page are checked as unpacked.
python3 -m zipfile -e "$sites/site/bundles/ru/refugee-protection-basics.zip" "$sites/package"
java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "$sites/site" "$sites/offline" "$sites/package" "$sites/hostile" "$sites/langs"
for site in "$sites/site" "$sites/offline" "$sites/langs"; do
  npx --no-install linkinator "$site" --recurse --silent \
    --skip '^https?://(?!127\.0\.0\.1|localhost)'
done
# The web editor's real script (Decap CMS, as netlify.toml vendors it),
# for the browser test that loads the generated configuration in it.
decap="${CARGO_TARGET_DIR:-target}/decap-cms"
scripts/vendor-decap.sh "$decap"
OERHUB_LANGS_SITE="$sites/langs" OERHUB_LANGS_ROOT="$sites/langs-root" \
OERHUB_DECAP_DIR="$decap" OERHUB_BIN="$bin" OERHUB_SITE="$sites/site" OERHUB_OFFLINE_SITE="$sites/offline" OERHUB_HOSTILE_SITE="$sites/hostile" npm test
