/*
 * actors — GET /v1/actors, /v1/actors/{id}, and an actor's statements and
 * events (the statement and event collections scoped to one speaker or
 * participant).
 */
#include "api/api.h"

#include <stdlib.h>

void h_actors_list(void *a, const http_request *req, http_response *res)
{
	api_list(a, req, res, &db_actors, NULL, NULL);
}

void h_actors_get(void *a, const http_request *req, http_response *res)
{
	api_get_one(a, req, res, DB_ITEM_ACTOR, "no actor with this id");
}

static int actor_exists(app *a, const char *id, http_response *res)
{
	if (!api_valid_id(id)) {
		api_error(res, 404, "not_found", "no actor with this id", NULL);
		return 0;
	}
	db_conn *c = api_db(a, res);
	if (!c)
		return 0;
	char *json;
	db_status st = db_item_json(c, DB_ITEM_ACTOR_EXISTS, id, &json);
	db_release(a->pool, c);
	free(json);
	if (st != DB_OK) {
		api_db_error(res, st, "no actor with this id");
		return 0;
	}
	return 1;
}

void h_actor_statements(void *a, const http_request *req, http_response *res)
{
	if (actor_exists(a, req->path_params[0], res))
		api_list(a, req, res, &db_statements, "speaker", req->path_params[0]);
}

void h_actor_events(void *a, const http_request *req, http_response *res)
{
	if (actor_exists(a, req->path_params[0], res))
		api_list(a, req, res, &db_events, "actor", req->path_params[0]);
}
