#!/usr/bin/env bash
# Runs the third-party extraction scorer (../shared/eval) against the server
# under test and fails below our ratcheted thresholds (tests/thresholds.json).
#   score_eval.sh            the five seed articles ("eval")
#   score_eval.sh polnear24  the 24 PolNeAR train articles with hand-made
#                            persons and events ("eval_polnear24"): news we
#                            did not write the rules against
#   score_eval.sh polnear840 all 840 PolNeAR train articles with their direct
#                            quotes and speakers ("eval_polnear840", gold
#                            converted automatically: a few percent noise)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$root/../shared/eval
case "${1:-seeds}" in
  seeds) gold=$shared/seeds_gold.json articles=$shared/articles key=eval ;;
  polnear24) gold=$shared/polnear-train/gold_events24.json articles=$shared/polnear-train/articles
             key=eval_polnear24 ;;
  polnear840) gold=$shared/polnear-train/gold.json articles=$shared/polnear-train/articles
              key=eval_polnear840 ;;
  *) echo "usage: $0 [seeds|polnear24|polnear840]" >&2; exit 2 ;;
esac
out=$(python3 "$shared/score.py" --api "$PARLEY_TEST_URL" --key "$PARLEY_TEST_KEY" \
  --gold "$gold" --articles "$articles" --json "$root/tests/artifacts/$key.json")
echo "$out"
python3 - "$out" "$root/tests/thresholds.json" "$key" <<'PY'
import json, sys
s = json.loads(sys.argv[1].strip().splitlines()[-1])
t = json.load(open(sys.argv[2]))[sys.argv[3]]
checks = [
    ("quote F1", s["quote_detection_prf"][2], t["quote_f1"]),
    ("attribution", s["quote_attribution_accuracy"], t["attribution"]),
    ("person F1", s["person_prf"][2], t["person_f1"]),
    ("event recall", s["event_recall"], t["event_recall"]),
]
if "event_precision" in t:
    checks.append(("event precision", s["event_precision_vs_gold"], t["event_precision"]))
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
