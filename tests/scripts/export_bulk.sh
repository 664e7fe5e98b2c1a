#!/usr/bin/env bash
# NDJSON export of 100k rows streams in bounded memory: the server's peak
# RSS grows by far less than the export's size.  Rows are inserted straight
# into the server's database and removed afterwards.
set -euo pipefail
sock=$1/pg
pid=$2
psql() { command psql -h "$sock" -U parley -d parley -qAt -v ON_ERROR_STOP=1 "$@"; }
psql -c "INSERT INTO articles (url, title, status) SELECT 'https://bulk.example/' || g,
         'Bulk article ' || g || ', with \"quotes\", commas and ünïcode', 'failed'
         FROM generate_series(1, 100000) g"
trap 'psql -c "DELETE FROM articles WHERE url LIKE '"'"'https://bulk.example/%'"'"'"' EXIT
before=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
lines=$(curl -sf "$PARLEY_TEST_URL/v1/articles?status=failed&format=ndjson" | tee >(wc -c >/tmp/export_bytes.$$) | wc -l)
after=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
bytes=$(cat /tmp/export_bytes.$$); rm -f /tmp/export_bytes.$$
echo "rows: $lines, bytes: $bytes, peak RSS before: ${before} kB, after: ${after} kB"
[ "$lines" -eq 100000 ] || { echo "want 100000 rows"; exit 1; }
# The export is ~30 MB; a server that buffered it would grow by that much.
[ $((after - before)) -lt 16384 ] || { echo "peak RSS grew by $((after - before)) kB"; exit 1; }
csv_rows=$(curl -sf "$PARLEY_TEST_URL/v1/articles?status=failed&format=csv" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
assert rows[0][:3] == ["id", "url", "canonical_url"], rows[0]
assert any("\"quotes\", commas and ünïcode" in r[3] for r in rows[1:]), "quoting lost"
print(len(rows) - 1)')
[ "$csv_rows" -eq 100000 ] || { echo "csv rows $csv_rows"; exit 1; }
echo "export: ok"
