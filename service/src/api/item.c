/*
 * item — serves any single-item endpoint: validate the id, fetch the JSON
 * the database builds, 404 when there is none.
 */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

void api_get_one(app *a, const http_request *req, http_response *res, db_item item,
                 const char *what)
{
	if (api_check_params(req, NULL, res))
		return;
	const char *id = req->path_params[0];
	if (!api_valid_id(id)) {
		api_error(res, 404, "not_found", what, json_pack("{s:s}", "id", "not an id"));
		return;
	}
	db_conn *c = api_db(a, res);
	if (!c)
		return;
	char *json;
	db_status st = db_item_json(c, item, id, &json);
	db_release(a->pool, c);
	if (st != DB_OK) {
		api_db_error(res, st, what);
		return;
	}
	api_json(res, 200, json, strlen(json));
	free(json);
}
