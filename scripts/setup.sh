#!/usr/bin/env bash
# Installs the Debian packages Cordon needs to build, run and test, only those that are missing.
# Runs apt-get directly as root, through sudo otherwise. Safe to run again: it then does nothing.
#   scripts/setup.sh [EXTRA-PACKAGE…]   (scripts/screenshot-public adds chromium and fonts-noto-cjk)
set -euo pipefail

# nodejs runs the checkpoint page's offline verifier (Static/offline-verify.js) in the tests;
# python3-venv holds schemathesis for scripts/fuzz-api.
packages=(libsqlite3-dev sqlite3 postgresql libqrencode-dev zbar-tools libjs-leaflet libjs-chart.js wrk curl nodejs python3-venv "$@")

installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all Debian packages present (${packages[*]})"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: missing ${missing[*]}; run as root or install sudo" >&2; exit 1; }
  as_root=(sudo)
fi

echo "setup: missing ${missing[*]}"
echo "setup: apt-get update"
"${as_root[@]}" apt-get update -qq
echo "setup: apt-get install ${missing[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
for p in "${missing[@]}"; do
  installed "$p" || { echo "setup: $p did not install" >&2; exit 1; }
done
echo "setup: installed ${missing[*]}"
