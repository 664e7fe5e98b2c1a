#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang, ASan and
# UBSan, and runs each for FUZZ_SECONDS (default 60) from a seed corpus of
# our own fixtures (fuzz_http: tests/fuzz/corpus/http, a request per route).
# FUZZ_RUNS=N runs N executions each instead of a time (`make test` runs
# FUZZ_TARGETS=fuzz_http FUZZ_RUNS=200000: a count, so a slow machine runs
# as many inputs).  Crashes land in tests/artifacts/fuzz/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-fuzz
out=$root/tests/artifacts/fuzz
seconds=${FUZZ_SECONDS:-60}
mkdir -p "$out"
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_FUZZ=ON \
  -DPARLEY_TESTS=OFF >/dev/null
for src in "$root"/tests/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  [ -z "${FUZZ_TARGETS:-}" ] || [[ " $FUZZ_TARGETS " == *" $name "* ]] || continue
  cmake --build "$build" --target "$name" -j "$(nproc)" >/dev/null
  corpus=$out/$name-corpus
  mkdir -p "$corpus"
  case $name in
    fuzz_parse) cp -n "$root"/tests/fixtures/pages/* "$root"/tests/fixtures/feeds/* "$corpus"/ 2>/dev/null || true ;;
    fuzz_http) cp -n "$root"/tests/fuzz/corpus/http/* "$corpus"/ 2>/dev/null || true ;;
    *) cp -n "$root"/tests/fixtures/articles/* "$corpus"/ 2>/dev/null || true ;;
  esac
  if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS"); else limit=(-max_total_time="$seconds"); fi
  echo "== $name (${limit[0]#-})"
  (cd "$out" && "$build/$name" "${limit[@]}" -max_len=65536 -timeout=10 \
     -print_final_stats=1 "$corpus" 2>&1 | grep -E 'stat::number_of_executed_units|Done|ERROR|SUMMARY' )
done
