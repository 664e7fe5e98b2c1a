#!/usr/bin/env bash
# Migration behaviour against a real embedded cluster: applying twice is a
# no-op, two processes at once are safe, a changed repeatable migration is
# re-applied (and a broken one rolled back), an edited numbered migration is
# refused by migrate and caught by the git-history check.
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
n=$(cat "$tmp/a.log" "$tmp/b.log" | grep -c '"repeatable migration applied"')
want=$(ls "$tmp/migrations"/repeatable/*.sql | wc -l)
[ "$n" -eq "$want" ] || { echo "repeatables applied $n times, want $want"; exit 1; }

# Again: nothing to do.
"$parley" migrate 2>"$tmp/c.log"
! grep -q '"migration applied"' "$tmp/c.log" || { echo "re-applied"; exit 1; }

# A changed repeatable migration is applied again, once.
echo "-- changed" >>"$tmp/migrations/repeatable/api_json.sql"
"$parley" migrate 2>"$tmp/r.log"
[ "$(grep -c '"repeatable migration applied"' "$tmp/r.log")" -eq 1 ] || { cat "$tmp/r.log"; exit 1; }
grep -q '"name":"api_json.sql"' "$tmp/r.log" || { cat "$tmp/r.log"; exit 1; }
"$parley" migrate 2>"$tmp/r2.log"
! grep -q 'migration applied' "$tmp/r2.log" || { echo "re-applied an unchanged repeatable"; exit 1; }
# A broken one fails with its name and changes nothing; fixed, it applies.
cp "$tmp/migrations/repeatable/ingest.sql" "$tmp/ingest.sql"
echo "CREATE OR REPLACE FUNCTION parley_broken( RETURNS int;" >>"$tmp/migrations/repeatable/ingest.sql"
if "$parley" migrate 2>"$tmp/r3.log"; then echo "broken repeatable accepted"; exit 1; fi
grep -q 'repeatable/ingest.sql' "$tmp/r3.log" || { cat "$tmp/r3.log"; exit 1; }
cp "$tmp/ingest.sql" "$tmp/migrations/repeatable/ingest.sql"
"$parley" migrate 2>"$tmp/r4.log"
! grep -q 'migration applied' "$tmp/r4.log" || { echo "the restored file was applied again"; exit 1; }

# A new numbered migration that replaces a repeatable file's function (as
# 0020 and 0021 do, with the texts they were committed with) does not win:
# the repeatable files are applied again after it, so an upgraded database
# ends with the same definitions as a fresh one.
cat >"$tmp/migrations/9999_old_function.sql" <<'SQL'
CREATE OR REPLACE FUNCTION parley_date_text(d date, p text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT 'stale' $$;
SQL
"$parley" migrate 2>"$tmp/r5.log" || { cat "$tmp/r5.log"; exit 1; }
"$root/tests/scripts/pgctl.sh" "$PARLEY_DATA_DIR" start >/dev/null
got=$(psql -h "$PARLEY_DATA_DIR/pg" -U parley -d parley -qAt -c "SELECT parley_date_text('2025-03-04', 'month')")
"$root/tests/scripts/pgctl.sh" "$PARLEY_DATA_DIR" stop >/dev/null
[ "$got" = 2025-03 ] || { echo "a numbered migration's old function survived: parley_date_text gave '$got'"; exit 1; }
rm "$tmp/migrations/9999_old_function.sql"

# Numbered migrations are append-only in git history: the checkout passes,
# an edited copy fails.
"$root/tests/scripts/migrations_history.sh"
cp -r "$root/migrations" "$tmp/edited"
echo "-- edited" >>"$tmp/edited/0004_upsert_article.sql"
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1 &&
   [ "$(git -C "$root" rev-parse --is-shallow-repository)" = false ] &&
   "$root/tests/scripts/migrations_history.sh" "$tmp/edited" >"$tmp/h.log"; then
  echo "the history check accepted an edited migration"; exit 1
fi

# An applied migration edited afterwards is refused, with a clear message.
echo "-- edited" >>"$tmp/migrations/0001_schema.sql"
if "$parley" migrate 2>"$tmp/d.log"; then echo "edited migration accepted"; exit 1; fi
grep -q 'was changed after it was applied' "$tmp/d.log" || { cat "$tmp/d.log"; exit 1; }
echo "migrations: ok"
