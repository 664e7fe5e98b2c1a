#!/usr/bin/env bash
# Concurrent stores: several writers storing, at the same moment, articles
# that report the same events and introduce the same new actors must leave
# one event per real event (with every article's mention), one row per
# actor, and counts that match a recount — nothing duplicated, nothing lost.
#
#   tests/scripts/concurrent_store.sh PARLEY CONNINFO
#
# CONNINFO reaches a cluster where a database parley_race may be created
# (it is dropped at the end).  Two races:
#   A. SQL: W connections released together (pg_sleep_until) call
#      store_extraction() for their own article of each round; a store that
#      loses a deadlock is run again, as the pipeline does.
#   B. End to end: `parley ingest` with 4 worker threads of pages we wrote,
#      several per meeting, shuffled (the pipeline's own retries).
set -uo pipefail
parley=${1:?usage: concurrent_store.sh PARLEY CONNINFO}
base=${2:?usage: concurrent_store.sh PARLEY CONNINFO}
db="$base dbname=parley_race"
admin="$base dbname=postgres"
work=$(mktemp -d /tmp/parley-race.XXXXXX)
fails=0
cleanup() {
  psql -X -q "$admin" -c 'DROP DATABASE IF EXISTS parley_race' >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

q() { psql -X -q -At -v ON_ERROR_STOP=1 "$db" -c "$1"; }
expect() { # expect WHAT GOT WANT
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}

psql -X -q "$admin" -c 'DROP DATABASE IF EXISTS parley_race' -c 'CREATE DATABASE parley_race' || exit 1
PARLEY_DATABASE_URL=$db PARLEY_LOG_LEVEL=warn "$parley" migrate || exit 1

# ------------------------------------------------------------ A. SQL race
W=8 R=6
# An actor every article names, so every store touches the same hot rows.
q "WITH a AS (INSERT INTO articles (url, text, status)
           VALUES ('https://race.example/seed', repeat('seed ', 80), 'extracted') RETURNING id)
   SELECT store_extraction(a.id, jsonb_build_object('actors', jsonb_build_array(
     jsonb_build_object('ref', 'h', 'name', 'Council of Harbours', 'kind', 'organization')))) FROM a" >/dev/null
# Per round, two new people (names far apart: one edit would be a spelling
# variant of the same person).
firsts=(x Maren Tobias Ulla Viktor Wanda Yannick)
lasts=(x Ostrova Belkin Quist Renko Dalgaard Feyrer)

# doc ROUND WRITER: every writer of a round reports the same meeting of two
# people a seed article named (no unique index makes the writers wait for
# each other there), a meeting of theirs on a day of its own, a visit of its
# own with two actors every article names; and the first two writers name a
# new person spelt two ways (Yuri/Yury: one person once one is stored).
doc() {
  local r=$1 w=$2
  local v; v=$([ $((w % 2)) = 0 ] && echo Yuri || echo Yury)
  cat <<EOF
{"actors": [
  {"ref": "d", "name": "$([ "$w" -le 2 ] && echo "$v ${lasts[$r]}ski")", "kind": "person"},
  {"ref": "a", "name": "${firsts[$r]} ${lasts[$r]}", "kind": "person", "aliases": ["${lasts[$r]}"], "title": "Trade Minister"},
  {"ref": "b", "name": "${firsts[$((7 - r))]} ${lasts[$((7 - r))]}son", "kind": "person"},
  {"ref": "c", "name": "Helga Sorn", "kind": "person"},
  {"ref": "h", "name": "Council of Harbours", "kind": "organization"}],
 "events": [
  {"ref": "m", "type": "meet", "cameo": "040", "date": "2023-0$r-$((10 + 2 * w))", "date_precision": "day",
   "participants": [{"actor": "a"}, {"actor": "b"}], "sentence_start": 0, "sentence_end": 40},
  {"ref": "t", "type": "meet", "cameo": "040", "date": "2025-04-$((10 + r))", "date_precision": "day",
   "location": {"name": "Harbour Hall $r", "country": "NOR"},
   "participants": [{"actor": "a"}, {"actor": "b"}], "sentence_start": 0, "sentence_end": 40},
  {"ref": "o", "type": "visit", "cameo": "042", "date": "2024-0$((w % 9 + 1))-0$((r % 9 + 1))", "date_precision": "day",
   "participants": [{"actor": "c"}, {"actor": "h"}], "sentence_start": 0, "sentence_end": 40}],
 "statements": [
  {"speaker": "a", "text": "We will keep talking, round $r", "kind": "direct", "start": $((100 + w)), "end": $((120 + w)),
   "sentence_start": 0, "sentence_end": 40, "event": "t"},
  {"speaker": "h", "text": "The harbours are open, writer $w", "kind": "direct", "start": $((200 + w)), "end": $((230 + w)),
   "sentence_start": 0, "sentence_end": 40}]}
EOF
}
# The "m" meeting differs per writer (its day is the writer's): W events.
# The "t" meeting is the same for every writer of a round: one event.

deadlocks=0
for r in $(seq 1 $R); do
  q "WITH a AS (INSERT INTO articles (url, text, status)
             VALUES ('https://race.example/seed/$r', repeat('seed $r ', 80), 'extracted') RETURNING id)
     SELECT store_extraction(a.id, jsonb_build_object('actors', jsonb_build_array(
       jsonb_build_object('ref', 'a', 'name', '${firsts[$r]} ${lasts[$r]}', 'kind', 'person',
                          'aliases', jsonb_build_array('${lasts[$r]}')),
       jsonb_build_object('ref', 'b', 'name', '${firsts[$((7 - r))]} ${lasts[$((7 - r))]}son', 'kind', 'person')))) FROM a" >/dev/null
  ids=()
  for w in $(seq 1 $W); do
    ids+=("$(q "INSERT INTO articles (url, text, published_at, status)
                VALUES ('https://race.example/$r/$w', repeat('text $r $w ', 40), '2025-04-$((10 + r))', 'extracted')
                RETURNING id")")
  done
  start=$(q "SELECT (clock_timestamp() + interval '1.5 s')::text")
  pids=()
  for w in $(seq 1 $W); do
    doc "$r" "$w" >"$work/doc.$r.$w.json"
    (
      for try in 1 2 3 4 5 6; do
        [ "$try" = 1 ] && sleep_sql="SELECT pg_sleep_until('$start');" || sleep_sql=''
        if psql -X -q -At -v ON_ERROR_STOP=1 "$db" -v doc="$(cat "$work/doc.$r.$w.json")" \
             >/dev/null 2>"$work/err.$r.$w" <<EOF
$sleep_sql
BEGIN;
SELECT store_extraction(${ids[$((w - 1))]}, :'doc'::jsonb);
COMMIT;
EOF
        then exit 0; fi
        grep -q 'deadlock detected' "$work/err.$r.$w" || { cat "$work/err.$r.$w"; exit 1; }
        echo deadlock >>"$work/deadlocks"
      done
      exit 1
    ) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "FAIL a store of round $r did not complete"; fails=$((fails + 1)); }; done
done
[ -f "$work/deadlocks" ] && deadlocks=$(wc -l <"$work/deadlocks")
echo "SQL race: $R rounds of $W simultaneous stores, $deadlocks deadlock(s) retried"

expect "A: one actor per new name" \
  "$(q "SELECT count(*) FILTER (WHERE n > 1) || '/' || count(*) FROM (SELECT norm_name, count(*) n FROM actors
        WHERE kind = 'person' AND norm_name NOT IN ('helga sorn') AND norm_name !~ 'ski$' GROUP BY 1) s")" "0/$((2 * R))"
expect "A: a new person spelt two ways at once is one actor" \
  "$(q "SELECT count(*) FROM actors WHERE kind = 'person' AND norm_name ~ 'ski$'")" "$R"
expect "A: the shared meeting is one event per round, with every writer's mention" \
  "$(q "SELECT string_agg(DISTINCT (e.mention_count || ':' || (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)), ',')
        || ' x' || count(*) FROM events e WHERE e.location_name LIKE 'Harbour Hall %'")" "$W:$W x$R"
expect "A: the writers' own meetings stay apart" \
  "$(q "SELECT count(*) FROM events e WHERE e.type = 'meet' AND e.location_name IS NULL")" "$((W * R))"
expect "A: every statement stored" \
  "$(q "SELECT count(*) FROM statements WHERE text LIKE 'We will keep talking%' OR text LIKE 'The harbours are open%'")" \
  "$((2 * W * R))"
expect "A: the hot actor's counts match a recount" \
  "$(q "SELECT statement_count || '/' || event_count FROM actors WHERE norm_name = 'council of harbours'")" \
  "$(q "SELECT (SELECT count(*) FROM statements s JOIN actors a ON a.id = s.speaker_id WHERE a.norm_name = 'council of harbours')
        || '/' || (SELECT count(DISTINCT ep.event_id) FROM event_participants ep JOIN actors a ON a.id = ep.actor_id
                    WHERE a.norm_name = 'council of harbours')")"

# ------------------------------------------------------ B. parley ingest
pairs=("Anna Velmar:Piotr Dunsk:Tallinn:4 March 2025" "Ilse Marrow:Dario Quent:Oslo:11 March 2025"
       "Lukas Ferrand:Nadia Osei:Riga:18 March 2025" "Greta Holm:Samir Vaide:Vilnius:25 March 2025")
per=10
mkdir -p "$work/pages"
n=0
for k in "${!pairs[@]}"; do
  IFS=: read -r p1 p2 city day <<<"${pairs[$k]}"
  for i in $(seq 1 $per); do
    n=$((n + 1))
    # shuffled names: the folder is read in name order
    cat >"$work/pages/$(printf '%03d' $(((n * 37) % 101)))-$k-$i.html" <<EOF
<html><head><title>Ministers meet in $city</title>
<meta property="article:published_time" content="2025-03-$((5 + 7 * k))T10:00:00Z"></head>
<body><article><h1>Ministers meet in $city</h1>
<p>Foreign Minister $p1 met Foreign Minister $p2 in $city on $day, officials said.</p>
<p>"We agreed to keep talking," ${p1##* } told reporters after the meeting.</p>
<p>The story was filed from desk number $i of bureau $k.</p></article></body></html>
EOF
  done
done
# Each bureau's first report also under a second file name, next to it in
# name order, so two workers store the one body at the same moment: one
# article, known by both names.
copies=0
for f in "$work"/pages/*-1.html; do
  cp "$f" "${f%.html}-copy.html"
  copies=$((copies + 1))
done
n=$((n + copies))
PARLEY_DATABASE_URL=$db PARLEY_LOG_LEVEL=warn PARLEY_WORKER_THREADS=4 "$parley" ingest "$work/pages" \
  >"$work/ingest.out" 2>"$work/ingest.err"
expect "B: parley ingest with 4 threads stored every page" "$(tail -n 1 "$work/ingest.out")" \
  "ingested $n of $n, 0 failed"
expect "B: a body stored twice at once is one article" \
  "$(q "SELECT count(DISTINCT article_id) || ':' || count(*) FROM article_urls")" "$((n - copies)):$n"
for k in "${!pairs[@]}"; do
  IFS=: read -r p1 p2 city day <<<"${pairs[$k]}"
  expect "B: $p1 and $p2: one actor each" \
    "$(q "SELECT count(*) FROM actors WHERE norm_name IN (parley_fold('$p1'), parley_fold('$p2'))")" 2
  expect "B: their meeting is one event with $per mentions" \
    "$(q "SELECT count(*) || ':' || coalesce(max(e.mention_count), 0) FROM events e WHERE e.type = 'meet'
          AND EXISTS (SELECT 1 FROM event_participants ep JOIN actors a ON a.id = ep.actor_id
                       WHERE ep.event_id = e.id AND a.norm_name = parley_fold('$p1'))")" "1:$per"
done
expect "B: every count matches a recount" \
  "$(q "SELECT count(*) FROM actors a WHERE statement_count <> (SELECT count(*) FROM statements s WHERE s.speaker_id = a.id)
        OR event_count <> (SELECT count(DISTINCT event_id) FROM event_participants ep WHERE ep.actor_id = a.id)")
   $(q "SELECT count(*) FROM events e WHERE mention_count <> (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)")" \
  "0
   0"

[ "$fails" = 0 ] && echo "concurrent stores: all checks passed" || echo "concurrent stores: $fails check(s) failed"
[ "$fails" = 0 ]
