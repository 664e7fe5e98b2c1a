-- Bench data generator: fills a migrated Parley database with a realistic,
-- skewed data set, entirely set-based inside PostgreSQL.
--   psql -v n_events=1000000 -v n_actors=200000 -v n_statements=2000000
--        -v n_articles=500000 -v n_keyset=10000000 -v check_every=50 -f gen.sql
-- (check_every: the read models are compared with the reference functions
-- for the records whose id is a multiple of it; 1 compares them all)
-- Every row is built consistent with the schema's constraints and derived
-- columns, so foreign-key triggers are skipped (session_replication_role)
-- and secondary indexes are dropped during the load and rebuilt at the end:
-- both are far cheaper than checking and maintaining them row by row.
-- Bump the version line when the output changes (it keys the cache).
-- generator-version: 5
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET session_replication_role = replica;
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET work_mem = '256MB';

CREATE SCHEMA bench;
CREATE TABLE bench.params (name text PRIMARY KEY, value bigint NOT NULL);
INSERT INTO bench.params VALUES ('events', :n_events), ('actors', :n_actors),
  ('statements', :n_statements), ('articles', :n_articles), ('sites', 200),
  ('keyset_big', :n_keyset);

-- Diplomatic vocabulary, most frequent first: word i is drawn with a
-- probability falling as a power law of i, so q= searches hit anything from
-- most statements to a fraction of a percent.
CREATE TABLE bench.vocab (rank int PRIMARY KEY, word text NOT NULL);
INSERT INTO bench.vocab
SELECT ordinality, w FROM unnest(string_to_array(
 'government minister president talks security cooperation agreement foreign '
 'relations peace support countries international economic trade sanctions '
 'military dialogue summit border conflict negotiations treaty ceasefire '
 'delegation embassy ambassador crisis region stability partnership investment '
 'energy nuclear humanitarian troops withdrawal sovereignty territorial '
 'alliance parliament election opposition protest violence refugees aid '
 'development climate pipeline gas oil tariffs exports imports currency '
 'inflation debt loan infrastructure railway port maritime fishing waters '
 'airspace drones missiles weapons disarmament inspection verification '
 'resolution council assembly charter mandate peacekeeping mission observers '
 'monitoring violations accusations condemnation retaliation escalation '
 'deescalation mediation arbitration tribunal court justice accountability '
 'investigation prosecutor extradition asylum visa migration diaspora '
 'minority rights freedom press journalists censorship internet cyber '
 'espionage intelligence hostages prisoners exchange release detention '
 'amnesty reconciliation reform constitution referendum autonomy '
 'independence secession annexation occupation liberation insurgency '
 'terrorism extremism counterterrorism coalition airstrikes offensive '
 'casualties civilians evacuation corridor reconstruction donors pledge '
 'grant famine drought vaccine pandemic outbreak quarantine lockdown '
 'recovery stimulus budget austerity pension strike union workers farmers '
 'grain wheat fertilizer shipping canal strait archipelago glacier arctic '
 'antarctic satellite spacecraft semiconductor chips lithium cobalt rare '
 'earths hydrogen renewable solar wind emissions carbon biodiversity '
 'whaling timber logging mining uranium enrichment centrifuge warhead '
 'deterrence doctrine hegemony multipolar brinkmanship rapprochement '
 'detente appeasement irredentism plebiscite condominium protectorate '
 'suzerainty demarche communique memorandum protocol accession ratification',
 ' ')) WITH ORDINALITY AS t(w, ordinality);

-- The vocabulary as one array literal, and a word drawn from it (rank
-- 1 + floor(N * r^3)).  Inlined expressions rather than function calls
-- with sub-selects: the planner folds them, which is several times faster.
SELECT format('(%L::text[])[1 + floor(%s * random() ^ 3)::int]', array_agg(word ORDER BY rank), count(*))
       AS word FROM bench.vocab \gset

-- Articles are numbered in time order; density grows over 2015-2025
-- (sqrt), as news volume does.
CREATE FUNCTION bench.pub(a bigint, n bigint) RETURNS timestamptz
LANGUAGE sql IMMUTABLE RETURN
  timestamptz '2015-01-01 00:00:00+00'
  + interval '1 day' * floor(4017 * sqrt((a - 1)::float8 / n))
  + interval '1 second' * ((a * 7919) % 86400);

-- Event e is reported by mentions(e) articles, art(e, 0), art(e, 0) + 3 …
-- (distinct sites, so source_count = mentions); mostly one, up to five.
CREATE FUNCTION bench.mentions(e bigint) RETURNS int
LANGUAGE sql IMMUTABLE RETURN 1 + floor(5 * ((hashint8(e) & 1023) / 1024.0) ^ 4)::int;
CREATE FUNCTION bench.art(e bigint, k int, n_art bigint, n_ev bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE RETURN ((e - 1) * n_art / n_ev + 3 * k) % n_art + 1;

-- A few actors are very active: 1 + floor(N * r^3) puts ~10% of all picks
-- on the first 0.1% of actors.
SELECT format('(1 + floor(%s * random() ^ 3)::bigint)', :n_actors) AS actor \gset

-- Drop secondary indexes (not those behind constraints); rebuilt below.
CREATE TABLE bench.dropped_indexes AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = 'public'
   AND t.relname IN ('articles', 'actors', 'actor_aliases', 'article_actors', 'events',
                     'event_participants', 'event_mentions', 'statements')
   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
SELECT format('DROP INDEX %s', name) FROM bench.dropped_indexes \gexec
-- The read models (migrations/0022, 0028) are filled last, in one pass
-- each; all their indexes, primary keys included, are built afterwards.
CREATE TABLE bench.read_model_indexes AS
SELECT CASE WHEN c.oid IS NULL THEN format('DROP INDEX %s', i.indexrelid::regclass)
            ELSE format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, c.conname) END AS drop_sql,
       CASE WHEN c.oid IS NULL THEN pg_get_indexdef(i.indexrelid)
            ELSE format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname,
                        pg_get_constraintdef(c.oid)) END AS def
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = t.oid AND c.contype IN ('p', 'u')
 WHERE n.nspname = 'public'
   AND t.relname IN ('event_docs', 'statement_docs', 'actor_docs', 'actor_events', 'statement_terms');
SELECT drop_sql FROM bench.read_model_indexes \gexec

\echo '  sources, articles'
INSERT INTO sources (id, url, kind, name, interval_seconds)
SELECT s, 'https://news' || s || '.example/feed', 'feed', 'News ' || s, 900
  FROM generate_series(1, 200) s;

INSERT INTO articles (id, url, title, site_name, language, published_at, fetched_at,
                      status, source_id, next_attempt_at, updated_at)
SELECT a, 'https://news' || (a % 200 + 1) || '.example/' || a, initcap((SELECT string_agg(:word, ' ') FROM generate_series(1, 6 + a % 2))),
       'News ' || (a % 200 + 1), 'en', bench.pub(a, :n_articles), bench.pub(a, :n_articles) + interval '1 hour',
       'extracted', a % 200 + 1, bench.pub(a, :n_articles), bench.pub(a, :n_articles)
  FROM generate_series(1, :n_articles) a;

\echo '  actors, aliases'
INSERT INTO actors (id, name, norm_name, kind, title, country, cameo_code)
SELECT g, name, parley_fold(name), kind,
       CASE WHEN kind = 'person' AND g % 4 = 0 THEN 'Minister of ' || :word END,
       (ARRAY['USA','RUS','CHN','FRA','GBR','DEU','TUR','IRN','IND','BRA','UKR','ISR',
              'EGY','JPN','KOR','SAU','ZAF','NGA','MEX','POL'])[1 + g % 20],
       CASE kind WHEN 'country' THEN 'C' || g WHEN 'organization' THEN 'GOV' END
  FROM (SELECT g, kind,
               CASE kind
                 WHEN 'person' THEN
                   (ARRAY['Anna','Sergei','Li','Maria','Ahmed','John','Fatima','Olaf','Yuki',
                          'Carlos','Amina','Pierre','Ingrid','Raj','Chen','Olga','Kwame',
                          'Elena','Omar','Hans'])[1 + g % 20] || ' ' ||
                   (ARRAY['Petrova','Lavrov','Wei','Silva','Hassan','Smith','Khan','Berg',
                          'Tanaka','Lopez','Diallo','Dubois','Larsen','Patel','Zhang','Ivanova',
                          'Mensah','Popescu','Haddad','Muller','Kowalski','Novak','Rossi',
                          'Yilmaz','Cohen'])[1 + (g / 20) % 25] ||
                   CASE WHEN g >= 500 THEN ' ' || (g / 500) ELSE '' END
                 WHEN 'country' THEN 'Republic ' || g
                 WHEN 'organization' THEN 'Ministry of ' || :word || ' ' || g
                 ELSE 'Front ' || g END AS name
          FROM (SELECT g, CASE WHEN g <= 200 THEN 'country' WHEN g % 10 = 0 THEN 'organization'
                               WHEN g % 37 = 0 THEN 'group' ELSE 'person' END AS kind
                  FROM generate_series(1, :n_actors) g) k) n;

INSERT INTO actor_aliases (actor_id, alias, norm_alias)
SELECT id, name, norm_name FROM actors
UNION ALL
SELECT id, left(name, 1) || '. ' || substr(name, strpos(name, ' ') + 1),
       parley_fold(left(name, 1) || '. ' || substr(name, strpos(name, ' ') + 1))
  FROM actors WHERE kind = 'person' AND id % 3 = 0;

\echo '  events, participants, mentions'
INSERT INTO events (id, type, cameo_code, title, date, date_precision, status, location_name,
                    location_country, mention_count, source_count, first_seen, last_seen)
SELECT g, t.type, t.cameo, initcap(t.type) || ' in ' || c.city,
       CASE WHEN g % 33 <> 0 THEN (bench.pub(bench.art(g, 0, :n_articles, :n_events), :n_articles) - interval '1 day' * (g % 3))::date END,
       CASE WHEN g % 33 = 0 THEN NULL WHEN g % 20 = 0 THEN 'month' ELSE 'day' END,
       CASE WHEN g % 50 = 0 THEN 'planned' WHEN g % 97 = 0 THEN 'postponed'
            WHEN g % 89 = 0 THEN 'cancelled' ELSE 'occurred' END,
       CASE WHEN g % 9 <> 0 THEN c.city END, c.iso,
       m, m,
       (SELECT min(bench.pub(bench.art(g, k, :n_articles, :n_events), :n_articles)) FROM generate_series(0, m - 1) k),
       (SELECT max(bench.pub(bench.art(g, k, :n_articles, :n_events), :n_articles)) FROM generate_series(0, m - 1) k)
  FROM (SELECT g, bench.mentions(g) AS m, 1 + floor(12 * random() ^ 2)::int AS ti,
               1 + floor(16 * random() ^ 2)::int AS ci
          FROM generate_series(1, :n_events) g) x
  JOIN (VALUES (1, 'meet', '040'), (2, 'talks', '046'), (3, 'visit', '042'),
               (4, 'criticize', '111'), (5, 'agree', '057'), (6, 'threaten', '130'),
               (7, 'sanction', '163'), (8, 'protest', '140'), (9, 'praise', '051'),
               (10, 'aid', '070'), (11, 'negotiate', '046'), (12, 'attack', '190'))
       AS t(i, type, cameo) ON t.i = x.ti
  JOIN (VALUES (1, 'Geneva', 'CHE'), (2, 'Moscow', 'RUS'), (3, 'Washington', 'USA'),
               (4, 'Beijing', 'CHN'), (5, 'Brussels', 'BEL'), (6, 'Kyiv', 'UKR'),
               (7, 'Ankara', 'TUR'), (8, 'Paris', 'FRA'), (9, 'Berlin', 'DEU'),
               (10, 'Tehran', 'IRN'), (11, 'Cairo', 'EGY'), (12, 'New Delhi', 'IND'),
               (13, 'Tokyo', 'JPN'), (14, 'Riyadh', 'SAU'), (15, 'Doha', 'QAT'),
               (16, 'Vienna', 'AUT')) AS c(i, city, iso) ON c.i = x.ci;

INSERT INTO event_participants (event_id, actor_id, role)
SELECT g, :actor, 'source' FROM generate_series(1, :n_events) g
UNION ALL
SELECT g, :actor, 'target' FROM generate_series(1, :n_events) g
UNION ALL
SELECT g, :actor, 'participant' FROM generate_series(1, :n_events) g WHERE g % 5 = 0;

INSERT INTO event_mentions (event_id, article_id, sentence, start_offset, end_offset, created_at)
SELECT g, bench.art(g, k, :n_articles, :n_events), 'Officials confirmed the ' || (SELECT string_agg(:word, ' ') FROM generate_series(1, 2 + g % 2)) || ' report.',
       100 * k, 100 * k + 60, bench.pub(bench.art(g, k, :n_articles, :n_events), :n_articles)
  FROM generate_series(1, :n_events) g, generate_series(0, bench.mentions(g) - 1) k;

\echo '  statements'
-- Four-ish statements per article, in time order like their articles.
INSERT INTO statements (id, speaker_id, article_id, event_id, text, kind, cue, start_offset,
                        end_offset, sentence, date, created_at)
SELECT g, CASE WHEN g % 20 <> 0 THEN :actor END, art,
       CASE WHEN g % 10 < 3 THEN 1 + (art - 1) * :n_events / :n_articles END,
       txt, CASE WHEN g % 4 = 0 THEN 'indirect' ELSE 'direct' END,
       CASE WHEN g % 4 = 0 THEN 'according to' ELSE 'said' END,
       off, off + length(txt), txt, bench.pub(art, :n_articles)::date, bench.pub(art, :n_articles)
  FROM (SELECT g, 1 + (g - 1)::bigint * :n_articles / :n_statements AS art,
               1000 * ((g - 1) % 8) AS off,
               initcap((SELECT string_agg(:word, ' ') FROM generate_series(1, 6 + (g % 15)::int))) || '.' AS txt
          FROM generate_series(1, :n_statements) g) s;

\echo '  article actors, derived counts'
INSERT INTO article_actors (article_id, actor_id, mention_count)
SELECT article_id, actor_id, sum(c)
  FROM (SELECT article_id, speaker_id AS actor_id, count(*) AS c
          FROM statements WHERE speaker_id IS NOT NULL GROUP BY 1, 2
        UNION ALL
        SELECT m.article_id, p.actor_id, 1
          FROM event_mentions m JOIN event_participants p ON p.event_id = m.event_id) x
 GROUP BY 1, 2;

UPDATE actors a SET statement_count = x.sn, event_count = x.en, first_seen = x.fs, last_seen = x.ls
  FROM (SELECT ac.id, coalesce(s.n, 0) AS sn, coalesce(e.n, 0) AS en, f.fs, f.ls
          FROM actors ac
          LEFT JOIN (SELECT speaker_id, count(*) AS n FROM statements GROUP BY 1) s
                 ON s.speaker_id = ac.id
          LEFT JOIN (SELECT actor_id, count(DISTINCT event_id) AS n FROM event_participants GROUP BY 1) e
                 ON e.actor_id = ac.id
          LEFT JOIN (SELECT aa.actor_id, min(ar.published_at) AS fs, max(ar.published_at) AS ls
                       FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id GROUP BY 1) f
                 ON f.actor_id = ac.id) x
 WHERE a.id = x.id;

\o /dev/null
SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT value FROM bench.params WHERE name = p))
  FROM (VALUES ('sources', 'sites'), ('articles', 'articles'), ('actors', 'actors'),
               ('events', 'events'), ('statements', 'statements')) v(t, p);
SELECT setval(pg_get_serial_sequence('event_mentions', 'id'), (SELECT max(id) FROM event_mentions));
\o

\echo '  keyset tables (narrow: id, kind, sort_date)'
-- Same key and index shape as statements_kind, nothing else: the cheapest
-- way to have 10M rows for the flat-paging check.
CREATE TABLE bench.keyset_small AS
SELECT g AS id, CASE WHEN g % 4 = 0 THEN 'indirect' ELSE 'direct' END AS kind,
       date '2015-01-01' + (g::bigint * 4017 / 10000)::int AS sort_date
  FROM generate_series(1, 10000) g;
CREATE TABLE bench.keyset_big AS
SELECT g AS id, CASE WHEN g % 4 = 0 THEN 'indirect' ELSE 'direct' END AS kind,
       date '2015-01-01' + (g::bigint * 4017 / :n_keyset)::int AS sort_date
  FROM generate_series(1, :n_keyset) g;

\echo '  indexes'
SELECT def FROM bench.dropped_indexes \gexec
CREATE INDEX ON bench.keyset_small (kind, sort_date DESC, id DESC);
CREATE INDEX ON bench.keyset_big (kind, sort_date DESC, id DESC);

\echo '  read models: documents, actor_events, statement_terms'
-- The load skipped every trigger, so the read models are filled here, one
-- set-based statement each: joins and aggregates over whole tables instead
-- of the reference functions' per-record lookups (parley_read_models_rebuild()
-- makes ~10 index probes per document and, before the statistics of a fresh
-- load exist, may plan them as scans: hours at this size).  Each document
-- is json_build_object over the same values as its reference function
-- (migrations/repeatable/api_json.sql); the check below compares them.
ANALYZE articles, actors, actor_aliases, events, event_participants, event_mentions, statements, cameo_scale;

INSERT INTO event_docs (id, doc, relevant)
SELECT e.id, json_build_object(
    'id', e.id, 'type', e.type, 'cameo_code', e.cameo_code, 'title', e.title,
    'date', parley_date_text(e.date, e.date_precision), 'date_precision', e.date_precision,
    'status', e.status,
    'location', CASE WHEN e.location_name IS NULL AND e.location_country IS NULL THEN NULL
                     ELSE json_build_object('name', e.location_name, 'country', e.location_country) END,
    'participants', coalesce(p.participants, '[]'),
    'mention_count', e.mention_count, 'source_count', e.source_count,
    'first_seen', e.first_seen, 'last_seen', e.last_seen,
    'quad_class', c.quad_class, 'goldstein', c.goldstein,
    'evidence', CASE WHEN m.event_id IS NOT NULL THEN
                  json_build_object('article_id', m.article_id, 'sentence', m.sentence,
                                    'offsets', json_build_array(m.start_offset, m.end_offset)) END),
       r.event_id IS NOT NULL
  FROM events e
  -- one entry per actor, under its most telling role (source > target > participant)
  LEFT JOIN (SELECT event_id,
                    json_agg(json_build_object('actor_id', id, 'name', name, 'kind', kind, 'role', role)
                             ORDER BY role DESC, name, id) AS participants
               FROM (SELECT DISTINCT ON (p.event_id, a.id) p.event_id, a.id, a.name, a.kind, p.role
                       FROM event_participants p JOIN actors a ON a.id = p.actor_id
                      ORDER BY p.event_id, a.id,
                               CASE p.role WHEN 'source' THEN 0 WHEN 'target' THEN 1 ELSE 2 END) x
              GROUP BY event_id) p ON p.event_id = e.id
  -- the CAMEO scale by the reference function itself, once per code
  LEFT JOIN (SELECT x.code, s.quad_class, s.goldstein
               FROM (SELECT DISTINCT cameo_code AS code FROM events WHERE cameo_code IS NOT NULL) x,
                    LATERAL parley_cameo_scale(x.code) s) c ON c.code = e.cameo_code
  -- the first mention is the evidence
  LEFT JOIN (SELECT DISTINCT ON (event_id) event_id, article_id, sentence, start_offset, end_offset
               FROM event_mentions ORDER BY event_id, id) m ON m.event_id = e.id
  -- relevant: a relevant (not off-topic) article mentions it
  LEFT JOIN (SELECT DISTINCT m.event_id FROM event_mentions m JOIN articles ar ON ar.id = m.article_id
              WHERE NOT ar.off_topic) r ON r.event_id = e.id;

INSERT INTO statement_docs (id, doc, relevant)
SELECT s.id, json_build_object(
    'id', s.id, 'text', s.text, 'kind', s.kind, 'cue', s.cue,
    'speaker', CASE WHEN a.id IS NOT NULL THEN json_build_object('id', a.id, 'name', a.name) END,
    'source_description', s.source_description,
    'date', parley_date_text(s.date, coalesce(s.date_precision, 'day')), 'date_precision', s.date_precision,
    'article', CASE WHEN ar.id IS NOT NULL THEN json_build_object('id', ar.id, 'url', ar.url, 'title', ar.title) END,
    'event_id', s.event_id, 'sentence', s.sentence,
    'offsets', json_build_array(s.start_offset, s.end_offset)),
       coalesce(NOT ar.off_topic, false)
  FROM statements s
  LEFT JOIN actors a ON a.id = s.speaker_id
  LEFT JOIN articles ar ON ar.id = s.article_id;

INSERT INTO actor_docs (id, doc) SELECT a.id, parley_actor_json(a) FROM actors a;

-- A tsvector's lexemes are distinct: one row per lexeme and statement.
INSERT INTO statement_terms (term, sort_date, statement_id, relevant)
SELECT x, s.sort_date, s.id, d.relevant
  FROM statements s JOIN statement_docs d ON d.id = s.id, unnest(tsvector_to_array(s.tsv)) x;

INSERT INTO actor_events (actor_id, event_id, sort_date, relevant)
SELECT DISTINCT p.actor_id, p.event_id, e.sort_date, d.relevant
  FROM event_participants p JOIN events e ON e.id = p.event_id JOIN event_docs d ON d.id = e.id;

INSERT INTO read_model_state (name, fingerprint) VALUES ('docs', parley_read_models_fingerprint())
ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, built_at = now();

\echo '  read model indexes'
SELECT def FROM bench.read_model_indexes \gexec

\echo '  read models checked against the reference functions (tests/sql/read_models_check.sql)'
-- Every record of the small data set, 1 in :check_every of the full one
-- (the reference functions cost a few index probes per record).
ANALYZE event_docs, statement_docs, actor_docs, actor_events, statement_terms;
\ir ../../sql/read_models_check.sql
\o /dev/null
SELECT pg_temp.fresh('bench data set', :check_every);
\o
