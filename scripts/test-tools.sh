#!/usr/bin/env bash
# Installs what the tests need and the machine lacks, saying what it
# installs; sourced by scripts/test.sh (so by .ci/run too). Debian packages
# when run as root or with sudo (else it names the command to run), Python
# packages into a virtual environment under target/, npm packages from
# package-lock.json. Leaves PATH pointing at that environment's python3.
#
# The Debian packages: Chromium (browser tests), Java (the Nu Html
# Checker), xmllint (SCORM schemas), msgfmt (PO files), Node.js and npm
# when missing.

need_apt=()
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
# Debian's own Python makes virtual environments only with python3-venv.
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import ensurepip' 2>/dev/null; then
  need_apt+=(python3-venv)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
    echo "error: the tests need Debian packages that are missing: ${need_apt[*]}" >&2
    echo "  install them with: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
  echo "test tools: installing ${need_apt[*]} (apt-get)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Python packages, pinned, in a virtual environment of the checkout's own.
venv="${CARGO_TARGET_DIR:-target}/test-venv"
stamp="$venv/requirements.txt"
if ! cmp -s tests/requirements.txt "$stamp" 2>/dev/null; then
  echo "test tools: installing tests/requirements.txt into $venv (pip)" >&2
  python3 -m venv "$venv"
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
  cp tests/requirements.txt "$stamp"
fi
case "$venv" in /*) ;; *) venv="$PWD/$venv" ;; esac
export PATH="$venv/bin:$PATH"

# npm packages, exactly as package-lock.json pins them.
if ! cmp -s package-lock.json node_modules/.oerhub-lock 2>/dev/null; then
  echo "test tools: installing package-lock.json into node_modules (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.oerhub-lock
fi
