/*
 * routes — the API's table of contents, and the dispatcher every request
 * goes through: routing (404, 405 with Allow), the body-size gate (413),
 * and the access log line.
 */
#include "api/api.h"

#include "api/metrics.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const http_route api_routes[] = {
    {"GET", "/v1/events", h_events_list},
    {"GET", "/v1/events/{id}", h_events_get},
    {"GET", "/v1/actors", h_actors_list},
    {"POST", "/v1/actors", h_actors_post},
    {"GET", "/v1/actors/{id}", h_actors_get},
    {"PATCH", "/v1/actors/{id}", h_actors_patch},
    {"POST", "/v1/actors/{id}/merge", h_actors_merge},
    {"GET", "/v1/actors/{id}/statements", h_actor_statements},
    {"GET", "/v1/actors/{id}/events", h_actor_events},
    {"GET", "/v1/statements", h_statements_list},
    {"GET", "/v1/articles", h_articles_list},
    {"POST", "/v1/articles", h_articles_post},
    {"GET", "/v1/articles/{id}", h_articles_get},
    {"GET", "/v1/sources", h_sources_list},
    {"POST", "/v1/sources", h_sources_post},
    {"GET", "/v1/sources/{id}", h_sources_get},
    {"DELETE", "/v1/sources/{id}", h_sources_delete},
    {"POST", "/v1/sources/{id}/fetch", h_sources_fetch},
    {"GET", "/v1/stats/timeline", h_stats_timeline},
    {"GET", "/v1/stats/summary", h_stats_summary},
    {"GET", "/v1/network", h_network},
    {"GET", "/v1/stats/relations", h_relations},
    {"GET", "/v1/stats/places", h_stats_places},
    {"GET", "/metrics", h_metrics},
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
	app *a = ctx;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char storage[4][128];
	http_handler handler = NULL;
	buf allow;
	buf_init(&allow);
	int preflight = !strcmp(req->method, "OPTIONS");
	route_result rr = http_route_match(api_routes, req, storage, &handler, &allow);
	if (req->body_too_large) {
		api_error(res, 413, "payload_too_large", "the request body is over the size limit",
		          NULL);
	} else if (rr == ROUTE_NO_PATH) {
		if (!api_serve_static(ctx, req, res))
			api_error(res, 404, "not_found", "no such endpoint", NULL);
	} else if (preflight) {
		api_preflight(a, req, allow.data, res);
	} else if (rr == ROUTE_NO_METHOD) {
		http_set_header(res, "Allow", allow.data);
		api_error(res, 405, "method_not_allowed", "this endpoint does not take that method",
		          json_pack("{s:s}", "allow", allow.data));
	} else {
		handler(ctx, req, res);
	}
	buf_free(&allow);
	if (!preflight)
		api_cors_headers(a, req, res);
	api_finish_response(req, res);
	double ms = elapsed_ms(&t0);
	if (a->metrics)
		metrics_observe(a->metrics, req->method, req->route ? req->route : "unmatched",
		                res->status, ms / 1e3);
	char status[8], mss[32];
	snprintf(status, sizeof status, "%d", res->status);
	snprintf(mss, sizeof mss, "%.2f", ms);
	log_debug("request", "method", req->method, "path", req->path, "status", status, "ms", mss,
	          NULL);
}
