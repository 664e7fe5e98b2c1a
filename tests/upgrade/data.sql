-- Data an earlier release stored, written through that release's own SQL
-- (parley_upsert_article, store_extraction), so the upgrade test starts
-- from rows shaped exactly as it left them.  Names and text are ours.
\set ON_ERROR_STOP on
INSERT INTO sources (url, kind, interval_seconds) VALUES ('https://upgrade.example/feed', 'feed', 900);
SELECT store_extraction(u.id, jsonb_build_object(
  'actors', jsonb_build_array(
    jsonb_build_object('ref', 'a0', 'name', 'Anna Keller', 'kind', 'person',
                       'title', 'Foreign Minister', 'country', 'CHE'),
    jsonb_build_object('ref', 'a1', 'name', 'Piotr Nowak', 'kind', 'person', 'country', 'POL')),
  'events', jsonb_build_array(jsonb_build_object(
    'ref', 'e0', 'type', 'meet', 'cameo', '040', 'date', '2025-03-04', 'date_precision', 'day',
    'title', 'Anna Keller meets Piotr Nowak',
    'location', jsonb_build_object('name', 'Geneva', 'country', 'CHE'),
    'participants', jsonb_build_array(jsonb_build_object('actor', 'a0', 'role', 'participant'),
                                      jsonb_build_object('actor', 'a1', 'role', 'participant')),
    'sentence_start', 0, 'sentence_end', 60)),
  'statements', jsonb_build_array(jsonb_build_object(
    'speaker', 'a0', 'kind', 'direct', 'cue', 'said', 'text', 'The talks were useful',
    'start', 70, 'end', 91, 'sentence_start', 62, 'sentence_end', 110, 'event', 'e0'))))
FROM parley_upsert_article('https://upgrade.example/geneva', NULL, 'Keller meets Nowak in Geneva',
       'upgrade.example', NULL, 'en', '2025-03-05', 'Anna Keller met Piotr Nowak in Geneva on Tuesday. '
       || '"The talks were useful," Keller said after the meeting in Geneva.', NULL) u;
UPDATE articles SET status = 'extracted';
