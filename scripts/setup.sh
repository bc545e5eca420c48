#!/usr/bin/env bash
# Installs the Debian packages Cordon needs, only those that are missing.
set -euo pipefail

packages=(libsqlite3-dev sqlite3 postgresql libqrencode-dev zbar-tools libjs-leaflet libjs-chart.js)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all Debian packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
