#!/usr/bin/env bash
# Installs the Debian 12 packages Parley needs that are missing; does
# nothing when all are present.  Used by `make run`, `make test`, CI and
# docker/Dockerfile alike, so there is one list.
#   scripts/deps.sh            build + run + test packages
#   scripts/deps.sh runtime    only what the parley binary needs at run time
#   scripts/deps.sh runtime-client   the same without the PostgreSQL server
#                              (an external database: the container image)
#   scripts/deps.sh container  the container test's engine (podman, runc,
#                              debootstrap), also installed by "all"
#   scripts/deps.sh models     the open word lists `make models` reads for the
#                              entity tagger's lexicon (WordNet, SCOWL);
#                              training only, not installed by "all"
set -euo pipefail

client=(libmicrohttpd12 libjansson4 libpq5 libcurl4 libxml2 libutf8proc2 zlib1g ca-certificates)
runtime=("${client[@]}" postgresql-15)
build=(build-essential cmake pkg-config libmicrohttpd-dev libjansson-dev libpq-dev
       libcurl4-openssl-dev libxml2-dev libutf8proc-dev zlib1g-dev check)
test=(clang libclang-rt-14-dev python3 nodejs npm chromium wrk postgresql-contrib curl)
# tests/container/run.sh: an engine that needs no registry and no daemon
container=(podman buildah runc debootstrap uidmap netavark aardvark-dns iptables)
# tools/train (make models): word lists for the NER lexicon
models=(wordnet-base wamerican)

case "${1:-all}" in
  runtime) want=("${runtime[@]}") ;;
  runtime-client) want=("${client[@]}") ;;
  container) want=("${container[@]}") ;;
  models) want=("${models[@]}") ;;
  build) want=("${runtime[@]}" "${build[@]}") ;;
  *) want=("${runtime[@]}" "${build[@]}" "${test[@]}" "${container[@]}") ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node may come from elsewhere than Debian; any node >= 18 with npm will do.
if command -v node >/dev/null && command -v npm >/dev/null; then
  tmp=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || tmp+=("$p"); done
  missing=("${tmp[@]+"${tmp[@]}"}")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
