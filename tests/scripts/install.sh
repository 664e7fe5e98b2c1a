#!/usr/bin/env bash
# `make install` gives a parley that runs on its own: installed under a
# temporary PREFIX (and staged with DESTDIR), `PREFIX/bin/parley serve`
# started from / with PATH=/usr/bin:/bin and no path settings finds its
# migrations, dictionary, dashboard, API description and demo corpus, and
# serves them.  The database is a throwaway PostgreSQL of our own (an
# external database, as a packaged install would use).
#   install.sh BUILD_DIR
set -euo pipefail
build=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/parley-install.XXXXXX)
chmod 755 "$tmp"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as=()
[ "$(id -u)" -ne 0 ] || as=(runuser -u postgres --)
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  [ ! -f "$tmp/pg/postmaster.pid" ] || "${as[@]}" "$pgbin/pg_ctl" -D "$tmp/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# 1. Install, and stage an install.
make -s -C "$root" install BUILD="$build" PREFIX="$tmp/prefix" >"$tmp/install.log"
make -s -C "$root" install BUILD="$build" PREFIX=/usr/local DESTDIR="$tmp/stage" >>"$tmp/install.log"
for f in bin/parley share/parley/migrations/0001_schema.sql share/parley/migrations/repeatable/api_json.sql \
         share/parley/data/actors.tsv share/parley/web/index.html share/parley/api-spec/openapi.yaml \
         share/parley/demo/feed.xml share/man/man1/parley.1 lib/systemd/system/parley.service \
         lib/systemd/system/parley-worker.service share/doc/parley/LICENSE; do
  [ -e "$tmp/prefix/$f" ] || { echo "not installed: $f"; exit 1; }
  [ -e "$tmp/stage/usr/local/$f" ] || { echo "not staged under DESTDIR: usr/local/$f"; exit 1; }
done
grep -q "^ExecStart=$tmp/prefix/bin/parley serve" "$tmp/prefix/lib/systemd/system/parley.service" ||
  { echo "the unit does not name the installed binary"; exit 1; }
grep -q '^ExecStart=/usr/local/bin/parley worker' "$tmp/stage/usr/local/lib/systemd/system/parley-worker.service" ||
  { echo "the staged unit does not name PREFIX/bin/parley"; exit 1; }
if command -v systemd-analyze >/dev/null; then # unknown keys, a binary that is not there
  out=$(systemd-analyze verify --man=no "$tmp/prefix/lib/systemd/system/"parley*.service 2>&1) ||
    { echo "systemd-analyze verify: $out"; exit 1; }
  [ -z "$out" ] || { echo "systemd-analyze verify: $out"; exit 1; }
fi
grep -q '^\.TH PARLEY 1' "$tmp/prefix/share/man/man1/parley.1" || { echo "no manual page"; exit 1; }
grep -q '^\.SS worker' "$tmp/prefix/share/man/man1/parley.1" || { echo "the manual lacks the commands"; exit 1; }

# 2. Version, exit statuses.
bin=$tmp/prefix/bin/parley
clean=(env -i PATH=/usr/bin:/bin HOME=/ LANG=C.UTF-8)
"${clean[@]}" "$bin" version | grep -Eq '^parley [0-9]+\.[0-9]+\.[0-9]+$' || { echo "parley version"; exit 1; }
rc=0; "${clean[@]}" "$bin" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "a bare parley exits $rc, want 2"; exit 1; }
rc=0; "${clean[@]}" PARLEY_THREADS=0 "$bin" migrate >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "a bad setting exits $rc, want 2"; exit 1; }
rc=0; "${clean[@]}" "$bin" migrate --config /nonexistent.conf >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "a missing configuration file exits $rc, want 2"; exit 1; }
printf 'PARLEY_LISTN=1\n' >"$tmp/typo.conf"
rc=0; "${clean[@]}" PARLEY_CONFIG="$tmp/typo.conf" "$bin" migrate 2>"$tmp/typo.err" >/dev/null || rc=$?
[ "$rc" -eq 2 ] && grep -q 'typo.conf:1: unknown setting PARLEY_LISTN' "$tmp/typo.err" ||
  { echo "a typo in the configuration file: exit $rc, $(cat "$tmp/typo.err")"; exit 1; }

# 3. A throwaway PostgreSQL, reached over a unix socket.
mkdir -p "$tmp/pg" "$tmp/sock"; chmod 700 "$tmp/pg"
[ "$(id -u)" -ne 0 ] || chown postgres "$tmp/pg" "$tmp/sock"
"${as[@]}" "$pgbin/initdb" -D "$tmp/pg" -U parley -A trust >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log"; exit 1; }
"${as[@]}" "$pgbin/pg_ctl" -D "$tmp/pg" -l "$tmp/sock/pg.log" -w \
  -o "-k $tmp/sock -c listen_addresses=''" start >/dev/null
url="host=$tmp/sock user=parley dbname=postgres"

# 4. From /, a stock PATH, no path settings; the configuration from a file.
printf '# parley.conf\nPARLEY_DATABASE_URL="%s"\nPARLEY_LISTEN=127.0.0.1:0\nPARLEY_WORKER=1\n' "$url" >"$tmp/parley.conf"
(cd / && exec "${clean[@]}" "$bin" serve --config "$tmp/parley.conf") >"$tmp/serve.log" 2>&1 &
server=$!
port=
for _ in $(seq 1 60); do
  port=$(grep -o '"url":"http://127.0.0.1:[0-9]*' "$tmp/serve.log" | grep -o '[0-9]*$' | sed -n 1p || true)
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
[ -n "$port" ] || { echo "the installed parley did not serve:"; tail -n 20 "$tmp/serve.log"; exit 1; }
api=http://127.0.0.1:$port
curl -fsS "$api/readyz" >/dev/null || { echo "/readyz"; exit 1; }
page() { local b; b=$(curl -fsS "$api$1") && grep -q "${@:2}" <<<"$b"; } # page PATH GREP-ARGS
page / -i '<html' || { echo "no dashboard at /"; exit 1; }
page /openapi.yaml '^openapi:' || { echo "no /openapi.yaml"; exit 1; }
# The demo corpus (share/parley/demo) is ingested with the dictionary
# (share/parley/data): actors appear.
for _ in $(seq 1 60); do
  page '/v1/actors?limit=1' '"name"' && break
  sleep 0.5
done
page '/v1/actors?limit=1' '"name"' || { echo "the demo corpus was not ingested"; tail -n 20 "$tmp/serve.log"; exit 1; }
kill -TERM "$server"; wait "$server" || { echo "unclean stop"; tail -n 20 "$tmp/serve.log"; exit 1; }
server=
echo "install: ok"
