#!/usr/bin/env bash
# `parley serve` on a stock Debian 12 PATH (/usr/bin:/bin, where PostgreSQL's
# server programs are not) initialises and starts its embedded database,
# answers /readyz, and stops the database on SIGTERM.  Also: a
# PARLEY_PG_BINDIR without the programs is refused with a clear message.
#   stock_path.sh PARLEY_BINARY
set -euo pipefail
PARLEY=$(realpath "$1")
. "$(dirname "$0")/serve_lib.sh"
tmp=$(mktemp -d /tmp/parley-stock.XXXXXX)
trap 'rc=$?; kill_pids "${SERVE_PID:-}"; rm -rf "$tmp"; exit $rc' EXIT

serve_start "$tmp/serve.log" PARLEY_DATA_DIR="$tmp/var"
ready=$(json_get "$SERVE_URL/readyz")
echo "readyz: $ready"
[ "$ready" = '{"status":"ready","database":"ok"}' ] || { tail -n 20 "$tmp/serve.log"; exit 1; }
serve_stop || { tail -n 20 "$tmp/serve.log"; exit 1; }
grep -q '"embedded database stopped"' "$tmp/serve.log" || { echo "database not stopped"; exit 1; }

if "${STOCK_ENV[@]}" PARLEY_DATA_DIR="$tmp/var" PARLEY_PG_BINDIR=/nonexistent "$PARLEY" migrate \
  2>"$tmp/bad.log"; then
  echo "a bin dir without PostgreSQL was accepted"; exit 1
fi
grep -q 'PARLEY_PG_BINDIR=/nonexistent lacks initdb' "$tmp/bad.log" || { cat "$tmp/bad.log"; exit 1; }
echo "stock PATH: ok"
