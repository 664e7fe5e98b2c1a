-- pg_temp.fresh(what [, every]): fires the deferred rebuilds, then checks
-- that the read models equal what the reference functions build from the
-- tables — every document (parley_event_json, parley_statement_json,
-- parley_actor_json), actor_events against event_participants,
-- statement_terms against the statements' text, each relevance flag — and
-- that nothing is left marked; raises "FAIL what: …" on the first
-- difference.  Included with \ir by tests/sql/read_models.sql (every row)
-- and by the bench generator, tests/bench/api/gen.sql, which passes every
-- = N to compare the records whose id is a multiple of N (the counts and
-- the documents without their row are always checked in full).
CREATE FUNCTION pg_temp.fresh(p_what text, p_every bigint DEFAULT 1) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_bad bigint;
  v_rows bigint;
BEGIN
  SET CONSTRAINTS ALL IMMEDIATE;
  SET CONSTRAINTS ALL DEFERRED;
  SELECT count(*) INTO v_bad FROM events e LEFT JOIN event_docs d ON d.id = e.id
   WHERE e.id % p_every = 0 AND (d.doc IS NULL OR d.doc::text <> parley_event_json(e)::text);
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: % event documents differ from parley_event_json', p_what, v_bad; END IF;
  SELECT count(*) INTO v_bad FROM statements s LEFT JOIN statement_docs d ON d.id = s.id
   WHERE s.id % p_every = 0 AND (d.doc IS NULL OR d.doc::text <> parley_statement_json(s)::text);
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: % statement documents differ', p_what, v_bad; END IF;
  SELECT count(*) INTO v_bad FROM actors a LEFT JOIN actor_docs d ON d.id = a.id
   WHERE a.id % p_every = 0 AND (d.doc IS NULL OR d.doc::text <> parley_actor_json(a)::text);
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: % actor documents differ', p_what, v_bad; END IF;
  SELECT (SELECT count(*) FROM event_docs) + (SELECT count(*) FROM statement_docs) + (SELECT count(*) FROM actor_docs)
         - (SELECT count(*) FROM events) - (SELECT count(*) FROM statements) - (SELECT count(*) FROM actors)
    INTO v_bad;
  IF v_bad <> 0 THEN RAISE EXCEPTION 'FAIL %: % documents without their row', p_what, v_bad; END IF;
  SELECT count(*) INTO v_bad FROM (
    (SELECT actor_id, event_id, sort_date FROM actor_events WHERE event_id % p_every = 0
     EXCEPT SELECT p.actor_id, p.event_id, e.sort_date FROM event_participants p JOIN events e ON e.id = p.event_id
             WHERE e.id % p_every = 0)
    UNION ALL
    (SELECT p.actor_id, p.event_id, e.sort_date FROM event_participants p JOIN events e ON e.id = p.event_id
      WHERE e.id % p_every = 0
     EXCEPT SELECT actor_id, event_id, sort_date FROM actor_events WHERE event_id % p_every = 0)) x;
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: actor_events differs from event_participants by % rows', p_what, v_bad; END IF;
  SELECT count(*) INTO v_bad FROM (
    (SELECT term, sort_date, statement_id FROM statement_terms WHERE statement_id % p_every = 0
     EXCEPT SELECT x, s.sort_date, s.id FROM statements s, unnest(tsvector_to_array(s.tsv)) x WHERE s.id % p_every = 0)
    UNION ALL
    (SELECT x, s.sort_date, s.id FROM statements s, unnest(tsvector_to_array(s.tsv)) x WHERE s.id % p_every = 0
     EXCEPT SELECT term, sort_date, statement_id FROM statement_terms WHERE statement_id % p_every = 0)) x;
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: statement_terms differs from the statements by % rows', p_what, v_bad; END IF;
  -- Relevance (0028): each flag equals its definition at this moment.
  SELECT count(*) INTO v_bad FROM event_docs d
   WHERE d.id % p_every = 0
     AND d.relevant <> EXISTS (SELECT 1 FROM event_mentions m JOIN articles ar ON ar.id = m.article_id
                                WHERE m.event_id = d.id AND NOT ar.off_topic);
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: % event documents with a stale relevance', p_what, v_bad; END IF;
  SELECT count(*) INTO v_bad FROM statement_docs d JOIN statements s ON s.id = d.id JOIN articles ar ON ar.id = s.article_id
   WHERE d.id % p_every = 0 AND d.relevant = ar.off_topic;
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: % statement documents with a stale relevance', p_what, v_bad; END IF;
  SELECT count(*) INTO v_bad FROM actor_events ae JOIN event_docs d ON d.id = ae.event_id
   WHERE ae.event_id % p_every = 0 AND ae.relevant <> d.relevant;
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: % actor_events rows with a stale relevance', p_what, v_bad; END IF;
  SELECT count(*) INTO v_bad FROM statement_terms t JOIN statement_docs d ON d.id = t.statement_id
   WHERE t.statement_id % p_every = 0 AND t.relevant <> d.relevant;
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: % statement_terms rows with a stale relevance', p_what, v_bad; END IF;
  SELECT count(*) INTO v_bad FROM read_model_dirty;
  IF v_bad > 0 THEN RAISE EXCEPTION 'FAIL %: % documents still marked', p_what, v_bad; END IF;
  SELECT count(*) INTO v_rows FROM event_docs;
  RAISE NOTICE 'ok   % (% events)', p_what, v_rows;
END $$;
