-- 0026: events that did not (or not yet) occur as told: the extraction now reads
-- factuality from the parse (service/data/factuality.tsv) and gives an event
-- `possible` ("could meet", reported as suspected), `hypothetical` ("if they
-- meet", "threatened to impose") or `denied` ("denied attacking") besides
-- occurred, planned, postponed and cancelled.  The one list of statuses is the
-- extraction's (px_event_status_names); the API filter and the OpenAPI
-- document name the same seven.
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_status_check;
ALTER TABLE events ADD CONSTRAINT events_status_check
  CHECK (status IN ('occurred', 'planned', 'postponed', 'cancelled', 'possible', 'hypothetical', 'denied'));
