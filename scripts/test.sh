#!/usr/bin/env bash
# The whole test suite: unit tests, and the storage and API tests on SQLite and on a real
# PostgreSQL server started on loopback for the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

url=$(bash scripts/postgres-test-cluster.sh start | tail -n 1)
case "$url" in postgres://*) ;; *) echo "test.sh: PostgreSQL did not start" >&2; exit 1 ;; esac
trap 'bash scripts/postgres-test-cluster.sh stop' EXIT
export CORDON_TEST_DATABASE_URL="$url"
echo "test.sh: PostgreSQL for tests at $url"

swift build --build-tests
log=$(mktemp /tmp/cordon-test.XXXXXX.log)
set +e
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Contract tests are parameterised by backend; Swift Testing names each case's argument.
sqlite=$(grep -c 'backend → sqlite' "$log" || true)
postgres=$(grep -c 'backend → postgres' "$log" || true)
echo "test cases on sqlite: $sqlite"
echo "test cases on postgres: $postgres"
if [ "$status" -eq 0 ] && [ "$postgres" -eq 0 ]; then
  echo "test.sh: no test ran on PostgreSQL" >&2
  exit 1
fi
exit "$status"
