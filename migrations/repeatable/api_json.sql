-- JSON shapes of the API's resources, built by the database in one pass
-- (the server passes them through).  One function per resource, used by
-- both the collection and the single-item endpoints.
--
-- Repeatable: re-applied whenever this file changes (see migrations/README.md).

-- A date at its precision: "2025-08-15", "2025-08" or "2025".
-- STABLE, as to_char is: declared IMMUTABLE it could not be inlined, and
-- each document called it as a function of its own.
CREATE OR REPLACE FUNCTION parley_date_text(d date, p text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE RETURN
  CASE WHEN d IS NULL THEN NULL
       WHEN p = 'year' THEN to_char(d, 'YYYY')
       WHEN p = 'month' THEN to_char(d, 'YYYY-MM')
       ELSE to_char(d, 'YYYY-MM-DD') END;

-- The actors an API parameter names (an id, or a name/alias, folded), as an
-- array computed once per query, so filters probe indexes with it.
CREATE OR REPLACE FUNCTION parley_actor_ids(ref text) RETURNS bigint[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_norm text := parley_fold(ref);
  v_id bigint := CASE WHEN ref ~ '^[0-9]{1,18}$' THEN ref::bigint END;
  v_ids bigint[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT x), '{}') INTO v_ids FROM (
    SELECT coalesce(merged_into, id) AS x FROM actors WHERE id = v_id
    UNION ALL
    SELECT coalesce(merged_into, id) FROM actors WHERE norm_name = v_norm
    UNION ALL
    SELECT coalesce(a.merged_into, a.id) FROM actor_aliases al JOIN actors a ON a.id = al.actor_id
     WHERE al.norm_alias = v_norm) s;
  RETURN v_ids;
END $$;

-- The three documents (event, actor, statement) are PL/pgSQL returning one
-- query: the query's plan is kept for the session.  As SQL functions (which
-- cannot be inlined: their queries have subqueries) the body was parsed and
-- planned again for every statement that built documents: at each store's
-- commit, for its few documents, that planning was most of the work
-- (500 rebuilds of 5 event documents: 180 ms as SQL, 65 ms as PL/pgSQL).
CREATE OR REPLACE FUNCTION parley_event_json(e events) RETURNS json
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT json_build_object(
    'id', e.id, 'type', e.type, 'cameo_code', e.cameo_code, 'title', e.title,
    'date', parley_date_text(e.date, e.date_precision), 'date_precision', e.date_precision,
    'status', e.status,
    'location', CASE WHEN e.location_name IS NULL AND e.location_country IS NULL THEN NULL
                     ELSE json_build_object('name', e.location_name, 'country', e.location_country) END,
    -- One entry per actor, under its most telling role (source > target > participant).
    'participants', coalesce((
       SELECT json_agg(json_build_object('actor_id', x.id, 'name', x.name, 'kind', x.kind, 'role', x.role)
                       ORDER BY x.role DESC, x.name)
         -- (each actor by its key: OFFSET 0 keeps a plan made while the
         -- tables were small from hashing every actor for each document)
         FROM (SELECT DISTINCT ON (a.id) a.id, a.name, a.kind, p.role
                 FROM event_participants p
                      CROSS JOIN LATERAL (SELECT a.id, a.name, a.kind FROM actors a
                                           WHERE a.id = p.actor_id OFFSET 0) a
                WHERE p.event_id = e.id
                ORDER BY a.id, CASE p.role WHEN 'source' THEN 0 WHEN 'target' THEN 1 ELSE 2 END) x), '[]'),
    'mention_count', e.mention_count, 'source_count', e.source_count,
    'first_seen', e.first_seen, 'last_seen', e.last_seen,
    'quad_class', cs.quad_class, 'goldstein', cs.goldstein,
    'evidence', (SELECT json_build_object('article_id', m.article_id, 'sentence', m.sentence,
                                          'offsets', json_build_array(m.start_offset, m.end_offset))
                   -- (the event's mentions by their index, then the first: in id
                   -- order a plan could read every mention up to this event's)
                   FROM event_mentions m WHERE m.event_id = e.id ORDER BY m.id + 0 LIMIT 1))
    -- the CAMEO scale row parley_cameo_scale() gives, looked up once, in
    -- this query (two calls of that function cost a third of a document)
    FROM (SELECT NULL) one
    LEFT JOIN LATERAL (SELECT c.quad_class, c.goldstein FROM cameo_scale c
                        WHERE c.code IN (e.cameo_code, left(e.cameo_code, 3), left(e.cameo_code, 2))
                        ORDER BY length(c.code) DESC LIMIT 1) cs ON true);
END $$;

CREATE OR REPLACE FUNCTION parley_actor_json(a actors) RETURNS json
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT json_build_object(
    'id', a.id, 'name', a.name, 'kind', a.kind,
    'aliases', coalesce((SELECT json_agg(al.alias ORDER BY al.alias) FROM actor_aliases al
                          WHERE al.actor_id = a.id AND al.norm_alias <> a.norm_name), '[]'),
    'title', a.title, 'country', a.country, 'cameo_code', a.cameo_code,
    'statement_count', a.statement_count, 'event_count', a.event_count,
    'first_seen', a.first_seen, 'last_seen', a.last_seen));
END $$;

CREATE OR REPLACE FUNCTION parley_statement_json(s statements) RETURNS json
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT json_build_object(
    'id', s.id, 'text', s.text, 'kind', s.kind, 'cue', s.cue,
    'speaker', (SELECT json_build_object('id', a.id, 'name', a.name) FROM actors a WHERE a.id = s.speaker_id),
    'source_description', s.source_description,
    'date', parley_date_text(s.date, coalesce(s.date_precision, 'day')), 'date_precision', s.date_precision,
    'article', (SELECT json_build_object('id', ar.id, 'url', ar.url, 'title', ar.title)
                  FROM articles ar WHERE ar.id = s.article_id),
    'event_id', s.event_id, 'sentence', s.sentence,
    'offsets', json_build_array(s.start_offset, s.end_offset)));
END $$;

CREATE OR REPLACE FUNCTION parley_article_json(a articles) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', a.id, 'url', a.url, 'canonical_url', a.canonical_url, 'title', a.title,
    'site_name', a.site_name, 'author', a.author, 'language', a.language,
    'published_at', a.published_at, 'published_source', a.published_source,
    'fetched_at', a.fetched_at, 'relevance', a.relevance, 'off_topic', a.off_topic,
    'status', a.status, 'error', a.error, 'source_id', a.source_id)
$$;

-- Single-item views: the list shape plus what only the detail page shows.
CREATE OR REPLACE FUNCTION parley_event_detail(p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT (parley_event_json(e)::jsonb || jsonb_build_object(
    'mentions', coalesce((
       SELECT jsonb_agg(jsonb_build_object('article_id', ar.id, 'url', ar.url, 'title', ar.title,
                                           'published_at', ar.published_at, 'sentence', m.sentence,
                                           'offsets', jsonb_build_array(m.start_offset, m.end_offset))
                        ORDER BY m.id)
         FROM event_mentions m JOIN articles ar ON ar.id = m.article_id WHERE m.event_id = e.id), '[]'),
    'statements', coalesce((
       SELECT jsonb_agg(parley_statement_json(s)::jsonb ORDER BY s.id)
         FROM statements s WHERE s.event_id = e.id), '[]')))::json
    FROM events e WHERE e.id = p_id
$$;

CREATE OR REPLACE FUNCTION parley_article_detail(p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT (parley_article_json(a)::jsonb || jsonb_build_object(
    'text', a.text,
    'urls', coalesce((SELECT jsonb_agg(u.url ORDER BY u.url) FROM article_urls u WHERE u.article_id = a.id), '[]'),
    'actors', coalesce((
       SELECT jsonb_agg(parley_actor_json(ac)::jsonb
                        || jsonb_build_object('title_in_article', aa.title)
                        ORDER BY aa.mention_count DESC, ac.id)
         FROM article_actors aa JOIN actors ac ON ac.id = aa.actor_id WHERE aa.article_id = a.id), '[]'),
    'statements', coalesce((
       SELECT jsonb_agg(parley_statement_json(s)::jsonb ORDER BY s.start_offset)
         FROM statements s WHERE s.article_id = a.id), '[]'),
    'events', coalesce((
       SELECT jsonb_agg(parley_event_json(e)::jsonb || jsonb_build_object(
                          'mention', jsonb_build_object('sentence', m.sentence,
                                     'offsets', jsonb_build_array(m.start_offset, m.end_offset)))
                        ORDER BY m.start_offset)
         FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = a.id), '[]')))::json
    FROM articles a WHERE a.id = p_id
$$;

-- The CAMEO scale row for a code: itself, else its nearest listed parent (table from 0021).
CREATE OR REPLACE FUNCTION parley_cameo_scale(p_code text) RETURNS cameo_scale
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT c.* FROM cameo_scale c
   WHERE p_code IS NOT NULL AND c.code IN (p_code, left(p_code, 3), left(p_code, 2))
   ORDER BY length(c.code) DESC LIMIT 1
$$;
