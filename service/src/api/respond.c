/*
 * respond — JSON answers and the error envelope
 *   {"error": {"code": "invalid_parameter", "message": "…", "details": {…}}}
 * with stable codes clients can switch on.
 */
#include "api/api.h"

#include "core/log.h"
#include "core/utf8.h"

#include <assert.h>
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
	/* Built by hand rather than with json_pack, which answers NULL for a
	 * string that is not UTF-8: buf_put_json_string replaces such bytes,
	 * so whatever a caller passes the envelope is valid JSON. */
	assert(code);
	buf b;
	buf_init(&b);
	buf_puts(&b, "{\"error\":{\"code\":");
	buf_put_json_string(&b, code, strlen(code));
	buf_puts(&b, ",\"message\":");
	char *m = utf8_sanitize(message, message ? strlen(message) : 0, API_MAX_MESSAGE);
	buf_put_json_string(&b, m, strlen(m));
	free(m);
	char *d = details ? json_dumps(details, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	if (d) {
		buf_puts(&b, ",\"details\":");
		buf_puts(&b, d);
		free(d);
	}
	buf_puts(&b, "}}");
	json_decref(details);
	api_json(res, status, b.data, b.len);
	buf_free(&b);
}

json_t *api_text(const char *s)
{
	char *t = utf8_sanitize(s, s ? strlen(s) : 0, API_MAX_QUOTE);
	json_t *j = json_string(t);
	free(t);
	assert(j);
	return j;
}

void api_error_about(http_response *res, int status, const char *code, const char *what,
                     const char *name, const char *why, json_t *details)
{
	char *n = utf8_sanitize(name, name ? strlen(name) : 0, API_MAX_QUOTE);
	buf msg;
	buf_init(&msg);
	buf_printf(&msg, "%s '%s': %s", what, n, why);
	free(n);
	if (!details)
		details = json_object();
	json_object_set_new(details, what, api_text(name));
	api_error(res, status, code, msg.data, details);
	buf_free(&msg);
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
	case DB_RETRY:
		http_set_header(res, "Retry-After", "1");
		/* writers that kept deadlocking, or a replica cancelling a read
		 * for a change it replays */
		api_error(
		    res, 503, "conflict_retry",
		    "the request kept colliding with concurrent changes; nothing was changed; "
		    "try again",
		    NULL);
		return;
	case DB_FAILED: break;
	}
	api_error(res, 500, "internal", "unexpected database error", NULL);
}

/* Set by api_dispatch for the request this thread is handling. */
static _Thread_local int reading;

void api_set_reading(int on)
{
	reading = on;
}

db_conn *api_db(app *a, http_response *res)
{
	db_conn *c = db_acquire(reading && a->read_pool ? a->read_pool : a->pool, APP_DB_WAIT_MS);
	if (!c)
		api_db_error(res, DB_UNAVAILABLE, NULL);
	return c;
}
