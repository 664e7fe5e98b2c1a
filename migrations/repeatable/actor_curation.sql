-- The actor dictionary as a product: merging a duplicate into the actor that
-- survives.
--
-- Repeatable: re-applied whenever this file changes (see migrations/README.md).

CREATE OR REPLACE FUNCTION parley_merge_actor(p_from bigint, p_into bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_events bigint[];
BEGIN
  IF p_from = p_into THEN
    RAISE EXCEPTION 'an actor cannot be merged into itself' USING ERRCODE = 'check_violation';
  END IF;
  PERFORM 1 FROM actors WHERE id IN (p_from, p_into) FOR UPDATE;
  IF (SELECT count(*) FROM actors WHERE id IN (p_from, p_into) AND merged_into IS NULL) <> 2 THEN
    RAISE EXCEPTION 'both actors must exist and not be merged already' USING ERRCODE = 'no_data_found';
  END IF;
  SELECT coalesce(array_agg(DISTINCT event_id), '{}') INTO v_events
    FROM event_participants WHERE actor_id = p_from;
  INSERT INTO event_participants (event_id, actor_id, role)
  SELECT event_id, p_into, role FROM event_participants WHERE actor_id = p_from
  ON CONFLICT DO NOTHING;
  DELETE FROM event_participants WHERE actor_id = p_from;
  UPDATE statements SET speaker_id = p_into WHERE speaker_id = p_from;
  INSERT INTO article_actors (article_id, actor_id, mention_count)
  SELECT article_id, p_into, mention_count FROM article_actors WHERE actor_id = p_from
  ON CONFLICT (article_id, actor_id) DO UPDATE
    SET mention_count = article_actors.mention_count + excluded.mention_count;
  DELETE FROM article_actors WHERE actor_id = p_from;
  INSERT INTO actor_aliases (actor_id, alias, norm_alias)
  SELECT p_into, alias, norm_alias FROM actor_aliases WHERE actor_id = p_from
  UNION SELECT p_into, name, norm_name FROM actors WHERE id = p_from
  ON CONFLICT DO NOTHING;
  UPDATE actors a SET
    title = coalesce(a.title, f.title), country = coalesce(a.country, f.country),
    cameo_code = coalesce(a.cameo_code, f.cameo_code), curated = true
    FROM actors f WHERE a.id = p_into AND f.id = p_from;
  UPDATE actors SET merged_into = p_into, statement_count = 0, event_count = 0 WHERE id = p_from;
  PERFORM parley_refresh_counts(v_events, ARRAY[p_into]);
END $$;
