#!/usr/bin/env bash
# Install what is missing, build, and serve Cordon on http://127.0.0.1:8080/.
# On an empty ./cordon-data `cordon serve` first generates the demo city and prints one sign-in per
# role (also written to cordon-data/demo-accounts.json). Extra arguments go to `cordon serve`,
# e.g. --port 9000, --demo-residents 200000, --data-dir DIR, --database-url postgres://…
# CORDON_DEBUG=1 builds and runs the debug configuration (faster to build, slower to run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${CORDON_DEBUG:-0}" = "1" ]; then
  config=debug
else
  config=release
fi
echo "run-demo: swift build -c $config --product cordon"
swift build -c "$config" --product cordon
echo "run-demo: .build/$config/cordon serve $*"
exec ".build/$config/cordon" serve "$@"
