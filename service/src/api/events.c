/*
 * events — GET /v1/events, GET /v1/events/{id}.
 */
#include "api/api.h"

void h_events_list(void *a, const http_request *req, http_response *res)
{
	api_list(a, req, res, &db_events, NULL, NULL);
}

void h_events_get(void *a, const http_request *req, http_response *res)
{
	api_get_one(a, req, res, DB_ITEM_EVENT_DETAIL, "no event with this id");
}
