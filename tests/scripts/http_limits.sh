#!/usr/bin/env bash
# HTTP defences (issue 10, items 3–5): starts a second parley with NO API key
# on the e2e database — the e2e server has a key, so the DNS-rebinding rules
# (which guard the keyless, loopback-trusting mode) need their own instance —
# with small connection limits and short deadlines, and runs
# http_limits.py against it and against the keyed e2e server.
#   http_limits.sh PARLEY_BIN CONNINFO [KEYED_PID]
# Uses PARLEY_TEST_URL and PARLEY_TEST_KEY for the keyed server.  Bounded:
# the server start waits at most 60 s, the checks at most 120 s.
set -euo pipefail
parley=$1 conninfo=$2 keyed_pid=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp /tmp/parley-limits.XXXXXX)
PARLEY_DATABASE_URL=$conninfo PARLEY_SKIP_MIGRATE=1 PARLEY_WORKER=0 PARLEY_DEMO=0 \
PARLEY_LISTEN=127.0.0.1:0 PARLEY_API_KEY= PARLEY_THREADS=4 PARLEY_POOL_SIZE=2 \
PARLEY_MAX_CONN_PER_IP=64 PARLEY_MAX_CONNECTIONS=1000 \
PARLEY_HEADER_TIMEOUT_MS=1000 PARLEY_REQUEST_TIMEOUT_MS=2500 \
  "$parley" serve >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT
port=
for _ in $(seq 1 120); do
  port=$(grep -o '"url":"http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' | head -n 1 || true)
  [ -n "$port" ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.5
done
[ -n "$port" ] || { echo "the keyless server did not start:"; cat "$log"; exit 1; }
args=("http://127.0.0.1:$port")
[ -n "$keyed_pid" ] && args+=("$PARLEY_TEST_URL" "$keyed_pid")
rc=0
timeout 150 python3 "$here/http_limits.py" "${args[@]}" || rc=$?
kill -TERM $pid
code=0; wait $pid || code=$?
[ $code -eq 0 ] || { echo "the keyless server exited with $code"; rc=1; }
if grep -E 'runtime error|AddressSanitizer' "$log"; then rc=1; fi
grep '"deadline_closes"' "$log" || true
exit $rc
