#!/usr/bin/env bash
# Quick inner-loop test run without the full build: bundles one or more test files with esbuild
# into a private temp folder and runs them with mocha. Usage: scripts/dev-test.sh FILE.ts... [-- mocha args]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d /tmp/tnote-dev-test.XXXXXX)
files=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do files+=("$1"); shift; done; [ "${1:-}" = "--" ] && shift
for f in "${files[@]}"; do
  npx esbuild "$f" --bundle --platform=node --target=node20 --format=cjs --sourcemap=inline --log-level=warning \
    --external:mocha --external:vscode --outfile="$out/$(basename "${f%.ts}").js"
done
TNOTE_REPO_ROOT="$PWD" npx mocha --no-config --timeout 20000 "$@" "$out"/*.js
rm -rf "$out"
