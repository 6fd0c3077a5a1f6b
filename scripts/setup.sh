#!/usr/bin/env bash
# Installs what the app and the tests need on a fresh machine: Node packages (Azurite) from the
# lock file, Debian packages the later steps use, and the .NET packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK (dotnet) is required; see global.json for the version." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: Node.js with npm is required to install Azurite." >&2
  exit 1
fi

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing Azurite from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Debian packages: listed in scripts/apt-packages.txt (one per line); installed when missing.
missing=()
if [ -f scripts/apt-packages.txt ]; then
  while read -r pkg; do
    [ -z "$pkg" ] && continue
    case "$pkg" in \#*) continue ;; esac
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done < scripts/apt-packages.txt
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet restore Serverless.sln --verbosity quiet
