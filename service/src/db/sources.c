/*
 * sources — see sources.h.  The JSON shape is built by parley_source_json
 * (migration 0005) so the list, the item and the write answers agree.
 */
#include "db/sources.h"

#include "core/buf.h"

#include <stdio.h>
#include <string.h>

static const db_filter source_filters[] = {
    {"kind", PARAM_ENUM, "s.kind = $%1$d", (const char *const[]){"feed", "page", NULL},
     "feed or page", NULL, NULL, NULL},
};

const db_collection db_sources = {
    "sources",      "SELECT s.id, '', parley_source_json(s) FROM sources s",
    NULL,           NULL,
    "s.id",         0,
    source_filters, 1,
    NULL,           NULL,
};

db_status db_source_get(db_conn *c, const char *id, char **json)
{
	return db_item_json(c, DB_ITEM_SOURCE, id, json);
}

db_status db_source_id(db_conn *c, const char *url, char id[24])
{
	const char *p[] = {url};
	db_status st;
	PGresult *r = db_exec(c, "source_id", "SELECT id FROM sources WHERE url = $1", 1, p, &st);
	id[0] = '\0';
	if (!r)
		return st;
	if (PQntuples(r))
		snprintf(id, 24, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return DB_OK;
}

db_status db_source_create(db_conn *c, const db_source_new *s, char **json, int *created)
{
	char interval[16];
	snprintf(interval, sizeof interval, "%d", s->interval_s);
	const char *p[] = {s->url, s->kind, interval, s->enabled ? "true" : "false"};
	db_status st;
	*json = NULL;
	*created = 0;
	PGresult *r = db_exec(c, "source_create",
	                      "INSERT INTO sources (url, kind, interval_seconds, enabled)"
	                      " VALUES ($1, $2, $3::int, $4::boolean)"
	                      " ON CONFLICT (url) DO NOTHING RETURNING id",
	                      4, p, &st);
	if (!r)
		return st;
	char id[24] = "";
	if (PQntuples(r)) {
		*created = 1;
		snprintf(id, sizeof id, "%s", PQgetvalue(r, 0, 0));
	}
	PQclear(r);
	if (!*created && (st = db_source_id(c, s->url, id)) != DB_OK)
		return st;
	if (!id[0])
		return DB_CONFLICT; /* deleted between the two statements */
	return db_source_get(c, id, json);
}

db_status db_source_delete(db_conn *c, const char *id)
{
	const char *p[] = {id};
	db_status st;
	PGresult *r =
	    db_exec(c, "source_delete", "DELETE FROM sources WHERE id = $1::bigint", 1, p, &st);
	if (!r)
		return st;
	st = strcmp(PQcmdTuples(r), "0") ? DB_OK : DB_NOT_FOUND;
	PQclear(r);
	return st;
}

db_status db_source_fetch_now(db_conn *c, const char *id, char **json)
{
	const char *p[] = {id};
	return db_one_text(c, "source_fetch_now",
	                   "UPDATE sources s SET next_fetch_at = now() WHERE s.id = $1::bigint"
	                   " RETURNING parley_source_json(s)",
	                   1, p, json);
}
