#!/usr/bin/env bash
# Migration behaviour against a real embedded cluster: applying twice is a
# no-op, two processes at once are safe, an edited migration is refused.
set -euo pipefail
parley=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/parley-mig.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export PARLEY_DATA_DIR=$tmp/var PARLEY_MIGRATIONS_DIR=$tmp/migrations
cp -r "$root/migrations" "$tmp/migrations"

# Two at once on a fresh database: both succeed, each migration applied once.
"$parley" migrate 2>"$tmp/a.log" & a=$!
"$parley" migrate 2>"$tmp/b.log" & b=$!
wait $a || { cat "$tmp/a.log"; exit 1; }
wait $b || { cat "$tmp/b.log"; exit 1; }
n=$(cat "$tmp/a.log" "$tmp/b.log" | grep -c '"migration applied"')
want=$(ls "$tmp/migrations"/*.sql | wc -l)
[ "$n" -eq "$want" ] || { echo "applied $n times, want $want"; exit 1; }

# Again: nothing to do.
"$parley" migrate 2>"$tmp/c.log"
! grep -q '"migration applied"' "$tmp/c.log" || { echo "re-applied"; exit 1; }

# An applied migration edited afterwards is refused, with a clear message.
echo "-- edited" >>"$tmp/migrations/0001_schema.sql"
if "$parley" migrate 2>"$tmp/d.log"; then echo "edited migration accepted"; exit 1; fi
grep -q 'was changed after it was applied' "$tmp/d.log" || { cat "$tmp/d.log"; exit 1; }
echo "migrations: ok"
