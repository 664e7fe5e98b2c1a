-- Databases created before numbered migrations were append-only recorded
-- earlier texts of 0001-0003 (see historical-checksums.txt).  What those
-- texts left different from today's, beyond function bodies (which the
-- repeatable migrations replace), is put right here; on a database created
-- from today's texts this changes nothing.

-- 0001 before c6262b3 had no plain index on actor names.
CREATE INDEX IF NOT EXISTS actors_norm ON actors (norm_name);

-- 0003 before c6262b3 returned the actor ids as a set; the repeatable
-- definition returns an array, and a function's result type cannot be
-- replaced in place.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'parley_actor_ids' AND proretset) THEN
    DROP FUNCTION parley_actor_ids(text);
  END IF;
END $$;
