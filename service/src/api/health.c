/*
 * health — /livez (the process answers) and /readyz (the database does).
 */
#include "api/api.h"

#include <string.h>

void h_livez(void *a, const http_request *req, http_response *res)
{
	const char ok[] = "{\"status\":\"ok\"}";
	api_json(res, 200, ok, sizeof ok - 1);
}

void h_readyz(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	db_conn *c = db_acquire(a->pool, 2000);
	db_status st = DB_UNAVAILABLE;
	if (c) {
		st = db_ping(c);
		db_release(a->pool, c);
	}
	/* with a replica for reads, ready only when both answer */
	if (st == DB_OK && a->read_pool && a->read_pool != a->pool) {
		st = DB_UNAVAILABLE;
		if ((c = db_acquire(a->read_pool, 2000))) {
			st = db_ping(c);
			db_release(a->read_pool, c);
		}
	}
	if (st != DB_OK) {
		http_set_header(res, "Retry-After", "5");
		api_error(res, 503, "database_unavailable", "the database cannot be reached", NULL);
		return;
	}
	const char ok[] = "{\"status\":\"ready\",\"database\":\"ok\"}";
	api_json(res, 200, ok, sizeof ok - 1);
}
