#!/usr/bin/env bash
# The HTTP fuzzer's bounded run for `make test`: builds fuzz_http (clang,
# libFuzzer, ASan+UBSan, in build-fuzz as tests/fuzz/run.sh does) and runs a
# fixed number of executions (a count, not a time, so a slow machine runs
# the same inputs) from the committed seed corpus.  A crash, leak or broken
# invariant fails the suite; the reproducer lands in tests/artifacts/fuzz/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-fuzz
out=$root/tests/artifacts/fuzz
runs=${FUZZ_HTTP_RUNS:-200000}
mkdir -p "$out"
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_FUZZ=ON \
  -DPARLEY_TESTS=OFF >/dev/null
cmake --build "$build" --target fuzz_http -j "$(nproc)" >/dev/null
corpus=$(mktemp -d /tmp/parley-fuzz-http.XXXXXX)
trap 'rm -rf "$corpus"' EXIT
cp "$root"/tests/fuzz/corpus/http/* "$corpus"/
cd "$out"
"$build/fuzz_http" -runs="$runs" -seed=1 -max_len=16384 -timeout=10 -print_final_stats=1 \
  "$corpus" 2>&1 | grep -E 'stat::number_of_executed_units|Done|ERROR|SUMMARY|runtime error|==[0-9]+=='
echo "fuzz_http: $runs executions clean"
