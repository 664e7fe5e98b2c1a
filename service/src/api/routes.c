/*
 * routes — the API's table of contents (with each route's body limit),
 * and the dispatcher every request goes through: size, Host, routing
 * (404, 405 with Allow), Origin and auth of writes, the body-size gate
 * (413), and the access log line.  The server calls api_admit as soon as
 * the headers are in, so everything but the handler is decided before a
 * body byte is read; api_dispatch runs the same gate again on the complete
 * request (cheap, and it keeps the dispatcher safe on its own, as the
 * fuzzer calls it).
 */
#include "api/api.h"

#include "api/metrics.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Body limits: a write's body is read only after routing, the Host and
 * Origin checks and auth have passed, and only up to its route's limit. */
#define EDIT_BODY (64u * 1024) /* an actor or a source: a few fields */
#define NO_BODY 0
#define ARTICLE_BODY HTTP_BODY_CONFIGURED /* PARLEY_MAX_BODY */

const http_route api_routes[] = {
    {"GET", "/v1/events", h_events_list, NO_BODY},
    {"GET", "/v1/events/{id}", h_events_get, NO_BODY},
    {"GET", "/v1/actors", h_actors_list, NO_BODY},
    {"POST", "/v1/actors", h_actors_post, EDIT_BODY},
    {"GET", "/v1/actors/{id}", h_actors_get, NO_BODY},
    {"PATCH", "/v1/actors/{id}", h_actors_patch, EDIT_BODY},
    {"POST", "/v1/actors/{id}/merge", h_actors_merge, EDIT_BODY},
    {"GET", "/v1/actors/{id}/statements", h_actor_statements, NO_BODY},
    {"GET", "/v1/actors/{id}/events", h_actor_events, NO_BODY},
    {"GET", "/v1/statements", h_statements_list, NO_BODY},
    {"GET", "/v1/articles", h_articles_list, NO_BODY},
    {"POST", "/v1/articles", h_articles_post, ARTICLE_BODY},
    {"GET", "/v1/articles/{id}", h_articles_get, NO_BODY},
    {"GET", "/v1/sources", h_sources_list, NO_BODY},
    {"POST", "/v1/sources", h_sources_post, EDIT_BODY},
    {"GET", "/v1/sources/{id}", h_sources_get, NO_BODY},
    {"DELETE", "/v1/sources/{id}", h_sources_delete, NO_BODY},
    {"POST", "/v1/sources/{id}/fetch", h_sources_fetch, 1024}, /* ignored */
    {"GET", "/v1/stats/timeline", h_stats_timeline, NO_BODY},
    {"GET", "/v1/stats/summary", h_stats_summary, NO_BODY},
    {"GET", "/v1/network", h_network, NO_BODY},
    {"GET", "/v1/stats/relations", h_relations, NO_BODY},
    {"GET", "/v1/stats/places", h_stats_places, NO_BODY},
    {"GET", "/metrics", h_metrics, NO_BODY},
    {"GET", "/livez", h_livez, NO_BODY},
    {"GET", "/readyz", h_readyz, NO_BODY},
    {"GET", "/openapi.yaml", h_openapi, NO_BODY},
    {NULL, NULL, NULL, 0},
};

/* Request line and headers: beyond these we answer 414/431 ourselves, in
 * the envelope, well before libmicrohttpd's own 64 KiB buffer runs out
 * (server.c). */
#define MAX_URI HTTP_MAX_TARGET
#define MAX_HEADER_BYTES 16384

static double elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static int is_write(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

static size_t route_limit(const app *a, const http_request *req)
{
	for (const http_route *r = api_routes; r->pattern; r++)
		if (req->route == r->pattern && !strcmp(r->method, req->method))
			return r->max_body == HTTP_BODY_CONFIGURED ? a->cfg->max_body : r->max_body;
	return 0;
}

static void too_large(http_response *res, size_t limit)
{
	api_error(res, 413, "payload_too_large", "the request body is over this endpoint's limit",
	          json_pack("{s:I}", "limit", (json_int_t)limit));
}

/*
 * Everything that can be decided without the body, in this order: sizes
 * of the request line and headers, the Host (DNS rebinding), the route
 * (404, 405, preflight and static files answer here), the Origin and auth
 * of a write, the declared body size.  1 when res is the answer; 0 with
 * *limit set when the handler may run.
 */
static int gate(app *a, http_request *req, http_response *res, char storage[][128],
                http_handler *handler, size_t *limit)
{
	if (req->uri_len > MAX_URI) {
		api_error(res, 414, "uri_too_long", "the request target is too long",
		          json_pack("{s:i}", "limit", MAX_URI));
		return 1;
	}
	if (req->query_dropped) {
		api_error(res, 414, "uri_too_long",
		          "the request target has too many query parameters",
		          json_pack("{s:i}", "max_parameters", HTTP_MAX_QUERY_PARAMS));
		return 1;
	}
	if (req->header_bytes > MAX_HEADER_BYTES) {
		api_error(res, 431, "headers_too_large", "the request headers are too large",
		          json_pack("{s:i}", "limit", MAX_HEADER_BYTES));
		return 1;
	}
	if (api_check_host(a, req, res))
		return 1;
	buf allow;
	buf_init(&allow);
	route_result rr = http_route_match(api_routes, req, storage, handler, &allow);
	int answered = 1;
	if (rr == ROUTE_NO_PATH) {
		if (!api_serve_static(a, req, res))
			api_error(res, 404, "not_found", "no such endpoint", NULL);
	} else if (!strcmp(req->method, "OPTIONS")) {
		api_preflight(a, req, allow.data, res);
	} else if (rr == ROUTE_NO_METHOD) {
		http_set_header(res, "Allow", allow.data);
		api_error(res, 405, "method_not_allowed", "this endpoint does not take that method",
		          json_pack("{s:s}", "allow", allow.data));
	} else {
		answered = 0;
	}
	buf_free(&allow);
	if (answered)
		return 1;
	if (is_write(req->method) &&
	    (api_check_origin(a, req, res) || api_require_write(a, req, res)))
		return 1;
	*limit = route_limit(a, req);
	if ((req->content_length >= 0 && (unsigned long long)req->content_length > *limit) ||
	    req->body_too_large || req->body_len > *limit) {
		too_large(res, *limit);
		return 1;
	}
	return 0;
}

/* CORS headers, caching, metrics and the access log of a finished answer. */
static void finish(app *a, const http_request *req, http_response *res, const struct timespec *t0)
{
	if (strcmp(req->method, "OPTIONS"))
		api_cors_headers(a, req, res);
	api_finish_response(req, res);
	double ms = elapsed_ms(t0);
	if (a->metrics)
		metrics_observe(a->metrics, req->method, req->route ? req->route : "unmatched",
		                res->status, ms / 1e3);
	char status[8], mss[32];
	snprintf(status, sizeof status, "%d", res->status);
	snprintf(mss, sizeof mss, "%.2f", ms);
	log_debug("request", "method", req->method, "path", req->path, "status", status, "ms", mss,
	          NULL);
}

int api_admit(void *ctx, http_request *req, http_response *res, size_t *limit)
{
	app *a = ctx;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char storage[4][128];
	http_handler handler = NULL;
	if (gate(a, req, res, storage, &handler, limit)) {
		finish(a, req, res, &t0);
		return 1;
	}
	/* The dispatch matches again; nothing may point into storage. */
	memset(req->path_params, 0, sizeof req->path_params);
	req->n_path_params = 0;
	return 0;
}

void api_dispatch(void *ctx, http_request *req, http_response *res)
{
	app *a = ctx;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char storage[4][128];
	http_handler handler = NULL;
	size_t limit = 0;
	if (!gate(a, req, res, storage, &handler, &limit)) {
		/* reads may be served by a replica; writes (and what a write
		 * handler reads) by the primary */
		api_set_reading(!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD"));
		handler(ctx, req, res);
		api_set_reading(0);
	}
	finish(a, req, res, &t0);
}
