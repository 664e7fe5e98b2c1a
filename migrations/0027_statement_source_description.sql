-- 0027: a statement whose speaker the text leaves unnamed ("a senior
-- official said", "a spokeswoman for the ministry said") keeps that
-- description: the extraction gives it as `source_description` (never
-- beside a speaker), store_extraction() stores it, and the statement
-- document, the CSV export and the OpenAPI document show it.
ALTER TABLE statements ADD COLUMN source_description text
  CHECK (char_length(source_description) BETWEEN 1 AND 200);
