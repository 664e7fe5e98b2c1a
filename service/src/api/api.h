/*
 * api — the shared machinery of the handlers: JSON answers, the error
 * envelope, parameter validation, cursors, auth.  One file per resource
 * (events.c, actors.c, …) uses these and nothing else from HTTP.
 */
#ifndef PARLEY_API_API_H
#define PARLEY_API_API_H

#include "api/app.h"
#include "db/collection.h"
#include "http/http.h"

#include <jansson.h>

/* Route table and dispatcher (routes.c). */
extern const http_route api_routes[];
void api_dispatch(void *app, http_request *req, http_response *res);
/* The server's http_admit_fn: everything decided from the headers alone. */
int api_admit(void *app, http_request *req, http_response *res, size_t *body_limit);

/* DNS rebinding (hosts.c): 0 when the Host may be served, else answers
 * 421 host_not_allowed and -1; for writes, 0 when the Origin is absent,
 * the same as Host or allowed by CORS, else 403 origin_not_allowed. */
int api_check_host(const app *a, const http_request *req, http_response *res);
int api_check_origin(const app *a, const http_request *req, http_response *res);

/* The dashboard's static files (static.c): 1 when it answered. */
int api_serve_static(const app *a, const http_request *req, http_response *res);

/* CORS (cors.c): headers for an allowed Origin; preflight answers. */
void api_cors_headers(const app *a, const http_request *req, http_response *res);
/* Steps through a comma-separated setting: 1 with the next item (spaces
 * trimmed, not NUL-terminated) in item and len, 0 at the end. */
int api_list_next(const char **cursor, const char **item, size_t *len);
/* 1 listed exactly, 2 allowed through "*", 0 not allowed. */
int api_cors_origin_allowed(const config *cfg, const char *origin);
int api_preflight(const app *a, const http_request *req, const char *allow, http_response *res);
/* ETag/304, Cache-Control and gzip on a finished buffered answer (cache.c). */
void api_finish_response(const http_request *req, http_response *res);

/* Answers (respond.c). */
void api_json(http_response *res, int status, const char *json, size_t len);
/* Takes ownership of details (may be NULL).  Never fails: the message is
 * made well-formed UTF-8 and cut to API_MAX_MESSAGE bytes on a character
 * boundary, so client bytes in it cannot break the envelope. */
void api_error(http_response *res, int status, const char *code, const char *message,
               json_t *details);
#define API_MAX_MESSAGE 512
/* Client text quoted in a message or details: at most this many bytes. */
#define API_MAX_QUOTE 96
/* A JSON string of client text (sanitised and cut, see core/utf8.h). */
json_t *api_text(const char *s);
/* The error about one named thing: message "<what> '<name>': <why>" and
 * details.<what> = name, both with the name sanitised and cut. */
void api_error_about(http_response *res, int status, const char *code, const char *what,
                     const char *name, const char *why, json_t *details);
/* Maps a database failure to 503/404/409/422. */
void api_db_error(http_response *res, db_status st, const char *what);
/* A connection for the current request: to the read pool (a replica) while
 * api_dispatch handles a GET or HEAD, else to the primary; release it with
 * db_release(a->pool, c).  NULL (503 answered) when none comes in time. */
db_conn *api_db(app *a, http_response *res);
void api_set_reading(int on);

/* Parameters (params.c). */
typedef struct api_list_params {
	const char *values[DB_MAX_FILTERS];
	int limit;
	char cursor_sort[32];
	char cursor_id[24];
	int has_cursor;
} api_list_params;

/* Validates every query parameter of a collection request: unknown names,
 * kinds, limit, cursor.  On failure answers 400 and returns -1. */
int api_parse_list(const http_request *req, const db_collection *col, api_list_params *out,
                   const char *const *extra_allowed, http_response *res);
int api_valid_id(const char *s);
int api_valid_date(const char *s);
/* RFC 3339 timestamp or plain date. */
int api_valid_timestamp(const char *s);
/* Only the parameters in allowed (NULL-terminated) may appear. */
int api_check_params(const http_request *req, const char *const *allowed, http_response *res);

/* Cursors (cursor.c): opaque base64url of "sort|id". */
char *api_cursor_encode(const char *sort, const char *id);
int api_cursor_decode(const char *cursor, char *sort, size_t sort_size, char *id, size_t id_size);

/* Serves a collection page: {"data": [...], "next_cursor": …}. */
void api_list(app *a, const http_request *req, http_response *res, const db_collection *col,
              const char *preset_filter, const char *preset_value);

/* Serves one item's JSON; the {id} path segment picks it. */
void api_get_one(app *a, const http_request *req, http_response *res, db_item item,
                 const char *what);

/* CSV / NDJSON exports (export.c): api_export_requested is 1 when the
 * request asks for one (format= or Accept), -1 after answering 400. */
int api_export_requested(const http_request *req, http_response *res);
void api_export(app *a, const http_request *req, http_response *res, const db_collection *col,
                const api_list_params *p);
/* One RFC 4180 field; a cell a spreadsheet would run as a formula
 * (= + - @ tab CR first) is quoted and prefixed with a single quote. */
void csv_field(buf *out, const char *s, size_t len);

/* Auth for writes (auth.c): 0 when allowed, else answers 401 and -1. */
int api_require_write(const app *a, const http_request *req, http_response *res);
/* Body must be JSON (body.c): 415 otherwise; parses it (400 on bad JSON). */
json_t *api_json_body(const http_request *req, http_response *res);
/* A write's gate: auth, no query parameters, a JSON object body. */
json_t *api_write_body(app *a, const http_request *req, http_response *res);
/* Answers 422 invalid_body naming the field. */
void api_invalid_field(http_response *res, const char *field, const char *why);
/* 0 when every key of doc is in allowed (NULL-terminated), else 422 and -1. */
int api_only_fields(json_t *doc, const char *const *allowed, http_response *res);

/* Handlers, one file per resource. */
void h_events_list(void *a, const http_request *req, http_response *res);
void h_events_get(void *a, const http_request *req, http_response *res);
void h_actors_list(void *a, const http_request *req, http_response *res);
void h_actors_get(void *a, const http_request *req, http_response *res);
void h_actors_post(void *a, const http_request *req, http_response *res);
void h_actors_patch(void *a, const http_request *req, http_response *res);
void h_actors_merge(void *a, const http_request *req, http_response *res);
void h_actor_statements(void *a, const http_request *req, http_response *res);
void h_actor_events(void *a, const http_request *req, http_response *res);
void h_statements_list(void *a, const http_request *req, http_response *res);
void h_articles_list(void *a, const http_request *req, http_response *res);
void h_articles_get(void *a, const http_request *req, http_response *res);
void h_articles_post(void *a, const http_request *req, http_response *res);
void h_sources_list(void *a, const http_request *req, http_response *res);
void h_sources_get(void *a, const http_request *req, http_response *res);
void h_sources_post(void *a, const http_request *req, http_response *res);
void h_sources_delete(void *a, const http_request *req, http_response *res);
void h_sources_fetch(void *a, const http_request *req, http_response *res);
void h_stats_timeline(void *a, const http_request *req, http_response *res);
void h_stats_summary(void *a, const http_request *req, http_response *res);
void h_network(void *a, const http_request *req, http_response *res);
void h_relations(void *a, const http_request *req, http_response *res);
void h_stats_places(void *a, const http_request *req, http_response *res);
void h_metrics(void *a, const http_request *req, http_response *res);
void h_livez(void *a, const http_request *req, http_response *res);
void h_readyz(void *a, const http_request *req, http_response *res);
void h_openapi(void *a, const http_request *req, http_response *res);

#endif
