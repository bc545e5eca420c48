#!/usr/bin/env bash
# The main job: install what is missing, build, and serve a generated demo city on SQLite.
# Extra arguments go to `cordon serve` (e.g. --port 9000, --demo-residents 200000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${CORDON_DEBUG:-0}" = "1" ]; then
  swift build --product cordon
  exec .build/debug/cordon serve "$@"
fi
swift build -c release --product cordon
exec .build/release/cordon serve "$@"
