#!/usr/bin/env bash
# Container test: builds docker/Dockerfile with podman and runs it as
# docker/compose.yaml describes — PostgreSQL, `parley serve`, `parley worker`
# — then checks /readyz and the image's healthcheck, the worker's heartbeat
# healthcheck, a feed fetched on schedule from a fixture server on the host
# (304 the second time), non-root (uid 10001), read-only root, all
# capabilities dropped, a clean stop; and the full image's default (no
# database URL: the embedded PostgreSQL) serving too.
#
# No registry is needed: the debian:12-slim-like base is built from Debian
# packages with debootstrap (cached as a tarball), and PostgreSQL runs from
# our own full image.  podman gets a configuration of its own
# (CONTAINERS_CONF: runc rather than crun, no open-files limit above this
# process's, cgroupfs;
# storage under the cache so image layers survive between runs); nothing of
# the machine's container setup is used or changed.
#
#   tests/container/run.sh           the test (prints one line per check)
#   tests/container/run.sh --probe   exit 0 when this machine can run
#                                    containers, else say why and exit 1
# PARLEY_TEST_CACHE (default /var/cache/parley-test, else $TMPDIR): the base
# tarball and podman's storage.  First run: ~6 minutes (debootstrap, image
# build); cached: ~1-2 minutes.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${PARLEY_TEST_CACHE:-/var/cache/parley-test}
mkdir -p "$CACHE" 2>/dev/null || CACHE=${TMPDIR:-/tmp}/parley-test-cache
mkdir -p "$CACHE"
MIRROR=${PARLEY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=$(mktemp -d /tmp/parley-container.XXXXXX)
P=pt$$ # names of this run's pod, containers and volumes
BASE=localhost/parley-test-base:bookworm
IMG=localhost/parley:test
FULL=localhost/parley:test-full

export CONTAINERS_CONF=$WORK/containers.conf
export CONTAINERS_STORAGE_CONF=$WORK/storage.conf
export CONTAINERS_REGISTRIES_CONF=$WORK/registries.conf
# No limits of podman's own: containers inherit this process's (open files
# 20000 here).  Podman's usual default (nofile=1048576) is above what such a
# machine allows, and setting any limit fails there ("error setting rlimit
# type 6: operation not permitted").
cat >"$CONTAINERS_CONF" <<EOF
[containers]
default_ulimits = []
log_driver = "k8s-file"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
[network]
network_backend = "netavark"
EOF
cat >"$CONTAINERS_STORAGE_CONF" <<EOF
[storage]
driver = "overlay"
graphroot = "$CACHE/storage"
runroot = "$CACHE/run"
EOF
echo 'unqualified-search-registries = []' >"$CONTAINERS_REGISTRIES_CONF"
pm() { timeout "${T:-120}" podman "$@"; }

FX_PID=
cleanup() {
  pm rm -f -v "$P-worker" "$P-api" "$P-db" "$P-full" >/dev/null 2>&1
  pm network rm -f "$P" >/dev/null 2>&1
  pm volume rm -f "$P-pgdata" >/dev/null 2>&1
  [ -z "$FX_PID" ] || kill "$FX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- can this machine run containers? ----------------------------------------
probe() {
  local t
  for t in podman runc debootstrap; do
    command -v $t >/dev/null || { echo "$t is not installed (scripts/deps.sh container)"; return 1; }
  done
  [ "$(id -u)" -eq 0 ] || { echo "needs root (rootful podman; debootstrap)"; return 1; }
  # A rootfs of one program: runs without any image or registry.
  local r=$WORK/probe
  mkdir -p "$r/bin"
  cp /bin/true "$r/bin/true"
  for lib in $(ldd /bin/true | grep -o '/[^ ]*'); do mkdir -p "$r$(dirname "$lib")"; cp -L "$lib" "$r$lib"; done
  local out
  if ! out=$(T=60 pm run --rm --network none --rootfs "$r" /bin/true 2>&1); then
    echo "podman cannot run a container here: $(tail -n 3 <<<"$out" | tr '\n' ' ')"
    return 1
  fi
}
if [ "${1:-}" = --probe ]; then probe; exit; fi
probe || exit 1

passed=0 failed=0
check() { # check NAME CMD...: one line per check
  local name=$1; shift
  if "$@" >"$WORK/check.log" 2>&1; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"; tail -n 15 "$WORK/check.log" | sed 's/^/    /'
  fi
}
fatal() { echo "FAIL $*"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
t0=$SECONDS

# ---- the base image: debian 12 slim from debootstrap ---------------------------
if ! pm image exists "$BASE"; then
  tarball=$CACHE/debian12-slim.tar
  if [ ! -s "$tarball" ]; then
    echo "building the base from Debian packages (debootstrap, a few minutes, cached)"
    rootfs=$WORK/rootfs
    timeout 900 debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
      { tail -n 20 "$WORK/debootstrap.log"; fatal "debootstrap"; }
    # What debian:12-slim leaves out: documentation, manuals, locales, apt lists.
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
    echo 'APT::Install-Recommends "false";' >"$rootfs/etc/apt/apt.conf.d/90slim"
    echo "deb $MIRROR bookworm main" >"$rootfs/etc/apt/sources.list"
    find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/lib/apt/lists/* \
           "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/*.log
    tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
  fi
  T=300 pm import --change 'CMD ["bash"]' "$tarball" "$BASE" >/dev/null || fatal "podman import of the base"
fi
echo "base image ready ($((SECONDS - t0)) s)"

# ---- our images ----------------------------------------------------------------
build() { # build TARGET TAG
  T=1500 pm build --format docker --build-arg BASE="$BASE" --target "$1" -t "$2" -f "$ROOT/docker/Dockerfile" "$ROOT" \
    >"$WORK/build-$1.log" 2>&1 || { tail -n 30 "$WORK/build-$1.log"; fatal "podman build --target $1"; }
}
t1=$SECONDS
build runtime "$IMG"
build full "$FULL"
size() { pm image inspect --format '{{.Size}}' "$1" | awk '{printf "%d MB", $1 / 1e6}'; }
echo "images built in $((SECONDS - t1)) s: runtime $(size "$IMG"), full $(size "$FULL")"
no_server() { ! pm run --rm "$IMG" sh -c 'ls /usr/lib/postgresql/*/bin/postgres' ; }
check "the runtime image has no PostgreSQL server" no_server
# What .dockerignore lets into the build context: copy it all and look.
printf 'FROM %s\nCOPY . /ctx\nRUN du -sk /ctx && test ! -e /ctx/var && test ! -e /ctx/.git && test ! -e /ctx/build && test ! -e /ctx/tests\n' \
  "$BASE" >"$WORK/ctx.Dockerfile"
check "the build context leaves out var/, .git, build trees and tests" \
  pm build --no-cache -f "$WORK/ctx.Dockerfile" "$ROOT"

# ---- the fixture web server, reachable from containers -------------------------
FIXTURE_BIND=0.0.0.0 python3 "$ROOT/tests/fixtures/server/server.py" "$WORK/fx.port" &
FX_PID=$!
for _ in $(seq 50); do [ -s "$WORK/fx.port" ] && break; sleep 0.1; done
FX="http://host.containers.internal:$(cat "$WORK/fx.port")"

# ---- compose's services, on a network of their own ("db" resolves by DNS) -------
PW=pw$RANDOM$RANDOM KEY=key$RANDOM$RANDOM
URL="postgresql://parley:$PW@db:5432/parley"
pm network create "$P" >/dev/null || fatal "network create"
# db: PostgreSQL 15 from the full image, password auth over TCP
pm run -d --network "$P" --network-alias db --name "$P-db" -e PW="$PW" -v "$P-pgdata:/var/lib/parley" \
  "$FULL" sh -c '
  set -e; d=/var/lib/parley/pg
  if [ ! -s $d/PG_VERSION ]; then
    echo "$PW" >/tmp/pw
    initdb -D $d -U parley --pwfile=/tmp/pw --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm /tmp/pw
    echo "host all all 0.0.0.0/0 scram-sha-256" >>$d/pg_hba.conf
  fi
  exec postgres -D $d -c listen_addresses="*" -k /tmp' >/dev/null || fatal "db container"
db_ready() { pm exec "$P-db" pg_isready -h 127.0.0.1 -U parley -d postgres -q; }
for _ in $(seq 60); do db_ready && break; sleep 1; done
check "db: pg_isready -h" db_ready
pm exec "$P-db" psql -h /tmp -U parley -d postgres -qc 'CREATE DATABASE parley' >/dev/null ||
  fatal "CREATE DATABASE parley"
# (no health timers: they need systemd; the checks are run below by hand)
hardened=(--read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges --health-interval disable)
pm run -d --network "$P" --name "$P-api" -p 127.0.0.1::8080 "${hardened[@]}" -e PARLEY_DATABASE_URL="$URL" \
  -e PARLEY_API_KEY="$KEY" "$IMG" parley serve --worker=0 >/dev/null || fatal "api container"
port=$(pm port "$P-api" 8080 | sed 's/.*://' | head -n 1)
API=http://127.0.0.1:$port
ready() { curl -fsS --max-time 3 "$API/readyz"; }
for _ in $(seq 60); do ready >/dev/null 2>&1 && break; sleep 1; done
ready >/dev/null 2>&1 || { pm logs "$P-api" 2>&1 | tail -n 20; fatal "api: /readyz"; }
check "api: /readyz" ready
check "api: the image healthcheck (parley health)" pm healthcheck run "$P-api"
check "api: runs as uid 10001" bash -c "[ \"\$(podman exec $P-api id -u):\$(podman exec $P-api id -g)\" = 10001:10001 ]"
check "api: root file system read-only" bash -c "podman exec $P-api sh -c 'touch /usr/local/x 2>&1' | grep -q 'Read-only file system'"
check "api: no capabilities" bash -c "podman exec $P-api grep -q '^CapEff:.0000000000000000' /proc/1/status"
check "api: the demo corpus is not ingested" bash -c "curl -fsS '$API/v1/articles' | grep -q '\"data\" *: *\\[\\]'"
check "api: the dashboard and the API description are served" \
  bash -c "curl -fsS '$API/' | grep -qi '<html' && curl -fsS '$API/openapi.yaml' | grep -q '^openapi:'"

pm run -d --network "$P" --name "$P-worker" "${hardened[@]}" -e PARLEY_DATABASE_URL="$URL" \
  -e PARLEY_SKIP_MIGRATE=1 -e PARLEY_ALLOW_LOCAL_FETCH=1 -e PARLEY_WORKER_POLL_MS=200 \
  -e PARLEY_HOST_INTERVAL_MS=0 "$IMG" parley worker >/dev/null || fatal "worker container"
alive() { pm exec "$P-worker" parley health --worker --max-age 60; }
for _ in $(seq 30); do alive >/dev/null 2>&1 && break; sleep 1; done
check "worker: heartbeat (parley health --worker)" alive

# A feed on schedule: the first fetch stores its articles, the next one
# (made due, as the schedule would) is answered 304 Not Modified.
code=$(curl -sS -o "$WORK/src.json" -w '%{http_code}' -X POST "$API/v1/sources" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/json' -d "{\"url\": \"$FX/etag.xml\", \"interval\": 60}")
[ "$code" = 201 ] || { cat "$WORK/src.json"; fatal "POST /v1/sources: $code"; }
sql() { pm exec "$P-db" psql -h /tmp -U parley -d parley -XAtqc "$1"; }
stored() { [ "$(sql "SELECT count(*) FROM articles WHERE status = 'extracted'")" = 2 ]; }
for _ in $(seq 60); do stored 2>/dev/null && break; sleep 1; done
check "worker: the feed's articles fetched and extracted" stored
sql "UPDATE sources SET next_fetch_at = now()" >/dev/null
refetched() { [ "$(sql "SELECT last_status FROM sources")" = 304 ]; }
for _ in $(seq 30); do refetched 2>/dev/null && break; sleep 1; done
check "worker: the scheduled re-fetch answered 304" refetched

# A clean stop: SIGTERM, exit status 0, within 10 s.
stop_clean() { # stop_clean CONTAINER
  local s=$SECONDS
  pm stop -t 10 "$1" >/dev/null || return 1
  local code
  code=$(pm inspect --format '{{.State.ExitCode}}' "$1")
  echo "exit $code after $((SECONDS - s)) s"
  [ "$code" = 0 ] && [ $((SECONDS - s)) -lt 10 ]
}
check "worker: clean stop" stop_clean "$P-worker"
check "worker: heartbeat removed at stop" bash -c "[ \"\$(podman exec $P-db psql -h /tmp -U parley -d parley -XAtqc 'SELECT count(*) FROM worker_heartbeats')\" = 0 ]"
check "api: clean stop" stop_clean "$P-api"
pm rm -f -v "$P-db" >/dev/null

# ---- the full image's default: no database URL, the embedded PostgreSQL --------
pm run -d --name "$P-full" "${hardened[@]}" -p 127.0.0.1::8080 "$FULL" >/dev/null || fatal "full image"
fport=$(pm port "$P-full" 8080 | sed 's/.*://' | head -n 1)
full_ready() { curl -fsS --max-time 3 "http://127.0.0.1:$fport/readyz"; }
for _ in $(seq 90); do full_ready >/dev/null 2>&1 && break; pm inspect --format '{{.State.Running}}' "$P-full" | grep -q true || break; sleep 1; done
full_ready >/dev/null 2>&1 || pm logs "$P-full" 2>&1 | tail -n 10
check "full image: serves with its embedded PostgreSQL" full_ready
check "full image: clean stop" stop_clean "$P-full"

# Build leftovers older than a day go; recent layers stay as the cache.
pm image prune -f --filter until=24h >/dev/null 2>&1
echo "took $((SECONDS - t0)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
