-- 0030: statement_terms (0022) without its foreign key to statements.  The
-- rows are filed only by the statements' own triggers (repeatable/
-- read_models.sql), for a statement inserted or updated in the same
-- transaction, so the key always exists; the foreign key checked it once
-- per term all the same (≈ 120 lookups, FOR KEY SHARE, per stored article)
-- and served only to delete the terms with their statement, which the
-- statements' DELETE and TRUNCATE triggers now do.
ALTER TABLE statement_terms DROP CONSTRAINT statement_terms_statement_id_fkey;
