#!/usr/bin/env bash
# Numbered migrations are append-only: compared with git history, every
# committed migrations/NNNN_*.sql must still exist with its first committed
# text (or, for the files edited before the rule, the text marked 'final'
# in historical-checksums.txt), and historical-checksums.txt itself only
# grows.  Without git history (a tarball) it says so and passes.
#   migrations_history.sh [DIR]   (DIR: the migrations to check, default
#                                  the checkout's migrations/)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$root/migrations}
g() { git -C "$root" "$@"; }
if ! g rev-parse --git-dir >/dev/null 2>&1; then
  echo "migrations-history: no git history here (skipped)"; exit 0
fi
if [ "$(g rev-parse --is-shallow-repository)" = true ]; then
  echo "migrations-history: a shallow clone has not the first texts (git fetch --unshallow; skipped)"; exit 0
fi
bad=0
sum() { sha256sum | cut -d' ' -f1; }
list=$dir/historical-checksums.txt
while read -r path; do
  name=$(basename "$path")
  if [ ! -f "$dir/$name" ]; then echo "$name was committed and is gone: numbered migrations are never removed"; bad=1; continue; fi
  first=$(g log --reverse --format=%H -- "$path" | sed -n 1p)
  want=$(g show "$first:$path" | sum)
  finals=$(awk -v n="$name" '$1 == n && $3 == "final" { print $2 }' "$list" 2>/dev/null || true)
  if [ "$(grep -c . <<<"$finals")" -gt 1 ]; then echo "$name has more than one final text in $list"; bad=1; fi
  [ -z "$finals" ] || want=$finals
  if [ "$(sum <"$dir/$name")" != "$want" ]; then
    echo "$name differs from its committed text ($(g log -1 --format=%h "$first")): add a new migration" \
         "(or change a repeatable one) instead of editing it"
    bad=1
  fi
done < <(g log --format= --name-only -- 'migrations/[0-9][0-9][0-9][0-9]_*.sql' | sort -u)
# The list of historical texts only grows: each committed version of it is
# a prefix of the next, and of the file here.
prev=
for c in $(g log --reverse --format=%H -- migrations/historical-checksums.txt); do
  cur=$(g show "$c:migrations/historical-checksums.txt")
  if [ -n "$prev" ] && [ "${cur#"$prev"}" = "$cur" ]; then echo "historical-checksums.txt was rewritten in $c"; bad=1; fi
  prev=$cur
done
if [ -n "$prev" ]; then
  here=$(cat "$list")
  [ "${here#"$prev"}" != "$here" ] || [ "$here" = "$prev" ] || { echo "historical-checksums.txt: committed lines were changed"; bad=1; }
fi
[ $bad -eq 0 ] && echo "migrations-history: ok"
exit $bad
