#!/usr/bin/env bash
# Ingestion throughput end to end: `parley ingest` of a folder of local
# articles (reading, cleaning, language analysis, extraction, storing) with
# 1, 2 and 4 worker threads, articles per second for each.
#
#   tests/bench/ingest.sh PARLEY [--corpus DIR] [--threads "1 2 4"] [--database URL] [--out FILE]
#
# Without --database: a private PostgreSQL 15 cluster with the embedded
# cluster's durability (fsync and synchronous commit on) and a new, empty,
# migrated database for each run.  With --database URL (make bench's 1M data
# set): each run ingests into that database and afterwards removes what it
# added (its articles, and the events and actors no other article has), so
# the next run and the cached data set start from the same state.
# Markdown rows go to stdout (and to --out FILE, appended).
set -euo pipefail

parley=${1:?usage: ingest.sh PARLEY [--corpus DIR] [--threads LIST] [--database URL] [--out FILE]}
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
corpus=$root/../shared/eval/polnear-train/articles
threads="1 2 4" database='' out=/dev/null
while [ $# -gt 0 ]; do
  case $1 in
    --corpus) corpus=$2; shift ;;
    --threads) threads=$2; shift ;;
    --database) database=$2; shift ;;
    --out) out=$2; shift ;;
    *) echo "ingest.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -d "$corpus" ]; then
  echo "ingest.sh: no corpus at $corpus (../shared is not present); skipped" >&2
  exit 0
fi
n_files=$(find -L "$corpus" -maxdepth 1 -type f ! -name '.*' | wc -l)
pg_bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -1)
work=$(mktemp -d /tmp/parley-ingest.XXXXXX)
chmod 755 "$work"
sock=$work/sock
started=0

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  set +e
  [ "$started" = 1 ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$database" ]; then
  mkdir -p "$sock"
  [ "$(id -u)" = 0 ] && chown -R postgres "$work"
  as_pg "$pg_bin/initdb" -D "$work/pg" -U parley --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -t 60 start -o \
    "-c listen_addresses='' -k $sock -c max_connections=100 -c shared_buffers=256MB" >/dev/null
  started=1
fi

# ingest_run N URL: prints articles/s; the ingest's own log goes to $work.
ingest_run() {
  local n=$1 url=$2 t0 t1
  t0=$(date +%s.%N)
  env PARLEY_DATABASE_URL="$url" PARLEY_LOG_LEVEL=warn PARLEY_WORKER_THREADS="$n" \
    "$parley" ingest "$corpus" >"$work/ingest.$n.out" 2>"$work/ingest.$n.err" ||
    { tail -n 5 "$work/ingest.$n.err" >&2; return 1; }
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v n="$n_files" 'BEGIN { printf "%.1f", n / (b - a) }'
}

psql_u() { psql -X -q -At -v ON_ERROR_STOP=1 "$1" -c "$2"; }

rows=()
for n in $threads; do
  if [ -z "$database" ]; then
    as_pg psql -X -q -h "$sock" -U parley -d postgres -c 'DROP DATABASE IF EXISTS ingest' -c 'CREATE DATABASE ingest'
    url="host=$sock user=parley dbname=ingest"
    PARLEY_DATABASE_URL=$url PARLEY_LOG_LEVEL=warn "$parley" migrate
  else
    url=$database
    marks=$(psql_u "$url" "SELECT coalesce(max(id), 0) || ' ' || (SELECT coalesce(max(id), 0) FROM events) \
      || ' ' || (SELECT coalesce(max(id), 0) FROM actors) FROM articles")
    read -r max_art max_ev max_act <<<"$marks"
  fi
  rate=$(ingest_run "$n" "$url")
  counts=$(psql_u "$url" "SELECT (SELECT count(*) FROM events) || ' events, ' || (SELECT count(*) FROM actors) \
    || ' actors, ' || (SELECT count(*) FROM statements) || ' statements'")
  if [ -n "$database" ]; then
    # What this run added goes again; events and actors are kept when an
    # article of the data set also names them.
    psql_u "$url" "DELETE FROM articles WHERE id > $max_art;
      DELETE FROM events e WHERE e.id > $max_ev AND NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id);
      DELETE FROM actors a WHERE a.id > $max_act AND NOT EXISTS (SELECT 1 FROM article_actors aa WHERE aa.actor_id = a.id)"
    counts="into the data set"
  fi
  rows+=("| $n | $rate | $counts |")
  echo "ingest: $n thread(s): $rate articles/s ($counts)" >&2
done

{
  echo
  echo "Ingestion, \`parley ingest\` of $n_files local articles, extraction included ($([ -n "$database" ] && echo 'into the data set' || echo 'empty database each run')):"
  echo
  echo "| worker threads | articles/s | stored |"
  echo "|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
} | tee -a "$out"
