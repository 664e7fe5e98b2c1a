-- ?type= with a CAMEO code ("046") filters on cameo_code; with a type name
-- on type (events_type).  Each gets an index in the order the API pages.
CREATE INDEX events_cameo ON events (cameo_code, sort_date DESC, id DESC);
