#!/usr/bin/env bash
# The whole test suite: unit tests, CLI tests, and the storage and API contract tests on SQLite and
# on a real PostgreSQL 15 server that this script starts on loopback for the run (and removes after);
# then the API under schemathesis (scripts/fuzz-api, a small budget).
# The full output is kept in /tmp/cordon-test.log.
#
# CORDON_TEST_DATABASE_URL, when already set, names a PostgreSQL server to use instead of starting
# one (the throw-away cluster needs root; CI runs as root).
set -euo pipefail
cd "$(dirname "$0")/.."
log=/tmp/cordon-test.log

bash scripts/setup.sh

if [ -n "${CORDON_TEST_DATABASE_URL:-}" ]; then
  url=$CORDON_TEST_DATABASE_URL
  echo "test.sh: using the PostgreSQL server of CORDON_TEST_DATABASE_URL"
  if ! pg_isready -q -d "$url"; then
    echo "test.sh: FAILED: CORDON_TEST_DATABASE_URL does not answer (pg_isready)" >&2
    exit 1
  fi
else
  trap 'bash scripts/postgres-test-cluster.sh stop || true' EXIT
  if ! out=$(bash scripts/postgres-test-cluster.sh start); then
    echo "test.sh: FAILED: the PostgreSQL test cluster did not start; CI must test both databases" >&2
    exit 1
  fi
  printf '%s\n' "$out" | sed '$d'
  url=$(printf '%s\n' "$out" | tail -n 1)
fi
case "$url" in
  postgres://* | postgresql://*) ;;
  *) echo "test.sh: FAILED: no PostgreSQL URL for the tests (got \"$url\"); CI must test both databases" >&2; exit 1 ;;
esac
export CORDON_TEST_DATABASE_URL="$url"
echo "test.sh: CORDON_TEST_DATABASE_URL=$url"

swift build --build-tests

set +e
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The contract tests are parameterised by backend, and Swift Testing names each case's argument:
#   ◇ Test case passing 1 argument backend → sqlite to "…" started.
# With --verbose it also prints "✔ Test case passing … → sqlite to "…" passed after …"; an issue is
# "✘ Test "…" recorded an issue with 1 argument backend → sqlite at …".
count() { grep -cE "$1" "$log" || true; }
echo
for backend in sqlite postgres; do
  ran=$(count "Test case passing [0-9]+ arguments? .*→ ${backend}\b.* started\.|Passing [0-9]+ arguments? .*→ ${backend}\b")
  passed=$(count "(passed|✔).*→ ${backend}\b")
  failed=$(count "(recorded an issue with|failed).*→ ${backend}\b")
  line="tests on ${backend}: ${ran}"
  [ "$passed" -gt 0 ] && line+=" (${passed} passed)"
  [ "$failed" -gt 0 ] && line+=" (${failed} issues recorded)"
  echo "$line"
  printf -v "ran_${backend}" '%s' "$ran"
done
grep -E 'Test run with [0-9]+ tests?' "$log" | tail -n 1 || true
echo "full output: $log"

if [ "$status" -ne 0 ]; then
  echo "test.sh: FAILED: swift test exited $status" >&2
  exit "$status"
fi
if [ "$ran_sqlite" -eq 0 ] || [ "$ran_postgres" -eq 0 ]; then
  echo "test.sh: FAILED: no test ran on $([ "$ran_sqlite" -eq 0 ] && echo SQLite || echo PostgreSQL); CI must test both databases" >&2
  exit 1
fi
echo "test.sh: all tests passed on SQLite and PostgreSQL"

# The API under property-based fuzzing with a small budget (scripts/fuzz-api; more with --examples).
echo "test.sh: fuzzing the API (schemathesis, 5 examples per operation, as each role and the feed)"
if ! CORDON_BIN=.build/debug/cordon bash scripts/fuzz-api --examples 5 --residents 1000; then
  echo "test.sh: FAILED: scripts/fuzz-api found a server error, an undocumented answer or accepted invalid authentication" >&2
  exit 1
fi
echo "test.sh: all tests and the API fuzzing passed"
