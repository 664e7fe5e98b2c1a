/*
 * sources — the feeds and pages the worker polls, as the API and CLI manage
 * them.  The worker's side (claiming, recording fetches) is in queue.h.
 */
#ifndef PARLEY_DB_SOURCES_H
#define PARLEY_DB_SOURCES_H

#include "db/collection.h"
#include "db/pool.h"

/* GET /v1/sources: oldest first, filterable by kind. */
extern const db_collection db_sources;

typedef struct db_source_new {
	const char *url;  /* canonical form */
	const char *kind; /* "feed", "page" or NULL (sniffed on first fetch) */
	int interval_s;
	int enabled;
} db_source_new;

/* Adds a source unless one with the same URL exists; either way *json is
 * the stored source (free() it) and *created says which. */
db_status db_source_create(db_conn *c, const db_source_new *s, char **json, int *created);
db_status db_source_get(db_conn *c, const char *id, char **json);
/* DB_NOT_FOUND when there is no such source. */
db_status db_source_delete(db_conn *c, const char *id);
/* Makes the source due now; *json is the updated source. */
db_status db_source_fetch_now(db_conn *c, const char *id, char **json);
/* The id of the source with this URL ("" when none). */
db_status db_source_id(db_conn *c, const char *url, char id[24]);

#endif
