-- Read models (issue 13): each event's, statement's and actor's API document
-- kept ready, so a list page is an index range scan plus one primary-key
-- probe per row instead of joins and JSON building on every request.
--
--   * event_docs, statement_docs, actor_docs: the JSON the reference
--     functions parley_event_json / parley_statement_json / parley_actor_json
--     build (migrations/repeatable/api_json.sql), stored as that very text.
--     Triggers (migrations/repeatable/read_models.sql) keep them current in
--     the transaction that changes any of their parts.
--   * actor_events: one row per (actor, event) with the event's sort key, so
--     an actor's events page is a range of (actor_id, sort_date, event_id):
--     the busiest actor's first page reads as many rows as the quietest's.
--   * statement_terms: statements by lexeme and date, for one-word searches.
--   * read_model_dirty: the documents a transaction changed, refreshed once
--     each when it commits (empty between transactions).
--   * read_model_state: a fingerprint of the reference functions the
--     documents were built with; a changed definition rebuilds them.
-- The documents are filled by parley_read_models_sync() (repeatable file),
-- which migrate runs after the repeatable migrations.

CREATE TABLE event_docs (
  id  bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  doc json NOT NULL
);
CREATE TABLE statement_docs (
  id  bigint PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE,
  doc json NOT NULL
);
CREATE TABLE actor_docs (
  id  bigint PRIMARY KEY REFERENCES actors (id) ON DELETE CASCADE,
  doc json NOT NULL
);

CREATE TABLE actor_events (
  actor_id  bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
  event_id  bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  sort_date date NOT NULL,
  PRIMARY KEY (actor_id, event_id)
);
CREATE INDEX actor_events_page ON actor_events (actor_id, sort_date DESC, event_id DESC);
CREATE INDEX actor_events_event ON actor_events (event_id);

-- statement_terms: each statement under every lexeme of its text, in date
-- order, so a one-word search reads its newest matches from one index range
-- however common or rare the word (a GIN index gives them unordered).
CREATE TABLE statement_terms (
  term         text NOT NULL,
  sort_date    date NOT NULL,
  statement_id bigint NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
  PRIMARY KEY (term, sort_date, statement_id)
);
CREATE INDEX statement_terms_statement ON statement_terms (statement_id);

CREATE UNLOGGED TABLE read_model_dirty (
  xid  bigint NOT NULL,
  kind "char" NOT NULL,
  id   bigint NOT NULL,
  PRIMARY KEY (xid, kind, id)
);

CREATE TABLE read_model_state (
  name        text PRIMARY KEY,
  fingerprint text NOT NULL,
  built_at    timestamptz NOT NULL DEFAULT now()
);

-- Event filters that had no index in the keyset order.
CREATE INDEX events_status ON events (status, sort_date DESC, id DESC);
CREATE INDEX events_country ON events (location_country, sort_date DESC, id DESC);
