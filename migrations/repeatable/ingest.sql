-- Functions of ingestion: storing an article under every URL it is known by,
-- queueing feed items, the JSON of a source.
--
-- Repeatable: re-applied whenever this file changes (see migrations/README.md).

-- parley_upsert_article: stores an article under its URL, recognising the
-- same story reached another way — the same URL, its canonical URL, or the
-- same body under a new URL — so it is stored once with every URL known.
-- Answers the article id, whether it is new, and whether its text changed
-- (the caller re-extracts only then).
-- With p_mark, a new or changed text also takes the relevance, topic and
-- date source the caller worked out (parley_ingest_article) in the same
-- write: a second UPDATE of the row would compute its full-text vector (a
-- stored generated column over the whole text) a second time.
-- (its nine-argument form is dropped by migrations/0031)
CREATE OR REPLACE FUNCTION parley_upsert_article(
  p_url text, p_canonical text, p_title text, p_site text, p_author text, p_language text,
  p_published timestamptz, p_text text, p_source bigint,
  p_mark boolean DEFAULT false, p_relevance real DEFAULT NULL, p_off_topic boolean DEFAULT false,
  p_published_source text DEFAULT NULL,
  OUT id bigint, OUT created boolean, OUT changed boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_variable
DECLARE
  v_hash text := CASE WHEN coalesce(p_text, '') <> '' THEN md5(p_text) END;
  v_old_hash text;
BEGIN
  -- Two copies of one body stored at the same moment (two URLs or files of
  -- one story, two workers) are one article: the second waits here until
  -- the first commits, then finds it by its hash below.
  IF v_hash IS NOT NULL AND length(p_text) >= 200 THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('article:' || v_hash, 0));
  END IF;
  SELECT u.article_id INTO id FROM article_urls u WHERE u.url IN (p_url, p_canonical) LIMIT 1;
  IF id IS NULL AND v_hash IS NOT NULL AND length(p_text) >= 200 THEN
    SELECT a.id INTO id FROM articles a WHERE a.content_hash = v_hash ORDER BY a.id LIMIT 1;
  END IF;

  IF id IS NULL THEN
    INSERT INTO articles (url, canonical_url, title, site_name, author, language, published_at,
                          text, content_hash, status, source_id, relevance, off_topic, published_source)
    VALUES (p_url, p_canonical, p_title, p_site, p_author, p_language, p_published,
            p_text, v_hash, CASE WHEN v_hash IS NULL THEN 'pending' ELSE 'extracted' END, p_source,
            CASE WHEN p_mark AND v_hash IS NOT NULL THEN p_relevance END,
            p_mark AND v_hash IS NOT NULL AND coalesce(p_off_topic, false),
            CASE WHEN p_mark AND v_hash IS NOT NULL THEN p_published_source END)
    ON CONFLICT (url) DO NOTHING
    RETURNING articles.id INTO id;
    IF id IS NULL THEN  -- a concurrent insert of the same URL won the race
      SELECT a.id INTO id FROM articles a WHERE a.url = p_url;
      created := false;
    ELSE
      created := true;
    END IF;
    changed := created AND v_hash IS NOT NULL;
  ELSE
    SELECT a.content_hash INTO v_old_hash FROM articles a WHERE a.id = id;
    created := false;
    changed := v_hash IS NOT NULL AND v_hash IS DISTINCT FROM v_old_hash;
    UPDATE articles a SET
      canonical_url = coalesce(p_canonical, a.canonical_url),
      title = coalesce(p_title, a.title), site_name = coalesce(p_site, a.site_name),
      author = coalesce(p_author, a.author), language = coalesce(p_language, a.language),
      published_at = coalesce(p_published, a.published_at),
      text = CASE WHEN changed THEN p_text ELSE a.text END,
      content_hash = CASE WHEN changed THEN v_hash ELSE a.content_hash END,
      status = CASE WHEN changed THEN 'extracted' ELSE a.status END,
      error = CASE WHEN changed THEN NULL ELSE a.error END,
      source_id = coalesce(a.source_id, p_source),
      relevance = CASE WHEN changed AND p_mark THEN p_relevance ELSE a.relevance END,
      off_topic = CASE WHEN changed AND p_mark THEN coalesce(p_off_topic, false) ELSE a.off_topic END,
      published_source = CASE WHEN changed AND p_mark THEN coalesce(p_published_source, a.published_source)
                              ELSE a.published_source END,
      fetched_at = now(), updated_at = now()
     WHERE a.id = id;
  END IF;

  INSERT INTO article_urls (url, article_id) VALUES (p_url, id) ON CONFLICT DO NOTHING;
  IF p_canonical IS NOT NULL THEN
    INSERT INTO article_urls (url, article_id) VALUES (p_canonical, id) ON CONFLICT DO NOTHING;
  END IF;
END $$;

-- parley_enqueue_item: one feed item becomes a pending article unless it was
-- seen before (its guid in this feed, or its link / canonical link under any
-- article).  The feed's title, date and author are kept on the row; the
-- page fills only what they lack (parley_upsert_article coalesces).
CREATE OR REPLACE FUNCTION parley_enqueue_item(
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
CREATE OR REPLACE FUNCTION parley_source_json(s sources) RETURNS jsonb
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

-- parley_ingest_article: an article stored in one statement, so in one
-- round trip and one transaction of its own (the caller sends no BEGIN or
-- COMMIT): parley_upsert_article, which also files the article's relevance,
-- topic and date source when its text is new or changed and an extraction
-- is given, then store_extraction; else the counts of what is stored for it.  counts
-- is the text store_extraction answers (or the same shape).
CREATE OR REPLACE FUNCTION parley_ingest_article(
  p_url text, p_canonical text, p_title text, p_site text, p_author text, p_language text,
  p_published timestamptz, p_text text, p_source bigint,
  p_doc jsonb, p_relevance real, p_off_topic boolean, p_published_source text,
  OUT id bigint, OUT created boolean, OUT changed boolean, OUT counts text)
LANGUAGE plpgsql
-- Generic plans for every statement the store runs (see parley_docs_flush,
-- which runs at commit, outside this call).
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_variable
BEGIN
  SELECT u.id, u.created, u.changed INTO id, created, changed
    FROM parley_upsert_article(p_url, p_canonical, p_title, p_site, p_author, p_language,
                               p_published, p_text, p_source,
                               p_doc IS NOT NULL, p_relevance, p_off_topic, p_published_source) u;
  IF changed AND p_doc IS NOT NULL THEN
    counts := store_extraction(id, p_doc)::text;
  ELSE
    counts := json_build_object(
      'actors', (SELECT count(*) FROM article_actors x WHERE x.article_id = id),
      'statements', (SELECT count(*) FROM statements x WHERE x.article_id = id),
      'events', (SELECT count(*) FROM event_mentions x WHERE x.article_id = id),
      'new_events', 0)::text;
  END IF;
END $$;
