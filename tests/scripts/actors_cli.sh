#!/usr/bin/env bash
# `parley actors import` reads a PETRARCH/Phoenix dictionary into curated
# actors, and `parley reextract` runs extraction again without duplicating.
set -euo pipefail
parley=$1
before=$(curl -sf "$PARLEY_TEST_URL/v1/statements?limit=500" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))')
"$parley" actors import tests/unit/extract/petrarch/sample.txt
curl -sf "$PARLEY_TEST_URL/v1/actors?q=Hakan%20Fidan" | python3 -c '
import json, sys
d = json.load(sys.stdin)["data"]
a = next(x for x in d if x["name"] == "Hakan Fidan")
assert a["cameo_code"] == "TURGOV" and a["country"] == "TUR" and "Fidan" in a["aliases"], a
'
if "$parley" actors import /nonexistent/file 2>/dev/null; then echo "missing file accepted"; exit 1; fi
printf '+ORPHAN_ALIAS_\n' >/tmp/bad_dict.$$
if "$parley" actors import /tmp/bad_dict.$$ 2>/dev/null; then echo "bad dictionary accepted"; exit 1; fi
rm -f /tmp/bad_dict.$$
"$parley" reextract
after=$(curl -sf "$PARLEY_TEST_URL/v1/statements?limit=500" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))')
echo "statements before: $before, after reextract: $after"
[ "$before" -eq "$after" ] || { echo "reextract changed the statement count"; exit 1; }
echo "actors cli: ok"
