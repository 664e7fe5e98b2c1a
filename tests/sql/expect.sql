-- pg_temp.expect(what, got, want): the assertion of the SQL test files
-- (included with \ir); raises "FAIL what: got …, want …" on a mismatch.
CREATE FUNCTION pg_temp.expect(p_what text, p_got bigint, p_want bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_got IS DISTINCT FROM p_want THEN
    RAISE EXCEPTION 'FAIL %: got %, want %', p_what, p_got, p_want;
  END IF;
  RAISE NOTICE 'ok   %', p_what;
END $$;
