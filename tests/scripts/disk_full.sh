#!/usr/bin/env bash
# Disk full: the data dir lives on a small tmpfs that the test fills up.
#   - writes (POST /v1/articles, POST /v1/actors) answer 503 with the
#     envelope, code storage_full and Retry-After — never 500; every write
#     is stored whole or not at all;
#   - reads, /readyz keep working;
#   - the worker retries an article it cannot store beyond its attempt limit
#     (the failure is ours, not the article's) instead of failing it;
#   - once space is freed, writes and ingestion resume by themselves;
#   - with not even room for WAL, PostgreSQL stops itself; parley starts it
#     again once space is freed.
#   disk_full.sh PARLEY_BINARY
#   disk_full.sh --probe        exit 0 when a tmpfs can be mounted here
# Needs root (mount); tests/run.sh prints SKIP when --probe fails.
set -euo pipefail

probe() {
  local d
  d=$(mktemp -d /tmp/parley-probe.XXXXXX)
  if mount -t tmpfs -o size=1m tmpfs "$d" 2>/dev/null; then
    umount "$d"; rmdir "$d"; return 0
  fi
  rmdir "$d"; return 1
}
if [ "${1:-}" = --probe ]; then probe; exit; fi

PARLEY=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/serve_lib.sh"
tmp=$(mktemp -d /tmp/parley-full.XXXXXX)
chmod 755 "$tmp"
mnt=$tmp/mnt
mkdir -p "$mnt" "$tmp/web"
WORKER_PID=
cleanup() {
  local rc=$?
  set +e
  kill_pids "${SERVE_PID:-}" "$WORKER_PID"
  rm -f "$mnt/filler"
  "$ROOT/tests/scripts/pgctl.sh" "$mnt/var" stop >/dev/null 2>&1
  umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
mount -t tmpfs -o size=96m,mode=0755 tmpfs "$mnt"
KEY=full-key
LOG=$tmp/serve.log
fail() { echo "FAIL: $*"; tail -n 15 "$LOG"; exit 1; }
sock=$mnt/var/pg
sql() { psql -h "$sock" -U parley -d parley -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
post() { # post PATH JSON_FILE -> "CODE" ; body in $tmp/resp, headers in $tmp/hdr
  curl -s --max-time 60 -o "$tmp/resp" -D "$tmp/hdr" -w '%{http_code}' -X POST \
    "$SERVE_URL$1" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    --data-binary "@$2"
}
is_storage_full() { # the 503 answer is our envelope with a stable code and Retry-After
  python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["error"]; sys.exit(e["code"]!="storage_full" or not e["message"])' "$tmp/resp" &&
    grep -qi '^Retry-After: [0-9]' "$tmp/hdr"
}
# Text that does not compress, so storing it needs new pages on disk.
big_text() { head -c 900000 /dev/urandom | base64 -w 80 | tr '+/' 'xy' | sed 's/$/ ./'; }
json_article() { # json_article URL TEXT_FILE > json
  python3 -c 'import json,sys; print(json.dumps({"url": sys.argv[1], "text": open(sys.argv[2]).read()}))' "$1" "$2"
}

serve_start "$LOG" PARLEY_DATA_DIR="$mnt/var" PARLEY_API_KEY=$KEY PARLEY_WEB_DIR="$tmp/web" ||
  fail "serve did not start"

# What the worker will fetch once the disk is full: a page it cannot store.
big_text >"$tmp/big.txt"
{ echo '<html><head><title>Full disk page</title></head><body><article><p>'
  sed 's/$/<\/p><p>/' "$tmp/big.txt"; echo '</p></article></body></html>'; } >"$tmp/web/page.html"
echo "{\"url\": \"$SERVE_URL/page.html\"}" >"$tmp/queue.json"
code=$(post /v1/articles "$tmp/queue.json"); [ "$code" = 202 ] || fail "queueing answered $code"
page_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$tmp/resp")

# Test premise: a fresh WAL segment before the disk fills, as PostgreSQL
# itself cannot run when it cannot create WAL (it would stop: 503 all along).
sql "SELECT pg_switch_wal(); CHECKPOINT;" >/dev/null
dd if=/dev/zero of="$mnt/filler" bs=1M 2>/dev/null || true
dd if=/dev/zero of="$mnt/filler" bs=4k oflag=append conv=notrunc 2>/dev/null || true
echo "disk: $(df -k --output=avail "$mnt" | tail -n 1 | tr -d ' ') kB free"

# An article that needs space: 503 storage_full, and nothing of it stored.
json_article https://full.example/big "$tmp/big.txt" >"$tmp/big.json"
code=$(post /v1/articles "$tmp/big.json")
[ "$code" = 503 ] || fail "big article on a full disk answered $code: $(head -c 300 "$tmp/resp")"
is_storage_full || fail "not a storage_full envelope: $(cat "$tmp/resp")"
[ "$(sql "SELECT count(*) FROM articles WHERE url = 'https://full.example/big'")" = 0 ] ||
  fail "the refused article was stored"
echo "full: POST /v1/articles -> 503 storage_full, nothing stored"

# Actors until one does not fit: each is stored whole (201) or not at all (503).
created=0 refused=0
for i in $(seq 1 400); do
  aliases=$(head -c 2400 /dev/urandom | base64 -w 150 | tr '+/' 'xy' | sed 's/.*/"&"/' | paste -sd,)
  printf '{"name": "Fullworth %s", "kind": "person", "aliases": [%s]}' "$i" "$aliases" \
    >"$tmp/actor.json"
  code=$(post /v1/actors "$tmp/actor.json")
  case $code in
    201) created=$((created + 1)) ;;
    503) is_storage_full || fail "actor 503 without storage_full: $(cat "$tmp/resp")"
         refused=$((refused + 1)); [ $refused -lt 3 ] || break ;;
    *) fail "POST /v1/actors on a full disk answered $code: $(head -c 300 "$tmp/resp")" ;;
  esac
done
[ $refused -gt 0 ] || fail "400 actors all fitted: the disk was not full"
stored=$(sql "SELECT count(*) FROM actors WHERE name LIKE 'Fullworth %'")
[ "$stored" = "$created" ] || fail "$created actors acknowledged, $stored stored"
echo "full: POST /v1/actors -> $created stored before the disk filled, then 503 storage_full; $stored in the database"

# Reads keep working.
for path in /readyz '/v1/actors?q=Fullworth&limit=5' /v1/articles /v1/stats/summary; do
  code=$(curl -s --max-time 20 -o /dev/null -w '%{http_code}' "$SERVE_URL$path")
  [ "$code" = 200 ] || fail "GET $path on a full disk answered $code"
done
echo "full: reads answer 200"

# The worker cannot store the queued page: it retries past its attempt
# limit (2) rather than failing the article.
"${STOCK_ENV[@]}" PARLEY_DATA_DIR="$mnt/var" PARLEY_DEMO=0 PARLEY_ALLOW_LOCAL_FETCH=1 \
  PARLEY_HOST_INTERVAL_MS=0 PARLEY_RETRY_BASE_SECONDS=1 PARLEY_MAX_ATTEMPTS=2 \
  PARLEY_WORKER_POLL_MS=100 PARLEY_LOG_LEVEL=warn "$PARLEY" worker >"$tmp/worker.log" 2>&1 &
WORKER_PID=$!
state=
for _ in $(seq 1 150); do
  state=$(sql "SELECT status || ' ' || attempts FROM articles WHERE id = $page_id")
  [ "${state#* }" -ge 3 ] 2>/dev/null && break
  sleep 0.2
done
case $state in
  failed*) fail "the worker failed the article on a full disk: $state" ;;
  extracted*) fail "the page was stored on a full disk (test premise): $state" ;;
esac
[ "${state#* }" -ge 3 ] || { cat "$tmp/worker.log"; fail "the worker did not retry: $state"; }
echo "full: worker retried the article (status, attempts: $state), not failed"

# Space freed: writes and ingestion resume.
rm -f "$mnt/filler"
code=$(post /v1/articles "$tmp/big.json")
[ "$code" = 201 ] || fail "big article after freeing space answered $code: $(head -c 300 "$tmp/resp")"
code=$(post /v1/actors "$tmp/actor.json")
[ "$code" = 201 ] || fail "actor after freeing space answered $code"
for _ in $(seq 1 200); do
  state=$(sql "SELECT status FROM articles WHERE id = $page_id")
  [ "$state" = extracted ] && break
  sleep 0.2
done
[ "$state" = extracted ] || { cat "$tmp/worker.log"; fail "the worker did not resume: $state"; }
echo "freed: POST /v1/articles and /v1/actors -> 201, the worker stored the queued page"

# Not even WAL can be written: PostgreSQL PANICs, its recovery fails and it
# stops itself.  Reads and writes answer 503 meanwhile; once space is freed
# parley (serve and worker both watch) starts it again by itself.
pm=$(head -n 1 "$mnt/var/pg/data/postmaster.pid")
dd if=/dev/zero of="$mnt/filler" bs=1M 2>/dev/null || true
dd if=/dev/zero of="$mnt/filler" bs=4k oflag=append conv=notrunc 2>/dev/null || true
for _ in $(seq 1 40000); do echo "SELECT pg_logical_emit_message(false, 'parley-test', repeat('y', 2000));"; done |
  psql -h "$sock" -U parley -d parley -XAtq -v ON_ERROR_STOP=1 -o /dev/null >/dev/null 2>&1 || true
for _ in $(seq 1 300); do
  [ "$(readlink "/proc/$pm/cwd" 2>/dev/null)" = "$mnt/var/pg/data" ] || break
  sleep 0.1
done
[ "$(readlink "/proc/$pm/cwd" 2>/dev/null)" != "$mnt/var/pg/data" ] ||
  fail "PostgreSQL kept running with its WAL on a full disk (test premise)"
code=$(curl -s --max-time 20 -o "$tmp/resp" -w '%{http_code}' "$SERVE_URL/readyz")
[ "$code" = 503 ] || fail "readyz with the database stopped answered $code"
code=$(post /v1/actors "$tmp/actor.json")
[ "$code" = 503 ] || fail "a write with the database stopped answered $code"
sleep 6 # a watch tick while the disk is still full: the restart fails, and is retried
rm -f "$mnt/filler"
for _ in $(seq 1 150); do
  [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$SERVE_URL/readyz")" = 200 ] && break
  sleep 0.2
done
printf '{"name": "Walworth", "kind": "person"}' >"$tmp/actor.json"
code=$(post /v1/actors "$tmp/actor.json")
[ "$code" = 201 ] || fail "a write after freeing space answered $code (database not restarted?)"
grep -q '"the embedded database stopped by itself' "$LOG" "$tmp/worker.log" ||
  fail "the restart was not logged"
echo "WAL full: PostgreSQL stopped itself (503 meanwhile); restarted by parley once space was freed"

kill -TERM "$WORKER_PID"; wait "$WORKER_PID" || fail "worker exit status $?"; WORKER_PID=
serve_stop || fail "serve did not stop"
grep -q '"embedded database stopped"' "$LOG" || fail "database not stopped"
if grep -E 'runtime error|AddressSanitizer' "$LOG" "$tmp/worker.log"; then fail "sanitizer report"; fi
echo "disk full: ok"
