-- Ingestion queue: what the worker needs beyond the columns 0001 reserved.
-- A source's kind may be unknown until its first fetch sniffs it; feed
-- items are remembered per source by guid so an item seen once is never
-- queued again, even when its link changes spelling.

ALTER TABLE sources ALTER COLUMN kind DROP NOT NULL;

CREATE TABLE feed_items (
  source_id  bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  guid       text NOT NULL,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  seen_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, guid)
);
CREATE INDEX feed_items_article ON feed_items (article_id);

-- parley_enqueue_item: one feed item becomes a pending article unless it was
-- seen before (its guid in this feed, or its link / canonical link under any
-- article).  The feed's title, date and author are kept on the row; the
-- page fills only what they lack (parley_upsert_article coalesces).
CREATE FUNCTION parley_enqueue_item(
  p_source bigint, p_url text, p_canonical text, p_guid text, p_title text,
  p_published timestamptz, p_author text, OUT id bigint, OUT created boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_variable
BEGIN
  created := false;
  SELECT f.article_id INTO id FROM feed_items f WHERE f.source_id = p_source AND f.guid = p_guid;
  IF id IS NULL THEN
    SELECT u.article_id INTO id FROM article_urls u WHERE u.url IN (p_url, p_canonical) LIMIT 1;
  END IF;
  IF id IS NULL THEN
    INSERT INTO articles (url, canonical_url, title, author, published_at, source_id, status)
    VALUES (p_url, p_canonical, p_title, p_author, p_published, p_source, 'pending')
    ON CONFLICT (url) DO NOTHING
    RETURNING articles.id INTO id;
    IF id IS NULL THEN  -- a concurrent insert of the same URL won the race
      SELECT a.id INTO id FROM articles a WHERE a.url = p_url;
    ELSE
      created := true;
    END IF;
    INSERT INTO article_urls (url, article_id) VALUES (p_url, id) ON CONFLICT DO NOTHING;
    IF p_canonical IS NOT NULL THEN
      INSERT INTO article_urls (url, article_id) VALUES (p_canonical, id) ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  -- A feed file given to `parley ingest` has no source to remember items under.
  IF p_source IS NOT NULL AND p_guid IS NOT NULL THEN
    INSERT INTO feed_items (source_id, guid, article_id) VALUES (p_source, p_guid, id)
    ON CONFLICT DO NOTHING;
  END IF;
END $$;

-- A source as the API shows it, with how its articles fared.
CREATE FUNCTION parley_source_json(s sources) RETURNS jsonb
LANGUAGE sql STABLE RETURN jsonb_build_object(
  'id', s.id, 'url', s.url, 'kind', s.kind, 'name', s.name,
  'interval', s.interval_seconds, 'enabled', s.enabled,
  'next_fetch_at', s.next_fetch_at, 'last_fetched_at', s.last_fetched_at,
  'last_status', s.last_status, 'last_error', s.last_error, 'failures', s.failures,
  'created_at', s.created_at,
  'articles', (SELECT jsonb_build_object(
      'total', count(*),
      'pending', count(*) FILTER (WHERE a.status IN ('pending', 'fetching')),
      'extracted', count(*) FILTER (WHERE a.status = 'extracted'),
      'failed', count(*) FILTER (WHERE a.status = 'failed'))
    FROM articles a WHERE a.source_id = s.id));
