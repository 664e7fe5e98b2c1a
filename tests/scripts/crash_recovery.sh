#!/usr/bin/env bash
# Crash recovery of the embedded database, for a short data dir (socket in
# it) and a long one (socket under /tmp):
#   1. parley is killed -9: its PostgreSQL keeps running; the next start
#      adopts it and the data is intact;
#   2. parley and then the postmaster are killed -9, and the pid of
#      postmaster.pid and of the socket lock file is taken by an unrelated
#      live process (pid reuse): the next start removes the stale locks,
#      starts the cluster, and the data is intact;
#   3. a clean SIGTERM then stops the database (the last user stops it);
#   0. (first) parley and its initdb are killed -9 midway through the first
#      start: the next start still makes a working cluster.
#   crash_recovery.sh PARLEY_BINARY
set -euo pipefail
PARLEY=$(realpath "$1")
. "$(dirname "$0")/serve_lib.sh"
tmp=$(mktemp -d /tmp/parley-crash.XXXXXX)
chmod 755 "$tmp"
decoy=
sockdirs=()
cleanup() {
  local rc=$?
  set +e
  kill_pids "${SERVE_PID:-}" "$decoy"
  for d in "$tmp"/*/pg/data; do
    [ -f "$d/postmaster.pid" ] || continue
    p=$(head -n 1 "$d/postmaster.pid")
    [ "$(readlink "/proc/$p/cwd" 2>/dev/null)" = "$d" ] && kill_pids "$p"
  done
  for d in "${sockdirs[@]}"; do case $d in /tmp/parley-pg-*) rm -rf "$d" ;; esac; done
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
KEY=crash-key
fail() { echo "FAIL: $*"; [ -z "${LOG:-}" ] || tail -n 15 "$LOG"; exit 1; }

# Rewrites the first line (a pid) of FILE in place, keeping owner and mode.
set_pid_line() {
  local f=$1 pid=$2 rest
  rest=$(tail -n +2 "$f")
  printf '%s\n%s\n' "$pid" "$rest" >"$f"
}
postmaster_pid() { head -n 1 "$1/pg/data/postmaster.pid"; }
has_actor() { json_get "$SERVE_URL/v1/actors?q=Crashworth" | grep -q '"Ottoline Crashworth"'; }

run_case() { # run_case DATA_DIR
  local dir=$1 n=0 pm sockdir lock
  mkdir -p "$dir"
  start() { n=$((n + 1)); LOG=$tmp/$(basename "$dir").$n.log
            serve_start "$LOG" PARLEY_DATA_DIR="$dir" PARLEY_API_KEY=$KEY || fail "start $n"; }
  start
  sockdirs+=("$(sed -n 5p "$dir/pg/data/postmaster.pid")")
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$SERVE_URL/v1/actors" \
    -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"name": "Ottoline Crashworth", "kind": "person"}')
  [ "$code" = 201 ] || fail "creating the actor answered $code"

  # 1. parley dies; its database does not.
  serve_crash
  pm=$(postmaster_pid "$dir")
  kill -0 "$pm" 2>/dev/null || fail "the database did not outlive parley (test premise)"
  start
  grep -q '"adopted the running embedded database"' "$LOG" || fail "not adopted"
  [ "$(postmaster_pid "$dir")" = "$pm" ] || fail "the database was restarted, not adopted"
  has_actor || fail "data lost after adopting"
  echo "$(basename "$dir"): kill -9 of parley: adopted the running database, data intact"

  # 2. parley and postgres die; their pids are reused by another process.
  serve_crash
  sockdir=$(sed -n 5p "$dir/pg/data/postmaster.pid")
  kill -9 "$pm"
  for _ in $(seq 1 100); do kill -0 "$pm" 2>/dev/null || break; sleep 0.1; done
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=postgres --regid=postgres --clear-groups sleep 300 &
  else
    sleep 300 &
  fi
  decoy=$!
  set_pid_line "$dir/pg/data/postmaster.pid" "$decoy"
  for lock in "$sockdir"/.s.PGSQL.*.lock; do set_pid_line "$lock" "$decoy"; done
  start
  grep -q '"the embedded database was not stopped cleanly' "$LOG" || fail "stale lock not noticed"
  [ "$(json_get "$SERVE_URL/readyz")" = '{"status":"ready","database":"ok"}' ] || fail "not ready"
  has_actor || fail "data lost after restarting"
  kill -0 "$decoy" 2>/dev/null || fail "the unrelated process was signalled"
  kill -9 "$decoy"; wait "$decoy" 2>/dev/null || true; decoy=
  echo "$(basename "$dir"): kill -9 of parley and postgres, pids reused: restarted cleanly, data intact"

  # 3. a clean stop stops the database.
  pm=$(postmaster_pid "$dir")
  serve_stop || fail "parley did not stop cleanly"
  grep -q '"embedded database stopped"' "$LOG" || fail "database not stopped on SIGTERM"
  # (a zombie awaiting its reaper has no working directory any more)
  [ "$(readlink "/proc/$pm/cwd" 2>/dev/null)" != "$dir/pg/data" ] ||
    fail "postgres $pm still running after the last user stopped"
  echo "$(basename "$dir"): SIGTERM afterwards stopped the database"
}

kill_tree() { # SIGKILL a process and all its descendants, children first
  local c
  for c in $(ps -o pid= --ppid "$1"); do kill_tree "$c"; done
  kill -9 "$1" 2>/dev/null || true
}
# 0. killed during initdb: the next start makes a working cluster.
dir=$tmp/short
mkdir -p "$dir"
"${STOCK_ENV[@]}" PARLEY_DATA_DIR="$dir" PARLEY_LISTEN=127.0.0.1:0 "$PARLEY" migrate \
  >"$tmp/initdb.log" 2>&1 &
mig=$!
for _ in $(seq 1 1000); do
  compgen -G "$dir/pg/data*/PG_VERSION" >/dev/null && break
  sleep 0.01
done
kill_tree "$mig"; wait "$mig" 2>/dev/null || true
compgen -G "$dir/pg/data*/PG_VERSION" >/dev/null || fail "initdb was not caught midway (test premise)"
[ ! -f "$dir/pg/data/global/pg_control" ] || fail "initdb finished before the kill (test premise)"
echo "short: parley killed during initdb"

run_case "$tmp/short"
# A data dir whose socket path would be too long: the socket lives in /tmp.
run_case "$tmp/a-data-directory-with-a-rather-long-name-so-the-socket-cannot-live-in-it"
echo "crash recovery: ok"
