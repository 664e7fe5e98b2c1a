#!/usr/bin/env bash
# Browser tests of the dashboard: starts `parley serve` on a free loopback
# port with a throw-away data directory and the demo corpus, then drives
# headless Chromium through every view (dashboard.test.mjs), with the
# undated and off-topic texts of fixtures/ posted beside it.
#
#   PARLEY_BIN  the server binary (default build/parley, from the repo root)
#   CHROMIUM    the browser (default /usr/bin/chromium; Debian package "chromium")
#
# The last line is "N passed, M failed"; the exit status is non-zero on failure.
set -uo pipefail

started_ms=$(date +%s%3N)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${PARLEY_BIN:-build/parley}
[[ $bin = /* ]] || bin="$root/$bin"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export ARTIFACTS_DIR=${ARTIFACTS_DIR:-$root/tests/artifacts}
rm -f "$ARTIFACTS_DIR"/screenshots/*.png # no stale shots from an earlier run

fail() {
	echo "browser tests: $*" >&2
	echo "0 passed, 1 failed"
	exit 1
}

[[ -x $bin ]] || fail "no parley binary at $bin (build it, or set PARLEY_BIN)"
[[ -x $CHROMIUM ]] || fail "no browser at $CHROMIUM (apt-get install -y chromium)"
command -v node >/dev/null || fail "node is not installed"
if [[ ! -d $here/node_modules/playwright-core || ! -d $here/node_modules/axe-core ]]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed"
fi

tmp=$(mktemp -d /tmp/parley-browser.XXXXXX)
server_pid=
cleanup() {
	if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null
		# Let the server stop its embedded PostgreSQL before the files go.
		for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$server_pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
base="http://127.0.0.1:$port"
export PARLEY_API_KEY="browser-test-$$-$RANDOM"
PARLEY_DATA_DIR="$tmp/data" PARLEY_LISTEN="127.0.0.1:$port" PARLEY_DEMO=1 \
	PARLEY_WEB_DIR="$root/service/web" PARLEY_LOG_LEVEL=info \
	"$bin" serve >"$tmp/server.log" 2>&1 &
server_pid=$!

server_log() { echo "--- server log (tail) ---" >&2; tail -n 30 "$tmp/server.log" >&2; }

# The first start initialises the embedded database: allow a minute.
for _ in $(seq 1 600); do
	curl -fsS "$base/readyz" >/dev/null 2>&1 && break
	kill -0 "$server_pid" 2>/dev/null || { server_log; fail "parley serve exited"; }
	sleep 0.1
done
curl -fsS "$base/readyz" >/dev/null 2>&1 || { server_log; fail "parley serve not ready after 60 s"; }

node "$here/seed.mjs" "$base" "$root/service/demo/pages" 20 60 "$here/fixtures" || { server_log; fail "no demo data"; }

RUN_STARTED_MS=$started_ms node "$here/dashboard.test.mjs" "$base"
rc=$?
[[ $rc -eq 0 ]] || server_log
exit $rc
