#!/usr/bin/env bash
# Install Debian packages only when they are missing.
#
# Usage: scripts/e2e/ensure-debian-packages.sh [APT_OPTION...] PKG [PKG...]
#   e.g.  scripts/e2e/ensure-debian-packages.sh chromium neovim
#         scripts/e2e/ensure-debian-packages.sh --no-install-recommends emacs-nox elpa-eglot
# Leading arguments starting with "-" are passed to `apt-get install`.
#
# A package counts as present when `dpkg -s` reports "install ok installed" (a package that was
# removed but left its config files behind does not). `apt-get update` runs at most once, and only
# when something has to be installed. Exits non-zero with a message naming the packages when the
# install fails (no network, unknown package name, not root and no sudo, ...).
set -euo pipefail

apt_opts=()
while [ "$#" -gt 0 ] && [ "${1#-}" != "$1" ]; do
  apt_opts+=("$1")
  shift
done
if [ "$#" -eq 0 ]; then
  echo "usage: $0 [APT_OPTION...] PKG [PKG...]" >&2
  exit 2
fi

missing=()
for pkg in "$@"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "debian packages already installed: $*"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "ERROR: missing Debian packages (${missing[*]}) and not root / no sudo to install them" >&2
  exit 1
fi

echo "installing missing debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -qq; then
  echo "ERROR: apt-get update failed; cannot install: ${missing[*]}" >&2
  exit 1
fi
if ! "${SUDO[@]}" apt-get install -y -qq "${apt_opts[@]}" "${missing[@]}"; then
  echo "ERROR: apt-get install failed for: ${missing[*]}" >&2
  exit 1
fi

# Double-check: apt-get can exit 0 in odd states (e.g. held packages); trust dpkg's word.
for pkg in "${missing[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
    echo "ERROR: $pkg is still not installed after apt-get install" >&2
    exit 1
  fi
done
echo "installed: ${missing[*]}"
