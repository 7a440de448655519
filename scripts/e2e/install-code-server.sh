#!/usr/bin/env bash
# Install code-server (VS Code in a browser) from the npm registry into a cache folder, so that the
# extension's end-to-end tests can run in a real VS Code on machines that cannot download VS Code
# itself (only npm + Debian apt reachable).
#
# Usage: scripts/e2e/install-code-server.sh [DEST]     (default DEST: <repo>/.cache/code-server)
#   env CS_VERSION   code-server version (default 4.100.3: bundles VS Code 1.100.3 and is the newest
#                    release that runs on Node 20; 4.103+ needs Node 22)
# Prints the code-server binary path on the last line: DEST/node_modules/.bin/code-server
#
# A no-op when DEST already holds a complete install of CS_VERSION. DEST should be git-ignored.
# Needs root (or sudo) only when Debian prerequisites are missing.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
DEST=$(realpath -m "${1:-$REPO_ROOT/.cache/code-server}")
CS_VERSION=${CS_VERSION:-4.100.3}
CS_BIN="$DEST/node_modules/.bin/code-server"
MARKER="$DEST/.installed-version"   # written only after a complete, successful install

installed_version() {
  [ -f "$MARKER" ] && [ -x "$CS_BIN" ] && [ -f "$DEST/node_modules/code-server/package.json" ] || return 0
  node -p "require(process.argv[1]).version" "$DEST/node_modules/code-server/package.json"
}

if [ "$(installed_version)" = "$CS_VERSION" ] && [ "$(cat "$MARKER")" = "$CS_VERSION" ]; then
  echo "code-server $CS_VERSION already installed in $DEST"
  echo "$CS_BIN"
  exit 0
fi

# Native modules: the kerberos module needs the gssapi headers; Debian's rg stands in for the ripgrep
# binary that @vscode/ripgrep would download from GitHub.
"$HERE/ensure-debian-packages.sh" libkrb5-dev ripgrep

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$CS_VERSION" = "4.100.3" ] && [ "$node_major" != "20" ]; then
  echo "WARNING: code-server $CS_VERSION expects Node 20, this is Node $(node -v)" >&2
fi

echo "installing code-server $CS_VERSION into $DEST"
rm -f "$MARKER"
mkdir -p "$DEST"
cd "$DEST"
[ -f package.json ] || printf '{ "name": "code-server-cache", "private": true }\n' > package.json

# @vscode/ripgrep's postinstall downloads ripgrep from api.github.com (unreachable here). It looks
# for the release asset in $TMPDIR/vscode-ripgrep-cache-<pkg version>/ first, so we seed that cache
# with a tarball of Debian's rg under the asset name it expects.
export TMPDIR="$DEST/.tmp"
rm -rf "$TMPDIR"
RG_PKG_VERSION=${RG_PKG_VERSION:-1.15.11}     # @vscode/ripgrep version that code-server 4.100.3 pulls in
RG_RELEASE=${RG_RELEASE:-v13.0.0-10}          # ripgrep release that @vscode/ripgrep 1.15.11 fetches
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) echo "ERROR: no known ripgrep target for $(uname -m)" >&2; exit 1 ;;
esac
rg_cache="$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$rg_cache/stage"
cp "$(command -v rg)" "$rg_cache/stage/rg"
tar czf "$rg_cache/ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz" -C "$rg_cache/stage" rg

# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it (npm 7+ dropped
#   the CLI flag, the environment variable is still honoured).
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`; an .npmrc with yes=false makes npx abort.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --foreground-scripts --no-audit --no-fund "code-server@$CS_VERSION"
rm -rf "$TMPDIR"

# Do not run `code-server --version` to check: it writes into ~/.local/share/code-server.
got=$(node -p "require(process.argv[1]).version" "$DEST/node_modules/code-server/package.json" 2>/dev/null || true)
if [ "$got" != "$CS_VERSION" ] || [ ! -x "$CS_BIN" ]; then
  echo "ERROR: code-server install in $DEST is incomplete (found version '$got', bin $CS_BIN)" >&2
  exit 1
fi
if [ ! -x "$DEST/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  echo "WARNING: bundled ripgrep missing; search in the workbench will not work" >&2
fi
echo "$CS_VERSION" > "$MARKER"
echo "code-server $CS_VERSION installed in $DEST"
echo "$CS_BIN"
