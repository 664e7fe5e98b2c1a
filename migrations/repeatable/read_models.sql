-- Read models (issue 13; tables in migrations/0022_read_models.sql): every
-- event's, statement's and actor's API document kept ready, equal at every
-- commit to what the reference functions of api_json.sql build from the
-- normalised tables, and an actor -> events index in the events' sort order.
--
-- How they stay current: a trigger on every table a document is built from
-- (events, event_participants, event_mentions, statements, actors,
-- actor_aliases, articles) marks the documents a change touches in
-- read_model_dirty, once per document and transaction.  A deferred
-- constraint trigger on that table rebuilds each marked document when the
-- transaction commits — inside it, after its last change, so an article
-- stored by store_extraction(), a merge or an edit rebuilds each document it
-- touches once however many rows it changed, and no reader ever sees a
-- document older than its parts.  Deleting a row deletes its document
-- (foreign keys, ON DELETE CASCADE); TRUNCATE … CASCADE empties them too.
-- statement_terms has no foreign key (0030): the statements' DELETE and
-- TRUNCATE triggers below remove its rows.
-- actor_events follows event_participants and the events' dates at once
-- (immediate triggers), so the list queries may join it in any transaction;
-- statement_terms follows the statements' text and date the same way.
-- Relevance (0028): each event and statement document, and the
-- actor_events and statement_terms rows of its record, carry whether a
-- relevant article reports it; a new actor_events or statement_terms row
-- starts relevant and the rebuild at commit sets the flag (a changed
-- mention or an article's off_topic marks the documents).
--
-- A change to the reference functions (or to the CAMEO scale table they
-- read) changes the fingerprint parley_read_models_sync() compares, and
-- the documents are rebuilt; `parley migrate` calls it after the
-- repeatable files.
--
-- Repeatable: re-applied whenever this file changes (see migrations/README.md).

-- Marks documents of one kind ('e' event, 's' statement, 'a' actor) to
-- rebuild at commit.  PL/pgSQL, not SQL: called by a trigger for each row,
-- a SQL function's insert would be parsed and planned again every call,
-- this one's plan is kept for the session.  With the marks goes the
-- transaction's flush row (kind '*', id 0): the deferred trigger fires for
-- it alone, so a transaction flushes once however many documents it marks
-- (the flush deletes it with the marks, and a mark made after that, by the
-- flush itself, files a new one).
CREATE OR REPLACE FUNCTION parley_mark_docs(p_kind "char", p_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO read_model_dirty (xid, kind, id)
  SELECT txid_current(), k, i
    FROM (SELECT p_kind AS k, i FROM unnest(p_ids) i WHERE i IS NOT NULL
          UNION ALL SELECT '*', 0) m
  ON CONFLICT DO NOTHING;
END $$;

-- One document (the trigger functions' common case).
CREATE OR REPLACE FUNCTION parley_mark_doc(p_kind "char", p_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO read_model_dirty (xid, kind, id)
  VALUES (txid_current(), p_kind, p_id), (txid_current(), '*', 0)
  ON CONFLICT DO NOTHING;
END $$;

-- Whether a record is relevant (migrations/0028): an event when a relevant
-- (not off-topic) article mentions it, a statement when its article is
-- relevant.  The lists' default ?relevance=relevant reads the answer kept in
-- the read models; ?relevance=off_topic its negation.
CREATE OR REPLACE FUNCTION parley_event_relevant(p_event bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM event_mentions m JOIN articles ar ON ar.id = m.article_id
                  WHERE m.event_id = p_event AND NOT ar.off_topic)
$$;
CREATE OR REPLACE FUNCTION parley_statement_relevant(p_article bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM articles ar WHERE ar.id = p_article AND NOT ar.off_topic)
$$;

-- Rebuilds documents of one kind from the reference function (none for a
-- row that is gone), all in one statement: the reference functions are SQL
-- functions that are planned once per statement, not once per document.
-- The actors and the articles they show are share-locked first (in id
-- order): a transaction renaming one of them marks only the documents it
-- can see, so one that adds a participant or a statement concurrently waits
-- for the rename to commit and then builds its documents with the new name.
--
-- The relevance flags of actor_events and statement_terms follow their
-- document's.  A row there is only ever set not relevant with its document
-- (here or by the rebuild), and new rows start relevant, so the flags can
-- differ only for a document that was or is now not relevant: only those
-- are compared (in the common case, none).
CREATE OR REPLACE FUNCTION parley_refresh_docs(p_kind "char", p_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_off bigint[];
BEGIN
  IF p_kind = 'e' THEN
    PERFORM 1 FROM actors a
     WHERE a.id = ANY(ARRAY(SELECT p.actor_id FROM event_participants p WHERE p.event_id = ANY(p_ids)))
     ORDER BY a.id FOR KEY SHARE OF a;
    v_off := ARRAY(SELECT d.id FROM event_docs d WHERE d.id = ANY(p_ids) AND NOT d.relevant);
    WITH u AS (
      INSERT INTO event_docs (id, doc, relevant)
      SELECT e.id, parley_event_json(e),
             -- parley_event_relevant(e.id), written out: a SQL function with
             -- a subquery is not inlined, and each call costs its own setup
             EXISTS (SELECT 1 FROM event_mentions m JOIN articles ar ON ar.id = m.article_id
                      WHERE m.event_id = e.id AND NOT ar.off_topic)
        FROM events e WHERE e.id = ANY(p_ids) ORDER BY e.id
      ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, relevant = excluded.relevant
      RETURNING id, relevant)
    SELECT v_off || ARRAY(SELECT u.id FROM u WHERE NOT u.relevant) INTO v_off;
    IF cardinality(v_off) > 0 THEN
      UPDATE actor_events ae SET relevant = d.relevant FROM event_docs d
       WHERE d.id = ANY(v_off) AND ae.event_id = d.id AND ae.relevant <> d.relevant;
    END IF;
  ELSIF p_kind = 's' THEN
    PERFORM 1 FROM actors a
     WHERE a.id = ANY(ARRAY(SELECT s.speaker_id FROM statements s WHERE s.id = ANY(p_ids)))
     ORDER BY a.id FOR KEY SHARE;
    PERFORM 1 FROM articles ar
     WHERE ar.id = ANY(ARRAY(SELECT s.article_id FROM statements s WHERE s.id = ANY(p_ids)))
     ORDER BY ar.id FOR SHARE;
    v_off := ARRAY(SELECT d.id FROM statement_docs d WHERE d.id = ANY(p_ids) AND NOT d.relevant);
    WITH u AS (
      INSERT INTO statement_docs (id, doc, relevant)
      SELECT s.id, parley_statement_json(s),
             -- parley_statement_relevant(s.article_id), written out
             EXISTS (SELECT 1 FROM articles ar WHERE ar.id = s.article_id AND NOT ar.off_topic)
        FROM statements s WHERE s.id = ANY(p_ids) ORDER BY s.id
      ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, relevant = excluded.relevant
      RETURNING id, relevant)
    SELECT v_off || ARRAY(SELECT u.id FROM u WHERE NOT u.relevant) INTO v_off;
    IF cardinality(v_off) > 0 THEN
      UPDATE statement_terms t SET relevant = d.relevant FROM statement_docs d
       WHERE d.id = ANY(v_off) AND t.statement_id = d.id AND t.relevant <> d.relevant;
    END IF;
  ELSIF p_kind = 'a' THEN
    INSERT INTO actor_docs (id, doc)
    SELECT a.id, parley_actor_json(a) FROM actors a WHERE a.id = ANY(p_ids) ORDER BY a.id
    ON CONFLICT (id) DO UPDATE SET doc = excluded.doc;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION parley_refresh_doc(p_kind "char", p_id bigint) RETURNS void
LANGUAGE sql RETURN parley_refresh_docs(p_kind, ARRAY[p_id]);

-- At commit: the first firing rebuilds every document the transaction
-- marked (the later ones find their mark gone), after its last change.  Two
-- transactions that both changed parts of one document rebuild it one after
-- the other (a lock on the document until commit, all taken in one order),
-- the second from a snapshot taken after the first committed, so the last
-- one written has both changes.
--
-- In two steps: the event and statement documents first, then the changes a
-- store filed for its actors' rows (store_extraction.sql,
-- parley_defer_actor_changes) and the actors' documents.  An actor row
-- updated stays locked until commit, and the busiest actors are in nearly
-- every article, so these come last: another store waits for them only
-- through this one's actor documents and commit, not through all of its
-- work.  The documents read their actors' name and kind under FOR KEY SHARE,
-- which those updates do not conflict with; a rename or a merge locks the
-- row FOR UPDATE (db/actors.c, actor_curation.sql) and so still waits for
-- the documents that show the old name to commit, then rebuilds them.
--
-- Its statements (and parley_refresh_docs's) run with generic plans: their
-- parameters are id arrays, whose custom plans looked cheaper than the
-- generic one on every call, so each statement was planned again on every
-- call (a tenth of a store's time, pg_stat_statements with track_planning).
-- The plans are made at a session's first store and again at each DISCARD
-- PLANS (db_article_ingest), as the tables grow.
CREATE OR REPLACE FUNCTION parley_docs_flush() RETURNS trigger
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_e bigint[];
  v_s bigint[];
  v_a bigint[];
  v_round integer;
BEGIN
  FOR v_round IN 1..2 LOOP
    WITH d AS (DELETE FROM read_model_dirty WHERE xid = NEW.xid RETURNING kind, id)
    SELECT array_agg(id) FILTER (WHERE kind = 'e'), array_agg(id) FILTER (WHERE kind = 's'),
           v_a || array_agg(id) FILTER (WHERE kind = 'a')
      INTO v_e, v_s, v_a FROM d;
    IF v_e IS NOT NULL OR v_s IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock(k.a, k.b)
         FROM (SELECT hashtext('parley.doc.' || x.kind) AS a, hashint8(x.id) AS b
                 FROM (SELECT 'e' AS kind, unnest(v_e) AS id UNION ALL SELECT 's', unnest(v_s)) x
                ORDER BY 1, 2) k;
      IF v_e IS NOT NULL THEN PERFORM parley_refresh_docs('e', v_e); END IF;
      IF v_s IS NOT NULL THEN PERFORM parley_refresh_docs('s', v_s); END IF;
    END IF;
    -- the actors' rows; what they mark is read in the second round
    EXIT WHEN NOT parley_apply_actor_changes();
  END LOOP;
  IF v_a IS NOT NULL THEN
    v_a := ARRAY(SELECT DISTINCT unnest(v_a));
    PERFORM pg_advisory_xact_lock(hashtext('parley.doc.a'), b)
       FROM (SELECT hashint8(id) AS b FROM unnest(v_a) id ORDER BY 1) k;
    PERFORM parley_refresh_docs('a', v_a);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION parley_docs_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parley_mark_doc('e', NEW.id);
  IF TG_OP = 'UPDATE' AND NEW.sort_date IS DISTINCT FROM OLD.sort_date THEN
    UPDATE actor_events SET sort_date = NEW.sort_date WHERE event_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION parley_docs_participants() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM parley_mark_doc('e', OLD.event_id);
    -- The pair stays while the actor keeps another role in the event.
    DELETE FROM actor_events ae WHERE ae.actor_id = OLD.actor_id AND ae.event_id = OLD.event_id
       AND NOT EXISTS (SELECT 1 FROM event_participants p
                        WHERE p.event_id = OLD.event_id AND p.actor_id = OLD.actor_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM parley_mark_doc('e', NEW.event_id);
    INSERT INTO actor_events (actor_id, event_id, sort_date)
    SELECT NEW.actor_id, e.id, e.sort_date FROM events e WHERE e.id = NEW.event_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- A row that is part of one document: a mention of an event, an alias of
-- an actor.  Marks the document before and after the change.
CREATE OR REPLACE FUNCTION parley_docs_mentions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM parley_mark_doc('e', OLD.event_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM parley_mark_doc('e', NEW.event_id);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION parley_docs_aliases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM parley_mark_doc('a', OLD.actor_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM parley_mark_doc('a', NEW.actor_id);
  END IF;
  RETURN NULL;
END $$;
DROP FUNCTION IF EXISTS parley_docs_part() CASCADE;

-- Statements' documents, and their terms (statement_terms) when their text
-- or date changed: once per statement (store_extraction inserts an
-- article's statements in one), with the rows in transition tables.
CREATE OR REPLACE FUNCTION parley_docs_statements_ins() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parley_mark_docs('s', ARRAY(SELECT n.id FROM new_rows n));
  -- new statements: no terms filed yet, nothing to conflict with
  INSERT INTO statement_terms (term, sort_date, statement_id)
  -- (a tsvector's lexemes are distinct, and so are the new rows' ids)
  SELECT x, n.sort_date, n.id FROM new_rows n, unnest(tsvector_to_array(n.tsv)) x;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION parley_docs_statements_upd() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parley_mark_docs('s', ARRAY(SELECT n.id FROM new_rows n));
  DELETE FROM statement_terms t
   USING old_rows o JOIN new_rows n ON n.id = o.id
   WHERE (n.tsv IS DISTINCT FROM o.tsv OR n.sort_date <> o.sort_date)
     AND t.term = ANY(tsvector_to_array(o.tsv)) AND t.sort_date = o.sort_date AND t.statement_id = o.id;
  INSERT INTO statement_terms (term, sort_date, statement_id)
  SELECT DISTINCT x, n.sort_date, n.id
    FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(tsvector_to_array(n.tsv)) x
   WHERE n.tsv IS DISTINCT FROM o.tsv OR n.sort_date <> o.sort_date
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
-- A deleted statement's terms (statement_terms has no foreign key, 0030).
CREATE OR REPLACE FUNCTION parley_docs_statements_del() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM statement_terms t USING old_rows o WHERE t.statement_id = o.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION parley_docs_statements_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE statement_terms;
  RETURN NULL;
END $$;

-- The lexeme a full-text query is when it is exactly one plain lexeme (no
-- operator, prefix or weight), else NULL: such a query matches exactly the
-- statements filed under that term in statement_terms.
CREATE OR REPLACE FUNCTION parley_single_lexeme(q tsquery) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  CASE WHEN numnode(q) = 1 AND q::text ~ '^''[^''\\]+''$' THEN substr(q::text, 2, length(q::text) - 2) END;

-- An actor's own document; its name and kind also appear in the events it
-- takes part in and the statements it made.
CREATE OR REPLACE FUNCTION parley_docs_actors() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parley_mark_doc('a', NEW.id);
  IF TG_OP = 'UPDATE' AND (NEW.name IS DISTINCT FROM OLD.name OR NEW.kind IS DISTINCT FROM OLD.kind) THEN
    PERFORM parley_mark_docs('e', ARRAY(SELECT p.event_id FROM event_participants p WHERE p.actor_id = NEW.id));
    PERFORM parley_mark_docs('s', ARRAY(SELECT s.id FROM statements s WHERE s.speaker_id = NEW.id));
  END IF;
  RETURN NULL;
END $$;

-- A statement shows its article's id, URL and title.
CREATE OR REPLACE FUNCTION parley_docs_articles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parley_mark_docs('s', ARRAY(SELECT s.id FROM statements s WHERE s.article_id = NEW.id));
  RETURN NULL;
END $$;

-- An article marked off-topic or relevant (the pipeline does it after
-- store_extraction, in the same transaction): its statements' and the
-- events it mentions' relevance, recomputed when they are rebuilt.
CREATE OR REPLACE FUNCTION parley_docs_article_relevance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parley_mark_docs('s', ARRAY(SELECT s.id FROM statements s WHERE s.article_id = NEW.id));
  PERFORM parley_mark_docs('e', ARRAY(SELECT m.event_id FROM event_mentions m WHERE m.article_id = NEW.id));
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS read_model_flush ON read_model_dirty;
CREATE CONSTRAINT TRIGGER read_model_flush AFTER INSERT ON read_model_dirty
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind = '*') EXECUTE FUNCTION parley_docs_flush();

DROP TRIGGER IF EXISTS read_model_docs ON events;
CREATE TRIGGER read_model_docs AFTER INSERT OR UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION parley_docs_events();
DROP TRIGGER IF EXISTS read_model_docs ON event_participants;
CREATE TRIGGER read_model_docs AFTER INSERT OR UPDATE OR DELETE ON event_participants
  FOR EACH ROW EXECUTE FUNCTION parley_docs_participants();
DROP TRIGGER IF EXISTS read_model_docs ON event_mentions;
CREATE TRIGGER read_model_docs AFTER INSERT OR UPDATE OR DELETE ON event_mentions
  FOR EACH ROW EXECUTE FUNCTION parley_docs_mentions();
DROP TRIGGER IF EXISTS read_model_docs ON statements;
DROP FUNCTION IF EXISTS parley_docs_statements();
DROP TRIGGER IF EXISTS read_model_docs_ins ON statements;
CREATE TRIGGER read_model_docs_ins AFTER INSERT ON statements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION parley_docs_statements_ins();
DROP TRIGGER IF EXISTS read_model_docs_upd ON statements;
CREATE TRIGGER read_model_docs_upd AFTER UPDATE ON statements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION parley_docs_statements_upd();
DROP TRIGGER IF EXISTS read_model_terms_del ON statements;
CREATE TRIGGER read_model_terms_del AFTER DELETE ON statements REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION parley_docs_statements_del();
DROP TRIGGER IF EXISTS read_model_terms_truncate ON statements;
CREATE TRIGGER read_model_terms_truncate AFTER TRUNCATE ON statements
  FOR EACH STATEMENT EXECUTE FUNCTION parley_docs_statements_truncate();
DROP TRIGGER IF EXISTS read_model_docs ON actors;
CREATE TRIGGER read_model_docs AFTER INSERT OR UPDATE ON actors
  FOR EACH ROW EXECUTE FUNCTION parley_docs_actors();
DROP TRIGGER IF EXISTS read_model_docs ON actor_aliases;
CREATE TRIGGER read_model_docs AFTER INSERT OR UPDATE OR DELETE ON actor_aliases
  FOR EACH ROW EXECUTE FUNCTION parley_docs_aliases();
DROP TRIGGER IF EXISTS read_model_docs ON articles;
CREATE TRIGGER read_model_docs AFTER UPDATE OF url, title ON articles
  FOR EACH ROW WHEN (OLD.url IS DISTINCT FROM NEW.url OR OLD.title IS DISTINCT FROM NEW.title)
  EXECUTE FUNCTION parley_docs_articles();
DROP TRIGGER IF EXISTS read_model_relevance ON articles;
CREATE TRIGGER read_model_relevance AFTER UPDATE OF off_topic ON articles
  FOR EACH ROW WHEN (OLD.off_topic IS DISTINCT FROM NEW.off_topic)
  EXECUTE FUNCTION parley_docs_article_relevance();

-- What the documents are built with: the reference functions' definitions
-- and the CAMEO scale they read.
CREATE OR REPLACE FUNCTION parley_read_models_fingerprint() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT md5(coalesce((SELECT string_agg(pg_get_functiondef(p.oid), E'\n' ORDER BY p.proname, p.oid::regprocedure::text)
                         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = current_schema()
                          AND p.proname IN ('parley_event_json', 'parley_statement_json', 'parley_actor_json',
                                            'parley_date_text', 'parley_cameo_scale')), '')
             || coalesce((SELECT string_agg(c::text, E'\n' ORDER BY c.code) FROM cameo_scale c), ''))
$$;

-- Every document, actor_events and statement_terms row rebuilt from the
-- tables (writers wait).
CREATE OR REPLACE FUNCTION parley_read_models_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE events, event_participants, event_mentions, statements, actors, actor_aliases, articles
    IN SHARE MODE;
  TRUNCATE event_docs, statement_docs, actor_docs, actor_events, statement_terms;
  INSERT INTO event_docs (id, doc, relevant) SELECT e.id, parley_event_json(e), parley_event_relevant(e.id) FROM events e;
  INSERT INTO statement_docs (id, doc, relevant)
  SELECT s.id, parley_statement_json(s), parley_statement_relevant(s.article_id) FROM statements s;
  INSERT INTO statement_terms (term, sort_date, statement_id, relevant)
  SELECT DISTINCT x, s.sort_date, s.id, d.relevant
    FROM statements s JOIN statement_docs d ON d.id = s.id, unnest(tsvector_to_array(s.tsv)) x;
  INSERT INTO actor_events (actor_id, event_id, sort_date, relevant)
  SELECT DISTINCT p.actor_id, p.event_id, e.sort_date, d.relevant
    FROM event_participants p JOIN events e ON e.id = p.event_id JOIN event_docs d ON d.id = e.id;
  INSERT INTO actor_docs (id, doc) SELECT a.id, parley_actor_json(a) FROM actors a;
  INSERT INTO read_model_state (name, fingerprint) VALUES ('docs', parley_read_models_fingerprint())
  ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, built_at = now();
END $$;

-- Rebuilds when the documents were built with other definitions (or never);
-- answers whether it did.
CREATE OR REPLACE FUNCTION parley_read_models_sync() RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT fingerprint FROM read_model_state WHERE name = 'docs') IS NOT DISTINCT FROM
     parley_read_models_fingerprint() THEN
    RETURN false;
  END IF;
  PERFORM parley_read_models_rebuild();
  RETURN true;
END $$;

-- The actor an API parameter names when it names exactly one (else NULL):
-- equality to it lets an index give the rows in order.
CREATE OR REPLACE FUNCTION parley_actor_one(ref text) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN cardinality(i) = 1 THEN i[1] END FROM parley_actor_ids(ref) i
$$;
