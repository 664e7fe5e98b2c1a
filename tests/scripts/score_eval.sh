#!/usr/bin/env bash
# Runs the third-party extraction scorer (../shared/eval) against the server
# under test and fails below our ratcheted thresholds.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$root/../shared/eval
out=$(python3 "$shared/score.py" --api "$PARLEY_TEST_URL" --key "$PARLEY_TEST_KEY" \
  --gold "$shared/seeds_gold.json" --articles "$shared/articles" --json "$root/tests/artifacts/eval.json")
echo "$out"
python3 - "$out" "$root/tests/thresholds.json" <<'PY'
import json, sys
s = json.loads(sys.argv[1].strip().splitlines()[-1])
t = json.load(open(sys.argv[2]))["eval"]
checks = [
    ("quote F1", s["quote_detection_prf"][2], t["quote_f1"]),
    ("attribution", s["quote_attribution_accuracy"], t["attribution"]),
    ("person F1", s["person_prf"][2], t["person_f1"]),
    ("event recall", s["event_recall"], t["event_recall"]),
]
bad = [f"{n} {v} < {m}" for n, v, m in checks if v < m]
if s["boilerplate_persons"] > t["boilerplate_persons_max"]:
    bad.append(f"boilerplate persons {s['boilerplate_persons']}")
frag = s["cross_article_fragments"]
if t.get("fragments_exactly_one") and any(v != 1 for v in frag.values()):
    bad.append(f"cross-article fragments {frag}")
print("thresholds:", t)
if bad:
    print("BELOW THRESHOLD:", "; ".join(bad)); sys.exit(1)
PY
