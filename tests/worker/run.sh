#!/usr/bin/env bash
# Worker test suite: the real parley binary against a private PostgreSQL
# cluster and the fixture web server (tests/fixtures/server/server.py) on
# loopback.  No mocks.  Prints one line per test and "N passed, M failed";
# exits non-zero on any failure.
#   tests/worker/run.sh [TEST...]       (default: all)
# BUILD (default build-worker) is the build dir; it is built first.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build-worker}
PARLEY=$BUILD/parley
TMP=$(mktemp -d /tmp/parley-worker-test.XXXXXX)
chmod 755 "$TMP"
passed=0 failed=0
declare -a BG=()

cleanup() {
  for p in "${BG[@]}"; do kill -9 "$p" 2>/dev/null; done
  "$ROOT/tests/scripts/pgctl.sh" "$TMP" stop >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "== build"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
  cmake --build "$BUILD" -j2 --target parley unit_ingest_test_ingest >"$TMP/build.log" 2>&1 ||
  { tail -40 "$TMP/build.log"; echo "0 passed, 1 failed"; exit 1; }

echo "== database and fixture server"
# parley initialises the embedded cluster on first use; pgctl.sh then keeps
# it running across the worker processes we start and kill.
PARLEY_DATA_DIR=$TMP "$PARLEY" migrate >"$TMP/migrate.log" 2>&1 ||
  { cat "$TMP/migrate.log"; echo "0 passed, 1 failed"; exit 1; }
"$ROOT/tests/scripts/pgctl.sh" "$TMP" start >"$TMP/pgctl.log" 2>&1 ||
  { cat "$TMP/pgctl.log"; echo "0 passed, 1 failed"; exit 1; }
export PARLEY_DATABASE_URL="host=$TMP/pg user=parley dbname=parley"
export PARLEY_DEMO=0 PARLEY_LOG_LEVEL=${PARLEY_LOG_LEVEL:-warn}
python3 "$ROOT/tests/fixtures/server/server.py" "$TMP/fx.port" &
BG+=($!)
disown $!
for _ in $(seq 50); do [ -s "$TMP/fx.port" ] && break; sleep 0.1; done
FX="http://127.0.0.1:$(cat "$TMP/fx.port")"

# ---- helpers ---------------------------------------------------------------
sql() { psql "$PARLEY_DATABASE_URL" -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
hits() { curl -s "$FX/_hits?path=$1"; }
# Failures are counted, not fatal: a test reports every broken expectation.
fail() { echo "    $*"; FAILS=$((FAILS + 1)); return 1; }
expect() { # expect WHAT ACTUAL WANTED
  [ "$2" == "$3" ] || fail "$1: got '$2', want '$3'"
}
reset_db() {
  sql "SET client_min_messages = warning; TRUNCATE sources, articles, actors, events RESTART IDENTITY CASCADE" >/dev/null
  curl -s "$FX/_reset" >/dev/null
}
# Fast settings for tests: loopback allowed, no per-host spacing, quick retries.
# Call in a subshell that then execs parley, so that $! is parley's own pid.
worker_env() {
  export PARLEY_ALLOW_LOCAL_FETCH=${ALLOW:-1} PARLEY_HOST_INTERVAL_MS=${HOST_MS:-0} \
    PARLEY_RETRY_BASE_SECONDS=${RETRY_BASE:-1} PARLEY_MAX_ATTEMPTS=${MAX_ATTEMPTS:-3} \
    PARLEY_FETCH_TIMEOUT=${TIMEOUT:-3} PARLEY_FETCH_MAX_BYTES=1048576 \
    PARLEY_WORKER_POLL_MS=100 PARLEY_LEASE_SECONDS=${LEASE:-20}
}
start_worker() { # start_worker LOGNAME: pid in $WPID
  ( worker_env; exec "$PARLEY" worker ) >"$TMP/$1.log" 2>&1 &
  WPID=$!
  BG+=($WPID)
}
stop_worker() { # stop_worker PID: SIGTERM, must exit 0 within 5 s
  kill -TERM "$1"
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$1" 2>/dev/null; then kill -9 "$1"; fail "worker $1 did not stop within 5 s"; return 1; fi
  wait "$1"
  local rc=$?
  [ $rc -eq 0 ] || fail "worker $1 exited $rc"
}
# Waits until nothing is due or in flight (or SECS pass); 1 on timeout.
wait_idle() {
  local secs=${1:-30}
  for _ in $(seq $((secs * 10))); do
    local busy
    busy=$(sql "SELECT (SELECT count(*) FROM articles WHERE status = 'fetching'
                          OR (status = 'pending' AND next_attempt_at <= now()))
                     + (SELECT count(*) FROM sources WHERE enabled AND
                          (next_fetch_at <= now() OR lease_until > now()))")
    [ "$busy" == 0 ] && return 0
    sleep 0.1
  done
  fail "queue not idle after ${secs}s"
}
# Waits until every article has a final status (retries with backoff
# included), or SECS pass; 1 on timeout.
wait_settled() {
  local secs=${1:-30}
  for _ in $(seq $((secs * 10))); do
    [ "$(sql "SELECT count(*) FROM articles WHERE status IN ('pending', 'fetching')")" == 0 ] && return 0
    sleep 0.1
  done
  fail "articles not settled after ${secs}s: $(sql "SELECT string_agg(url || ' ' || status, ', ') FROM articles WHERE status IN ('pending', 'fetching')")"
}
run_test() {
  local name=$1 t0=$SECONDS
  reset_db
  if ( FAILS=0; "$name" || [ $FAILS -gt 0 ] || FAILS=1; exit $((FAILS > 0)) ) >"$TMP/$name.out" 2>&1; then
    passed=$((passed + 1)); printf 'PASS %-24s %3ss\n' "$name" $((SECONDS - t0))
  else
    failed=$((failed + 1)); printf 'FAIL %-24s %3ss\n' "$name" $((SECONDS - t0))
    sed 's/^/    /' "$TMP/$name.out" | tail -30
  fi
}

# ---- tests -----------------------------------------------------------------
test_unit() {
  "$BUILD/unit_ingest_test_ingest"
}

# A feed source added by the CLI: kind sniffed, items stored with the feed's
# metadata, a second fetch adds nothing, a feed with other spellings of the
# same links adds nothing either.
test_feed() {
  "$PARLEY" sources add "$FX/feed.xml?n=5" --interval 60 >/dev/null
  start_worker feed; local w=$WPID
  wait_idle 30
  expect "extracted" "$(sql "SELECT count(*) FROM articles WHERE status = 'extracted'")" 5
  expect "kind sniffed" "$(sql "SELECT kind || ' ' || last_status || ' ' || name FROM sources")" "feed 200 Fixture feed"
  expect "feed author kept" "$(sql "SELECT count(*) FROM articles WHERE author IS NOT NULL AND source_id = 1")" 5
  expect "no errors" "$(sql "SELECT count(*) FROM articles WHERE error IS NOT NULL")" 0
  expect "extracted statements" "$(sql "SELECT count(DISTINCT article_id) FROM statements")" 5
  sql "UPDATE sources SET next_fetch_at = now()" >/dev/null
  "$PARLEY" sources add "$FX/feed-variants.xml?n=5" >/dev/null
  sleep 0.3; wait_idle 30
  stop_worker $w
  expect "articles after refetch" "$(sql "SELECT count(*) FROM articles")" 5
  expect "each page fetched once" "$(hits /page/a-3.html)" 1
  expect "feed fetched twice" "$(hits /feed.xml)" 2
  expect "variants seen" "$(sql "SELECT last_status FROM sources WHERE id = 2")" 200
}

test_atom_and_etag() {
  "$PARLEY" sources add "$FX/atom.xml" --kind feed >/dev/null
  "$PARLEY" sources add "$FX/etag.xml" >/dev/null
  start_worker etag; local w=$WPID
  wait_idle 30
  expect "atom articles" "$(sql "SELECT count(*) FROM articles WHERE url LIKE '%/atom-%' AND status = 'extracted'")" 3
  expect "etag stored" "$(sql "SELECT etag FROM sources WHERE url LIKE '%etag.xml'")" '"v1"'
  sql "UPDATE sources SET next_fetch_at = now()" >/dev/null
  sleep 0.3; wait_idle 30
  stop_worker $w
  expect "304 recorded" "$(sql "SELECT last_status || ' ' || coalesce(last_error, '-') FROM sources WHERE url LIKE '%etag.xml'")" "304 -"
  expect "etag articles" "$(sql "SELECT count(*) FROM articles WHERE url LIKE '%/etag-%'")" 2
}

# Every failure mode as a feed item: stored status, error and retries.
test_failures() {
  "$PARLEY" sources add "$FX/errors.xml" >/dev/null
  TIMEOUT=2 MAX_ATTEMPTS=3 start_worker failures; local w=$WPID
  sleep 1
  wait_idle 40
  wait_settled 40
  stop_worker $w
  row() { sql "SELECT status || '|' || attempts || '|' || coalesce(error, '') FROM articles WHERE url = '$FX/$1'"; }
  expect 404 "$(row status/404)" "failed|1|HTTP 404"
  expect 500 "$(row status/500)" "failed|3|HTTP 500"
  expect "500 retried" "$(hits /status/500)" 3
  expect "redirect loop" "$(row loop/a)" "failed|1|too many redirects (more than 5)"
  expect "redirect chain" "$(row redirect/3 | cut -d'|' -f1)" extracted
  expect "slow" "$(row slow)" "failed|3|timed out after 2 s"
  expect "too big" "$(row big)" "failed|1|body larger than 1048576 bytes"
  expect "pdf" "$(row pdf)" "failed|1|unsupported content type: application/pdf"
  expect "json" "$(row bad-type-feed)" "failed|1|unsupported content type: application/json"
  expect "cp1251" "$(row cp1251.html | cut -d'|' -f1)" extracted
  expect "cp1251 text" "$(sql "SELECT title FROM articles WHERE url = '$FX/cp1251.html'")" "Лавров встретился с Фиданом"
  expect "gzip" "$(row gzip.html | cut -d'|' -f1)" extracted
  expect "flaky retried once" "$(row flaky)" "extracted|2|"
  expect "no leases left" "$(sql "SELECT count(*) FROM articles WHERE lease_owner IS NOT NULL")" 0
}

test_source_errors() {
  "$PARLEY" sources add "$FX/bad.xml" >/dev/null
  "$PARLEY" sources add "$FX/status/404" >/dev/null
  "$PARLEY" sources add "$FX/status/503" --kind feed >/dev/null
  # a 30 s backoff: "next fetch is later" must not race a busy machine
  RETRY_BASE=30 start_worker srcerr; local w=$WPID
  wait_idle 20
  stop_worker $w
  src() { sql "SELECT coalesce(last_status::text, '-') || '|' || failures || '|' || (next_fetch_at > now()) FROM sources WHERE url = '$FX/$1'"; }
  expect "bad xml" "$(src bad.xml)" "200|1|true"
  sql "SELECT last_error FROM sources WHERE url = '$FX/bad.xml'" | grep -qi . || fail "bad xml: no error"
  expect "404 source" "$(src status/404)" "404|1|true"
  expect "503 source" "$(src status/503)" "503|1|true"
  expect "503 error" "$(sql "SELECT last_error FROM sources WHERE url = '$FX/status/503'")" "HTTP 503"
  # Retries come sooner than the interval (backoff), never later.
  expect "retry within interval" "$(sql "SELECT bool_and(next_fetch_at <= now() + interval '901 s') FROM sources")" t
}

# Without PARLEY_ALLOW_LOCAL_FETCH loopback is refused on the connected
# address (here a hostname, localhost, resolving to it); file:// is refused
# at the door.
test_ssrf() {
  local port=${FX##*:}
  "$PARLEY" sources add "http://localhost:$port/feed.xml" >/dev/null
  if "$PARLEY" sources add "file:///etc/passwd" 2>/dev/null; then fail "file:// accepted"; fi
  ALLOW=0 start_worker ssrf; local w=$WPID
  wait_idle 20
  stop_worker $w
  sql "SELECT last_error FROM sources" | grep -Eq "refused to connect to (127.0.0.1|::1) \(loopback address\)" ||
    fail "loopback not refused: $(sql "SELECT last_error FROM sources")"
  expect "nothing fetched" "$(hits /feed.xml)" 0
  expect "no articles" "$(sql "SELECT count(*) FROM articles")" 0
}

# Several worker processes on one queue: every article exactly once.
test_concurrency() {
  "$PARLEY" sources add "$FX/feed.xml?n=40&prefix=c" >/dev/null
  local ws=()
  for i in 1 2 3 4; do start_worker "conc$i"; ws+=($WPID); done
  sleep 1; wait_idle 60
  for w in "${ws[@]}"; do stop_worker $w; done
  expect "articles" "$(sql "SELECT count(*) FROM articles WHERE status = 'extracted'")" 40
  expect "all attempts 1" "$(sql "SELECT count(*) FROM articles WHERE attempts <> 1")" 0
  local total=0
  for i in $(seq 0 39); do total=$((total + $(hits "/page/c-$i.html"))); done
  expect "page fetches" "$total" 40
}

# A worker killed (-9) mid-fetch leaves a lease; after it expires another
# worker completes the job.
test_crash() {
  sql "INSERT INTO articles (url) VALUES ('$FX/hang-once/1')" >/dev/null
  sql "INSERT INTO article_urls (url, article_id) SELECT url, id FROM articles" >/dev/null
  LEASE=3 TIMEOUT=60 start_worker crash1; local a=$WPID
  for _ in $(seq 50); do [ "$(hits /hang-once/1)" == 1 ] && break; sleep 0.1; done
  expect "claimed by the first" "$(sql "SELECT status FROM articles")" fetching
  kill -9 $a; wait $a 2>/dev/null
  LEASE=3 TIMEOUT=60 start_worker crash2; local b=$WPID
  for _ in $(seq 100); do [ "$(sql "SELECT status FROM articles")" == extracted ] && break; sleep 0.1; done
  stop_worker $b
  expect "completed" "$(sql "SELECT status || '|' || attempts || '|' || (lease_owner IS NULL) FROM articles")" "extracted|2|true"
  expect "fetched twice" "$(hits /hang-once/1)" 2
}

# SIGTERM mid-fetch: exits 0 promptly and gives the job back uncounted.
test_shutdown() {
  sql "INSERT INTO articles (url) VALUES ('$FX/slow?s=20')" >/dev/null
  TIMEOUT=60 start_worker shutdown; local w=$WPID
  for _ in $(seq 50); do [ "$(sql "SELECT status FROM articles")" == fetching ] && break; sleep 0.1; done
  sleep 0.5
  local t0=$(date +%s%N)
  stop_worker $w
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  [ $ms -lt 3000 ] || fail "took ${ms} ms to stop"
  expect "released" "$(sql "SELECT status || '|' || attempts || '|' || (lease_owner IS NULL) FROM articles")" "pending|0|true"
}

# The API through `parley serve` (its worker thread on), validation included.
test_api() {
  local api=
  # port 0: the kernel picks a free one; serve logs the address it got
  ( worker_env; export PARLEY_LISTEN=127.0.0.1:0 PARLEY_LOG_LEVEL=info; exec "$PARLEY" serve ) >"$TMP/serve.log" 2>&1 &
  local s=$!; BG+=($s)
  for _ in $(seq 100); do
    api=$(grep -o '"url":"http://127.0.0.1:[0-9]*' "$TMP/serve.log" | head -n 1 | cut -d'"' -f4)
    [ -n "$api" ] && curl -sf "$api/livez" >/dev/null && break
    sleep 0.1
  done
  post() { curl -s -o "$TMP/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data "$2" "$api$1"; }
  expect "create" "$(post /v1/sources "{\"url\":\"$FX/feed.xml?n=3&prefix=api\",\"interval\":120}")" 201
  expect "again" "$(post /v1/sources "{\"url\":\"$FX/feed.xml?n=3&prefix=api\"}")" 200
  expect "bad interval" "$(post /v1/sources '{"url":"https://a.example/f","interval":5}')" 422
  expect "bad kind" "$(post /v1/sources '{"url":"https://a.example/f","kind":"blog"}')" 422
  expect "bad url" "$(post /v1/sources '{"url":"javascript:alert(1)"}')" 422
  expect "no url" "$(post /v1/sources '{}')" 422
  expect "unknown field" "$(post /v1/sources '{"url":"https://a.example/f","x":1}')" 422
  expect "interval type" "$(post /v1/sources '{"url":"https://a.example/f","interval":"9"}')" 422
  expect "huge interval" "$(post /v1/sources '{"url":"https://a.example/f","interval":99999999999999}')" 422
  expect "bad json" "$(post /v1/sources '{"url":')" 400
  grep -q '"error"' "$TMP/body" || fail "no error envelope: $(cat "$TMP/body")"
  for _ in $(seq 100); do
    [ "$(sql "SELECT count(*) FROM articles WHERE status = 'extracted'")" == 3 ] && break; sleep 0.1
  done
  expect "served worker stored" "$(sql "SELECT count(*) FROM articles WHERE status = 'extracted'")" 3
  curl -s "$api/v1/sources" >"$TMP/list"
  python3 - "$TMP/list" <<'PY' || fail "list: $(cat "$TMP/list")"
import json, sys
d = json.load(open(sys.argv[1]))["data"]
assert len(d) == 1 and d[0]["articles"]["extracted"] == 3 and d[0]["last_status"] == 200, d
assert d[0]["interval"] == 120 and d[0]["kind"] == "feed" and d[0]["last_fetched_at"], d
PY
  expect "get" "$(curl -s -o /dev/null -w '%{http_code}' "$api/v1/sources/1")" 200
  expect "get missing" "$(curl -s -o /dev/null -w '%{http_code}' "$api/v1/sources/99")" 404
  expect "get bad id" "$(curl -s -o /dev/null -w '%{http_code}' "$api/v1/sources/abc")" 404
  expect "fetch now" "$(post /v1/sources/1/fetch '')" 202
  expect "fetch missing" "$(post /v1/sources/42/fetch '')" 404
  expect "delete" "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$api/v1/sources/1")" 204
  expect "deleted" "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$api/v1/sources/1")" 404
  expect "articles kept" "$(sql "SELECT count(*) FROM articles")" 3
  stop_worker $s
}

# parley ingest: files, a folder, a feed URL; progress; exit status.
test_ingest_cli() {
  local d=$TMP/corpus; mkdir -p "$d"
  curl -s "$FX/page/file-1.html" >"$d/one.html"
  printf 'Sergei Lavrov met Hakan Fidan in Ankara on Monday. "We agreed to meet again," Lavrov said.\n' >"$d/two.txt"
  "$PARLEY" ingest "$d" 2>"$TMP/ingest.err" >"$TMP/ingest.out" || fail "ingest dir failed: $(cat "$TMP/ingest.err")"
  grep -q "2/2 done" "$TMP/ingest.err" || fail "no progress: $(cat "$TMP/ingest.err")"
  expect "files stored" "$(sql "SELECT count(*) FROM articles WHERE url LIKE 'file://%' AND status = 'extracted'")" 2
  "$PARLEY" ingest "$d" >/dev/null 2>&1 || fail "re-ingest failed"
  expect "no duplicates" "$(sql "SELECT count(*) FROM articles")" 2
  ( worker_env; exec "$PARLEY" ingest "$FX/feed.xml?n=3&prefix=cli" ) >/dev/null 2>"$TMP/ingest2.err" || fail "feed ingest: $(cat "$TMP/ingest2.err")"
  expect "feed items" "$(sql "SELECT count(*) FROM articles WHERE url LIKE '%/cli-%' AND status = 'extracted'")" 3
  if ( worker_env; exec "$PARLEY" ingest "$FX/status/404" "$d/missing.html" ) >/dev/null 2>"$TMP/ingest3.err"; then fail "failures not reported"; fi
  grep -q "HTTP 404" "$TMP/ingest3.err" || fail "no 404 message"
  if "$PARLEY" ingest "file://$d/one.html" >/dev/null 2>&1; then fail "file:// allowed without opt-in"; fi
}

# serve's demo bootstrap: the corpus once, however often serve starts.
test_demo() {
  for round in 1 2; do
    # port 0: the kernel picks a free one (nothing here talks HTTP)
    ( export PARLEY_DEMO=1 PARLEY_WORKER=0 PARLEY_LOG_LEVEL=info PARLEY_LISTEN=127.0.0.1:0
      exec "$PARLEY" serve ) >"$TMP/demo$round.log" 2>&1 &
    local s=$!; BG+=($s)
    for _ in $(seq 100); do grep -q "demo corpus ingested" "$TMP/demo$round.log" && break; sleep 0.1; done
    stop_worker $s
  done
  expect "demo articles" "$(sql "SELECT count(*) FROM articles WHERE status = 'extracted'")" 12
  grep -q '"new_articles":"0"' "$TMP/demo2.log" || fail "second start stored again"
  expect "demo source" "$(sql "SELECT count(*) || ' ' || bool_and(NOT enabled) FROM sources")" "1 true"
}

ALL=(test_unit test_feed test_atom_and_etag test_failures test_source_errors test_ssrf
     test_concurrency test_crash test_shutdown test_api test_ingest_cli test_demo)
T0=$SECONDS
for t in "${@:-${ALL[@]}}"; do run_test "$t"; done
echo "took $((SECONDS - T0))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
