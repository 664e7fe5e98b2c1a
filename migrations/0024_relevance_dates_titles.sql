-- Issue 12, items 5-7: what an article is about, where its date came from,
-- and the titles it gives.
--
-- relevance: how much the article is about international affairs and
-- politics (0..1, extract/relevance.c with service/data/relevance.tsv);
-- off_topic: below PARLEY_RELEVANCE_THRESHOLD when it was stored — lists
-- and aggregates leave such articles (and what only they mention) out
-- unless asked for with ?relevance=all.  NULL relevance: not extracted yet
-- (or stored before this migration), never off-topic.
-- published_source: where published_at came from — given (the request or
-- feed), page (the HTML's metadata), url (a date in its path), text (a
-- dateline or the latest full date in the text), fetched (the day it was
-- stored, when nothing else told).
-- statements.date_precision: a statement is dated from its own clause ("said
-- at a February hearing": month), as events are; NULL when undated.
-- article_actors.title: the person's title as this article gives it at its
-- date ("candidate" in 2016), where actors.title is the dictionary's.

ALTER TABLE articles
  ADD COLUMN relevance real CHECK (relevance BETWEEN 0 AND 1),
  ADD COLUMN off_topic boolean NOT NULL DEFAULT false,
  ADD COLUMN published_source text
    CHECK (published_source IN ('given', 'page', 'url', 'text', 'fetched'));

UPDATE articles SET published_source = 'given' WHERE published_at IS NOT NULL;

CREATE INDEX articles_off_topic ON articles (id) WHERE off_topic;

ALTER TABLE article_actors ADD COLUMN title text;

ALTER TABLE statements ADD COLUMN date_precision text CHECK (date_precision IN ('day', 'month', 'year'));
UPDATE statements SET date_precision = 'day' WHERE date IS NOT NULL;
