#!/usr/bin/env bash
# Ingestion throughput end to end: `parley ingest` of a folder of local
# articles (reading, cleaning, language analysis, extraction, storing) with
# 1, 2 and 4 worker threads, articles per second for each.
#
#   tests/bench/ingest.sh PARLEY [--corpus DIR] [--threads "1 2 4"] [--database URL]
#                         [--dataset URL] [--out FILE]
#
# Without --database: a private PostgreSQL 15 cluster with the embedded
# cluster's durability (fsync and synchronous commit on) and a new, empty,
# migrated database for each run.  With --database URL (make bench's 1M data
# set): each run ingests into that database and afterwards removes what it
# added (its articles, and the events and actors no other article has), so
# the next run and the cached data set start from the same state.
# --dataset URL: the empty-database runs, then the same into URL (make bench).
# Markdown rows go to stdout (and to --out FILE, appended).
#
# Besides articles/s (wall clock) each row gives the CPU time an article
# costs, parley's and PostgreSQL's (the private cluster's processes, or those of
# the --database's cluster when this user can read its data directory), and
# the capacity that makes on this machine's cores: a shared or loaded
# machine slows the wall clock, not the CPU an article needs.
set -euo pipefail
# runuser lives in /usr/sbin, which a stock user PATH lacks
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH=$PATH:/usr/sbin:/sbin ;; esac
export PATH

parley=${1:?usage: ingest.sh PARLEY [--corpus DIR] [--threads LIST] [--database URL] [--out FILE]}
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
corpus=$root/../shared/eval/polnear-train/articles
threads="1 2 4" database='' dataset='' out=/dev/null
while [ $# -gt 0 ]; do
  case $1 in
    --corpus) corpus=$2; shift ;;
    --threads) threads=$2; shift ;;
    --database) database=$2; shift ;;
    --dataset) dataset=$2; shift ;;
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

# The cluster whose CPU is counted: the private one, or the --database's
# when this user can read its postmaster.pid (make bench's cached cluster).
pg_dir=$work/pg
if [ -n "$database" ]; then
  pg_dir=$(psql -X -q -At "$database" -c 'SHOW data_directory' 2>/dev/null || true)
  [ -n "$pg_dir" ] && [ -r "$pg_dir/postmaster.pid" ] || pg_dir=''
fi

# CPU seconds the counted cluster used so far: the postmaster's reaped
# children (backends that exited) and its live ones.
pg_cpu() {
  [ -n "$pg_dir" ] || { echo 0; return; }
  local pm; pm=$(head -n 1 "$pg_dir/postmaster.pid")
  local tck; tck=$(getconf CLK_TCK)
  { awk '{ print $16 + $17 }' "/proc/$pm/stat"
    for f in /proc/[0-9]*/stat; do awk -v pm="$pm" '$4 == pm { print $14 + $15 }' "$f" 2>/dev/null; done
  } | awk -v t="$tck" '{ s += $1 } END { printf "%.3f", s / t }'
}

# ingest_run N URL: prints "articles/s parley-cpu-s pg-cpu-s"; the ingest's
# own log goes to $work.
ingest_run() {
  local n=$1 url=$2 t0 t1 c0 c1 cpu
  c0=$(pg_cpu)
  t0=$(date +%s.%N)
  cpu=$(env PARLEY_DATABASE_URL="$url" PARLEY_LOG_LEVEL=warn PARLEY_WORKER_THREADS="$n" \
    python3 -c 'import resource, subprocess, sys
rc = subprocess.run(sys.argv[3:], stdout=open(sys.argv[1], "w"), stderr=open(sys.argv[2], "w")).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f" % (r.ru_utime + r.ru_stime)); sys.exit(rc)' "$work/ingest.$n.out" "$work/ingest.$n.err" \
    "$parley" ingest "$corpus") || { tail -n 5 "$work/ingest.$n.err" >&2; return 1; }
  t1=$(date +%s.%N)
  # the ingest's backends end after it does: count their CPU once the
  # postmaster has reaped them (at most 5 s)
  local i
  for i in $(seq 50); do
    [ "$(psql -X -q -At "$url" -c "SELECT count(*) FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" 2>/dev/null)" = 0 ] && break
    sleep 0.1
  done
  sleep 0.2
  c1=$(pg_cpu)
  awk -v a="$t0" -v b="$t1" -v n="$n_files" -v cpu="$cpu" -v p0="$c0" -v p1="$c1" \
    'BEGIN { printf "%.1f %.1f %.1f", n / (b - a), 1000 * cpu / n, 1000 * (p1 - p0) / n }'
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
  read -r rate ms_parley ms_pg <<<"$(ingest_run "$n" "$url")"
  counts=$(psql_u "$url" "SELECT (SELECT count(*) FROM events) || ' events, ' || (SELECT count(*) FROM actors) \
    || ' actors, ' || (SELECT count(*) FROM statements) || ' statements'")
  if [ -n "$database" ]; then
    # What this run added goes again; events and actors are kept when an
    # article of the data set also names them.
    psql_u "$url" "CREATE TEMP TABLE touched AS
        SELECT ARRAY(SELECT DISTINCT event_id FROM event_mentions WHERE article_id > $max_art) AS ev,
               ARRAY(SELECT DISTINCT actor_id FROM article_actors WHERE article_id > $max_art) AS act;
      DELETE FROM articles WHERE id > $max_art;
      SELECT parley_refresh_counts(ev, act) FROM touched;
      DELETE FROM events e WHERE e.id > $max_ev AND NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id);
      DELETE FROM actors a WHERE a.id > $max_act AND NOT EXISTS (SELECT 1 FROM article_actors aa WHERE aa.actor_id = a.id)"
    # and their dead rows now, not under the next run's clock (autovacuum's
    # CPU counts as the cluster's)
    psql_u "$url" "VACUUM"
    counts="into the data set"
  fi
  cap=$(awk -v a="$ms_parley" -v b="$ms_pg" -v c="$(nproc)" 'BEGIN { if (b > 0) printf "%.0f", c * 1000 / (a + b); else printf "—" }')
  [ -n "$pg_dir" ] || { ms_pg="—"; cap="—"; } # a cluster this user cannot see: not counted
  rows+=("| $n | $rate | $ms_parley | $ms_pg | $cap | $counts |")
  echo "ingest: $n thread(s): $rate articles/s, CPU ms/article parley $ms_parley + PostgreSQL $ms_pg ($counts; load $(cut -d' ' -f1 /proc/loadavg))" >&2
done

{
  echo
  echo "Ingestion, \`parley ingest\` of $n_files local articles, extraction included ($([ -n "$database" ] && echo 'into the data set' || echo 'empty database each run')):"
  echo
  echo "| worker threads | articles/s | CPU ms/article, parley | CPU ms/article, PostgreSQL | articles/s the $(nproc) cores allow | stored |"
  echo "|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
} | tee -a "$out"
if [ -n "$dataset" ]; then
  "$0" "$parley" --corpus "$corpus" --threads "$threads" --database "$dataset" --out "$out"
fi
