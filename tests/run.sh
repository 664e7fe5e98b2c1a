#!/usr/bin/env bash
# The whole test suite, as `make test` runs it:
#   1. unit tests (Check), in a normal and an ASan+UBSan build;
#   2. a parley built with ASan+UBSan serving a fresh embedded PostgreSQL;
#      end-to-end HTTP suites, the OpenAPI lint and contract check, the
#      extraction and HTML scorers (when ../shared is present), the
#      database-down suite;
#   3. migration integration checks (numbered and repeatable, git history,
#      upgrades from earlier releases), make install, worker suites, browser
#      suites, the container test (when podman can run containers here).
# Prints one line per suite and a last line "N passed, M failed".
set -uo pipefail
# The test tooling run as root (runuser, debootstrap, the container engine's
# iptables) lives in /usr/sbin, which a stock user PATH (/usr/bin:/bin)
# lacks.  The server under test is still started with PATH=/usr/bin:/bin.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH=$PATH:/usr/sbin:/sbin ;; esac
export PATH
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-$ROOT/build}
ASAN_BUILD=${ASAN_BUILD:-$ROOT/build-asan}
ART=$ROOT/tests/artifacts
mkdir -p "$ART"
JOBS=$(nproc)
passed=0 failed=0 failures=()

suite() { # suite NAME CMD...
  local name=$1; shift
  local log="$ART/$name.log" t0=$SECONDS
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1)); printf 'PASS %-28s %4ss\n' "$name" $((SECONDS - t0))
  else
    failed=$((failed + 1)); failures+=("$name")
    printf 'FAIL %-28s %4ss  (log: %s)\n' "$name" $((SECONDS - t0)) "$log"
    tail -n 40 "$log" | sed 's/^/    /'
  fi
}

build() { # build DIR extra-cmake-args...
  local dir=$1; shift
  cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null &&
    cmake --build "$dir" -j "$JOBS"
}

echo "== build"
if ! build "$BUILD" >"$ART/build.log" 2>&1; then tail -n 60 "$ART/build.log"; echo "0 passed, 1 failed"; exit 1; fi
if ! build "$ASAN_BUILD" -DPARLEY_SANITIZE=ON >"$ART/build-asan.log" 2>&1; then
  tail -n 60 "$ART/build-asan.log"; echo "0 passed, 1 failed"; exit 1
fi

echo "== unit"
suite unit ctest --test-dir "$BUILD" -L unit --output-on-failure -j "$JOBS"
suite unit-asan env ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir "$ASAN_BUILD" -L unit --output-on-failure -j "$JOBS"

# --- issue 10 (h10-api): the HTTP fuzzer, a bounded number of executions ---
echo "== fuzz (bounded)"
suite fuzz-http env FUZZ_TARGETS=fuzz_http FUZZ_RUNS=200000 tests/fuzz/run.sh
# --- end issue 10 (h10-api) ---

echo "== integration"
suite migrations tests/scripts/migrations.sh "$BUILD/parley"
suite stock-path tests/scripts/stock_path.sh "$BUILD/parley"
suite crash-recovery tests/scripts/crash_recovery.sh "$BUILD/parley"
if tests/scripts/disk_full.sh --probe; then
  suite disk-full tests/scripts/disk_full.sh "$BUILD/parley"
else
  echo "SKIP disk-full: cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN)"
fi
suite upgrade tests/scripts/upgrade.sh "$BUILD/parley"
if reason=$(tests/scripts/replica.sh --probe 2>&1); then
  suite replica tests/scripts/replica.sh "$BUILD/parley"
else
  echo "SKIP replica: $reason"
fi
suite install tests/scripts/install.sh "$BUILD"

echo "== end-to-end (ASan+UBSan server)"
TMP=$(mktemp -d /tmp/parley-test.XXXXXX)
export PARLEY_TEST_KEY=test-key-$RANDOM$RANDOM PARLEY_TEST_MAX_BODY=8388608
# `env -i` with a stock Debian PATH: the server must not depend on anything
# a developer's PATH happens to hold (PostgreSQL's bin dir is not on it).
env -i PATH=/usr/bin:/bin HOME="$HOME" LANG=C.UTF-8 \
ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:quarantine_size_mb=8 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
PARLEY_DATA_DIR=$TMP/var PARLEY_LISTEN=127.0.0.1:0 PARLEY_API_KEY=$PARLEY_TEST_KEY \
PARLEY_MAX_BODY=$PARLEY_TEST_MAX_BODY PARLEY_CORS_ORIGINS=https://dash.example PARLEY_DEMO=0 PARLEY_WORKER=0 PARLEY_THREADS=4 PARLEY_POOL_SIZE=4 \
  "$ASAN_BUILD/parley" serve >"$ART/server.log" 2>&1 &
SERVER=$!
port=
for _ in $(seq 1 120); do
  port=$(grep -o '"url":"http://127.0.0.1:[0-9]*' "$ART/server.log" 2>/dev/null | grep -o '[0-9]*$' | head -n 1)
  [ -n "$port" ] && break
  kill -0 $SERVER 2>/dev/null || break
  sleep 0.5
done
if [ -z "$port" ]; then
  echo "server did not start:"; tail -n 30 "$ART/server.log"; failed=$((failed + 1))
else
  export PARLEY_TEST_URL=http://127.0.0.1:$port
  echo "server at $PARLEY_TEST_URL"
  sql_cases() { psql -h "$TMP/var/pg" -U parley -d parley -q -o /dev/null -f tests/sql/store_extraction.sql 2>&1 | grep -v NOTICE; }
  suite sql-store-extraction sql_cases
  suite concurrent-store tests/scripts/concurrent_store.sh "$BUILD/parley" "host=$TMP/var/pg user=parley"
  read_models_cases() { psql -h "$TMP/var/pg" -U parley -d parley -q -o /dev/null -f tests/sql/read_models.sql 2>&1 | grep -v NOTICE; }
  suite sql-read-models read_models_cases
  suite e2e-api "$BUILD/e2e_test_api"
  suite e2e-features "$BUILD/e2e_test_features"
  suite export-100k tests/scripts/export_bulk.sh "$TMP/var" "$SERVER"
  suite actors-cli env PARLEY_DATABASE_URL="host=$TMP/var/pg user=parley dbname=parley" \
    tests/scripts/actors_cli.sh "$BUILD/parley"
  # -- HTTP limits (issue 10: auth and routing before the body, connection caps and
  #    deadlines, DNS rebinding, our envelope ahead of libmicrohttpd's errors)
  suite e2e-limits "$BUILD/e2e_test_limits"
  suite http-limits env ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    tests/scripts/http_limits.sh "$ASAN_BUILD/parley" "host=$TMP/var/pg user=parley dbname=parley" "$SERVER"
  # -- end of HTTP limits
  if [ -x tests/contract/run.sh ]; then suite openapi-contract tests/contract/run.sh; fi
  if [ -d "$ROOT/../shared/eval" ]; then
    suite eval-seeds tests/scripts/score_eval.sh
    suite eval-polnear24 tests/scripts/score_eval.sh polnear24
    suite eval-polnear840 tests/scripts/score_eval.sh polnear840
  else
    echo "SKIP eval-seeds: ../shared/eval is not present (third-party scorer)"
  fi
  if [ -d "$ROOT/../shared/htmlbench" ]; then
    suite htmlbench tests/scripts/score_html.sh
  else
    echo "SKIP htmlbench: ../shared/htmlbench is not present (third-party scorer)"
  fi
  # --- issue 10 (h10-api): hostile input end to end, then the probe ---
  suite e2e-hardening "$BUILD/e2e_test_hardening"
  suite probe python3 tests/scripts/probe.py --url "$PARLEY_TEST_URL" --key "$PARLEY_TEST_KEY" \
    --pid $SERVER --count 6000 --budget 90
  # --- end issue 10 (h10-api) ---
  export PARLEY_TEST_PGCTL="$ROOT/tests/scripts/pgctl.sh $TMP/var"
  suite e2e-dbdown "$BUILD/e2e_test_dbdown"
  kill -TERM $SERVER
  t0=$SECONDS
  wait $SERVER; code=$?
  stopped() { [ "$code" -eq 0 ] && [ $((SECONDS - t0)) -le 10 ] && grep -q '"embedded database stopped"' "$ART/server.log"; }
  suite server-shutdown stopped
  sanitizer_clean() { ! grep -E 'runtime error|AddressSanitizer|LeakSanitizer' "$ART/server.log"; }
  suite server-sanitizers sanitizer_clean
fi
rm -rf "$TMP"

for extra in tests/worker/run.sh tests/browser/run.sh; do
  if [ -x "$extra" ]; then
    echo "== $(dirname "$extra")"
    suite "$(basename "$(dirname "$extra")")" "$extra"
  fi
done

# The image built and run under podman, when this machine can run containers
# (a few minutes when the base image and the package layers are cached).
echo "== container"
if reason=$(tests/container/run.sh --probe 2>&1); then
  suite container timeout 1800 tests/container/run.sh
else
  echo "SKIP container: $reason"
fi

echo
[ $failed -eq 0 ] || echo "failed suites: ${failures[*]}"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
