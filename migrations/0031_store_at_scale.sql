-- The store's cost at scale (issue 13).
--
-- parley_upsert_article takes the article's relevance, topic and date
-- source with its text (repeatable/ingest.sql): its nine-argument form goes,
-- the repeatable file creates the new one.
DROP FUNCTION IF EXISTS parley_upsert_article(text, text, text, text, text, text, timestamptz, text, bigint);

-- The transliteration match of parley_find_actor() (a person one spelling
-- apart: same first letter, surnames at most one edit apart) looked its
-- candidates up by trigram similarity within the first letter: on the 1M
-- data set (200,000 actors) ≈ 10,000 generated people share the trigrams of
-- a common given name, each read and rechecked — 2.7 ms for each new name.
-- Two surnames one edit apart, the first of four letters or more, share
-- their first two letters or their last two (one edit changes one place,
-- or shifts what follows it), so these two indexes find every candidate.
CREATE INDEX actors_person_surname_head ON actors
  (left(norm_name, 1), left(regexp_replace(norm_name, '^.* ', ''), 2)) WHERE kind = 'person';
CREATE INDEX actors_person_surname_tail ON actors
  (left(norm_name, 1), right(regexp_replace(norm_name, '^.* ', ''), 2)) WHERE kind = 'person';
