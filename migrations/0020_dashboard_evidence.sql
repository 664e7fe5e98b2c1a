-- The dashboard's evidence and search (issue 15).
--
-- 1. Event search reads the sentences that report an event, not only its
--    title, type and place (?q=prisoner exchange finds the Istanbul talks):
--    a GIN index on the mentions' sentences serves the second half of the
--    events ?q= predicate (service/src/db/resources.c).
-- 2. An article's detail lists, for each event, the sentence of this
--    article that reports it with its offsets, so the article view can
--    highlight and link every mention.

CREATE INDEX event_mentions_tsv ON event_mentions USING gin (to_tsvector('english', sentence));

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
