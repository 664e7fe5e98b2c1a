# Sourced by the scripts that start and stop `parley serve` themselves
# (stock PATH, crash recovery, disk full).  Every server runs as a stock
# Debian 12 would run it: `env -i` with PATH=/usr/bin:/bin and nothing else
# but the settings given, so a program found only through a richer PATH
# (e.g. /usr/local/bin symlinks to PostgreSQL's bin dir) cannot hide a bug.
#   serve_start LOG VAR=VALUE...   starts; sets SERVE_PID and SERVE_URL
#   serve_stop                     SIGTERM; 0 when it exited 0 within 20 s
#   serve_crash                    SIGKILL, as a crash would
#   json_get URL                   body of a GET (curl, bounded)
#   kill_pids PID...               SIGKILL each non-empty pid (never 0: the group)

: "${PARLEY:?PARLEY must name the parley binary}"
STOCK_ENV=(env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" LANG=C.UTF-8)

serve_start() {
  local log=$1; shift
  "${STOCK_ENV[@]}" PARLEY_LISTEN=127.0.0.1:0 PARLEY_DEMO=0 PARLEY_WORKER=0 \
    PARLEY_THREADS=2 PARLEY_POOL_SIZE=2 "$@" "$PARLEY" serve >"$log" 2>&1 &
  SERVE_PID=$!
  SERVE_URL=
  local port
  for _ in $(seq 1 240); do
    port=$(grep -o '"url":"http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' | head -n 1) || true
    [ -n "$port" ] && { SERVE_URL=http://127.0.0.1:$port; return 0; }
    kill -0 "$SERVE_PID" 2>/dev/null || break
    sleep 0.25
  done
  echo "parley serve did not start:"; tail -n 20 "$log"
  return 1
}

serve_stop() {
  kill -TERM "$SERVE_PID" 2>/dev/null || return 1
  for _ in $(seq 1 200); do
    kill -0 "$SERVE_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$SERVE_PID" 2>/dev/null; then
    kill -9 "$SERVE_PID"; echo "parley did not stop within 20 s"; return 1
  fi
  wait "$SERVE_PID"
}

serve_crash() {
  kill -9 "$SERVE_PID" 2>/dev/null
  wait "$SERVE_PID" 2>/dev/null || true
  return 0
}

json_get() { curl -s --max-time 20 "$1"; }

kill_pids() {
  local p
  for p in "$@"; do
    [ -n "$p" ] && [ "$p" -gt 0 ] || continue
    disown "$p" 2>/dev/null || true # no "Killed" notice from the shell
    kill -9 "$p" 2>/dev/null || true
  done
  return 0
}
