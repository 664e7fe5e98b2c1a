#!/usr/bin/env bash
# make bench: Parley's performance figures, end to end.
#   1. a realistic data set generated in a private PostgreSQL (cached);
#   2. the hot API reads under wrk, side by side with pgbench running the
#      very same prepared SQL (API ÷ pgbench shows what the server costs);
#   3. keyset paging: first page vs a deep page, at 10k and 10M rows;
#   4. peak RSS and throughput under 256 connections per threading model;
#   5. the bench_* micro-benchmarks (extraction, HTML);
#   6. the race against ../shared/perf's peer, and the busiest against the
#      quietest actor's first events page (issue 13).
# Everything is printed and written to tests/bench/results.md.
#
#   tests/bench/run.sh [--quick] [--regen] [--duration SECONDS]
#     --quick     small data set (50k events) to smoke-test the script
#     --regen     rebuild the cached data set
#     --duration  seconds per load step (default 15, quick 5)
#     --out FILE  where the markdown goes (default tests/bench/results.md)
#   PARLEY_BENCH_BIN=path/to/parley benchmarks that binary instead of
#   building build-bench/ (to compare a branch or a patch on the same data).
#   PARLEY_BENCH_STEPS="api race skew keyset rss micro" (the default) or a
#   subset of them.
set -euo pipefail
# runuser lives in /usr/sbin, which a stock user PATH lacks
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH=$PATH:/usr/sbin:/sbin ;; esac
export PATH

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/tests/bench
cd "$root"

quick=0 regen=0 duration='' results=$here/results.md
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --regen) regen=1 ;;
    --duration) duration=$2; shift ;;
    --out) results=$2; shift ;;
    *) echo "usage: $0 [--quick] [--regen] [--duration SECONDS] [--out FILE]" >&2; exit 2 ;;
  esac
  shift
done

mode=$([ "$quick" = 1 ] && echo quick || echo full)
if [ "$quick" = 1 ]; then
  n_events=50000 n_actors=10000 n_statements=100000 n_articles=25000 n_keyset=1000000
  check_every=1    # the read models compared with the reference functions: all records
  duration=${duration:-5}
else
  n_events=1000000 n_actors=200000 n_statements=2000000 n_articles=500000 n_keyset=10000000
  check_every=50   # ... one record in 50 (20k events, 40k statements, 4k actors)
  duration=${duration:-15}
fi
pool=8           # the server's default PARLEY_POOL_SIZE ...
clients=8        # ... and as many clients, for the API and pgbench alike
build=$root/build-bench
parley=${PARLEY_BENCH_BIN:-$build/parley}
pg_bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -1)
work=$(mktemp -d /tmp/parley-bench.XXXXXX)
chmod 755 "$work"
sock=$work/sock
pgdata=
srv_pid=
srv_log=
srv_n=0

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# Always leave nothing running: the server, then the cluster.
cleanup() {
  set +e
  stop_server
  [ -n "$pgdata" ] && as_pg "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL refuses to run as root: as root, run its programs as postgres.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Markdown goes to results.md and, as is, to the terminal.
md() { printf '%s\n' "$*" | tee -a "$results"; }

# ---------------------------------------------------------------- build

build_all() {
  if [ -n "${PARLEY_BENCH_BIN:-}" ]; then
    log "using $parley"
    return 0
  fi
  log "building (Release) in build-bench/"
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target parley -j2 >/dev/null
}

# --------------------------------------------------------------- cluster

pg_start() {
  mkdir -p "$sock"
  [ "$(id -u)" = 0 ] && chown postgres "$sock"
  # fsync off: the data set is a cache we can rebuild, and it makes loading
  # it several times faster.  Reads, what we measure, do not care.
  as_pg "$pg_bin/pg_ctl" -D "$pgdata" -l "$sock/pg.log" -w -t 120 start -o "\
 -c listen_addresses='' -k $sock -c max_connections=300 -c shared_buffers=2GB\
 -c effective_cache_size=16GB -c maintenance_work_mem=1GB -c fsync=off\
 -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal\
 -c max_wal_senders=0 -c max_wal_size=16GB -c checkpoint_timeout=30min\
 -c max_parallel_maintenance_workers=2" >/dev/null
}

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -h "$sock" -U parley -d parley "$@"; }

# The cache key: the generator, the schema and the sizes.
dataset_key() {
  printf '%s-%s\n' "$mode" "$(cat "$here/api/gen.sql" "$root/tests/sql/read_models_check.sql" \
    migrations/*.sql migrations/repeatable/*.sql | sha256sum | cut -c1-12)"
}

generate() {
  local dir=$1 t0 t1
  log "generating the data set in $dir (once; cached afterwards)"
  # One cached data set per mode is enough: drop those of older generators
  # or schemas (several GB each).
  rm -rf "$root/var/bench/$mode"-*
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_pg "$pg_bin/initdb" -D "$dir/pg" -U parley --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  pgdata=$dir/pg
  pg_start
  psql -X -q -h "$sock" -U parley -d postgres -c 'CREATE DATABASE parley'
  # This tree's migrations, whatever binary is benchmarked.
  PARLEY_DATABASE_URL="host=$sock user=parley dbname=parley" PARLEY_LOG_LEVEL=warn \
    PARLEY_MIGRATIONS_DIR="$root/migrations" "$parley" migrate
  t0=$(date +%s.%N)
  psql_q -v n_events="$n_events" -v n_actors="$n_actors" -v n_statements="$n_statements" \
    -v n_articles="$n_articles" -v n_keyset="$n_keyset" -v check_every="$check_every" \
    -f "$here/api/gen.sql"
  t1=$(date +%s.%N)
  log "vacuum analyze"
  psql_q -c 'VACUUM (ANALYZE)' -c 'CHECKPOINT'
  awk -v a="$t0" -v b="$t1" -v c="$(date +%s.%N)" \
    'BEGIN { printf "%.0f s to load, %.0f s with VACUUM ANALYZE\n", b - a, c - a }' |
    tee "$dir/generated"
  touch "$dir/ready"
}

open_dataset() {
  local dir
  dir=$root/var/bench/$(dataset_key)
  if [ "$regen" = 1 ] || [ ! -e "$dir/ready" ]; then
    generate "$dir"
  else
    log "reusing the cached data set $dir"
    pgdata=$dir/pg
    pg_start
  fi
  gen_note=$(cat "$dir/generated")
}

# ---------------------------------------------------------------- server

# start_server [VAR=value ...]: parley serve against the bench cluster.
start_server() {
  stop_server
  # A fresh log per start: the one before still names the old port.
  srv_n=$((srv_n + 1))
  srv_log=$work/server.$srv_n.log
  : >"$srv_log"
  env PARLEY_DATABASE_URL="host=$sock user=parley dbname=parley" PARLEY_LISTEN=127.0.0.1:0 \
    PARLEY_WORKER=0 PARLEY_DEMO=0 PARLEY_SKIP_MIGRATE=1 PARLEY_LOG_LEVEL=info PARLEY_MAX_CONN_PER_IP=0 \
    PARLEY_DATA_DIR="$work" "$@" "$parley" serve 2>>"$srv_log" &
  srv_pid=$!
  local i
  for i in $(seq 100); do
    srv_url=$(sed -n 's/.*"msg":"listening".*"url":"\(http[^"]*\)\/".*/\1/p' "$srv_log")
    [ -n "$srv_url" ] && return 0
    kill -0 "$srv_pid" 2>/dev/null || break
    sleep 0.1 || true
  done
  cat "$srv_log" >&2
  die "the server did not start"
}

stop_server() {
  if [ -n "$srv_pid" ]; then
    kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
    srv_pid=
  fi
  return 0
}

# ------------------------------------------------------------- scenarios
# Each scenario: wrk paths (one URL per line, picked uniformly) and a
# pgbench run of the same prepared statement with the same parameter
# distribution.  The SQL is captured from the server's debug log, so it is
# the server's own, whatever collection.c builds.

q_words=()
types=(meet talks visit threaten)
years=(2016 2019 2022 2024)

param() { psql_q -At -c "SELECT value FROM bench.params WHERE name = '$1'"; }

make_scenarios() {
  n_act=$(param actors)
  mapfile -t q_words < <(psql_q -At -c \
    "SELECT word FROM bench.vocab WHERE rank IN (1, 3, 8, 20, 50, 100, 160, 200) ORDER BY rank")
  local s=$work/scen
  mkdir -p "$s"
  awk -v n="$n_act" 'BEGIN { srand(7); for (i = 0; i < 20000; i++) printf "/v1/events?actor=%d&limit=50\n", 1 + int(rand() * n) }' >"$s/events_actor.paths"
  awk -v n="$n_act" 'BEGIN { srand(8); for (i = 0; i < 20000; i++) printf "/v1/actors/%d\n", 1 + int(rand() * n) }' >"$s/actor_get.paths"
  local t y w
  : >"$s/events_type.paths"
  for t in "${types[@]}"; do
    for y in "${years[@]}"; do
      echo "/v1/events?type=$t&from=$y-01-01&limit=50" >>"$s/events_type.paths"
    done
  done
  : >"$s/statements_q.paths"
  for w in "${q_words[@]}"; do echo "/v1/statements?q=$w&limit=50" >>"$s/statements_q.paths"; done
  # The 256-connection mix weighs the endpoints equally; events?actor= is
  # left out: its cost is all in one query plan (see the first table), and
  # it would only measure that plan, not the threading model.
  local f
  for f in events_type statements_q actor_get; do
    shuf -r -n 5000 --random-source=<(yes) "$s/$f.paths"
  done | shuf --random-source=<(yes) >"$s/mixed.paths"
}

# capture_sql PATH: the SQL the server prepares for PATH (from the debug log).
capture_sql() {
  local before
  before=$(wc -l <"$srv_log")
  curl -sf -o /dev/null "$srv_url$1" || die "GET $1 failed"
  tail -n +"$((before + 1))" "$srv_log" | jq -r 'select(.msg == "prepare") | .sql' |
    tail -1
}

# pg_script SQL PREFIX: SQL with $n turned into pgbench variables :PREFIXn.
pg_script() { printf '%s;\n' "$1" | sed -E "s/\\\$([0-9]+)/:$2\\1/g"; }

# want_params WHAT SQL N: the server's SQL for WHAT takes exactly N
# parameters, in the order the pgbench scripts below give them (type or
# word or actor, then the relevance, then the limit + 1).  A new parameter
# in collection.c must be given its value here, not silently shifted.
want_params() {
  local n
  n=$(grep -oE '\$[0-9]+' <<<"$2" | tr -d '$' | sort -n | tail -1)
  [ "${n:-0}" = "$3" ] || die "the SQL of $1 takes ${n:-0} parameters, the bench gives $3: update write_pgbench ($2)"
}

# Writes the pgbench scripts and -D flags of every scenario.
write_pgbench() {
  local s=$work/scen sql i t y w
  start_server PARLEY_LOG_LEVEL=debug
  sql=$(capture_sql "/v1/events?actor=1&limit=50")
  want_params "events?actor=" "$sql" 3
  { echo "\\set p1 random(1, $n_act)"; pg_script "$sql" p; } >"$s/events_actor.pgb"
  sql=$(capture_sql "/v1/actors/1")
  want_params "actors/{id}" "$sql" 1
  { echo "\\set p1 random(1, $n_act)"; pg_script "$sql" p; } >"$s/actor_get.pgb"
  sql=$(capture_sql "/v1/events?type=meet&from=2019-01-01&limit=50")
  want_params "events?type=&from=" "$sql" 4
  i=0
  : >"$s/events_type.args"
  for t in "${types[@]}"; do
    for y in "${years[@]}"; do
      pg_script "$sql" "v${i}_" >"$s/events_type.$i.pgb"
      printf -- '-D v%d_1=%s -D v%d_2=%s -D v%d_3=relevant -D v%d_4=51 -f %s\n' "$i" "$t" "$i" "$y-01-01" \
        "$i" "$i" "$s/events_type.$i.pgb" >>"$s/events_type.args"
      i=$((i + 1))
    done
  done
  sql=$(capture_sql "/v1/statements?q=${q_words[0]}&limit=50")
  want_params "statements?q=" "$sql" 3
  i=0
  : >"$s/statements_q.args"
  for w in "${q_words[@]}"; do
    pg_script "$sql" "v${i}_" >"$s/statements_q.$i.pgb"
    printf -- '-D v%d_1=%s -D v%d_2=relevant -D v%d_3=51 -f %s\n' "$i" "$w" "$i" "$i" \
      "$s/statements_q.$i.pgb" >>"$s/statements_q.args"
    i=$((i + 1))
  done
  echo "-D p2=relevant -D p3=51 -f $s/events_actor.pgb" >"$s/events_actor.args"
  echo "-f $s/actor_get.pgb" >"$s/actor_get.args"
  stop_server
}

# ------------------------------------------------------------ load tools

# to_ms VALUE: wrk's "812.00us" / "3.43ms" / "1.20s" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# run_wrk PATHS CONNECTIONS: prints "rps p50_ms p99_ms errors".
run_wrk() {
  local out
  out=$(wrk -t2 -c"$2" -d"${duration}s" --timeout 10s --latency -s "$here/api/paths.lua" \
    "$srv_url" -- "$1")
  echo "$out" >>"$work/wrk.log"
  local rps p50 p99 errs
  rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errs=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
              END { print n + 0 }' <<<"$out")
  echo "$rps $p50 $p99 $errs"
}

# percentiles FILES...: p50 and p99 (ms) of pgbench -l logs (field 3, µs).
percentiles() {
  cat "$@" | awk '{ print $3 }' | sort -n |
    awk '{ v[NR] = $1 } END { printf "%.2f %.2f", v[int(NR * 0.50) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000 }'
}

# run_pgbench NAME ARGS...: prints "tps p50_ms p99_ms".
run_pgbench() {
  local name=$1 out
  shift
  rm -f "$work/pgb_$name".*
  out=$(cd "$work" && "$pg_bin/pgbench" -n -M prepared -c "$clients" -j 2 -T "$duration" \
    -l --log-prefix="pgb_$name" -h "$sock" -U parley "$@" parley 2>&1) || {
    echo "$out" >&2
    die "pgbench $name failed"
  }
  echo "$out" >>"$work/pgbench.log"
  printf '%s %s\n' "$(awk '/^tps/ { printf "%.0f", $3 }' <<<"$out")" \
    "$(percentiles "$work/pgb_$name".*)"
}

# ---------------------------------------------------------------- steps

header() {
  : >"$results"
  md "# Parley benchmark results"
  md ""
  md "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  md "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  md "- $(uname -sr), $("$pg_bin/postgres" --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  md "- data set ($mode): $n_events events, $n_actors actors, $n_statements statements, $n_articles articles; generation: $gen_note"
  md "- server: \`${parley#"$root"/}\`, Release build, PARLEY_THREADS=8, PARLEY_POOL_SIZE=$pool; $clients wrk connections vs $clients pgbench clients (-M prepared, -j 2); ${duration} s per step; all on loopback / unix sockets"
  md ""
}

step_api_vs_db() {
  log "API vs pgbench, same SQL, $clients connections, ${duration}s each"
  md "## Hot reads: API (wrk) vs the same SQL in pgbench"
  md ""
  md 'The API runs twice: as served (the page cache on: a page asked for again while no transaction committed is not read again) and with `PARLEY_PAGE_CACHE_MB=0` (every request runs its SQL, as pgbench does).'
  md ""
  md "| endpoint | API req/s | API p50 ms | API p99 ms | errors | API req/s, no page cache | pgbench tps | pgbench p50 ms | pgbench p99 ms | API ÷ pgbench | no page cache: API ÷ pgbench |"
  md "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  local name label a b c args
  for name in events_actor events_type statements_q actor_get; do
    case $name in
      events_actor) label='/v1/events?actor={random}&limit=50' ;;
      events_type) label='/v1/events?type={4}&from={4 years}' ;;
      statements_q) label="/v1/statements?q={${#q_words[@]} words}" ;;
      actor_get) label='/v1/actors/{random}' ;;
    esac
    start_server
    run_wrk "$work/scen/$name.paths" "$clients" >/dev/null # warm the plans and caches
    a=$(run_wrk "$work/scen/$name.paths" "$clients")
    start_server PARLEY_PAGE_CACHE_MB=0
    run_wrk "$work/scen/$name.paths" "$clients" >/dev/null
    c=$(run_wrk "$work/scen/$name.paths" "$clients")
    stop_server
    read -r -a args <<<"$(tr '\n' ' ' <"$work/scen/$name.args")"
    b=$(run_pgbench "$name" "${args[@]}")
    # shellcheck disable=SC2086 # word splitting of the figures is wanted
    set -- $a ${c%% *} $b
    md "| \`$label\` | $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $(awk -v x="$1" -v y="$6" 'BEGIN { printf "%.2f", y ? x / y : 0 }') | $(awk -v x="$5" -v y="$6" 'BEGIN { printf "%.2f", y ? x / y : 0 }') |"
  done
  md ""
  md "Words searched, most frequent first (vocabulary ranks 1, 3, 8, 20, 50, 100, 160, 200): ${q_words[*]}."
  md ""
}

# keyset_pgbench TABLE CURSOR-OR-EMPTY: tps and latency of one page.
keyset_pgbench() {
  local f=$work/keyset.pgb
  if [ -z "$2" ]; then
    echo "SELECT s.id, s.sort_date::text FROM $1 s WHERE true AND (s.kind = 'direct') ORDER BY s.sort_date DESC, s.id DESC LIMIT 51;" >"$f"
  else
    echo "SELECT s.id, s.sort_date::text FROM $1 s WHERE true AND (s.kind = 'direct') AND (s.sort_date, s.id) < ('${2%|*}'::date, ${2#*|}::bigint) ORDER BY s.sort_date DESC, s.id DESC LIMIT 51;" >"$f"
  fi
  run_pgbench keyset -f "$f"
}

# deep_cursor TABLE: the key 90% of the way through kind = 'direct'.
deep_cursor() {
  psql_q -At -c "SELECT sort_date || '|' || id FROM $1 WHERE kind = 'direct'
                  ORDER BY sort_date DESC, id DESC OFFSET (SELECT count(*) * 9 / 10 FROM $1 WHERE kind = 'direct') LIMIT 1"
}

step_keyset() {
  log "keyset paging: first vs deep page"
  local saved=$duration small big rows
  duration=5
  md "## Keyset paging stays flat"
  md ""
  md "Narrow tables (id, kind, sort_date) with the statements_kind index shape; the query is the one collection.c builds for \`?kind=direct\` (50 rows + 1), pgbench, $clients clients, ${duration} s each. The deep page starts 90% into the set."
  md ""
  md "| rows | page | tps | p50 ms | p99 ms |"
  md "|---:|---|---:|---:|---:|"
  for t in bench.keyset_small bench.keyset_big; do
    rows=$(psql_q -At -c "SELECT count(*) FROM $t")
    small=$(keyset_pgbench "$t" "")
    big=$(keyset_pgbench "$t" "$(deep_cursor "$t")")
    # shellcheck disable=SC2086
    set -- $small
    md "| $rows | first | $1 | $2 | $3 |"
    # shellcheck disable=SC2086
    set -- $big
    md "| $rows | deep (90%) | $1 | $2 | $3 |"
  done
  md ""
  # The same through the API on the real statements table.
  local cur first deep
  cur=$(psql_q -At -c "SELECT translate(rtrim(encode(convert_to(sort_date || '|' || id, 'UTF8'), 'base64'), '='), '+/', '-_')
           FROM statements WHERE kind = 'direct' ORDER BY sort_date DESC, id DESC
           OFFSET (SELECT count(*) * 9 / 10 FROM statements WHERE kind = 'direct') LIMIT 1")
  echo "/v1/statements?kind=direct&limit=50" >"$work/first.paths"
  echo "/v1/statements?kind=direct&limit=50&cursor=$cur" >"$work/deep.paths"
  start_server
  curl -sf -o /dev/null "$srv_url/v1/statements?kind=direct&limit=50&cursor=$cur" ||
    die "the deep cursor was refused"
  run_wrk "$work/first.paths" "$clients" >/dev/null
  first=$(run_wrk "$work/first.paths" "$clients")
  deep=$(run_wrk "$work/deep.paths" "$clients")
  stop_server
  md "Through the API, \`/v1/statements?kind=direct&limit=50\` on the $n_statements-statement data set, wrk, $clients connections:"
  md ""
  md "| page | req/s | p50 ms | p99 ms | errors |"
  md "|---|---:|---:|---:|---:|"
  # shellcheck disable=SC2086
  set -- $first
  md "| first | $1 | $2 | $3 | $4 |"
  # shellcheck disable=SC2086
  set -- $deep
  md "| deep (90%) | $1 | $2 | $3 | $4 |"
  md ""
  duration=$saved
}

# The race of issue 13: Parley against ../shared/perf's fastify + pg peer,
# which runs the SQL Parley prepared before its read models (the peer's
# README); both load the same cluster, alternately, 8 connections each.
step_race() {
  local race=$root/../shared/perf/race.sh
  if [ ! -x "$race" ] || ! command -v node >/dev/null; then
    log "race skipped: ../shared/perf or node is missing"
    return 0
  fi
  log "race against the peer (../shared/perf/race.sh), ${duration}s per run"
  md "## Race: Parley against a fastify + pg peer running the pre-read-model SQL"
  md ""
  md "\`../shared/perf/race.sh\` (read-only, third party): the same paths and cluster, each server loaded twice alternately, wrk -c8 -t2, ${duration} s per run. Target (issue 13): Parley ÷ peer ≥ 3 on every row."
  md ""
  local out cfg
  # As served, then with every request running its SQL (no page cache).
  for cfg in PARLEY_PAGE_CACHE_MB=8 PARLEY_PAGE_CACHE_MB=0; do
    md "Parley with $cfg:"
    md ""
    start_server "$cfg"
    out=$("$race" "$sock" "$srv_url" "$duration" 2>&1) || { stop_server; md "(race failed: $(tail -1 <<<"$out"))"; md ""; continue; }
    stop_server
    md "$out"
    md ""
  done
}

# The busiest and the quietest actor (most and fewest events, at least one)
# and the first page of their events: with actor_events the busiest one
# reads the same 50 index entries as anyone else.  Target: ≤ 5×.
step_actor_skew() {
  log "busiest vs quietest actor's first events page"
  local busy quiet nb nq a b sql
  read -r busy nb < <(psql_q -At -F' ' -c "SELECT id, event_count FROM actors WHERE merged_into IS NULL
                                            AND event_count > 0 ORDER BY event_count DESC, id LIMIT 1")
  read -r quiet nq < <(psql_q -At -F' ' -c "SELECT id, event_count FROM actors WHERE merged_into IS NULL
                                             AND event_count > 0 ORDER BY event_count, id LIMIT 1")
  md "## An actor's first events page: the busiest against the quietest"
  md ""
  md "\`/v1/events?actor={id}&limit=50\`, one path per run, wrk -c$clients (\`PARLEY_PAGE_CACHE_MB=0\`: every request runs its SQL) and pgbench (-c$clients, the server's own prepared SQL), ${duration} s each. Target (issue 13): busiest ÷ quietest ≤ 5 (the ratio of time per request)."
  md ""
  md "| actor | events | API req/s | API p50 ms | API p99 ms | errors | pgbench tps | pgbench p50 ms |"
  md "|---|---:|---:|---:|---:|---:|---:|---:|"
  start_server PARLEY_LOG_LEVEL=debug
  sql=$(capture_sql "/v1/events?actor=$busy&limit=50")
  want_params "events?actor=" "$sql" 3
  stop_server
  local id n label r=() t=()
  for label in busiest quietest; do
    if [ $label = busiest ]; then id=$busy n=$nb; else id=$quiet n=$nq; fi
    echo "/v1/events?actor=$id&limit=50" >"$work/skew.paths"
    # One path asked for again and again: with the page cache it would be
    # answered from memory, which says nothing about the actor.
    start_server PARLEY_PAGE_CACHE_MB=0
    run_wrk "$work/skew.paths" "$clients" >/dev/null
    a=$(run_wrk "$work/skew.paths" "$clients")
    stop_server
    pg_script "$sql" p >"$work/skew.pgb"
    b=$(run_pgbench skew -D p1="$id" -D p2=relevant -D p3=51 -f "$work/skew.pgb")
    # shellcheck disable=SC2086
    set -- $a $b
    r+=("$1") t+=("$5")
    md "| $label ($id) | $n | $1 | $2 | $3 | $4 | $5 | $6 |"
  done
  md ""
  md "Busiest ÷ quietest, time per request: API $(awk -v q="${r[1]}" -v b="${r[0]}" 'BEGIN { printf "%.2f", b ? q / b : 0 }'), pgbench $(awk -v q="${t[1]}" -v b="${t[0]}" 'BEGIN { printf "%.2f", b ? q / b : 0 }')."
  md ""
}

# rss_run LABEL VAR=value...: 256 connections on the mixed workload.
rss_run() {
  local label=$1 r threads
  shift
  start_server "$@"
  run_wrk "$work/scen/mixed.paths" 256 >"$work/rss.out" &
  local wrk_pid=$!
  sleep "$((duration / 2))"
  threads=$(awk '/^Threads/ { print $2 }' "/proc/$srv_pid/status")
  wait "$wrk_pid"
  r=$(cat "$work/rss.out")
  local hwm
  hwm=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$srv_pid/status")
  stop_server
  # shellcheck disable=SC2086
  set -- $r
  md "| $label | $threads | $1 | $2 | $3 | $4 | $hwm |"
}

step_rss() {
  log "256 connections: threading models"
  md "## 256 connections: threading model, throughput and peak RSS"
  md ""
  md "Mixed workload (events?type=, statements?q=, actors/{id}, equal weights), wrk -c256 -t2, ${duration} s, pool $pool connections. Threads sampled mid-run; RSS is the server's VmHWM."
  md ""
  md "| model | threads | req/s | p50 ms | p99 ms | errors | peak RSS MiB |"
  md "|---|---:|---:|---:|---:|---:|---:|"
  rss_run "pool, PARLEY_THREADS=8 (default)" PARLEY_THREADS=8
  rss_run "pool, PARLEY_THREADS=8, no page cache" PARLEY_THREADS=8 PARLEY_PAGE_CACHE_MB=0
  rss_run "pool, PARLEY_THREADS=16" PARLEY_THREADS=16
  rss_run "pool, PARLEY_THREADS=32" PARLEY_THREADS=32
  rss_run "PARLEY_THREAD_PER_CONNECTION=1" PARLEY_THREAD_PER_CONNECTION=1
  md ""
}

# The other engineers' micro-benchmarks: every bench_* target there is.
step_micro() {
  local targets t args
  mapfile -t targets < <(cmake --build "$build" --target help | grep -o 'bench_[A-Za-z0-9_]*' | sort -u)
  [ ${#targets[@]} -gt 0 ] || return 0
  log "micro-benchmarks: ${targets[*]}"
  md "## Micro-benchmarks"
  md ""
  for t in "${targets[@]}"; do
    args=()
    case $t in
      bench_html)
        [ -d ../shared/htmlbench/pages ] && args+=(../shared/htmlbench/pages)
        [ -d tests/fixtures/pages ] && args+=(tests/fixtures/pages) ;;
      bench_extract)
        # Whole articles: the demo corpus pages' main text, as the worker
        # hands it to the extractor (the small test cases would measure
        # per-call overhead rather than text throughput).
        mkdir -p "$work/demo-text"
        for p in service/demo/pages/*.html; do
          "$build/parley" page "$p" | jq -r .text >"$work/demo-text/$(basename "$p" .html).txt"
        done
        args+=(--files-only "$work"/demo-text/*.txt) ;;
    esac
    md "### $t"
    md ""
    md '```'
    if ! cmake --build "$build" --target "$t" -j2 >"$work/$t.build" 2>&1; then
      md "(did not build; skipped)"
    elif ! "$build/$t" "${args[@]}" 2>&1 | tee -a "$results"; then
      md "(exited with an error)"
    fi
    md '```'
    md ""
  done
}

main() {
  command -v wrk >/dev/null || die "wrk is missing (scripts/deps.sh installs it)"
  command -v jq >/dev/null || die "jq is missing"
  build_all
  local t0=$SECONDS
  open_dataset
  make_scenarios
  write_pgbench
  header
  # PARLEY_BENCH_STEPS (space-separated) runs a subset, e.g. "race skew".
  local steps=${PARLEY_BENCH_STEPS:-api race skew keyset rss ingest micro} st
  for st in $steps; do
    case $st in
      api) step_api_vs_db ;;
      race) step_race ;;
      skew) step_actor_skew ;;
      keyset) step_keyset ;;
      rss) step_rss ;;
      ingest) stop_server; "$here/ingest.sh" "$parley" --out "$results" --dataset "host=$sock user=parley dbname=parley" ;; # issue 13
      micro) stop_server; step_micro ;;
      *) die "unknown step $st (api race skew keyset rss ingest micro)" ;;
    esac
  done
  log "done in $((SECONDS - t0)) s; results in ${results#"$root"/}"
}

main
