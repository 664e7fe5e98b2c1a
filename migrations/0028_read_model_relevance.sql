-- 0028: relevance kept with the read models (issue 13).  A list's default
-- ?relevance=relevant used to test, for every row it read, whether a
-- relevant (not off-topic) article reports the record — a probe of
-- event_mentions and articles per event, of articles per statement — and
-- made the one-word search join statements just for it.  Each read model
-- now carries that answer, kept current with the documents
-- (repeatable/read_models.sql: a mention, or an article's off_topic flag,
-- changes it in the transaction that changes them):
--
--   * event_docs.relevant, actor_events.relevant: a relevant article
--     mentions the event;
--   * statement_docs.relevant, statement_terms.relevant: the statement's
--     article is not off-topic.
--
-- The page indexes put the flag right after their equality key, so an
-- actor's relevant events and a word's relevant statements are one index
-- range in the keyset order; with ?relevance=all the indexes of 0022 serve.
ALTER TABLE event_docs ADD COLUMN relevant boolean NOT NULL DEFAULT true;
ALTER TABLE statement_docs ADD COLUMN relevant boolean NOT NULL DEFAULT true;
ALTER TABLE actor_events ADD COLUMN relevant boolean NOT NULL DEFAULT true;
ALTER TABLE statement_terms ADD COLUMN relevant boolean NOT NULL DEFAULT true;

UPDATE event_docs d SET relevant = false
 WHERE NOT EXISTS (SELECT 1 FROM event_mentions m JOIN articles ar ON ar.id = m.article_id
                    WHERE m.event_id = d.id AND NOT ar.off_topic);
UPDATE actor_events ae SET relevant = false FROM event_docs d WHERE d.id = ae.event_id AND NOT d.relevant;
UPDATE statement_docs d SET relevant = false
  FROM statements s JOIN articles ar ON ar.id = s.article_id
 WHERE s.id = d.id AND ar.off_topic;
UPDATE statement_terms t SET relevant = false FROM statement_docs d
 WHERE d.id = t.statement_id AND NOT d.relevant;

CREATE INDEX actor_events_relevant ON actor_events (actor_id, relevant, sort_date DESC, event_id DESC);
CREATE INDEX statement_terms_relevant ON statement_terms (term, relevant, sort_date DESC, statement_id DESC);
