#!/usr/bin/env bash
# Runs the third-party HTML main-text scorer (../shared/htmlbench) against
# the server under test and fails below our ratcheted threshold.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(python3 "$root/../shared/htmlbench/score_html.py" --api "$PARLEY_TEST_URL" \
  --key "$PARLEY_TEST_KEY" --json "$root/tests/artifacts/htmlbench.json")
echo "$out" | tail -n 3
python3 - "$out" "$root/tests/thresholds.json" <<'PY'
import json, sys
s = json.loads(sys.argv[1].strip().splitlines()[-1])
t = json.load(open(sys.argv[2]))["htmlbench"]
print("threshold:", t)
if s["f1"] < t["f1"] or s.get("errors", 0) > 0:
    print(f"BELOW THRESHOLD: f1 {s['f1']} (min {t['f1']}), errors {s.get('errors')}"); sys.exit(1)
PY
