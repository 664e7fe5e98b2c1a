#!/usr/bin/env bash
# Reads from a streaming replica (PARLEY_READ_DATABASE_URL): a primary and a
# replica made with pg_basebackup -R in temporary folders, `parley serve`
# against both; checks that GETs are answered from the replica and writes
# by the primary, what a lagging replica answers (replay paused: the new
# article is not there yet, then is), and that writes go on while the
# replica is down (reads: 503).
#
#   tests/scripts/replica.sh PARLEY        (exit 0: passed)
#   tests/scripts/replica.sh --probe       (exit 0 when it can run here)
set -uo pipefail
pg_bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)
if [ "${1:-}" = --probe ]; then
  [ -n "$pg_bin" ] && [ -x "$pg_bin/pg_basebackup" ] && [ -x "$pg_bin/initdb" ] ||
    { echo "pg_basebackup and initdb (PostgreSQL server binaries) are not installed"; exit 1; }
  command -v curl >/dev/null || { echo "curl is not installed"; exit 1; }
  exit 0
fi
parley=${1:?usage: replica.sh PARLEY | --probe}
work=$(mktemp -d /tmp/parley-replica.XXXXXX)
chmod 755 "$work"
key=replica-key-$RANDOM
srv=
fails=0
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() { as_pg "$pg_bin/pg_ctl" -D "$1" -m fast -w stop >/dev/null 2>&1; }
cleanup() {
  [ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
  stop_pg "$work/replica/data"
  stop_pg "$work/primary/data"
  rm -rf "$work"
}
trap cleanup EXIT
expect() { # expect WHAT GOT WANT
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}
start_pg() { # start_pg NAME: socket and data under $work/NAME
  as_pg "$pg_bin/pg_ctl" -D "$work/$1/data" -l "$work/$1/log" -w -t 60 start \
    -o "-c listen_addresses='' -k $work/$1 -c max_connections=50 -c shared_buffers=64MB" >/dev/null ||
    { cat "$work/$1/log"; exit 1; }
}
P="host=$work/primary user=parley"
R="host=$work/replica user=parley"
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$1 dbname=parley" -c "$2"; }

mkdir -p "$work/primary" "$work/replica"
[ "$(id -u)" = 0 ] && chown -R postgres "$work"
# initdb's defaults: wal_level=replica, max_wal_senders=10, and local
# replication connections trusted, as --auth=trust sets for every line.
as_pg "$pg_bin/initdb" -D "$work/primary/data" -U parley --auth=trust -E UTF8 --no-locale --no-sync >/dev/null || exit 1
start_pg primary
psql -X -q "$P dbname=postgres" -c 'CREATE DATABASE parley' || exit 1
PARLEY_DATABASE_URL="$P dbname=parley" PARLEY_LOG_LEVEL=warn "$parley" migrate || exit 1
# The replica: a base backup of the running primary, -R writing the
# standby.signal and primary_conninfo that make it follow the primary.
as_pg "$pg_bin/pg_basebackup" -h "$work/primary" -U parley -D "$work/replica/data" -R -X stream -c fast ||
  exit 1
start_pg replica
expect "the replica is in recovery" "$(q "$R" 'SELECT pg_is_in_recovery()')" t

PARLEY_DATABASE_URL="$P dbname=parley application_name=parley-primary" \
PARLEY_READ_DATABASE_URL="$R dbname=parley application_name=parley-read" \
PARLEY_LISTEN=127.0.0.1:0 PARLEY_API_KEY=$key PARLEY_DEMO=0 PARLEY_WORKER=0 PARLEY_POOL_SIZE=2 \
PARLEY_DATA_DIR="$work/var" "$parley" serve 2>"$work/server.log" &
srv=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/.*"msg":"listening".*"url":"\(http[^"]*\)\/".*/\1/p' "$work/server.log")
  [ -n "$url" ] && break
  kill -0 "$srv" 2>/dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { echo "FAIL the server did not start"; cat "$work/server.log"; exit 1; }

code() { curl -s -o "$work/body" -w '%{http_code}' "$@"; }
post() { # post TITLE: an article; prints the HTTP status, its id in $work/id
  local c
  c=$(code -X POST "$url/v1/articles" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"url\": \"https://replica.example/$1\", \"published_at\": \"2025-06-0$2\",
         \"text\": \"Foreign Minister Anna Velmar met Foreign Minister Piotr Dunsk in Tallinn on $2 June 2025, officials said. The two ministers discussed $1 at length.\"}")
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$work/body" >"$work/id" 2>/dev/null
  echo "$c"
}
wait_200() { # wait_200 PATH: until the replica has it (10 s at most)
  for _ in $(seq 1 100); do [ "$(code "$url$1")" = 200 ] && return 0; sleep 0.1; done
  return 1
}

expect "a write is answered by the primary" "$(post ports 2)" 201
id1=$(cat "$work/id")
[ -n "$id1" ] || { echo "FAIL no id in the answer: $(cat "$work/body")"; exit 1; }
wait_200 "/v1/articles/$id1" && echo "ok   the article reaches the replica and is read from it" ||
  { echo "FAIL the article never appeared on the read side"; fails=$((fails + 1)); }
expect "read connections are on the replica" \
  "$(q "$R" "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'parley-read'")" t
expect "no read connection on the primary" \
  "$(q "$P" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'parley-read'")" 0
expect "the write connection is on the primary" \
  "$(q "$P" "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'parley-primary'")" t

# Lag: with replay paused, a write succeeds (the primary) but a read does
# not see it yet — the read-your-writes caveat docs/scaling.md describes.
q "$R" 'SELECT pg_wal_replay_pause()' >/dev/null
for _ in $(seq 1 100); do
  [ "$(q "$R" 'SELECT pg_get_wal_replay_pause_state()')" = paused ] && break
  sleep 0.1
done
expect "replay paused: a write still succeeds" "$(post trade 3)" 201
id2=$(cat "$work/id")
expect "replay paused: the new article is not read yet" "$(code "$url/v1/articles/$id2")" 404
etag_lag=$(curl -s -D - -o /dev/null "$url/v1/events?actor=Anna%20Velmar" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
q "$R" 'SELECT pg_wal_replay_resume()' >/dev/null
wait_200 "/v1/articles/$id2" && echo "ok   replay resumed: the article is read" ||
  { echo "FAIL the article never appeared after replay resumed"; fails=$((fails + 1)); }
expect "a list's ETag changes once the replica caught up" \
  "$(code -H "If-None-Match: $etag_lag" "$url/v1/events?actor=Anna%20Velmar")" 200
expect "ready with both databases" "$(code "$url/readyz")" 200

# The replica down: reads answer 503 (not the primary's data silently),
# writes go on.
stop_pg "$work/replica/data"
expect "replica down: reads answer 503" "$(code "$url/v1/articles/$id1")" 503
expect "replica down: not ready" "$(code "$url/readyz")" 503
expect "replica down: writes go on" "$(post summit 4)" 201

kill "$srv" && wait "$srv"
srv=
[ "$fails" = 0 ] && echo "replica: all checks passed" || echo "replica: $fails check(s) failed"
[ "$fails" = 0 ]
