/*
 * routes — the API's table of contents, and the dispatcher every request
 * goes through: routing (404, 405 with Allow), the body-size gate (413),
 * and the access log line.
 */
#include "api/api.h"

#include "core/log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const http_route api_routes[] = {
	{"GET", "/v1/events", h_events_list},
	{"GET", "/v1/events/{id}", h_events_get},
	{"GET", "/v1/actors", h_actors_list},
	{"GET", "/v1/actors/{id}", h_actors_get},
	{"GET", "/v1/actors/{id}/statements", h_actor_statements},
	{"GET", "/v1/actors/{id}/events", h_actor_events},
	{"GET", "/v1/statements", h_statements_list},
	{"GET", "/v1/articles", h_articles_list},
	{"POST", "/v1/articles", h_articles_post},
	{"GET", "/v1/articles/{id}", h_articles_get},
	{"GET", "/livez", h_livez},
	{"GET", "/readyz", h_readyz},
	{"GET", "/openapi.yaml", h_openapi},
	{NULL, NULL, NULL},
};

static double elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

void api_dispatch(void *ctx, http_request *req, http_response *res)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char storage[4][128];
	http_handler handler = NULL;
	buf allow;
	buf_init(&allow);
	route_result rr = http_route_match(api_routes, req, storage, &handler, &allow);
	if (req->body_too_large) {
		api_error(res, 413, "payload_too_large", "the request body is over the size limit",
			  NULL);
		/* The rest of the body is not read; the connection cannot be reused. */
		http_set_header(res, "Connection", "close");
	} else if (rr == ROUTE_NO_PATH) {
		api_error(res, 404, "not_found", "no such endpoint", NULL);
	} else if (rr == ROUTE_NO_METHOD) {
		http_set_header(res, "Allow", allow.data);
		api_error(res, 405, "method_not_allowed", "this endpoint does not take that method",
			  json_pack("{s:s}", "allow", allow.data));
	} else {
		handler(ctx, req, res);
	}
	buf_free(&allow);
	char status[8], ms[32];
	snprintf(status, sizeof status, "%d", res->status);
	snprintf(ms, sizeof ms, "%.2f", elapsed_ms(&t0));
	log_debug("request", "method", req->method, "path", req->path, "status", status, "ms", ms,
		  NULL);
}
