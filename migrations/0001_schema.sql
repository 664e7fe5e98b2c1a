-- Parley schema: sources -> articles -> (actors, events, statements).
-- Every filter the API offers has an index behind it; unique constraints make
-- re-ingesting the same article idempotent.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- Folds a name for matching: lower case, accents and punctuation gone.
CREATE FUNCTION parley_fold(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
  btrim(regexp_replace(lower(translate(coalesce(s, ''),
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžČčĆćĐđŁłŃńŚśŹźŻżĞğİıŞş',
    'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzCcCcDdLlNnSsZzZzGgIiSs')),
    '[^a-z0-9]+', ' ', 'g'));

CREATE TABLE sources (
  id               bigserial PRIMARY KEY,
  url              text NOT NULL UNIQUE,
  kind             text NOT NULL CHECK (kind IN ('feed', 'page')),
  name             text,
  interval_seconds integer NOT NULL DEFAULT 900 CHECK (interval_seconds BETWEEN 60 AND 604800),
  enabled          boolean NOT NULL DEFAULT true,
  next_fetch_at    timestamptz NOT NULL DEFAULT now(),
  last_fetched_at  timestamptz,
  last_status      integer,
  last_error       text,
  etag             text,
  last_modified    text,
  failures         integer NOT NULL DEFAULT 0,
  lease_owner      text,
  lease_until      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sources_due ON sources (next_fetch_at) WHERE enabled;

CREATE TABLE articles (
  id              bigserial PRIMARY KEY,
  url             text NOT NULL UNIQUE,
  canonical_url   text,
  title           text,
  site_name       text,
  author          text,
  language        text,
  published_at    timestamptz,
  fetched_at      timestamptz NOT NULL DEFAULT now(),
  text            text,
  content_hash    text,
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'fetching', 'extracted', 'failed')),
  error           text,
  source_id       bigint REFERENCES sources (id) ON DELETE SET NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner     text,
  lease_until     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  tsv             tsvector GENERATED ALWAYS AS (
                    to_tsvector('english', coalesce(title, '') || ' ' || coalesce(left(text, 200000), ''))) STORED
);
CREATE INDEX articles_status ON articles (status, id);
CREATE INDEX articles_source ON articles (source_id, id);
CREATE INDEX articles_published ON articles (published_at, id);
CREATE INDEX articles_tsv ON articles USING gin (tsv);
CREATE INDEX articles_hash ON articles (content_hash);
CREATE INDEX articles_canonical ON articles (canonical_url);
CREATE INDEX articles_queue ON articles (next_attempt_at) WHERE status IN ('pending', 'fetching');

-- Every URL an article is known under (the same story reached two ways).
CREATE TABLE article_urls (
  url        text PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_urls_article ON article_urls (article_id);

CREATE TABLE actors (
  id              bigserial PRIMARY KEY,
  name            text NOT NULL,
  norm_name       text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('person', 'organization', 'country', 'group')),
  title           text,
  country         text,
  cameo_code      text,
  merged_into     bigint REFERENCES actors (id) ON DELETE SET NULL,
  statement_count integer NOT NULL DEFAULT 0,
  event_count     integer NOT NULL DEFAULT 0,
  first_seen      timestamptz,
  last_seen       timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, norm_name)
);
CREATE INDEX actors_trgm ON actors USING gin (norm_name gin_trgm_ops);
CREATE INDEX actors_norm ON actors (norm_name);
CREATE INDEX actors_kind ON actors (kind, id);
CREATE INDEX actors_country ON actors (country, id);

CREATE TABLE actor_aliases (
  actor_id   bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
  alias      text NOT NULL,
  norm_alias text NOT NULL,
  PRIMARY KEY (actor_id, norm_alias)
);
CREATE INDEX actor_aliases_norm ON actor_aliases (norm_alias);
CREATE INDEX actor_aliases_trgm ON actor_aliases USING gin (norm_alias gin_trgm_ops);

-- Which actors an article names, and how often.
CREATE TABLE article_actors (
  article_id    bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  actor_id      bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
  mention_count integer NOT NULL DEFAULT 1,
  PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX article_actors_actor ON article_actors (actor_id, article_id);

CREATE TABLE events (
  id               bigserial PRIMARY KEY,
  type             text NOT NULL,
  cameo_code       text,
  title            text,
  date             date,
  date_precision   text CHECK (date_precision IN ('day', 'month', 'year')),
  status           text NOT NULL DEFAULT 'occurred'
                   CHECK (status IN ('occurred', 'planned', 'postponed', 'cancelled')),
  location_name    text,
  location_country text,
  -- Keyset paging sorts on a non-null key; undated events sort last.
  sort_date        date GENERATED ALWAYS AS (coalesce(date, '0001-01-01'::date)) STORED,
  mention_count    integer NOT NULL DEFAULT 0,
  source_count     integer NOT NULL DEFAULT 0,
  first_seen       timestamptz NOT NULL DEFAULT now(),
  last_seen        timestamptz NOT NULL DEFAULT now(),
  tsv              tsvector GENERATED ALWAYS AS (
                     to_tsvector('english', coalesce(title, '') || ' ' || type || ' ' || coalesce(location_name, ''))) STORED
);
CREATE INDEX events_sort ON events (sort_date DESC, id DESC);
CREATE INDEX events_type ON events (type, sort_date DESC, id DESC);
CREATE INDEX events_location ON events (lower(location_name), sort_date DESC, id DESC);
CREATE INDEX events_tsv ON events USING gin (tsv);

CREATE TABLE event_participants (
  event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  actor_id bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
  role     text NOT NULL CHECK (role IN ('source', 'target', 'participant')),
  PRIMARY KEY (event_id, actor_id, role)
);
CREATE INDEX event_participants_actor ON event_participants (actor_id, event_id);

-- GDELT's Mentions model: one row per article that reports an event.
CREATE TABLE event_mentions (
  id           bigserial PRIMARY KEY,
  event_id     bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  article_id   bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  sentence     text NOT NULL,
  start_offset integer NOT NULL,
  end_offset   integer NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, article_id)
);
CREATE INDEX event_mentions_article ON event_mentions (article_id, event_id);

CREATE TABLE statements (
  id           bigserial PRIMARY KEY,
  speaker_id   bigint REFERENCES actors (id) ON DELETE SET NULL,
  article_id   bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  event_id     bigint REFERENCES events (id) ON DELETE SET NULL,
  text         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('direct', 'indirect')),
  cue          text,
  start_offset integer NOT NULL,
  end_offset   integer NOT NULL,
  sentence     text,
  date         date,
  -- Keyset paging key; statements with no date sort last.
  sort_date    date GENERATED ALWAYS AS (coalesce(date, '0001-01-01'::date)) STORED,
  created_at   timestamptz NOT NULL DEFAULT now(),
  tsv          tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  UNIQUE (article_id, start_offset, end_offset)
);
CREATE INDEX statements_sort ON statements (sort_date DESC, id DESC);
CREATE INDEX statements_speaker ON statements (speaker_id, sort_date DESC, id DESC);
CREATE INDEX statements_article ON statements (article_id, id);
CREATE INDEX statements_event ON statements (event_id, id);
CREATE INDEX statements_kind ON statements (kind, sort_date DESC, id DESC);
CREATE INDEX statements_tsv ON statements USING gin (tsv);
