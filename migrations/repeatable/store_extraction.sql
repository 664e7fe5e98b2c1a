-- store_extraction(article, doc): stores what the extractor found in one
-- article (the JSON shape documented in service/src/extract/extract.h) and
-- folds it into what earlier articles found:
--   * actors are matched by folded name or alias (persons also one spelling
--     apart: Yury/Yuri), so every article names the same actor row;
--   * an event that matches an existing one becomes one more mention of
--     it, GDELT-style, instead of a new event.  This is the one place that
--     decides "same event": the extractor reports each telling of an event
--     with its own sentence, and the reports of one article are matched
--     here against each other exactly as against other articles' (see
--     "Same event" in the README): same CAMEO family and status, compatible
--     date and place, shared parties (two, or all when fewer), and for a
--     one-sided act (anything but a meeting) the same source.
-- Re-running it for the same article first removes what that article
-- contributed, so re-extraction never duplicates anything.
--
-- Concurrency: several workers store articles at once.  There is no global
-- lock; a store takes transaction-scoped advisory locks on the keys its
-- writes can collide on, each batch sorted so two stores never wait on
-- each other in a cycle:
--   1. the names of actors it does not find (kind + folded name, each alias,
--      and for persons first initial + start of the surname, which covers
--      the one-edit transliteration match), so two articles introducing the
--      same new actor make one row;
--   2. for each event, every (party, CAMEO family) pair and its (place, day):
--      exactly the keys the candidate search below looks events up by, so
--      two reports of one new event are stored one after the other and the
--      second finds the first;
--   3. the rows whose counts it recomputes, locked in id order and counted
--      in a later statement, so the counts include every committed store.
-- A deadlock that remains possible (two stores reaching the same existing
-- events through different parties and completing them in opposite orders)
-- is detected by PostgreSQL; the caller runs the whole transaction again
-- (service/src/ingest/pipeline.c).
--
-- Repeatable: re-applied whenever this file changes (see migrations/README.md).

-- A name folded for matching (0001 defines it; the same answer): accents
-- dropped, lower case, every run of other characters one space.  A name
-- in ASCII alone (as many are) skips translate(), which reads the whole
-- list of accented letters for each character: three quarters of a fold,
-- ≈ 2 % of a store's time.  Written to stay inlinable (no subquery).
CREATE OR REPLACE FUNCTION parley_fold(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  btrim(regexp_replace(lower(CASE WHEN octet_length(s) = length(s) THEN coalesce(s, '')
                                  ELSE translate(coalesce(s, ''),
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžČčĆćĐđŁłŃńŚśŹźŻżĞğİıŞş',
    'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzCcCcDdLlNnSsZzZzGgIiSs') END),
    '[^a-z0-9]+', ' ', 'g'));

-- A date string of the extractor ("2025-08-15", "2025-08", "2025") as a date.
-- Built with make_date, not a text-to-date cast (which reads DateStyle and
-- so is only stable): an immutable body lets the planner inline the call
-- instead of running a SQL function (planned per statement) each time.
CREATE OR REPLACE FUNCTION parley_date(s text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  CASE WHEN s ~ '^\d{4}-\d{2}-\d{2}$'
         THEN make_date(left(s, 4)::int, substr(s, 6, 2)::int, substr(s, 9, 2)::int)
       WHEN s ~ '^\d{4}-\d{2}$' THEN make_date(left(s, 4)::int, substr(s, 6, 2)::int, 1)
       WHEN s ~ '^\d{4}$' THEN make_date(s::int, 1, 1) END;

-- Equal at the coarser of the two precisions; NULL when either is unknown.
-- Truncated as timestamps (immutable), not as the time-zone dependent
-- timestamptz a bare date resolves to, so the planner inlines the call.
CREATE OR REPLACE FUNCTION parley_dates_agree(d1 date, p1 text, d2 date, p2 text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  CASE WHEN d1 IS NULL OR d2 IS NULL THEN NULL
       WHEN p1 = 'year' OR p2 = 'year' THEN date_trunc('year', d1::timestamp) = date_trunc('year', d2::timestamp)
       WHEN p1 = 'month' OR p2 = 'month' THEN date_trunc('month', d1::timestamp) = date_trunc('month', d2::timestamp)
       ELSE d1 = d2 END;

CREATE OR REPLACE FUNCTION parley_precision_rank(p text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  CASE p WHEN 'day' THEN 3 WHEN 'month' THEN 2 WHEN 'year' THEN 1 ELSE 0 END;

-- The actor an actor row was merged into, transitively (itself if none).
CREATE OR REPLACE FUNCTION parley_follow_merges(p_id bigint) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_id bigint := p_id;
BEGIN
  WHILE v_id IS NOT NULL LOOP
    EXIT WHEN NOT EXISTS (SELECT 1 FROM actors WHERE id = v_id AND merged_into IS NOT NULL);
    SELECT merged_into INTO v_id FROM actors WHERE id = v_id;
  END LOOP;
  RETURN v_id;
END $$;

-- The actor row a name refers to by its exact folded name or an alias
-- (parley_find_actor's first, cheap steps), following merges; NULL when
-- neither knows it.
CREATE OR REPLACE FUNCTION parley_find_actor_exact(p_name text, p_kind text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_norm text := parley_fold(p_name);
  v_id bigint;
BEGIN
  SELECT id INTO v_id FROM actors WHERE kind = p_kind AND norm_name = v_norm;
  IF v_id IS NULL THEN
    -- The aliases first, by their index, then their actors by id: written
    -- as a join, a plan cached while the tables were small (a fresh
    -- database) scanned every actor of the kind for each name.
    -- A person's one-word name finds a full name by its surname alone
    -- ("Clinton"), never by a given name one article used for its own
    -- person: another article's lone "Bob" is nobody known.
    SELECT a.id INTO v_id FROM actors a
     WHERE a.id = ANY(ARRAY(SELECT al.actor_id FROM actor_aliases al WHERE al.norm_alias = v_norm))
       AND a.kind = p_kind
       AND (p_kind <> 'person' OR v_norm LIKE '% %' OR a.norm_name NOT LIKE '% %'
            OR regexp_replace(a.norm_name, '^.* ', '') = v_norm)
     ORDER BY a.statement_count + a.event_count DESC, a.id LIMIT 1;
  END IF;
  RETURN parley_follow_merges(v_id);
END $$;

-- The actor row a name refers to, following merges; NULL when unknown.
CREATE OR REPLACE FUNCTION parley_find_actor(p_name text, p_kind text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_norm text := parley_fold(p_name);
  v_id bigint := parley_find_actor_exact(p_name, p_kind);
  v_last text := regexp_replace(v_norm, '^.* ', '');
  v_cands bigint[];
BEGIN
  -- Transliteration variants of a full name: same first initial, surnames one
  -- edit apart, whole names at most two edits apart.
  IF v_id IS NULL AND p_kind = 'person' AND v_norm LIKE '% %' AND length(v_norm) >= 8 THEN
    -- The candidates: by the two letters a surname one edit apart keeps at
    -- its start or at its end (migrations/0031) when it has four or more;
    -- else by trigram similarity.  Then the tests, on them alone (OFFSET 0).
    IF length(v_last) >= 4 THEN
      v_cands := ARRAY(
        SELECT a.id FROM actors a
         WHERE a.kind = 'person' AND left(a.norm_name, 1) = left(v_norm, 1)
           AND left(regexp_replace(a.norm_name, '^.* ', ''), 2) = left(v_last, 2)
        UNION
        SELECT a.id FROM actors a
         WHERE a.kind = 'person' AND left(a.norm_name, 1) = left(v_norm, 1)
           AND right(regexp_replace(a.norm_name, '^.* ', ''), 2) = right(v_last, 2));
    ELSE
      v_cands := ARRAY(SELECT a.id FROM actors a
                        WHERE a.kind = 'person' AND left(a.norm_name, 1) = left(v_norm, 1)
                          AND a.norm_name % v_norm);
    END IF;
    SELECT a.id INTO v_id FROM (SELECT * FROM actors WHERE id = ANY(v_cands) OFFSET 0) a
     WHERE a.kind = 'person' AND a.norm_name % v_norm
       AND left(a.norm_name, 1) = left(v_norm, 1)
       AND levenshtein(regexp_replace(a.norm_name, '^.* ', ''), v_last) <= 1
       AND levenshtein(a.norm_name, v_norm) <= 2
     ORDER BY levenshtein(a.norm_name, v_norm), a.id LIMIT 1;
  END IF;
  RETURN parley_follow_merges(v_id);
END $$;

-- Recomputes the derived counts and dates of the given events and actors.
-- The actor changes this transaction's stores filed for commit are applied
-- first (parley_defer_actor_changes), so an addition filed before a recount
-- is not added again after it.
CREATE OR REPLACE FUNCTION parley_refresh_counts(p_events bigint[], p_actors bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parley_apply_actor_changes();
  UPDATE events e SET
    mention_count = s.mentions, source_count = s.sources,
    first_seen = coalesce(s.first_seen, e.first_seen), last_seen = coalesce(s.last_seen, e.last_seen)
  FROM (
    SELECT m.event_id, count(*) AS mentions,
           count(DISTINCT coalesce(a.site_name, substring(a.url FROM '^[a-z]+://([^/]+)'), a.url)) AS sources,
           min(coalesce(a.published_at, a.fetched_at)) AS first_seen,
           max(coalesce(a.published_at, a.fetched_at)) AS last_seen
      FROM event_mentions m JOIN articles a ON a.id = m.article_id
     WHERE m.event_id = ANY(p_events) GROUP BY m.event_id) s
  WHERE e.id = s.event_id;
  DELETE FROM events e WHERE e.id = ANY(p_events)
     AND NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id);

  UPDATE actors a SET
    statement_count = (SELECT count(*) FROM statements s WHERE s.speaker_id = a.id),
    event_count = (SELECT count(DISTINCT ep.event_id) FROM event_participants ep WHERE ep.actor_id = a.id),
    first_seen = x.first_seen, last_seen = x.last_seen
  FROM (
    SELECT aa.actor_id, min(coalesce(ar.published_at, ar.fetched_at)) AS first_seen,
           max(coalesce(ar.published_at, ar.fetched_at)) AS last_seen
      FROM (SELECT unnest(p_actors) AS actor_id) t
      LEFT JOIN article_actors aa ON aa.actor_id = t.actor_id
      LEFT JOIN articles ar ON ar.id = aa.article_id
     GROUP BY aa.actor_id) x
  WHERE a.id = x.actor_id;
END $$;

-- What one article stored for the first time adds to the derived counts
-- and dates, without recounting: each event it mentions has one mention
-- more (and one source more unless another of its mentions came from the
-- same site), each actor its statements and the events it newly takes part
-- in (p_new_pairs: an actor id per such event), the dates widen to the
-- article's.  Equal to parley_refresh_counts() of the same rows when their
-- counts were right before; a recount's cost grows with an actor's history,
-- this one's only with the article.  The caller holds the rows' locks.
-- In two parts: the events' when the article is stored (its event keys
-- already serialise every store that can touch them), the actors' at
-- commit (parley_count_article_actors, called by parley_docs_flush).
CREATE OR REPLACE FUNCTION parley_count_article_events(p_article bigint, p_events bigint[], p_created bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_seen timestamptz;
  v_source text;
BEGIN
  SELECT coalesce(published_at, fetched_at), coalesce(site_name, substring(url FROM '^[a-z]+://([^/]+)'), url)
    INTO v_seen, v_source FROM articles WHERE id = p_article;
  UPDATE events e SET
    mention_count = e.mention_count + 1,
    source_count = e.source_count + CASE WHEN EXISTS (
        SELECT 1 FROM event_mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id = e.id AND m.article_id <> p_article
           AND coalesce(a.site_name, substring(a.url FROM '^[a-z]+://([^/]+)'), a.url) = v_source)
      THEN 0 ELSE 1 END,
    first_seen = coalesce(CASE WHEN e.id = ANY(p_created) THEN v_seen ELSE least(e.first_seen, v_seen) END,
                          e.first_seen),
    last_seen = coalesce(CASE WHEN e.id = ANY(p_created) THEN v_seen ELSE greatest(e.last_seen, v_seen) END,
                         e.last_seen)
  WHERE e.id = ANY(p_events);
END $$;

CREATE OR REPLACE FUNCTION parley_count_article_actors(p_article bigint, p_actors bigint[], p_new_pairs bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_seen timestamptz;
BEGIN
  SELECT coalesce(published_at, fetched_at) INTO v_seen FROM articles WHERE id = p_article;
  UPDATE actors a SET
    statement_count = a.statement_count + s.statements,
    event_count = a.event_count + s.new_events,
    first_seen = least(a.first_seen, v_seen), last_seen = greatest(a.last_seen, v_seen)
  FROM (SELECT t.id, coalesce(st.n, 0) AS statements,
               (SELECT count(*) FROM unnest(p_new_pairs) x WHERE x = t.id) AS new_events
          FROM (SELECT DISTINCT unnest(p_actors) AS id) t
          -- the article's statements counted by speaker in one pass (a count
          -- per actor intersected the speaker's index, a busy one's long)
          LEFT JOIN (SELECT st.speaker_id, count(*) AS n FROM statements st
                      WHERE st.article_id = p_article GROUP BY st.speaker_id) st ON st.speaker_id = t.id) s
  WHERE a.id = s.id
    -- an actor the article changes nothing of keeps its row (and its document)
    AND (s.statements <> 0 OR s.new_events <> 0
         OR a.first_seen IS DISTINCT FROM least(a.first_seen, v_seen)
         OR a.last_seen IS DISTINCT FROM greatest(a.last_seen, v_seen));
END $$;

-- The whole of it, as before the split (kept for callers and tests).
CREATE OR REPLACE FUNCTION parley_count_article(p_article bigint, p_events bigint[], p_created bigint[],
                                                p_actors bigint[], p_new_pairs bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parley_count_article_events(p_article, p_events, p_created);
  PERFORM parley_count_article_actors(p_article, p_actors, p_new_pairs);
END $$;

-- The title, country and CAMEO code an article gives actors that have none
-- yet (p_attrs: [{id, title, country, cameo}] in the article's order).
CREATE OR REPLACE FUNCTION parley_fill_actor_attrs(p_attrs jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(jsonb_array_length(p_attrs), 0) = 0 THEN
    RETURN;
  END IF;
  UPDATE actors a SET title = coalesce(a.title, x.title), country = coalesce(a.country, x.country),
                      cameo_code = coalesce(a.cameo_code, x.cameo)
    FROM (SELECT (v->>'id')::bigint AS id,
                 (array_agg(v->>'title' ORDER BY n) FILTER (WHERE v->>'title' IS NOT NULL))[1] AS title,
                 (array_agg(v->>'country' ORDER BY n) FILTER (WHERE v->>'country' IS NOT NULL))[1] AS country,
                 (array_agg(v->>'cameo' ORDER BY n) FILTER (WHERE v->>'cameo' IS NOT NULL))[1] AS cameo
            FROM jsonb_array_elements(coalesce(p_attrs, '[]')) WITH ORDINALITY j(v, n) GROUP BY 1) x
   WHERE a.id = x.id
     AND ((a.title IS NULL AND x.title IS NOT NULL) OR (a.country IS NULL AND x.country IS NOT NULL)
          OR (a.cameo_code IS NULL AND x.cameo IS NOT NULL));
END $$;

-- Actor rows are the hottest rows of a store: nearly every article names
-- the same few people, and a row updated stays locked until commit, so a
-- second store waits for the first one's commit at its own first update of
-- that row.  A store that writes them early holds them through its events,
-- statements, documents and WAL flush; written last, only through the
-- actors' documents and the commit.  store_extraction() therefore files
-- what it changes of actors here (a transaction-local setting, gone at
-- commit or rollback), marks the transaction for the flush, and
-- parley_docs_flush() applies it after the event and statement documents
-- (parley_apply_actor_changes), just before the actors' documents.
-- p_change: {article, actors: [id], pairs: [id], attrs: [...], recount: [id]}.
CREATE OR REPLACE FUNCTION parley_defer_actor_changes(p_change jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_now jsonb := nullif(current_setting('parley.actor_changes', true), '')::jsonb;
BEGIN
  PERFORM set_config('parley.actor_changes', (coalesce(v_now, '[]') || jsonb_build_array(p_change))::text, true);
  PERFORM parley_mark_docs('a', '{}');
END $$;

-- Applies the filed changes (see above) under the actors' row locks, taken
-- in id order; true when there were any.
CREATE OR REPLACE FUNCTION parley_apply_actor_changes() RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_all jsonb := nullif(current_setting('parley.actor_changes', true), '')::jsonb;
  v_c jsonb;
BEGIN
  IF v_all IS NULL THEN
    RETURN false;
  END IF;
  PERFORM set_config('parley.actor_changes', '', true);
  PERFORM 1 FROM actors
   WHERE id = ANY(ARRAY(SELECT x::bigint FROM jsonb_array_elements(v_all) c,
                        jsonb_array_elements_text(c->'actors' || coalesce(c->'recount', '[]')) x))
   ORDER BY id FOR NO KEY UPDATE;
  FOR v_c IN SELECT value FROM jsonb_array_elements(v_all) LOOP
    PERFORM parley_fill_actor_attrs(v_c->'attrs');
    PERFORM parley_count_article_actors((v_c->>'article')::bigint,
                                        ARRAY(SELECT x::bigint FROM jsonb_array_elements_text(v_c->'actors') x),
                                        ARRAY(SELECT x::bigint FROM jsonb_array_elements_text(v_c->'pairs') x));
    -- a government no longer a party of a merged event: recounted
    IF jsonb_array_length(coalesce(v_c->'recount', '[]')) > 0 THEN
      PERFORM parley_refresh_counts('{}', ARRAY(SELECT DISTINCT x::bigint
                                                  FROM jsonb_array_elements_text(v_c->'recount') x));
    END IF;
  END LOOP;
  RETURN true;
END $$;

-- Takes a transaction-scoped advisory lock on each key, in hash order (the
-- same order in every transaction, so batches never deadlock each other).
CREATE OR REPLACE FUNCTION parley_lock_keys(p_keys text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_h bigint;
BEGIN
  FOR v_h IN SELECT DISTINCT hashtextextended(k, 0) FROM unnest(p_keys) k
              WHERE k IS NOT NULL ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(v_h);
  END LOOP;
END $$;

-- A given name's spelling key across transliterations: y read as i, ks as
-- x, a doubled letter as one (Yury/Yuri, Sergey/Sergei, Aleksey/Alexey,
-- Mohammed/Mohamed); Ivana and Ivanka keep different keys.
CREATE OR REPLACE FUNCTION parley_given_key(p text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  regexp_replace(replace(translate(parley_fold(p), 'y', 'i'), 'ks', 'x'), '(.)\1+', '\1', 'g');

-- Whether two person names (as written: words split at spaces, so
-- "O'Donnell" is one word) can name one person.  A name of one word has no
-- given name to disagree with and is compatible here (a lone surname's
-- match is decided by parley_find_actor_exact).  Otherwise the surnames
-- agree (equal up to one edit, or one's last word is a later word of the
-- other: "King" / "King Jr.") and so do the given names: one's first word
-- is one of the other's given names (any word before the surname) or its
-- transliteration (parley_given_key) or initial.
-- Another given name is another person: "Pat" is not "Bay" Buchanan,
-- "Ivana" not "Ivanka" Trump.
CREATE OR REPLACE FUNCTION parley_person_names_compatible(p_a text, p_b text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  a text[] := ARRAY(SELECT parley_fold(w) FROM regexp_split_to_table(btrim(coalesce(p_a, '')), '\s+') w
                     WHERE parley_fold(w) <> '');
  b text[] := ARRAY(SELECT parley_fold(w) FROM regexp_split_to_table(btrim(coalesce(p_b, '')), '\s+') w
                     WHERE parley_fold(w) <> '');
  sa text;
  sb text;
BEGIN
  IF cardinality(a) < 2 OR cardinality(b) < 2 THEN
    RETURN true;
  END IF;
  sa := a[cardinality(a)];
  sb := b[cardinality(b)];
  IF NOT (sa = sb OR (least(length(sa), length(sb)) >= 4 AND levenshtein(sa, sb) <= 1)
          OR sa = ANY(b[2:]) OR sb = ANY(a[2:])) THEN
    RETURN false;
  END IF;
  -- one's first word is a given name of the other (also its second or
  -- later: "Huma Abedin" in "Wife Huma Abedin", "Paul Jones" in "John Paul Jones")
  RETURN EXISTS (
    SELECT 1 FROM (SELECT a[1] AS x, g AS y FROM unnest(b[1:cardinality(b) - 1]) g
                   UNION ALL SELECT b[1], g FROM unnest(a[1:cardinality(a) - 1]) g) p
     WHERE p.x = p.y OR parley_given_key(p.x) = parley_given_key(p.y)
        OR (length(p.x) = 1 AND left(p.y, 1) = p.x) OR (length(p.y) = 1 AND left(p.x, 1) = p.y));
END $$;

-- The fullest name the extractor gives a person: its name when that has a
-- given name, else the longest alias ending in it ("Doyle", alias "Will
-- Doyle"); NULL when the article names the person by one word only.
CREATE OR REPLACE FUNCTION parley_person_full_name(p_actor jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_name text := btrim(coalesce(p_actor->>'name', ''));
BEGIN
  IF v_name ~ '\S\s+\S' THEN
    RETURN p_actor->>'name';
  END IF;
  IF v_name ~ '\s' OR coalesce(jsonb_array_length(p_actor->'aliases'), 0) = 0 THEN
    RETURN NULL;
  END IF;
  RETURN (SELECT al FROM jsonb_array_elements_text(p_actor->'aliases') al
           WHERE btrim(al) ~ '\S\s+\S' AND parley_fold(al) LIKE '% ' || parley_fold(v_name)
           ORDER BY length(al) DESC LIMIT 1);
END $$;

-- p_id when it may be the extracted actor: any actor of another kind, a
-- curated one (its aliases are the dictionary's word), or a person whose
-- name is compatible with the fullest name the article gives; else NULL.
-- An article's "John O'Donnell" is never another article's "Brett
-- O'Donnell" through the surname both were also called by.
CREATE OR REPLACE FUNCTION parley_accept_actor(p_actor jsonb, p_id bigint) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_full text;
  v_ok boolean;
BEGIN
  IF p_id IS NULL OR p_actor->>'kind' IS DISTINCT FROM 'person' THEN
    RETURN p_id;
  END IF;
  v_full := parley_person_full_name(p_actor);
  IF v_full IS NULL THEN
    RETURN p_id;
  END IF;
  -- the same name (the common case) needs no comparison
  SELECT a.curated OR a.norm_name = parley_fold(v_full) OR parley_person_names_compatible(v_full, a.name)
    INTO v_ok FROM actors a WHERE a.id = p_id;
  RETURN CASE WHEN v_ok THEN p_id END;
END $$;

-- The actor an extracted actor is: by its name, else by a longer alias; a
-- person by the fullest name the article gives first, and only a person
-- whose name is compatible with it (parley_accept_actor).
CREATE OR REPLACE FUNCTION parley_resolve_actor(p_actor jsonb) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_full text := CASE WHEN p_actor->>'kind' = 'person' THEN parley_person_full_name(p_actor) END;
  v_id bigint;
BEGIN
  IF v_full IS NOT NULL AND v_full IS DISTINCT FROM p_actor->>'name' THEN
    v_id := parley_accept_actor(p_actor, parley_find_actor(v_full, p_actor->>'kind'));
  END IF;
  IF v_id IS NULL THEN
    v_id := parley_accept_actor(p_actor, parley_find_actor(p_actor->>'name', p_actor->>'kind'));
  END IF;
  IF v_id IS NULL THEN
    -- Also try the extractor's aliases (a longer form known elsewhere).
    SELECT parley_accept_actor(p_actor, parley_find_actor(al, p_actor->>'kind')) INTO v_id
      FROM jsonb_array_elements_text(coalesce(p_actor->'aliases', '[]')) al
     WHERE parley_fold(al) LIKE '% %'
       AND parley_accept_actor(p_actor, parley_find_actor(al, p_actor->>'kind')) IS NOT NULL LIMIT 1;
  END IF;
  RETURN v_id;
END $$;

-- The lock keys of an actor about to be created: every folded name
-- parley_find_actor() could match it by (see the note on top).
-- PL/pgSQL, as parley_event_keys below: a SQL function's query was parsed
-- and planned again on every call, this one's plan is kept for the session.
CREATE OR REPLACE FUNCTION parley_actor_keys(p_actor jsonb) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN ARRAY(
  SELECT k FROM (
    SELECT 'actor:' || (p_actor->>'kind') || ':' || n AS k, n
      FROM (SELECT parley_fold(al) AS n
              FROM (SELECT p_actor->>'name' AS al
                    UNION SELECT jsonb_array_elements_text(coalesce(p_actor->'aliases', '[]'))) a) f
     WHERE n <> ''
    UNION
    SELECT 'actor~:' || left(n, 1) || ':' || left(regexp_replace(n, '^.* ', ''), 3), n
      FROM (SELECT parley_fold(p_actor->>'name') AS n) f
     WHERE p_actor->>'kind' = 'person' AND n LIKE '% %') s);
END $$;

-- The lock keys of an article's events (see the note on top): each party
-- with the event's CAMEO family (every family when it has none, as the
-- search then matches on type alone), and the place and day.
CREATE OR REPLACE FUNCTION parley_event_keys(p_events jsonb, p_actor_map jsonb) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN ARRAY(
  SELECT 'event:' || (p_actor_map->>(p->>'actor')) || ':' || fam
    FROM jsonb_array_elements(coalesce(p_events, '[]')) e,
         jsonb_array_elements(coalesce(e->'participants', '[]')) p,
         unnest(CASE WHEN left(coalesce(e->>'cameo', ''), 2) <> '' THEN ARRAY[left(e->>'cameo', 2)]
                     ELSE ARRAY(SELECT to_char(g, 'FM00') FROM generate_series(0, 20) g) END) fam
   WHERE p_actor_map ? (p->>'actor')
  UNION
  SELECT 'place:' || lower(e->'location'->>'name') || ':' || parley_date(e->>'date')
    FROM jsonb_array_elements(coalesce(p_events, '[]')) e
   WHERE nullif(e->'location'->>'name', '') IS NOT NULL AND parley_date(e->>'date') IS NOT NULL);
END $$;

-- The doers and the others of a title, as the extractor orders them
-- (extract/events.c, title_event): the first party that is no target, then
-- every later source; the others in order.  p_parts: [{name, role, kind}].
CREATE OR REPLACE FUNCTION parley_title_parts(p_parts jsonb, OUT doers text, OUT others text, OUT plural boolean)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_p jsonb;
  v_n integer := 0;
  v_group boolean := false;
BEGIN
  FOR v_p IN SELECT value FROM jsonb_array_elements(p_parts) LOOP
    IF (v_n = 0 AND v_p->>'role' <> 'target') OR (v_n > 0 AND v_p->>'role' = 'source') THEN
      doers := CASE WHEN v_n = 0 THEN '' ELSE doers || ' and ' END || (v_p->>'name');
      v_n := v_n + 1;
      v_group := v_p->>'kind' = 'group';
    ELSE
      others := CASE WHEN others IS NULL THEN '' ELSE others || ' and ' END || (v_p->>'name');
    END IF;
  END LOOP;
  doers := coalesce(doers, 'Unnamed parties');
  plural := v_n > 1 OR (v_n = 1 AND v_group);
END $$;

-- A title's verb for several doers ("signs" -> "sign", "denies" -> "deny",
-- "dismisses" -> "dismiss"), as the extractor forms it (events.c,
-- put_plural_verb), and back ("sign" -> "signs", "deny" -> "denies",
-- "say" -> "says", "push" -> "pushes"): only the first word changes.
CREATE OR REPLACE FUNCTION parley_verb_number(p_verb text, p_plural boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  (SELECT CASE WHEN p_plural THEN
                 CASE WHEN length(w) > 3 AND w LIKE '%ies' THEN left(w, -3) || 'y'
                      WHEN length(w) > 4 AND (w LIKE '%sses' OR w LIKE '%shes' OR w LIKE '%ches') THEN left(w, -2)
                      WHEN length(w) > 1 AND w LIKE '%s' THEN left(w, -1)
                      ELSE w END
               ELSE
                 CASE WHEN w ~ '[^aeiou]y$' THEN left(w, -1) || 'ies'
                      WHEN w ~ '(ss|sh|ch)$' THEN w || 'es'
                      ELSE w || 's' END
          END || substr(p_verb, length(w) + 1)
     FROM (SELECT split_part(p_verb, ' ', 1) AS w) x);

-- The title of a merged event, rebuilt from its parties and roles with the
-- verb of one report's title: the report (p_report, its actors p_actors by
-- ref) is read back into doers, verb, others and place; the event's
-- parties (by their names, in the order the current title names them,
-- then this report's order, then by id) give the new doers and others,
-- the verb in their number.  NULL when the verb
-- cannot be read back, or a verb told without others (the extractor drops
-- a dangling "with") would need them.
CREATE OR REPLACE FUNCTION parley_merged_title(p_event bigint, p_report jsonb, p_actors jsonb, p_actor_map jsonb)
RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  r record;
  m record;
  v_title text := p_report->>'title';
  v_place text := nullif(p_report->'location'->>'name', '');
  v_rest text;
  v_verb text;
  v_loc text;
BEGIN
  IF v_title IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT * INTO r FROM parley_title_parts(coalesce((
    SELECT jsonb_agg(jsonb_build_object('name', p_actors->(p->>'actor')->>'name', 'role', coalesce(p->>'role', 'participant'),
                                        'kind', p_actors->(p->>'actor')->>'kind') ORDER BY n)
      FROM jsonb_array_elements(coalesce(p_report->'participants', '[]')) WITH ORDINALITY j(p, n)
     WHERE p_actors ? (p->>'actor')), '[]'));
  IF left(v_title, length(r.doers) + 1) <> r.doers || ' ' THEN
    RETURN NULL;
  END IF;
  v_rest := substr(v_title, length(r.doers) + 2);
  IF v_place IS NOT NULL THEN
    IF right(v_rest, length(v_place) + 4) <> ' in ' || v_place THEN
      RETURN NULL;
    END IF;
    v_rest := left(v_rest, -(length(v_place) + 4));
  END IF;
  IF r.others IS NOT NULL THEN
    IF right(v_rest, length(r.others) + 1) <> ' ' || r.others THEN
      RETURN NULL;
    END IF;
    v_rest := left(v_rest, -(length(r.others) + 1));
  END IF;
  v_verb := v_rest;
  SELECT t.* INTO m FROM events e, LATERAL parley_title_parts(coalesce((
    SELECT jsonb_agg(jsonb_build_object('name', a.name, 'role', x.role, 'kind', a.kind) ORDER BY x.o, x.actor_id)
      FROM (SELECT DISTINCT ON (ep.actor_id) ep.actor_id, ep.role,
                   coalesce(nullif(position(a0.name IN e0.title), 0),
                            100000 + (SELECT min(n) FROM jsonb_array_elements(coalesce(p_report->'participants', '[]'))
                                             WITH ORDINALITY j(p, n)
                                       WHERE (p_actor_map->>(p->>'actor'))::bigint = ep.actor_id), 1000000) AS o
              FROM event_participants ep JOIN actors a0 ON a0.id = ep.actor_id
                   JOIN events e0 ON e0.id = ep.event_id
             WHERE ep.event_id = p_event
             ORDER BY ep.actor_id, CASE ep.role WHEN 'source' THEN 0 WHEN 'participant' THEN 1 ELSE 2 END) x
      JOIN actors a ON a.id = x.actor_id), '[]')) t
   WHERE e.id = p_event;
  IF (r.others IS NULL AND m.others IS NOT NULL) OR v_verb = '' THEN
    RETURN NULL;
  END IF;
  IF m.plural IS DISTINCT FROM r.plural THEN
    v_verb := parley_verb_number(v_verb, m.plural);
  END IF;
  SELECT location_name INTO v_loc FROM events WHERE id = p_event;
  RETURN m.doers || ' ' || v_verb || coalesce(' ' || m.others, '') || coalesce(' in ' || v_loc, '');
END $$;

CREATE OR REPLACE FUNCTION store_extraction(p_article bigint, p_doc jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_text text;
  v_old_events bigint[];
  v_old_actors bigint[];
  v_actor_map jsonb := '{}';
  v_event_map jsonb := '{}';
  v_new_events integer := 0;
  v_actor jsonb;
  v_event jsonb;
  v_id bigint;
  v_ids bigint[];
  v_cands bigint[];
  v_date date;
  v_prec text;
  v_family text;
  v_loc text;
  v_country text;
  v_mentioned bigint[] := '{}';
  v_nstmt integer := 0;
  v_anchor date;
  v_anchor_fixed boolean;
  v_found bigint[] := '{}';
  v_keys text[] := '{}';
  v_attrs jsonb := '[]';
  v_i integer := 0;
  v_gone bigint[];
  v_fresh boolean;
  v_created bigint[] := '{}';
  v_new_pairs bigint[] := '{}';
  v_pub date;
  v_cross boolean;
  v_dropped bigint[] := '{}';
  v_doc_actors jsonb;
BEGIN
  SELECT text INTO v_text FROM articles WHERE id = p_article FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'article % does not exist', p_article USING ERRCODE = 'no_data_found';
  END IF;

  -- Undo this article's earlier contribution.
  SELECT coalesce(array_agg(event_id), '{}') INTO v_old_events FROM event_mentions WHERE article_id = p_article;
  SELECT coalesce(array_agg(actor_id), '{}') INTO v_old_actors FROM article_actors WHERE article_id = p_article;
  v_old_actors := v_old_actors || ARRAY(SELECT speaker_id FROM statements WHERE article_id = p_article AND speaker_id IS NOT NULL);
  -- Stored for the first time (nothing to undo): the counts grow by what
  -- it adds instead of being recounted (parley_count_article).
  v_fresh := cardinality(v_old_events) = 0 AND cardinality(v_old_actors) = 0;
  IF NOT v_fresh THEN
    DELETE FROM statements WHERE article_id = p_article;
    DELETE FROM event_mentions WHERE article_id = p_article;
    DELETE FROM article_actors WHERE article_id = p_article;
  END IF;
  -- Old events stay until the end, so a re-extraction finds and keeps them.

  -- Actors in two passes: find the ones known by name or alias without
  -- locking (what parley_resolve_actor would answer for them too); lock the
  -- names of the others (all at once, sorted), then resolve those in full —
  -- a store that held one of the names committed its actor before.
  FOR v_actor IN SELECT * FROM jsonb_array_elements(coalesce(p_doc->'actors', '[]')) LOOP
    v_id := CASE WHEN coalesce(v_actor->>'name', '') = '' OR parley_fold(v_actor->>'name') = '' THEN NULL
                 ELSE parley_accept_actor(v_actor, parley_find_actor_exact(v_actor->>'name', v_actor->>'kind')) END;
    v_found := v_found || v_id;
    IF v_id IS NULL THEN
      v_keys := v_keys || parley_actor_keys(v_actor);
    ELSIF jsonb_array_length(coalesce(v_actor->'aliases', '[]')) > 0 THEN
      -- A name this article adds to a known actor (a new alias) is a name
      -- another store may be looking up at the same moment ("Obama" alone,
      -- while this one files it as an alias of Barack Obama): locked too, so
      -- that store waits, then finds the alias instead of creating a second
      -- actor.  Only aliases not yet filed (one probe of the alias key
      -- each), so the busy actors' known names stay unlocked; the name the
      -- actor was found by is known already.
      v_keys := v_keys || ARRAY(
        SELECT 'actor:' || (v_actor->>'kind') || ':' || f.n
          FROM (SELECT parley_fold(al) AS n
                  FROM jsonb_array_elements_text(v_actor->'aliases') al) f
         WHERE f.n <> ''
           AND NOT EXISTS (SELECT 1 FROM actor_aliases x WHERE x.actor_id = v_id AND x.norm_alias = f.n));
    END IF;
  END LOOP;
  PERFORM parley_lock_keys(v_keys);

  FOR v_actor IN SELECT * FROM jsonb_array_elements(coalesce(p_doc->'actors', '[]')) LOOP
    v_i := v_i + 1;
    CONTINUE WHEN coalesce(v_actor->>'name', '') = '' OR parley_fold(v_actor->>'name') = '';
    v_id := coalesce(v_found[v_i], parley_resolve_actor(v_actor));
    IF v_id IS NULL THEN
      INSERT INTO actors (name, norm_name, kind, title, country, cameo_code)
      VALUES (v_actor->>'name', parley_fold(v_actor->>'name'), v_actor->>'kind',
              v_actor->>'title', v_actor->>'country', v_actor->>'cameo')
      ON CONFLICT (kind, norm_name) DO UPDATE SET name = actors.name
      RETURNING id INTO v_id;
    ELSIF v_actor->>'title' IS NOT NULL OR v_actor->>'country' IS NOT NULL OR v_actor->>'cameo' IS NOT NULL THEN
      -- Filled in at the end, under the row locks taken in id order.
      v_attrs := v_attrs || jsonb_build_array(jsonb_build_object(
        'id', v_id, 'title', v_actor->>'title', 'country', v_actor->>'country', 'cameo', v_actor->>'cameo'));
    END IF;
    INSERT INTO actor_aliases (actor_id, alias, norm_alias)
    SELECT v_id, al, parley_fold(al)
      FROM (SELECT v_actor->>'name' AS al
            UNION SELECT jsonb_array_elements_text(coalesce(v_actor->'aliases', '[]'))) s
     WHERE parley_fold(al) <> ''
    ON CONFLICT DO NOTHING;
    -- the title as this article gives it at its date (0024)
    INSERT INTO article_actors (article_id, actor_id, mention_count, title)
    VALUES (p_article, v_id, greatest(1, jsonb_array_length(coalesce(v_actor->'mentions', '[]'))),
            nullif(v_actor->>'title', ''))
    ON CONFLICT (article_id, actor_id) DO UPDATE
      SET mention_count = article_actors.mention_count + excluded.mention_count,
          title = coalesce(article_actors.title, excluded.title);
    IF v_actor ? 'ref' THEN
      v_actor_map := v_actor_map || jsonb_build_object(v_actor->>'ref', v_id);
    END IF;
  END LOOP;

  -- When the article's news cycle is known (its date, else the latest date
  -- its own events carry), an undated report may join an event of the same
  -- type and party dated within a month of it.
  SELECT coalesce(published_at::date,
                  (SELECT max(parley_date(e->>'date')) FROM jsonb_array_elements(coalesce(p_doc->'events', '[]')) e
                    WHERE coalesce(e->>'date_precision', '') IN ('day', 'month')))
    INTO v_anchor FROM articles WHERE id = p_article;
  v_anchor_fixed := v_anchor IS NOT NULL;

  -- Every key an event of this article can merge on, before the first search.
  PERFORM parley_lock_keys(parley_event_keys(p_doc->'events', v_actor_map));

  -- The most specific reports first (dated, then the most parties), so they
  -- anchor the news cycle before the vaguer ones are matched.
  FOR v_event IN SELECT value FROM jsonb_array_elements(coalesce(p_doc->'events', '[]'))
                  ORDER BY value->>'date' IS NULL,
                           coalesce(value->'location'->>'name', '') = '',
                           jsonb_array_length(coalesce(value->'participants', '[]')) DESC LOOP
    SELECT coalesce(array_agg(DISTINCT (v_actor_map->>(p->>'actor'))::bigint), '{}') INTO v_ids
      FROM jsonb_array_elements(coalesce(v_event->'participants', '[]')) p
     WHERE v_actor_map ? (p->>'actor');
    v_date := parley_date(v_event->>'date');
    v_prec := CASE WHEN v_date IS NULL THEN NULL
                   ELSE coalesce(v_event->>'date_precision',
                                 CASE length(v_event->>'date') WHEN 10 THEN 'day' WHEN 7 THEN 'month' ELSE 'year' END) END;
    v_family := left(coalesce(v_event->>'cameo', ''), 2);
    v_loc := nullif(v_event->'location'->>'name', '');
    v_country := nullif(v_event->'location'->>'country', '');

    v_id := NULL;
    -- Candidates: events sharing a party, or at the same place on the same day,
    -- looked up first by their indexes; the tests below run on them alone.
    -- (Written as one join, the plan scanned every event of the status, or
    -- intersected that index with the candidates', and tested each.)
    v_cands := ARRAY(SELECT ep.event_id FROM event_participants ep WHERE ep.actor_id = ANY(v_ids)
                     UNION
                     SELECT e2.id FROM events e2
                      WHERE v_loc IS NOT NULL AND v_date IS NOT NULL
                        AND lower(e2.location_name) = lower(v_loc) AND e2.sort_date = v_date);
    SELECT c.id INTO v_id FROM (
      SELECT e.id, e.type, e.date, e.date_precision, e.location_name, e.location_country, e.mention_count,
             -- a one-sided act's source must be a source there too ("A accuses
             -- B" is not "B accuses A"); meetings have no sides
             (v_family = '04' OR NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(v_event->'participants', '[]')) p
                 WHERE p->>'role' = 'source' AND v_actor_map ? (p->>'actor'))
              OR NOT EXISTS (SELECT 1 FROM event_participants s
                              WHERE s.event_id = e.id AND s.role = 'source')
              OR EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(v_event->'participants', '[]')) p
                  JOIN event_participants s ON s.event_id = e.id AND s.role = 'source'
                       AND s.actor_id = (v_actor_map->>(p->>'actor'))::bigint
                 WHERE p->>'role' = 'source')) AS same_side,
             (SELECT count(DISTINCT ep.actor_id) FROM event_participants ep
               WHERE ep.event_id = e.id AND ep.actor_id = ANY(v_ids)) AS shared,
             (SELECT count(DISTINCT x.actor_id) FROM event_participants x WHERE x.event_id = e.id) AS n_old
        -- the candidates by their key alone (OFFSET 0: the tests below are
        -- not pushed into the scan, so no plan reads events by status)
        FROM (SELECT * FROM events WHERE id = ANY(v_cands) OFFSET 0) e
       WHERE (CASE WHEN v_family <> '' THEN left(coalesce(e.cameo_code, ''), 2) = v_family
                   ELSE e.type = v_event->>'type' END)
         -- what happened is not what was planned, denied or only possible
         AND e.status = coalesce(v_event->>'status', 'occurred')) c
       WHERE c.same_side
         AND (c.shared >= least(2, cardinality(v_ids), c.n_old)
              -- an undated report in a known news cycle: one shared party will do
              OR (v_date IS NULL AND c.type = v_event->>'type'
                  AND c.date BETWEEN v_anchor - 31 AND v_anchor + 31)
              -- the same kind of event, same place, same day, told with other
              -- names for its parties ("Turkey" here, "Fidan" there) — unless
              -- both reports name several parties and none in common
              OR (v_loc IS NOT NULL AND parley_fold(c.location_name) = parley_fold(v_loc)
                  AND v_prec = 'day' AND c.date_precision = 'day' AND c.date = v_date
                  AND (c.shared >= 1 OR cardinality(v_ids) <= 1 OR c.n_old <= 1)))
         AND (v_country IS NULL OR c.location_country IS NULL OR c.location_country = v_country)
         -- what the dates below allow at most, tested first: it reads no
         -- other table, so a busy party's events of other days are dropped
         -- before their parties are counted
         AND (c.date IS NULL OR v_date IS NULL OR abs(c.date - v_date) <= 1
              OR parley_dates_agree(c.date, c.date_precision, v_date, v_prec))
         AND CASE
               -- an undated report joins only on strong evidence
               WHEN c.date IS NULL OR v_date IS NULL THEN
                 (c.shared >= 2 OR (v_loc IS NOT NULL AND parley_fold(c.location_name) = parley_fold(v_loc))
                  -- or it is this article's own story, told again without its date
                  OR c.id = ANY(v_mentioned)
                  OR (v_date IS NULL AND c.date IS NOT NULL AND c.type = v_event->>'type'
                      AND c.date BETWEEN v_anchor - 31 AND v_anchor + 31))
                 -- once the article's news cycle is known, not outside it
                 AND (v_anchor IS NULL OR c.date IS NULL
                      OR c.date BETWEEN v_anchor - 31 AND v_anchor + 31)
               -- the same parties a day apart: time zones, "yesterday", a two-day summit
               WHEN c.shared >= 2 AND c.date_precision = 'day' AND v_prec = 'day' THEN
                 abs(c.date - v_date) <= 1
               ELSE parley_dates_agree(c.date, c.date_precision, v_date, v_prec) END
       ORDER BY c.shared DESC,
                (v_loc IS NOT NULL AND parley_fold(c.location_name) = parley_fold(v_loc)) DESC,
                (c.type = v_event->>'type') DESC,
                (c.date IS NOT NULL) DESC,
                abs(c.date - coalesce(v_date, v_anchor)) NULLS LAST,
                c.mention_count DESC, c.id
       LIMIT 1;

    IF v_id IS NULL THEN
      INSERT INTO events (type, cameo_code, title, date, date_precision, status, location_name, location_country)
      VALUES (coalesce(v_event->>'type', 'other'), v_event->>'cameo', v_event->>'title', v_date, v_prec,
              coalesce(v_event->>'status', 'occurred'), v_loc, v_country)
      RETURNING id INTO v_id;
      v_new_events := v_new_events + 1;
      v_created := v_created || v_id;
    ELSE
      -- An undated article is anchored by the dated events it reports.
      IF NOT v_anchor_fixed THEN
        v_anchor := coalesce(v_anchor, (SELECT date FROM events WHERE id = v_id
                                          AND date_precision IN ('day', 'month')));
      END IF;
      -- A report that knows more (a finer date, the place) completes the event.
      UPDATE events SET
        date = CASE WHEN parley_precision_rank(v_prec) > parley_precision_rank(date_precision) THEN v_date ELSE date END,
        date_precision = CASE WHEN parley_precision_rank(v_prec) > parley_precision_rank(date_precision) THEN v_prec ELSE date_precision END,
        location_name = coalesce(location_name, v_loc),
        location_country = coalesce(location_country, v_country)
       WHERE id = v_id;
    END IF;
    v_mentioned := v_mentioned || v_id;

    -- the parties this report adds to the event (each one more event)
    v_new_pairs := v_new_pairs || ARRAY(
      SELECT x FROM unnest(v_ids) x
       WHERE NOT EXISTS (SELECT 1 FROM event_participants ep WHERE ep.event_id = v_id AND ep.actor_id = x));
    -- A report joining another article's event merges into it: each party
    -- keeps one role (a doer of this report is a doer there, never also its
    -- target; a party already there keeps its role otherwise), a country's
    -- government (an organisation coded as that country's GOV: "Kremlin"
    -- beside "Russia") is no second party beside it, and the title is
    -- rebuilt from the merged roles (parley_merged_title).  Reports of one
    -- article are stored as before, so an article alone reads the same.
    v_cross := NOT (v_id = ANY(v_created)) AND EXISTS (
      SELECT 1 FROM event_mentions m WHERE m.event_id = v_id AND m.article_id <> p_article);
    IF v_cross THEN
      -- (a party with several roles keeps the first of source, participant,
      -- target; a target this report makes a doer becomes a source)
      DELETE FROM event_participants ep
       WHERE ep.event_id = v_id
         AND ((ep.role = 'target'
               AND ep.actor_id IN (SELECT (v_actor_map->>(p->>'actor'))::bigint
                                     FROM jsonb_array_elements(coalesce(v_event->'participants', '[]')) p
                                    WHERE v_actor_map ? (p->>'actor') AND p->>'role' = 'source'))
              OR EXISTS (SELECT 1 FROM event_participants s
                          WHERE s.event_id = v_id AND s.actor_id = ep.actor_id
                            AND (CASE s.role WHEN 'source' THEN 0 WHEN 'participant' THEN 1 ELSE 2 END)
                                < (CASE ep.role WHEN 'source' THEN 0 WHEN 'participant' THEN 1 ELSE 2 END)));
      INSERT INTO event_participants (event_id, actor_id, role)
      SELECT DISTINCT ON (x.actor) v_id, x.actor, x.role
        FROM (SELECT (v_actor_map->>(p->>'actor'))::bigint AS actor, coalesce(p->>'role', 'participant') AS role, n
                FROM jsonb_array_elements(coalesce(v_event->'participants', '[]')) WITH ORDINALITY j(p, n)
               WHERE v_actor_map ? (p->>'actor')) x
       WHERE NOT EXISTS (SELECT 1 FROM event_participants ep
                          WHERE ep.event_id = v_id AND ep.actor_id = x.actor
                            AND (ep.role <> 'target' OR x.role <> 'source'))
       ORDER BY x.actor, CASE x.role WHEN 'source' THEN 0 WHEN 'participant' THEN 1 ELSE 2 END
      ON CONFLICT DO NOTHING;
      WITH gone AS (
        DELETE FROM event_participants ep USING actors o
         WHERE ep.event_id = v_id AND o.id = ep.actor_id AND o.kind = 'organization'
           AND o.country IS NOT NULL AND o.cameo_code IS NOT NULL
           AND EXISTS (SELECT 1 FROM event_participants cp JOIN actors c ON c.id = cp.actor_id
                        WHERE cp.event_id = v_id AND c.kind = 'country' AND c.country = o.country
                          AND o.cameo_code = c.cameo_code || 'GOV')
        RETURNING ep.actor_id)
      SELECT v_dropped || coalesce(array_agg(actor_id), '{}') INTO v_dropped FROM gone;
      IF v_doc_actors IS NULL THEN
        SELECT coalesce(jsonb_object_agg(a->>'ref', a), '{}') INTO v_doc_actors
          FROM jsonb_array_elements(coalesce(p_doc->'actors', '[]')) a WHERE a ? 'ref';
      END IF;
      -- (OFFSET 0: pulled up, the subquery's call was made once for each of
      -- the three places that read its title)
      UPDATE events e SET title = t.title
        FROM (SELECT parley_merged_title(v_id, v_event, v_doc_actors, v_actor_map) AS title OFFSET 0) t
       WHERE e.id = v_id AND t.title IS NOT NULL AND e.title IS DISTINCT FROM t.title;
    ELSE
      INSERT INTO event_participants (event_id, actor_id, role)
      SELECT v_id, (v_actor_map->>(p->>'actor'))::bigint, coalesce(p->>'role', 'participant')
        FROM jsonb_array_elements(coalesce(v_event->'participants', '[]')) p
       WHERE v_actor_map ? (p->>'actor')
      ON CONFLICT DO NOTHING;
    END IF;
    INSERT INTO event_mentions (event_id, article_id, sentence, start_offset, end_offset)
    VALUES (v_id, p_article,
            coalesce(substr(v_text, (v_event->>'sentence_start')::int + 1,
                            (v_event->>'sentence_end')::int - (v_event->>'sentence_start')::int), ''),
            coalesce((v_event->>'sentence_start')::int, 0), coalesce((v_event->>'sentence_end')::int, 0))
    ON CONFLICT (event_id, article_id) DO NOTHING;
    IF v_event ? 'ref' THEN
      v_event_map := v_event_map || jsonb_build_object(v_event->>'ref', v_id);
    END IF;
  END LOOP;

  -- Every statement in one insert, in the extractor's order: dated from
  -- its own clause at its precision ("at a February hearing": a month),
  -- else on the article's day (0024); an unnamed speaker's description
  -- (0027) only where no speaker is named.
  SELECT published_at::date INTO v_pub FROM articles WHERE id = p_article;
  INSERT INTO statements (speaker_id, article_id, event_id, text, kind, cue, start_offset, end_offset, sentence,
                          date, date_precision, source_description)
  SELECT (v_actor_map->>(st->>'speaker'))::bigint, p_article, (v_event_map->>(st->>'event'))::bigint,
         st->>'text', coalesce(st->>'kind', 'direct'), st->>'cue',
         coalesce((st->>'start')::int, 0), coalesce((st->>'end')::int, 0),
         substr(v_text, (st->>'sentence_start')::int + 1,
                (st->>'sentence_end')::int - (st->>'sentence_start')::int),
         coalesce(d.own, v_pub),
         CASE WHEN d.own IS NOT NULL
              THEN CASE length(st->>'date') WHEN 10 THEN 'day' WHEN 7 THEN 'month' ELSE 'year' END
              WHEN v_pub IS NOT NULL THEN 'day' END,
         CASE WHEN v_actor_map->>(st->>'speaker') IS NULL
              THEN left(nullif(btrim(st->>'source_description'), ''), 200) END
    FROM jsonb_array_elements(coalesce(p_doc->'statements', '[]')) WITH ORDINALITY j(st, n),
         LATERAL (SELECT parley_date(st->>'date') AS own) d
   WHERE coalesce(st->>'text', '') <> ''
   ORDER BY j.n
  ON CONFLICT (article_id, start_offset, end_offset) DO NOTHING;
  GET DIAGNOSTICS v_nstmt = ROW_COUNT;

  -- Lock the rows to recount in id order (events here, actors at commit
  -- unless re-stored); the counts are taken by later statements, which see
  -- every store committed before.
  -- An event this article no longer mentions may be deleted: locked FOR
  -- UPDATE, so a store adding a mention to it commits first.
  v_gone := ARRAY(SELECT unnest(v_old_events) EXCEPT SELECT unnest(v_mentioned));
  PERFORM 1 FROM events WHERE id = ANY(v_gone) ORDER BY id FOR UPDATE;
  PERFORM 1 FROM events WHERE id = ANY(v_mentioned) ORDER BY id FOR NO KEY UPDATE;
  IF v_fresh THEN
    PERFORM parley_count_article_events(p_article, v_mentioned, v_created);
    -- the actors' rows at commit, last (parley_defer_actor_changes)
    PERFORM parley_defer_actor_changes(jsonb_build_object(
      'article', p_article, 'actors', ARRAY(SELECT (value)::bigint FROM jsonb_each_text(v_actor_map)),
      'pairs', v_new_pairs, 'attrs', v_attrs, 'recount', v_dropped));
  ELSE
    v_old_actors := v_old_actors || ARRAY(SELECT (value)::bigint FROM jsonb_each_text(v_actor_map)) || v_dropped;
    PERFORM 1 FROM actors WHERE id = ANY(v_old_actors) ORDER BY id FOR NO KEY UPDATE;
    PERFORM parley_fill_actor_attrs(v_attrs);
    PERFORM parley_refresh_counts(v_old_events || v_mentioned, v_old_actors);
  END IF;

  RETURN jsonb_build_object(
    'actors', (SELECT count(*) FROM article_actors WHERE article_id = p_article),
    'statements', v_nstmt,
    'events', cardinality(ARRAY(SELECT DISTINCT unnest(v_mentioned))),
    'new_events', v_new_events);
END $$;
