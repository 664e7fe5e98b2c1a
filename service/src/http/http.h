/*
 * http — the request/response model the API handlers see.  It is plain
 * data (no libmicrohttpd types), so routing, parameter parsing and
 * handlers can be unit-tested without a socket; server.c fills it in.
 */
#ifndef PARLEY_HTTP_HTTP_H
#define PARLEY_HTTP_HTTP_H

#include "core/buf.h"

#include <stddef.h>

typedef struct http_pair {
	char *name;
	char *value;
} http_pair;

typedef struct http_request {
	const char *method;
	const char *path; /* decoded, without the query string */
	http_pair *query;
	size_t n_query;
	http_pair *headers;
	size_t n_headers;
	const char *body;
	size_t body_len;
	int from_loopback;
	int body_too_large;         /* the server stopped reading: answer 413 */
	const char *path_params[4]; /* the {…} segments of the matched route */
	int n_path_params;
	const char *route; /* the matched pattern, for metrics */
} http_request;

/* A streamed body: the server calls next() until it returns 0 (done) or -1
 * (abort); each call appends at most a few hundred kilobytes to out. */
typedef struct http_stream {
	int (*next)(void *state, buf *out);
	void (*free)(void *state);
	void *state;
} http_stream;

typedef struct http_response {
	int status;
	buf body;
	http_pair *headers;
	size_t n_headers;
	http_stream stream; /* used when stream.next is set */
} http_response;

const char *http_query(const http_request *r, const char *name);
/* Case-insensitive header lookup. */
const char *http_header(const http_request *r, const char *name);
void http_pairs_add(http_pair **pairs, size_t *n, const char *name, const char *value);
void http_pairs_free(http_pair *pairs, size_t n);

void http_response_init(http_response *r);
void http_response_free(http_response *r);
/* Replaces a header of the same name. */
void http_set_header(http_response *r, const char *name, const char *value);
const char *http_response_header(const http_response *r, const char *name);

typedef void (*http_handler)(void *app, const http_request *req, http_response *res);

typedef struct http_route {
	const char *method;
	const char *pattern; /* "/v1/events/{id}" */
	http_handler handler;
} http_route;

typedef enum { ROUTE_FOUND, ROUTE_NO_PATH, ROUTE_NO_METHOD } route_result;

/*
 * Matches req->method and req->path against the table; on ROUTE_FOUND sets
 * *handler, req->path_params (pointers into params_storage) and req->route.
 * On ROUTE_NO_METHOD, allow gets "GET, HEAD, …" for the Allow header.
 */
route_result http_route_match(const http_route *routes, http_request *req,
                              char params_storage[][128], http_handler *handler, buf *allow);

typedef struct http_server http_server;
typedef void (*http_dispatch_fn)(void *app, http_request *req, http_response *res);

/* Starts serving on host:port with a pool of threads (threads > 0) or a
 * thread per connection (threads == 0); every complete request goes to
 * dispatch.  Returns NULL with *err set. */
http_server *http_server_start(const char *host, int port, int threads, size_t max_body,
                               http_dispatch_fn dispatch, void *app, char **err);
/* The port actually bound (useful with port 0). */
int http_server_port(const http_server *s);
void http_server_stop(http_server *s);

#endif
