/*
 * sources — /v1/sources: the feeds and pages the worker polls.
 *
 *   POST   /v1/sources {url, kind?, interval?}  201 new, 200 already known
 *   GET    /v1/sources                          list with fetch state and counts
 *   GET    /v1/sources/{id}
 *   DELETE /v1/sources/{id}                     204 (its articles stay)
 *   POST   /v1/sources/{id}/fetch               202: due now
 *
 * Validation is source_spec's, shared with `parley sources add`.
 */
#include "api/api.h"

#include "db/sources.h"
#include "ingest/source_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHAT "no source with this id"

void h_sources_list(void *a, const http_request *req, http_response *res)
{
	api_list(a, req, res, &db_sources, NULL, NULL);
}

void h_sources_get(void *a, const http_request *req, http_response *res)
{
	api_get_one(a, req, res, DB_ITEM_SOURCE, WHAT);
}

/* Reads the body into a spec; answers 4xx and returns -1 when it is wrong. */
static int read_body(const app *a, json_t *doc, source_spec *spec, http_response *res)
{
	static const char *const fields[] = {"url", "kind", "interval", NULL};
	if (api_only_fields(doc, fields, res))
		return -1;
	json_t *url = json_object_get(doc, "url"), *kind = json_object_get(doc, "kind"),
	       *interval = json_object_get(doc, "interval");
	if (url && !json_is_string(url)) {
		api_invalid_field(res, "url", "must be a string");
		return -1;
	}
	if (kind && !json_is_null(kind) && !json_is_string(kind)) {
		api_invalid_field(res, "kind", "must be \"feed\" or \"page\"");
		return -1;
	}
	if (interval && !json_is_null(interval) && !json_is_integer(interval)) {
		api_invalid_field(res, "interval", "must be an integer number of seconds");
		return -1;
	}
	const char *u = url ? json_string_value(url) : NULL;
	if (u && memchr(u, '\0', json_string_length(url))) {
		api_invalid_field(res, "url", "must not contain NUL characters");
		return -1;
	}
	json_int_t iv = interval && json_is_integer(interval) ? json_integer_value(interval) : -1;
	if (interval && json_is_integer(interval) && (iv < 0 || iv > SOURCE_INTERVAL_MAX))
		iv = 0; /* out of range either way: let the check word it */
	const char *field, *why;
	if (source_spec_check(u, kind && json_is_string(kind) ? json_string_value(kind) : NULL,
	                      (long)iv, a->cfg->allow_local_fetch, spec, &field, &why)) {
		api_invalid_field(res, field, why);
		return -1;
	}
	return 0;
}

static void answer_source(http_response *res, int status, const char *json)
{
	api_json(res, status, json, strlen(json));
	json_t *doc = json_loads(json, 0, NULL);
	json_t *id = doc ? json_object_get(doc, "id") : NULL;
	if (id && json_is_integer(id)) {
		char location[64];
		snprintf(location, sizeof location, "/v1/sources/%lld",
		         (long long)json_integer_value(id));
		http_set_header(res, "Location", location);
	}
	json_decref(doc);
}

void h_sources_post(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	json_t *doc = api_write_body(a, req, res);
	if (!doc)
		return;
	source_spec spec;
	if (read_body(a, doc, &spec, res)) {
		json_decref(doc);
		return;
	}
	json_decref(doc);
	db_conn *c = api_db(a, res);
	if (!c) {
		source_spec_free(&spec);
		return;
	}
	db_source_new s = {spec.url, spec.kind, spec.interval_s, 1};
	char *json = NULL;
	int created = 0;
	db_status st = db_source_create(c, &s, &json, &created);
	db_release(a->pool, c);
	if (st == DB_OK)
		answer_source(res, created ? 201 : 200, json);
	else
		api_db_error(res, st, WHAT);
	free(json);
	source_spec_free(&spec);
}

/* A write to the source {id}: checked, then a connection; NULL after
 * answering. */
static db_conn *write_target(app *a, const http_request *req, http_response *res)
{
	if (api_require_write(a, req, res) || api_check_params(req, NULL, res))
		return NULL;
	if (!api_valid_id(req->path_params[0])) {
		api_error(res, 404, "not_found", WHAT, json_pack("{s:s}", "id", "not an id"));
		return NULL;
	}
	return api_db(a, res);
}

void h_sources_delete(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	db_conn *c = write_target(a, req, res);
	if (!c)
		return;
	db_status st = db_source_delete(c, req->path_params[0]);
	db_release(a->pool, c);
	if (st != DB_OK) {
		api_db_error(res, st, WHAT);
		return;
	}
	res->status = 204;
	buf_reset(&res->body);
}

void h_sources_fetch(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	db_conn *c = write_target(a, req, res);
	if (!c)
		return;
	char *json = NULL;
	db_status st = db_source_fetch_now(c, req->path_params[0], &json);
	db_release(a->pool, c);
	if (st == DB_OK)
		api_json(res, 202, json, strlen(json));
	else
		api_db_error(res, st, WHAT);
	free(json);
}
