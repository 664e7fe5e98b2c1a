-- Table-driven tests of store_extraction(): cross-article event matching,
-- actor resolution and idempotence.  Each case stores small extraction
-- documents (the extract.h JSON shape) and asserts on the tables.  Runs in
-- one transaction that is rolled back, on a migrated database (any data in
-- it is hidden by a TRUNCATE that the rollback undoes).
\set ON_ERROR_STOP on
\set QUIET on
BEGIN;
-- A clean slate inside the transaction; the rollback at the end restores it.
TRUNCATE articles, actors, events, sources CASCADE;
-- An actor's counts, dates and attributes are written at commit, by the
-- read models' flush (read_models.sql); :flush runs it here, inside the
-- one transaction this file is.
\set flush 'SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED;'

CREATE FUNCTION pg_temp.art(p_url text, p_published date) RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO articles (url, text, published_at, status)
  VALUES (p_url, repeat('x', 400), p_published, 'extracted') RETURNING id $$;

CREATE FUNCTION pg_temp.doc(p_type text, p_cameo text, p_date text, p_prec text, p_loc text,
                            p_country text, VARIADIC p_people text[]) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object(
    'actors', (SELECT jsonb_agg(jsonb_build_object('ref', 'a' || i, 'name', p_people[i], 'kind', 'person'))
                 FROM generate_subscripts(p_people, 1) i),
    'events', jsonb_build_array(jsonb_build_object(
      'ref', 'e0', 'type', p_type, 'cameo', p_cameo, 'date', p_date, 'date_precision', p_prec,
      'location', CASE WHEN p_loc IS NULL THEN NULL ELSE jsonb_build_object('name', p_loc, 'country', p_country) END,
      'participants', (SELECT jsonb_agg(jsonb_build_object('actor', 'a' || i, 'role', 'participant'))
                         FROM generate_subscripts(p_people, 1) i),
      'sentence_start', 0, 'sentence_end', 10)),
    'statements', '[]'::jsonb) $$;

\ir expect.sql

-- 1. The same meeting in two articles is one event with two mentions.
SELECT store_extraction(pg_temp.art('https://t.example/1a', '2025-03-05'),
       pg_temp.doc('meet', '040', '2025-03-04', 'day', 'Geneva', 'CHE', 'Anna Keller', 'Piotr Nowak'));
SELECT store_extraction(pg_temp.art('https://t.example/1b', '2025-03-06'),
       pg_temp.doc('negotiate', '046', '2025-03-04', 'day', 'Geneva', 'CHE', 'Piotr Nowak', 'Anna Keller'));
SELECT pg_temp.expect('same meeting, two articles: one event',
  (SELECT count(*) FROM events e JOIN event_participants p ON p.event_id = e.id
    JOIN actors a ON a.id = p.actor_id WHERE a.name = 'Anna Keller'), 1);
SELECT pg_temp.expect('same meeting: two mentions',
  (SELECT max(mention_count) FROM events WHERE location_name = 'Geneva'), 2);

-- 2. The same parties five days later: a new event.
SELECT store_extraction(pg_temp.art('https://t.example/2', '2025-03-10'),
       pg_temp.doc('meet', '040', '2025-03-09', 'day', 'Geneva', 'CHE', 'Anna Keller', 'Piotr Nowak'));
SELECT pg_temp.expect('five days apart: two events',
  (SELECT count(*) FROM events WHERE location_name = 'Geneva'), 2);

-- 3. A day apart with the same parties (time zones, "yesterday"): merged.
SELECT store_extraction(pg_temp.art('https://t.example/3', '2025-03-11'),
       pg_temp.doc('meet', '040', '2025-03-10', 'day', 'Geneva', 'CHE', 'Anna Keller', 'Piotr Nowak'));
SELECT pg_temp.expect('a day apart: still two events',
  (SELECT count(*) FROM events WHERE location_name = 'Geneva'), 2);

-- 4. Another country's capital: never the same event.
SELECT store_extraction(pg_temp.art('https://t.example/4', '2025-03-05'),
       pg_temp.doc('meet', '040', '2025-03-04', 'day', 'Vienna', 'AUT', 'Anna Keller', 'Piotr Nowak'));
SELECT pg_temp.expect('other country: a new event',
  (SELECT count(*) FROM events WHERE location_name = 'Vienna'), 1);

-- 5. Month precision joins a day-precise event of that month; a finer date wins.
SELECT store_extraction(pg_temp.art('https://t.example/5a', '2025-05-30'),
       pg_temp.doc('visit', '042', '2025-05', 'month', NULL, NULL, 'Lena Ortiz', 'Tomas Berg'));
SELECT store_extraction(pg_temp.art('https://t.example/5b', '2025-05-21'),
       pg_temp.doc('visit', '042', '2025-05-20', 'day', NULL, NULL, 'Lena Ortiz', 'Tomas Berg'));
SELECT pg_temp.expect('month joins day: one event',
  (SELECT count(*) FROM events WHERE type = 'visit'), 1);
SELECT pg_temp.expect('the finer date is kept',
  (SELECT count(*) FROM events WHERE type = 'visit' AND date = '2025-05-20' AND date_precision = 'day'), 1);

-- 6. Another CAMEO family (a threat, not a meeting) is another event.
SELECT store_extraction(pg_temp.art('https://t.example/6', '2025-05-21'),
       pg_temp.doc('threaten', '130', '2025-05-20', 'day', NULL, NULL, 'Lena Ortiz', 'Tomas Berg'));
SELECT pg_temp.expect('other family: separate', (SELECT count(*) FROM events WHERE type = 'threaten'), 1);

-- 7. An undated one-party report in an undated article with no anchor stays apart.
SELECT store_extraction(pg_temp.art('https://t.example/7', NULL),
       pg_temp.doc('threaten', '130', NULL, NULL, NULL, NULL, 'Lena Ortiz'));
SELECT pg_temp.expect('undated, unanchored: separate', (SELECT count(*) FROM events WHERE type = 'threaten'), 2);

-- 8. The same report in a dated article (a known news cycle) joins the dated event.
SELECT store_extraction(pg_temp.art('https://t.example/8', '2025-05-25'),
       pg_temp.doc('threaten', '130', NULL, NULL, NULL, NULL, 'Lena Ortiz'));
SELECT pg_temp.expect('undated, anchored: joins',
  (SELECT mention_count FROM events WHERE type = 'threaten' AND date = '2025-05-20'), 2);

-- 9. Spelling variants of one person are one actor.
SELECT store_extraction(pg_temp.art('https://t.example/9a', '2025-06-01'),
       pg_temp.doc('meet', '040', '2025-06-01', 'day', NULL, NULL, 'Yury Ushakov', 'Anna Keller'));
SELECT store_extraction(pg_temp.art('https://t.example/9b', '2025-06-01'),
       pg_temp.doc('meet', '040', '2025-06-01', 'day', NULL, NULL, 'Yuri Ushakov', 'Anna Keller'));
SELECT pg_temp.expect('Yury/Yuri: one actor', (SELECT count(*) FROM actors WHERE name LIKE 'Yur% Ushakov'), 1);
SELECT pg_temp.expect('...and one event', (SELECT count(*) FROM events WHERE date = '2025-06-01'), 1);

-- 9b. The transliteration match finds a surname one edit away wherever the
-- edit is — its start, middle or end (its candidates come from the
-- surname's first two or last two letters, migrations/0031) — and a short
-- surname as before; two edits are another person.
INSERT INTO actors (name, norm_name, kind) VALUES
  ('Ilse Marrowby', parley_fold('Ilse Marrowby'), 'person'), ('Vera Kuld', parley_fold('Vera Kuld'), 'person');
SELECT pg_temp.expect('one edit at the surname''s start', parley_find_actor('Ilse Narrowby', 'person'),
                      (SELECT id FROM actors WHERE name = 'Ilse Marrowby'));
SELECT pg_temp.expect('...in its middle', parley_find_actor('Ilse Marowby', 'person'),
                      (SELECT id FROM actors WHERE name = 'Ilse Marrowby'));
SELECT pg_temp.expect('...at its end', parley_find_actor('Ilse Marrowbys', 'person'),
                      (SELECT id FROM actors WHERE name = 'Ilse Marrowby'));
SELECT pg_temp.expect('a short surname one edit away', parley_find_actor('Vera Kulde', 'person'),
                      (SELECT id FROM actors WHERE name = 'Vera Kuld'));
SELECT pg_temp.expect('two edits: nobody known', coalesce(parley_find_actor('Ilse Carrowbx', 'person'), 0), 0);

-- 10. Storing an article again replaces its contribution: nothing doubles.
SELECT store_extraction(id, pg_temp.doc('meet', '040', '2025-06-01', 'day', NULL, NULL, 'Yuri Ushakov', 'Anna Keller'))
  FROM articles WHERE url = 'https://t.example/9b';
SELECT store_extraction(id, pg_temp.doc('meet', '040', '2025-06-01', 'day', NULL, NULL, 'Yuri Ushakov', 'Anna Keller'))
  FROM articles WHERE url = 'https://t.example/9b';
SELECT pg_temp.expect('re-stored: still two mentions',
  (SELECT mention_count FROM events WHERE date = '2025-06-01'), 2);
SELECT pg_temp.expect('re-stored: event count stable', (SELECT count(*) FROM events WHERE date = '2025-06-01'), 1);

-- 11. An article that no longer reports an event takes its mention away;
--     an event nobody reports any more is gone.
SELECT store_extraction(pg_temp.art('https://t.example/11', '2025-07-01'),
       pg_temp.doc('appeal', '020', '2025-07-01', 'day', NULL, NULL, 'Mira Sol'));
SELECT store_extraction(id, '{"actors": [], "events": [], "statements": []}') FROM articles WHERE url = 'https://t.example/11';
SELECT pg_temp.expect('unreported event removed', (SELECT count(*) FROM events WHERE type = 'appeal'), 0);

-- 12. Same family, place and day, a report naming one party differently: one event.
SELECT store_extraction(pg_temp.art('https://t.example/12a', '2025-08-02'),
       pg_temp.doc('negotiate', '046', '2025-08-01', 'day', 'Doha', 'QAT', 'Omar Haddad', 'Lea Brandt'));
SELECT store_extraction(pg_temp.art('https://t.example/12b', '2025-08-02'),
       pg_temp.doc('meet', '040', '2025-08-01', 'day', 'Doha', 'QAT', 'Karim Nasser'));
SELECT pg_temp.expect('same place and day: one event', (SELECT count(*) FROM events WHERE location_name = 'Doha'), 1);

-- 13. ...but two meetings there that day with different parties on both sides stay two.
SELECT store_extraction(pg_temp.art('https://t.example/13', '2025-08-02'),
       pg_temp.doc('meet', '040', '2025-08-01', 'day', 'Doha', 'QAT', 'Sofia Marin', 'Jon Dahl'));
SELECT pg_temp.expect('different parties: two events', (SELECT count(*) FROM events WHERE location_name = 'Doha'), 2);

-- 14. An undated report at a known place joins the event there, not a later
--     call between the same two people, and fixes its article's news cycle:
--     its undated statement event joins one from that month, not the autumn's.
SELECT store_extraction(pg_temp.art('https://t.example/14a', '2025-08-16'),
       pg_temp.doc('meet', '040', '2025-08-15', 'day', 'Anchorage', 'USA', 'Nils Berg', 'Ivo Petrov'));
SELECT store_extraction(pg_temp.art('https://t.example/14b', '2025-08-28'),
       pg_temp.doc('statement', '010', '2025-08-27', 'day', NULL, NULL, 'Olga Lind'));
SELECT store_extraction(pg_temp.art('https://t.example/14c', '2025-10-10'),
       pg_temp.doc('call', '040', '2025-10-09', 'day', NULL, NULL, 'Nils Berg', 'Ivo Petrov'));
SELECT store_extraction(pg_temp.art('https://t.example/14d', '2025-10-16'),
       pg_temp.doc('statement', '010', '2025-10-15', 'day', NULL, NULL, 'Olga Lind'));
SELECT store_extraction(pg_temp.art('https://t.example/14e', NULL),
       pg_temp.doc('negotiate', '046', NULL, NULL, 'Anchorage', 'USA', 'Nils Berg', 'Ivo Petrov')
       || jsonb_build_object('events', pg_temp.doc('negotiate', '046', NULL, NULL, 'Anchorage', 'USA',
                                                    'Nils Berg', 'Ivo Petrov')->'events'
                                       || jsonb_build_array(jsonb_build_object(
                                            'ref', 'e1', 'type', 'statement', 'cameo', '010',
                                            'participants', jsonb_build_array(jsonb_build_object('actor', 'a3', 'role', 'source')),
                                            'sentence_start', 0, 'sentence_end', 10)))
       || jsonb_build_object('actors', pg_temp.doc('x', '000', NULL, NULL, NULL, NULL,
                                                    'Nils Berg', 'Ivo Petrov', 'Olga Lind')->'actors'));
SELECT pg_temp.expect('undated place report joins the summit',
  (SELECT mention_count FROM events WHERE location_name = 'Anchorage'), 2);
SELECT pg_temp.expect('the later call keeps one mention',
  (SELECT mention_count FROM events WHERE type = 'call' AND date = '2025-10-09'), 1);
SELECT pg_temp.expect('undated statement joins the one in its news cycle',
  (SELECT mention_count FROM events WHERE type = 'statement' AND date = '2025-08-27'), 2);
SELECT pg_temp.expect('the autumn statement keeps one mention',
  (SELECT mention_count FROM events WHERE type = 'statement' AND date = '2025-10-15'), 1);

-- 15. "Same event" is decided here alone, for one article's reports as for
--     different articles': two tellings of one meeting in one article are
--     one event with the article's one mention.
CREATE FUNCTION pg_temp.ev(p_ref text, p_type text, p_cameo text, p_date text, p_status text,
                           p_parts jsonb) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object('ref', p_ref, 'type', p_type, 'cameo', p_cameo, 'date', p_date,
                            'date_precision', 'day', 'status', p_status, 'participants', p_parts,
                            'sentence_start', 0, 'sentence_end', 10) $$;
CREATE FUNCTION pg_temp.two(p_a text, p_b text, p_events jsonb) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object(
    'actors', jsonb_build_array(jsonb_build_object('ref', 'a0', 'name', p_a, 'kind', 'person'),
                                jsonb_build_object('ref', 'a1', 'name', p_b, 'kind', 'person')),
    'events', p_events, 'statements', '[]'::jsonb) $$;
SELECT store_extraction(pg_temp.art('https://t.example/15', '2025-09-03'),
  pg_temp.two('Rita Holm', 'Aldo Ferri', jsonb_build_array(
    pg_temp.ev('e0', 'meet', '040', '2025-09-02', 'occurred',
               '[{"actor": "a0", "role": "participant"}, {"actor": "a1", "role": "participant"}]'),
    pg_temp.ev('e1', 'negotiate', '046', '2025-09-02', 'occurred',
               '[{"actor": "a1", "role": "participant"}, {"actor": "a0", "role": "participant"}]'))));
SELECT pg_temp.expect('one article, one meeting told twice: one event',
  (SELECT count(*) FROM events WHERE date = '2025-09-02'), 1);
SELECT pg_temp.expect('...with one mention', (SELECT mention_count FROM events WHERE date = '2025-09-02'), 1);

-- 16. A one-sided act is not its mirror: "A accuses B" and "B accuses A" on
--     one day are two events; the same accusation told twice is one.
SELECT store_extraction(pg_temp.art('https://t.example/16', '2025-09-05'),
  pg_temp.two('Rita Holm', 'Aldo Ferri', jsonb_build_array(
    pg_temp.ev('e0', 'accuse', '112', '2025-09-04', 'occurred',
               '[{"actor": "a0", "role": "source"}, {"actor": "a1", "role": "target"}]'),
    pg_temp.ev('e1', 'accuse', '112', '2025-09-04', 'occurred',
               '[{"actor": "a1", "role": "source"}, {"actor": "a0", "role": "target"}]'),
    pg_temp.ev('e2', 'accuse', '112', '2025-09-04', 'occurred',
               '[{"actor": "a0", "role": "source"}, {"actor": "a1", "role": "target"}]'))));
SELECT pg_temp.expect('mirror accusations: two events',
  (SELECT count(*) FROM events WHERE type = 'accuse' AND date = '2025-09-04'), 2);

-- 17. What was planned is not what took place, nor what was denied.
SELECT store_extraction(pg_temp.art('https://t.example/17', '2025-09-08'),
  pg_temp.two('Rita Holm', 'Aldo Ferri', jsonb_build_array(
    pg_temp.ev('e0', 'meet', '040', '2025-09-07', 'occurred',
               '[{"actor": "a0", "role": "participant"}, {"actor": "a1", "role": "participant"}]'),
    pg_temp.ev('e1', 'meet', '040', '2025-09-07', 'planned',
               '[{"actor": "a0", "role": "participant"}, {"actor": "a1", "role": "participant"}]'),
    pg_temp.ev('e2', 'meet', '040', '2025-09-07', 'denied',
               '[{"actor": "a0", "role": "participant"}, {"actor": "a1", "role": "participant"}]'))));
SELECT pg_temp.expect('occurred, planned, denied: three events',
  (SELECT count(*) FROM events WHERE date = '2025-09-07'), 3);

-- 18. One article telling its planned event again, undated, with one of its
--     parties: the same event (across articles this would need more).
SELECT store_extraction(pg_temp.art('https://t.example/18', '2025-09-10'),
  pg_temp.two('Rita Holm', 'Aldo Ferri', jsonb_build_array(
    pg_temp.ev('e0', 'visit', '042', NULL, 'planned',
               '[{"actor": "a0", "role": "source"}, {"actor": "a1", "role": "target"}]'),
    pg_temp.ev('e1', 'visit', '042', NULL, 'planned', '[{"actor": "a0", "role": "source"}]'))));
SELECT pg_temp.expect('an article''s undated retelling: one event',
  (SELECT count(*) FROM events WHERE type = 'visit'), 1);

-- 19. Counts kept by addition (an article stored for the first time) equal a
-- recount: statements per speaker, events per party, mentions, sources (two
-- articles of one site are one source), first and last seen — also after a
-- re-store (which recounts) and the stores after it.
INSERT INTO articles (url, site_name, text, published_at, status) VALUES
  ('https://one.example/9a', NULL, repeat('y', 400), '2025-11-03', 'extracted'),
  ('https://one.example/9b', NULL, repeat('y', 401), '2025-11-01', 'extracted'),
  ('https://two.example/9c', 'Two', repeat('y', 402), '2025-11-05', 'extracted');
CREATE FUNCTION pg_temp.doc9(p_quotes int) RETURNS jsonb LANGUAGE sql AS $$
  SELECT pg_temp.doc('meet', '040', '2025-11-01', 'day', 'Oslo', 'NOR', 'Lena Aas', 'Tor Dahl')
         || jsonb_build_object('statements', (SELECT jsonb_agg(jsonb_build_object(
              'speaker', 'a' || (1 + q % 2), 'text', 'quote ' || q, 'kind', 'direct', 'start', 10 * q,
              'end', 10 * q + 5, 'sentence_start', 0, 'sentence_end', 10, 'event', 'e0'))
              FROM generate_series(1, p_quotes) q)) $$;
SELECT store_extraction(id, pg_temp.doc9(3)) FROM articles WHERE url = 'https://one.example/9a';
SELECT store_extraction(id, pg_temp.doc9(2)) FROM articles WHERE url = 'https://one.example/9b';
SELECT store_extraction(id, pg_temp.doc9(1)) FROM articles WHERE url = 'https://two.example/9c';
SELECT pg_temp.expect('statements stored once each', (SELECT count(*) FROM statements WHERE text LIKE 'quote %'), 6);
SELECT pg_temp.expect('one site is one source',
  (SELECT source_count FROM events WHERE location_name = 'Oslo'), 2);
:flush
SELECT pg_temp.expect('Tor Dahl: four statements',
  (SELECT statement_count FROM actors WHERE name = 'Tor Dahl'), 4);
SELECT store_extraction(id, pg_temp.doc9(4)) FROM articles WHERE url = 'https://one.example/9b';
SELECT store_extraction(pg_temp.art('https://t.example/9d', '2025-11-02'), pg_temp.doc9(1));
:flush
CREATE TEMP TABLE counted AS
  SELECT 'e' AS k, id, mention_count AS a, source_count AS b, 0 AS c, first_seen, last_seen FROM events
  UNION ALL SELECT 'a', id, statement_count, event_count, 0, first_seen, last_seen FROM actors;
SELECT parley_refresh_counts(ARRAY(SELECT id FROM events), ARRAY(SELECT id FROM actors));
SELECT pg_temp.expect('added counts equal a recount', (SELECT count(*) FROM (
  SELECT k, id, a, b, first_seen, last_seen FROM counted
  EXCEPT SELECT 'e', id, mention_count, source_count, first_seen, last_seen FROM events
  EXCEPT SELECT 'a', id, statement_count, event_count, first_seen, last_seen FROM actors) x), 0);
SELECT pg_temp.expect('...and they are not all zero',
  (SELECT sum(a) FROM counted WHERE k = 'a'), (SELECT count(*) FROM statements WHERE speaker_id IS NOT NULL));

-- 20. A person's one-word name finds a known full name by its surname, never
-- by a given name another article used alone for its own person.
SELECT store_extraction(pg_temp.art('https://t.example/20a', '2025-12-01'),
       jsonb_build_object('actors', jsonb_build_array(
         jsonb_build_object('ref', 'a0', 'name', 'Rolf Haubner', 'kind', 'person',
                            'aliases', jsonb_build_array('Rolf', 'Haubner'))),
         'events', '[]'::jsonb, 'statements', '[]'::jsonb));
SELECT store_extraction(pg_temp.art('https://t.example/20b', '2025-12-02'),
       jsonb_build_object('actors', jsonb_build_array(
         jsonb_build_object('ref', 'a0', 'name', 'Rolf', 'kind', 'person'),
         jsonb_build_object('ref', 'a1', 'name', 'Haubner', 'kind', 'person')),
         'events', '[]'::jsonb, 'statements', '[]'::jsonb));
SELECT pg_temp.expect('a lone given name elsewhere is someone else',
  (SELECT count(*) FROM actors WHERE name = 'Rolf'), 1);
SELECT pg_temp.expect('a lone surname finds the full name',
  (SELECT count(*) FROM actors WHERE name = 'Haubner'), 0);

-- 21. Another article's person is this one's only when the names agree: the
-- same surname and a compatible given name (equal, a transliteration, an
-- initial), never through the surname alone when the article gives the
-- given name, nor one letter apart in the given name.
CREATE FUNCTION pg_temp.people(VARIADIC p_people jsonb[]) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object('actors', (SELECT jsonb_agg(p || jsonb_build_object('ref', 'a' || i, 'kind', 'person'))
                                         FROM unnest(p_people) WITH ORDINALITY u(p, i)),
                            'events', '[]'::jsonb, 'statements', '[]'::jsonb) $$;
SELECT store_extraction(pg_temp.art('https://t.example/21a', '2025-12-03'),
       pg_temp.people('{"name": "Brett O''Marra", "aliases": ["O''Marra"]}',
                      '{"name": "Gerd Halvorsen", "aliases": ["Halvorsen"]}',
                      '{"name": "Ilona Varga", "aliases": ["Varga"]}',
                      '{"name": "Sergey Dolin", "aliases": ["Dolin"]}'));
SELECT store_extraction(pg_temp.art('https://t.example/21b', '2025-12-04'),
       pg_temp.people('{"name": "Jonas O''Marra", "aliases": ["O''Marra"]}',
                      '{"name": "Halvorsen", "aliases": ["Wilma Halvorsen"]}',
                      '{"name": "Ilonka Varga", "aliases": ["Varga"]}',
                      '{"name": "Sergei Dolin", "aliases": ["Dolin"]}'));
SELECT pg_temp.expect('a shared surname alias does not make Jonas Brett',
  (SELECT count(*) FROM actors WHERE name LIKE '% O''Marra'), 2);
SELECT pg_temp.expect('a lone surname whose article gives another given name is someone else',
  (SELECT count(*) FROM actors WHERE norm_name LIKE '%halvorsen'), 2);
SELECT pg_temp.expect('Ilona is not Ilonka',
  (SELECT count(*) FROM actors WHERE norm_name LIKE '% varga'), 2);
SELECT pg_temp.expect('Sergey/Sergei: one actor',
  (SELECT count(*) FROM actors WHERE norm_name LIKE '% dolin'), 1);
SELECT store_extraction(pg_temp.art('https://t.example/21c', '2025-12-05'),
       pg_temp.people('{"name": "Halvorsen", "aliases": ["Wilma Halvorsen"]}',
                      '{"name": "Jonas O''Marra"}'));
SELECT pg_temp.expect('...and the full name finds its own person again',
  (SELECT count(*) FROM article_actors aa JOIN actors a ON a.id = aa.actor_id
    WHERE a.norm_name IN ('halvorsen', 'jonas o marra') AND aa.article_id IN (
      SELECT id FROM articles WHERE url LIKE '%/21_')), 4);
SELECT pg_temp.expect('...by name',
  (SELECT count(*) FROM actors WHERE norm_name LIKE '%halvorsen' OR norm_name LIKE '% o marra'), 4);
SELECT pg_temp.expect('the compatibility rule',
  (SELECT count(*) FROM (VALUES ('J. Keller', 'Jan Keller', true), ('Jan Keller', 'Jan Kellner', true),
                                ('Dan Keller', 'Don Keller', false), ('Mohammed Amin', 'Mohamed Amin', true),
                                ('Aleksey Orlov', 'Alexey Orlov', true), ('Jan Keller', 'Jan Keller Jr.', true),
                                ('Jan Keller', 'Jan Moser', false), ('Keller', 'Jan Keller', true),
                                ('Envoy Jan Keller', 'Jan Keller', true), ('Jan Keller', 'Ida Jan Keller', true)) t(a, b, want)
    WHERE parley_person_names_compatible(a, b) IS DISTINCT FROM want), 0);

-- 22. Reports of one event from several articles merge into one set of
-- parties with one role each and a title rebuilt from them: a doer of one
-- report is no target of the merged event; a country's government (its GOV
-- organisation) is no second party beside the country.
CREATE FUNCTION pg_temp.ev(p_type text, p_cameo text, p_title text, p_loc text, p_parts jsonb) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object(
    'actors', (SELECT jsonb_agg(jsonb_build_object('ref', 'a' || n, 'name', p->>'name', 'kind', p->>'kind',
                                                   'country', p->>'country', 'cameo', p->>'cameo'))
                 FROM jsonb_array_elements(p_parts) WITH ORDINALITY j(p, n)),
    'events', jsonb_build_array(jsonb_build_object(
      'ref', 'e0', 'type', p_type, 'cameo', p_cameo, 'title', p_title, 'date', '2025-12-09', 'date_precision', 'day',
      'location', CASE WHEN p_loc IS NULL THEN NULL ELSE jsonb_build_object('name', p_loc) END,
      'participants', (SELECT jsonb_agg(jsonb_build_object('actor', 'a' || n, 'role', p->>'role'))
                         FROM jsonb_array_elements(p_parts) WITH ORDINALITY j(p, n)),
      'sentence_start', 0, 'sentence_end', 10)),
    'statements', '[]'::jsonb) $$;
SELECT store_extraction(pg_temp.art('https://t.example/22a', '2025-12-09'),
       pg_temp.ev('agree', '057', 'Lena Brandt signs Omar Haddad', NULL,
                  '[{"name": "Lena Brandt", "kind": "person", "role": "source"},
                    {"name": "Omar Haddad", "kind": "person", "role": "target"}]'));
SELECT store_extraction(pg_temp.art('https://t.example/22b', '2025-12-09'),
       pg_temp.ev('agree', '057', 'Lena Brandt and Omar Haddad sign', NULL,
                  '[{"name": "Lena Brandt", "kind": "person", "role": "source"},
                    {"name": "Omar Haddad", "kind": "person", "role": "source"}]'));
SELECT pg_temp.expect('co-signers: one event',
  (SELECT count(*) FROM events WHERE title LIKE '%Lena Brandt%'), 1);
SELECT pg_temp.expect('...a doer of one report is no target of the merged event',
  (SELECT count(*) FROM event_participants ep JOIN actors a ON a.id = ep.actor_id
    WHERE a.name = 'Omar Haddad' AND ep.role = 'target'), 0);
SELECT pg_temp.expect('...and the title says both sign',
  (SELECT count(*) FROM events WHERE title = 'Lena Brandt and Omar Haddad sign'), 1);
SELECT store_extraction(pg_temp.art('https://t.example/22c', '2025-12-09'),
       pg_temp.ev('agree', '057', 'Omar Haddad signs Lena Brandt', NULL,
                  '[{"name": "Omar Haddad", "kind": "person", "role": "source"},
                    {"name": "Lena Brandt", "kind": "person", "role": "target"}]'));
SELECT pg_temp.expect('a later one-sided telling makes no doer a target',
  (SELECT count(*) FROM event_participants ep JOIN events e ON e.id = ep.event_id
    WHERE e.title LIKE '%Lena Brandt%' AND ep.role = 'target'), 0);
SELECT pg_temp.expect('one role each',
  (SELECT count(*) FROM event_participants ep JOIN events e ON e.id = ep.event_id
    WHERE e.title LIKE '%Lena Brandt%'), 2);
SELECT pg_temp.expect('...nor the title''s order',
  (SELECT count(*) FROM events WHERE title = 'Lena Brandt and Omar Haddad sign' AND mention_count = 3), 1);
SELECT pg_temp.expect('verbs for one doer and for several',
  (SELECT count(*) FROM (VALUES ('signs', 'sign'), ('denies', 'deny'), ('dismisses', 'dismiss'), ('says', 'say'),
                                ('holds talks with', 'hold talks with'), ('pushes for', 'push for')) t(one, many)
    WHERE parley_verb_number(one, true) <> many OR parley_verb_number(many, false) <> one), 0);
SELECT store_extraction(pg_temp.art('https://t.example/22f', '2025-12-11'),
       pg_temp.ev('reject', '120', 'Mira Olsen rejects', NULL,
                  '[{"name": "Mira Olsen", "kind": "person", "role": "source"}]'));
SELECT store_extraction(pg_temp.art('https://t.example/22g', '2025-12-11'),
       pg_temp.ev('reject', '120', 'Mira Olsen and Tove Lind reject', NULL,
                  '[{"name": "Mira Olsen", "kind": "person", "role": "source"},
                    {"name": "Tove Lind", "kind": "person", "role": "source"}]'));
SELECT store_extraction(pg_temp.art('https://t.example/22h', '2025-12-11'),
       pg_temp.ev('reject', '120', 'Mira Olsen rejects Karl Dahl and Tove Lind', NULL,
                  '[{"name": "Mira Olsen", "kind": "person", "role": "source"},
                    {"name": "Karl Dahl", "kind": "person", "role": "target"},
                    {"name": "Tove Lind", "kind": "person", "role": "target"}]'));
SELECT pg_temp.expect('a singular telling joining two doers: the verb in their number',
  (SELECT count(*) FROM events WHERE title = 'Mira Olsen and Tove Lind reject Karl Dahl'), 1);

SELECT store_extraction(pg_temp.art('https://t.example/22d', '2025-12-09'),
       pg_temp.ev('negotiate', '046', 'Ruritania negotiates with Strelsau Palace and Osterlich in Zenda', 'Zenda',
                  '[{"name": "Ruritania", "kind": "country", "country": "RUR", "cameo": "RUR", "role": "participant"},
                    {"name": "Strelsau Palace", "kind": "organization", "country": "RUR", "cameo": "RURGOV", "role": "participant"},
                    {"name": "Osterlich", "kind": "country", "country": "OST", "cameo": "OST", "role": "participant"}]'));
SELECT pg_temp.expect('one article alone keeps what it reports',
  (SELECT count(*) FROM event_participants ep JOIN actors a ON a.id = ep.actor_id
    WHERE a.name = 'Strelsau Palace'), 1);
SELECT store_extraction(pg_temp.art('https://t.example/22e', '2025-12-10'),
       pg_temp.ev('negotiate', '046', 'Ruritania holds talks with Osterlich and Rolf Ebner in Zenda', 'Zenda',
                  '[{"name": "Ruritania", "kind": "country", "country": "RUR", "cameo": "RUR", "role": "participant"},
                    {"name": "Osterlich", "kind": "country", "country": "OST", "cameo": "OST", "role": "participant"},
                    {"name": "Rolf Ebner", "kind": "person", "role": "participant"}]'));
SELECT pg_temp.expect('the talks: one event of three parties',
  (SELECT count(*) FROM event_participants ep JOIN events e ON e.id = ep.event_id WHERE e.location_name = 'Zenda'), 3);
SELECT pg_temp.expect('...the government is no second party beside its country',
  (SELECT count(*) FROM event_participants ep JOIN actors a ON a.id = ep.actor_id
    WHERE a.name = 'Strelsau Palace'), 0);
:flush
SELECT pg_temp.expect('...and counts no event',
  (SELECT event_count FROM actors WHERE name = 'Strelsau Palace'), 0);
SELECT pg_temp.expect('...the title names the merged parties',
  (SELECT count(*) FROM events WHERE title = 'Ruritania holds talks with Osterlich and Rolf Ebner in Zenda'), 1);

ROLLBACK;
\echo 'store_extraction: ok'
