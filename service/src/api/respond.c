/*
 * respond — JSON answers and the error envelope
 *   {"error": {"code": "invalid_parameter", "message": "…", "details": {…}}}
 * with stable codes clients can switch on.
 */
#include "api/api.h"

#include "core/log.h"

#include <stdlib.h>
#include <string.h>

void api_json(http_response *res, int status, const char *json, size_t len)
{
	res->status = status;
	buf_reset(&res->body);
	buf_append(&res->body, json, len);
	http_set_header(res, "Content-Type", "application/json; charset=utf-8");
}

void api_error(http_response *res, int status, const char *code, const char *message,
               json_t *details)
{
	json_t *err = json_pack("{s:s, s:s}", "code", code, "message", message);
	if (details)
		json_object_set_new(err, "details", details);
	json_t *doc = json_pack("{s:o}", "error", err);
	char *s = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	api_json(res, status, s, strlen(s));
	free(s);
}

void api_db_error(http_response *res, db_status st, const char *what)
{
	switch (st) {
	case DB_OK: return;
	case DB_NOT_FOUND: api_error(res, 404, "not_found", what, NULL); return;
	case DB_CONFLICT:
		api_error(res, 409, "conflict", "the change conflicts with stored data", NULL);
		return;
	case DB_INVALID:
		api_error(res, 422, "invalid_value", "the database refused a value", NULL);
		return;
	case DB_UNAVAILABLE:
		http_set_header(res, "Retry-After", "5");
		api_error(res, 503, "database_unavailable",
		          "the database cannot be reached; try again shortly", NULL);
		return;
	case DB_STORAGE_FULL:
		http_set_header(res, "Retry-After", "60");
		api_error(res, 503, "storage_full",
		          "the database is out of disk space; nothing was changed; try again later",
		          NULL);
		return;
	case DB_FAILED: break;
	}
	api_error(res, 500, "internal", "unexpected database error", NULL);
}

db_conn *api_db(app *a, http_response *res)
{
	db_conn *c = db_acquire(a->pool, APP_DB_WAIT_MS);
	if (!c)
		api_db_error(res, DB_UNAVAILABLE, NULL);
	return c;
}
