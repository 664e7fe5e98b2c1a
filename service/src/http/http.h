/*
 * http — the request/response model the API handlers see.  It is plain
 * data (no libmicrohttpd types), so routing, parameter parsing and
 * handlers can be unit-tested without a socket; server.c fills it in.
 */
#ifndef PARLEY_HTTP_HTTP_H
#define PARLEY_HTTP_HTTP_H

/* The longest request target (path and query) and the most query
 * parameters a request may carry (answered 414 by the API).  Past either,
 * the server hands libmicrohttpd no query to parse: 0.9.75 stores each
 * parameter in the connection's 64 KiB pool, and when that runs out it
 * queues its error and then overwrites the connection's state, so the
 * client waits for an answer that never comes (1,000 parameters in a
 * 7 KB target did that). */
#define HTTP_MAX_TARGET 8192
#define HTTP_MAX_QUERY_PARAMS 256

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
	int body_too_large;       /* the server stopped reading: answer 413 */
	long long content_length; /* declared; -1 when absent (chunked or no body) */
	size_t uri_len;           /* the request target as sent, query included */
	int query_dropped;   /* over HTTP_MAX_TARGET or HTTP_MAX_QUERY_PARAMS: query not parsed */
	size_t header_bytes; /* names and values of every header */
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

/* A route's body limit: bytes, or HTTP_BODY_CONFIGURED for the service's
 * configured largest body (PARLEY_MAX_BODY). */
#define HTTP_BODY_CONFIGURED ((size_t)-1)

typedef struct http_route {
	const char *method;
	const char *pattern; /* "/v1/events/{id}" */
	http_handler handler;
	size_t max_body; /* 0: no body */
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
/* Called once the headers are in, before any body byte is read (req has no
 * body yet).  Returns 1 when res is the answer — sent at once, the body
 * never read and the connection closed — or 0 to read a body of at most
 * *body_limit bytes and then dispatch. */
typedef int (*http_admit_fn)(void *app, http_request *req, http_response *res, size_t *body_limit);

typedef struct http_server_opts {
	const char *host;
	int port;
	int threads;            /* > 0: handler threads (one queue); 0: a thread per connection */
	int max_connections;    /* lowered to fit the open-file limit */
	int max_conn_per_ip;    /* 0: no cap */
	int header_timeout_ms;  /* from connect or the previous answer to the last header */
	int request_timeout_ms; /* from connect or the previous answer to the last body byte */
	int idle_timeout_s;
} http_server_opts;

/* Starts serving; admit sees every request after its headers, dispatch
 * every complete one.  Returns NULL with *err set. */
http_server *http_server_start(const http_server_opts *opts, http_admit_fn admit,
                               http_dispatch_fn dispatch, void *app, char **err);
/* Connections closed for missing a deadline, since start. */
unsigned long http_server_deadline_closes(const http_server *s);
/* The port actually bound (useful with port 0). */
int http_server_port(const http_server *s);
void http_server_stop(http_server *s);

#endif
