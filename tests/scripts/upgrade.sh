#!/usr/bin/env bash
# Upgrade test: a database created by an earlier release, holding that
# release's data, is upgraded by this build, and the data answers through
# the API.  "An earlier release" is each commit in tests/upgrade/releases.txt
# (the first commit — the oldest schema a database can have — and the
# previous release); its numbered migrations are taken from git history
# (`git archive`), applied, data written through that release's own SQL
# (tests/upgrade/data.sql), then this build's `parley serve` migrates and
# serves it.  Without git history (a tarball) there is nothing to compare
# with: the test says so and passes.
#   upgrade.sh PARLEY_BINARY
set -euo pipefail
parley=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  echo "upgrade: no git history here; nothing to upgrade from (skipped)"; exit 0
fi
if [ "$(git -C "$root" rev-parse --is-shallow-repository)" = true ]; then
  echo "upgrade: a shallow clone has not the earlier releases (git fetch --unshallow; skipped)"; exit 0
fi
tmp=$(mktemp -d /tmp/parley-upgrade.XXXXXX)
server=
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
export PARLEY_DEMO=0 PARLEY_WORKER=0 PARLEY_LISTEN=127.0.0.1:0
pgsql() { psql -h "$PARLEY_DATA_DIR/pg" -U parley -d parley -v ON_ERROR_STOP=1 -qAt "$@"; }
# Every function of the schema, one line each: name(arguments) and the md5 of
# its definition.  An upgraded database must end with a fresh one's.
functions() {
  pgsql -c "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(pg_get_functiondef(p.oid))
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.prokind = 'f' ORDER BY 1"
}
export PARLEY_DATA_DIR=$tmp/fresh
PARLEY_MIGRATIONS_DIR=$root/migrations "$parley" migrate 2>"$tmp/fresh.log" || { cat "$tmp/fresh.log"; exit 1; }
"$root/tests/scripts/pgctl.sh" "$PARLEY_DATA_DIR" start >/dev/null
functions >"$tmp/fresh.functions"
"$root/tests/scripts/pgctl.sh" "$PARLEY_DATA_DIR" stop >/dev/null

while read -r commit label; do
  [ -n "$commit" ] || continue
  if ! git -C "$root" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "upgrade: commit $commit ($label) is not in this clone's history"; exit 1
  fi
  echo "== from $commit ($label)"
  rm -rf "$tmp/old" "$tmp/var"; mkdir -p "$tmp/old"
  git -C "$root" archive "$commit" migrations | tar -x -C "$tmp/old"
  export PARLEY_DATA_DIR=$tmp/var
  # 1. That release's schema (its numbered migrations only: it had no
  #    repeatable ones), then its data.
  PARLEY_MIGRATIONS_DIR=$tmp/old/migrations "$parley" migrate 2>"$tmp/old.log" ||
    { cat "$tmp/old.log"; exit 1; }
  "$root/tests/scripts/pgctl.sh" "$PARLEY_DATA_DIR" start >/dev/null
  pgsql -f "$root/tests/upgrade/data.sql" >/dev/null
  "$root/tests/scripts/pgctl.sh" "$PARLEY_DATA_DIR" stop >/dev/null
  # 2. This build upgrades it at start and serves.
  PARLEY_MIGRATIONS_DIR=$root/migrations "$parley" serve >"$tmp/serve.log" 2>&1 &
  server=$!
  port=
  for _ in $(seq 1 60); do
    port=$(grep -o '"url":"http://127.0.0.1:[0-9]*' "$tmp/serve.log" | grep -o '[0-9]*$' | head -n 1 || true)
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
  done
  [ -n "$port" ] || { echo "the upgraded server did not start:"; tail -n 20 "$tmp/serve.log"; exit 1; }
  api="http://127.0.0.1:$port"
  get() { local b; b=$(curl -fsS "$api$1") && printf '%s\n' "$b"; } # whole, then printed
  has() { local b; b=$(cat) && grep -Eq "$1" <<<"$b"; }
  # 3. The old rows answer through today's API.
  get /readyz >/dev/null
  get "/v1/actors?q=Keller" | has '"name" *: *"Anna Keller"'  || { echo "actor missing:"; get "/v1/actors?q=Keller"; exit 1; }
  get '/v1/events?actor=Piotr%20Nowak' | has '"location" *: *\{ *"name" *: *"Geneva"' ||
    { echo "event missing:"; get '/v1/events?actor=Piotr%20Nowak'; exit 1; }
  get "/v1/statements?speaker=Anna%20Keller" | has "The talks were useful" || { echo "statement missing:"; get "/v1/statements?speaker=Anna%20Keller"; exit 1; }
  get '/v1/sources' | has 'upgrade.example/feed' || { echo "source missing"; exit 1; }
  # 4. New writes go through today's functions on the upgraded schema: the
  #    same meeting reported again joins the old event.
  code=$(curl -sS -o "$tmp/post.json" -w '%{http_code}' -X POST "$api/v1/articles" \
    -H 'Content-Type: application/json' -d '{"url": "https://upgrade.example/geneva-2",
    "published_at": "2025-03-05", "text": "Anna Keller met Piotr Nowak in Geneva on Tuesday, March 4, 2025, officials said. \"We agreed on next steps,\" Nowak said after the meeting."}')
  [ "$code" = 201 ] || { echo "POST /v1/articles: $code"; cat "$tmp/post.json"; exit 1; }
  events=$(get '/v1/events?actor=Piotr%20Nowak')
  has "\"mention_count\" *: *2" <<<"$events" || { echo "the new report did not join the old event:"; cat "$tmp/post.json"; echo "$events"; exit 1; }
  # 5. Every numbered and repeatable migration of this build is recorded.
  kill -TERM "$server"; wait "$server" || { tail -n 20 "$tmp/serve.log"; exit 1; }
  server=
  "$root/tests/scripts/pgctl.sh" "$PARLEY_DATA_DIR" start >/dev/null
  want=$(ls "$root"/migrations/[0-9]*.sql | wc -l); got=$(pgsql -c 'SELECT count(*) FROM schema_migrations')
  wantr=$(ls "$root"/migrations/repeatable/*.sql | wc -l); gotr=$(pgsql -c 'SELECT count(*) FROM schema_repeatables')
  functions >"$tmp/upgraded.functions"
  "$root/tests/scripts/pgctl.sh" "$PARLEY_DATA_DIR" stop >/dev/null
  [ "$got" = "$want" ] && [ "$gotr" = "$wantr" ] ||
    { echo "recorded $got/$want numbered, $gotr/$wantr repeatable"; exit 1; }
  # 6. The same function definitions as a fresh database.
  diff "$tmp/fresh.functions" "$tmp/upgraded.functions" >"$tmp/functions.diff" ||
    { echo "functions differ from a fresh database's (< fresh, > upgraded):"; cat "$tmp/functions.diff"; exit 1; }
  echo "upgrade from $commit: ok"
done < <(grep -v "^#" "$root/tests/upgrade/releases.txt")
echo "upgrade: ok"
