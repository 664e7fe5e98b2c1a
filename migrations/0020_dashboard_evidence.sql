-- The dashboard's evidence and search (issue 15).
--
-- 1. Event search reads the sentences that report an event, not only its
--    title, type and place (?q=prisoner exchange finds the Istanbul talks):
--    a GIN index on the mentions' sentences serves the second half of the
--    events ?q= predicate (service/src/db/resources.c).
-- 2. Every event carries its evidence: the first sentence that reported it,
--    with its article and offsets (lists and CSV exports show it).
-- 3. An article's detail lists, for each event, the sentence of this
--    article that reports it with its offsets, so the article view can
--    highlight and link every mention.

CREATE INDEX event_mentions_tsv ON event_mentions USING gin (to_tsvector('english', sentence));

-- ==== function parley_event_json (repeatable: may move to a repeatable file) ====
CREATE OR REPLACE FUNCTION parley_event_json(e events) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', e.id, 'type', e.type, 'cameo_code', e.cameo_code, 'title', e.title,
    'date', parley_date_text(e.date, e.date_precision), 'date_precision', e.date_precision,
    'status', e.status,
    'location', CASE WHEN e.location_name IS NULL AND e.location_country IS NULL THEN NULL
                     ELSE json_build_object('name', e.location_name, 'country', e.location_country) END,
    -- One entry per actor, under its most telling role (source > target > participant).
    'participants', coalesce((
       SELECT json_agg(json_build_object('actor_id', x.id, 'name', x.name, 'kind', x.kind, 'role', x.role)
                       ORDER BY x.role DESC, x.name)
         FROM (SELECT DISTINCT ON (a.id) a.id, a.name, a.kind, p.role
                 FROM event_participants p JOIN actors a ON a.id = p.actor_id
                WHERE p.event_id = e.id
                ORDER BY a.id, CASE p.role WHEN 'source' THEN 0 WHEN 'target' THEN 1 ELSE 2 END) x), '[]'),
    'mention_count', e.mention_count, 'source_count', e.source_count,
    'first_seen', e.first_seen, 'last_seen', e.last_seen,
    'evidence', (SELECT json_build_object('article_id', m.article_id, 'sentence', m.sentence,
                                          'offsets', json_build_array(m.start_offset, m.end_offset))
                   FROM event_mentions m WHERE m.event_id = e.id ORDER BY m.id LIMIT 1))
$$;
-- ==== end function parley_event_json ====

-- ==== function parley_article_detail (repeatable: may move to a repeatable file) ====
CREATE OR REPLACE FUNCTION parley_article_detail(p_id bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT (parley_article_json(a)::jsonb || jsonb_build_object(
    'text', a.text,
    'urls', coalesce((SELECT jsonb_agg(u.url ORDER BY u.url) FROM article_urls u WHERE u.article_id = a.id), '[]'),
    'actors', coalesce((
       SELECT jsonb_agg(parley_actor_json(ac)::jsonb ORDER BY aa.mention_count DESC, ac.id)
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
-- ==== end function parley_article_detail ====
