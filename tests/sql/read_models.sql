-- The read models (migrations/0022, repeatable/read_models.sql) are never
-- stale: after each kind of write — storing articles, re-extracting one,
-- merging actors, editing an actor and its aliases, creating curated
-- actors, an article's new title, deletes, a changed reference definition —
-- every stored document equals what the reference functions
-- (parley_event_json, parley_statement_json, parley_actor_json) build from
-- the tables at that moment, and actor_events holds exactly the
-- (actor, event, date) triples of event_participants.  The documents are
-- rebuilt when a transaction commits; SET CONSTRAINTS ALL IMMEDIATE makes
-- that happen at each checkpoint here, so the whole file runs in one
-- transaction that is rolled back (any data in the database is hidden by a
-- TRUNCATE that the rollback undoes).
\set ON_ERROR_STOP on
\set QUIET on
BEGIN;
TRUNCATE articles, actors, events, sources CASCADE;

CREATE FUNCTION pg_temp.art(p_url text, p_published date) RETURNS bigint LANGUAGE sql AS $$
  WITH a AS (INSERT INTO articles (url, title, text, published_at, status)
             VALUES (p_url, 'Report ' || p_url, repeat('x', 400), p_published, 'extracted') RETURNING id),
       u AS (INSERT INTO article_urls (url, article_id) SELECT p_url, id FROM a)
  SELECT id FROM a $$;

-- An extraction document: people (refs p1, p2 …), one event of them all,
-- and a statement by the first person about it.
CREATE FUNCTION pg_temp.doc(p_type text, p_cameo text, p_date text, p_loc text, VARIADIC p_people text[])
RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object(
    'actors', (SELECT jsonb_agg(jsonb_build_object('ref', 'p' || i, 'name', p_people[i], 'kind', 'person',
                                                   'aliases', jsonb_build_array(split_part(p_people[i], ' ', 2))))
                 FROM generate_subscripts(p_people, 1) i),
    'events', jsonb_build_array(jsonb_build_object(
      'ref', 'e0', 'type', p_type, 'cameo', p_cameo, 'date', p_date, 'date_precision', 'day',
      'location', jsonb_build_object('name', p_loc, 'country', 'CHE'),
      'participants', (SELECT jsonb_agg(jsonb_build_object('actor', 'p' || i,
                                                           'role', CASE i WHEN 1 THEN 'source' ELSE 'target' END))
                         FROM generate_subscripts(p_people, 1) i),
      'sentence_start', 0, 'sentence_end', 40)),
    'statements', jsonb_build_array(jsonb_build_object(
      'text', 'We met ' || p_loc, 'kind', 'direct', 'cue', 'said', 'speaker', 'p1', 'event', 'e0',
      'start', 10, 'end', 30, 'sentence_start', 0, 'sentence_end', 40))) $$;

\ir read_models_check.sql
\ir expect.sql

-- 1. Storing articles: new events, one joined by a second report.
SELECT store_extraction(pg_temp.art('https://rm.example/1', '2025-03-05'),
       pg_temp.doc('meet', '040', '2025-03-04', 'Geneva', 'Anna Keller', 'Piotr Nowak'));
SELECT store_extraction(pg_temp.art('https://rm.example/2', '2025-03-06'),
       pg_temp.doc('meet', '040', '2025-03-04', 'Geneva', 'Piotr Nowak', 'Anna Keller', 'Lena Hart'));
SELECT store_extraction(pg_temp.art('https://rm.example/3', '2025-04-01'),
       pg_temp.doc('threaten', '130', '2025-03-30', 'Vienna', 'Omar Haddad', 'Lena Hart'));
SELECT pg_temp.expect('store: the Geneva meeting is one event of three people',
  (SELECT count(*) FROM actor_events ae JOIN events e ON e.id = ae.event_id WHERE e.location_name = 'Geneva'), 3);
SELECT pg_temp.fresh('store: three articles');

-- 2. Re-extraction: the first article now reports another event with other people.
SELECT store_extraction(id, pg_temp.doc('visit', '042', '2025-03-02', 'Bern', 'Anna Keller', 'Jonas Weber'))
  FROM articles WHERE url = 'https://rm.example/1';
SELECT pg_temp.fresh('re-extraction changes the event and its mentions');
SELECT store_extraction(id, '{"actors": [], "events": [], "statements": []}') FROM articles WHERE url = 'https://rm.example/3';
SELECT pg_temp.expect('re-extraction to nothing: its event is gone',
  (SELECT count(*) FROM events WHERE location_name = 'Vienna'), 0);
SELECT pg_temp.fresh('re-extraction to nothing');

-- 3. Merging an actor into another: events, statements and both actors change.
SELECT parley_merge_actor((SELECT id FROM actors WHERE name = 'Lena Hart'), (SELECT id FROM actors WHERE name = 'Piotr Nowak'));
SELECT pg_temp.fresh('actor merge');

-- 4. Editing an actor (as PATCH /v1/actors/{id} does): name and aliases.
UPDATE actors SET curated = true, name = 'Anna K. Keller', norm_name = parley_fold('Anna K. Keller'), title = 'Envoy'
 WHERE name = 'Anna Keller';
SELECT pg_temp.fresh('actor edit');
DELETE FROM actor_aliases WHERE actor_id = (SELECT id FROM actors WHERE name = 'Anna K. Keller') AND norm_alias = 'keller';
INSERT INTO actor_aliases (actor_id, alias, norm_alias)
SELECT id, 'A. Keller', parley_fold('A. Keller') FROM actors WHERE name = 'Anna K. Keller';
SELECT pg_temp.fresh('actor aliases replaced');
SELECT pg_temp.expect('edit: the new name is in the event documents',
  (SELECT count(*) FROM event_docs WHERE doc::text LIKE '%Anna K. Keller%'), 2);

-- 5. Curated actors created and upserted (POST /v1/actors, actor import).
INSERT INTO actors (name, norm_name, kind, country, curated) VALUES ('Republic of Keller', parley_fold('Republic of Keller'), 'country', 'KLR', true);
INSERT INTO actors (name, norm_name, kind, title, curated) VALUES ('Jonas Weber', parley_fold('Jonas Weber'), 'person', 'Mayor', true)
ON CONFLICT (kind, norm_name) DO UPDATE SET curated = true, title = coalesce(excluded.title, actors.title);
SELECT pg_temp.fresh('curated actors');

-- 6. An article's new title (parley_upsert_article) shows in its statements.
SELECT parley_upsert_article('https://rm.example/2', NULL, 'A better title', NULL, NULL, NULL, NULL, NULL, NULL);
SELECT pg_temp.fresh('article title');
SELECT pg_temp.expect('article title: in the statement documents',
  (SELECT count(*) FROM statement_docs WHERE doc::text LIKE '%A better title%'), 1);

-- 6b. A statement's text corrected: its document and its search terms.
UPDATE statements SET text = 'Corrected wording about fisheries'
 WHERE id = (SELECT min(s.id) FROM statements s JOIN articles a ON a.id = s.article_id WHERE a.url = 'https://rm.example/2');
SELECT pg_temp.fresh('statement text corrected');
SELECT pg_temp.expect('the corrected statement is found under its new word',
  (SELECT count(*) FROM statement_terms WHERE term = parley_single_lexeme(websearch_to_tsquery('english', 'fisheries'))), 1);

-- 6c. Relevance: an article marked off-topic (as the pipeline does after
--     storing it) takes its statements out, and the events only it reports;
--     an event another relevant article reports stays; marked relevant
--     again, all come back.
UPDATE articles SET off_topic = true WHERE url IN ('https://rm.example/1', 'https://rm.example/2');
SELECT pg_temp.fresh('articles marked off-topic');
SELECT pg_temp.expect('off-topic: their statements are not relevant',
  (SELECT count(*) FROM statement_docs d JOIN statements s ON s.id = d.id JOIN articles a ON a.id = s.article_id
    WHERE a.url IN ('https://rm.example/1', 'https://rm.example/2') AND d.relevant), 0);
SELECT pg_temp.expect('off-topic: the events only they report (all here) are not relevant, nor their actors'' rows',
  (SELECT count(*) FROM event_docs WHERE relevant) + (SELECT count(*) FROM actor_events WHERE relevant), 0);
SELECT pg_temp.expect('off-topic: the rows stay, flagged',
  (SELECT (count(*) > 0)::int FROM actor_events WHERE NOT relevant), 1);
SELECT pg_temp.expect('off-topic: the search terms of their statements follow',
  (SELECT count(*) FROM statement_terms WHERE term = 'fisheri' AND NOT relevant), 1);
UPDATE articles SET off_topic = false WHERE url = 'https://rm.example/2';
SELECT pg_temp.fresh('one article relevant again');
UPDATE articles SET off_topic = false WHERE url = 'https://rm.example/1';
SELECT pg_temp.fresh('both relevant again');
SELECT pg_temp.expect('relevant again: nothing left out',
  (SELECT count(*) FROM event_docs WHERE NOT relevant) + (SELECT count(*) FROM statement_terms WHERE NOT relevant), 0);

-- 7. Deletes: an article (its mentions and statements), an actor, an event.
DELETE FROM articles WHERE url = 'https://rm.example/2';
SELECT pg_temp.fresh('article deleted');
DELETE FROM actors WHERE name = 'Jonas Weber';
SELECT pg_temp.fresh('actor deleted');
DELETE FROM events WHERE id = (SELECT min(id) FROM events);
SELECT pg_temp.fresh('event deleted');

-- 8. Many events of one actor, the keyset order of actor_events.
SELECT store_extraction(pg_temp.art('https://rm.example/m' || d, date '2025-01-01' + d),
       pg_temp.doc(CASE WHEN d % 2 = 0 THEN 'meet' ELSE 'criticize' END, CASE WHEN d % 2 = 0 THEN '040' ELSE '111' END,
                   to_char(date '2025-01-01' + d, 'YYYY-MM-DD'), 'Town ' || d, 'Omar Haddad', 'Guest ' || d || ' Person'))
  FROM generate_series(1, 40) d;
SELECT pg_temp.fresh('forty more articles');
SELECT pg_temp.expect('an actor''s events in keyset order, as the reference query orders them',
  (SELECT count(*) FROM (
     SELECT row_number() OVER (ORDER BY ae.sort_date DESC, ae.event_id DESC) AS n, ae.event_id AS id
       FROM actor_events ae WHERE ae.actor_id = parley_actor_one('Omar Haddad')
     EXCEPT
     SELECT row_number() OVER (ORDER BY e.sort_date DESC, e.id DESC), e.id FROM events e
      WHERE e.id IN (SELECT p.event_id FROM event_participants p WHERE p.actor_id = ANY(parley_actor_ids('Omar Haddad')))) x), 0);

-- 8b. A mention from an off-topic article alone: the event is not relevant
--     from the store on (the pipeline marks the article in the same
--     transaction; here the article is off-topic before its store).
SELECT pg_temp.art('https://rm.example/off', '2025-05-01');
UPDATE articles SET off_topic = true WHERE url = 'https://rm.example/off';
SELECT store_extraction((SELECT id FROM articles WHERE url = 'https://rm.example/off'),
       pg_temp.doc('meet', '040', '2025-04-30', 'Lugano', 'Omar Haddad', 'Tess Quill'));
SELECT pg_temp.fresh('a store into an off-topic article');
SELECT pg_temp.expect('off-topic store: Lugano is not relevant',
  (SELECT count(*) FROM event_docs d JOIN events e ON e.id = d.id WHERE e.location_name = 'Lugano' AND NOT d.relevant), 1);

-- 9. A changed reference definition (here the CAMEO scale the documents
--    read) is noticed and every document rebuilt.
SELECT pg_temp.expect('sync: nothing to do while the definitions are unchanged',
  (SELECT parley_read_models_sync()::int), 0);
UPDATE cameo_scale SET goldstein = goldstein + 1 WHERE code = '040';
SELECT pg_temp.expect('sync: a changed CAMEO scale rebuilds', (SELECT parley_read_models_sync()::int), 1);
SELECT pg_temp.fresh('rebuilt after a changed definition');

ROLLBACK;
\echo 'read_models: ok'
