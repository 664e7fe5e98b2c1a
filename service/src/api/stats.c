/*
 * stats — GET /v1/stats/timeline, /v1/stats/summary and /v1/network: the
 * aggregates a dashboard draws.  The timeline takes the same filters as
 * the collection it counts.  Places carry the gazetteer's coordinates.
 */
#include "db/stats.h"
#include "api/api.h"
#include "core/utf8.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *const buckets[] = {"day", "week", "month", NULL};

static int one_of(const char *v, const char *const *choices)
{
	for (; *choices; choices++)
		if (!strcmp(v, *choices))
			return 1;
	return 0;
}

static void bad(http_response *res, const char *name, const char *why)
{
	api_error_about(res, 400, "invalid_parameter", "parameter", name, why, NULL);
}

static void answer(app *a, http_response *res, db_status st, char *json)
{
	if (st != DB_OK)
		api_db_error(res, st, "not found");
	else
		api_json(res, 200, json, strlen(json));
	free(json);
}

void h_stats_timeline(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	const char *series = http_query(req, "series");
	const char *bucket = http_query(req, "bucket");
	const char *split = http_query(req, "split");
	if (series && strcmp(series, "events") && strcmp(series, "statements")) {
		bad(res, "series", "must be events or statements");
		return;
	}
	if (bucket && !one_of(bucket, buckets)) {
		bad(res, "bucket", "must be day, week or month");
		return;
	}
	if (split && strcmp(split, "type")) {
		bad(res, "split", "must be type");
		return;
	}
	if (http_query(req, "limit") || http_query(req, "cursor")) {
		bad(res, http_query(req, "limit") ? "limit" : "cursor", "a timeline is not paged");
		return;
	}
	const db_collection *col =
	    series && !strcmp(series, "statements") ? &db_statements : &db_events;
	static const char *const extra[] = {"series", "bucket", "split", NULL};
	/* "actor" and "speaker" both name who the counted records are about,
	 * whichever series is counted. */
	http_request scoped = *req;
	http_pair *renamed = xcalloc(req->n_query + 1, sizeof *renamed);
	const char *who = col == &db_events ? "actor" : "speaker";
	for (size_t i = 0; i < req->n_query; i++) {
		renamed[i] = req->query[i];
		if (!strcmp(renamed[i].name, "actor") || !strcmp(renamed[i].name, "speaker"))
			renamed[i].name = (char *)who;
	}
	scoped.query = renamed;
	api_list_params p;
	int bad_params = api_parse_list(&scoped, col, &p, extra, res);
	free(renamed);
	if (bad_params)
		return;
	db_conn *c = api_db(a, res);
	if (!c)
		return;
	char *json;
	db_status st =
	    db_timeline(c, col, p.values, bucket ? bucket : "week", split != NULL, &json);
	db_release(a->pool, c);
	answer(a, res, st, json);
}

/* from/to (and undated) for the period endpoints; 0 or answered 400. */
static int period(const http_request *req, db_period *out, http_response *res)
{
	out->from = http_query(req, "from");
	out->to = http_query(req, "to");
	if (out->from && !api_valid_date(out->from)) {
		bad(res, "from", "must be a date YYYY-MM-DD");
		return -1;
	}
	if (out->to && !api_valid_date(out->to)) {
		bad(res, "to", "must be a date YYYY-MM-DD");
		return -1;
	}
	out->undated = http_query(req, "undated");
	if (out->undated && strcmp(out->undated, "include") && strcmp(out->undated, "only")) {
		bad(res, "undated", "must be include or only");
		return -1;
	}
	/* as in every list: relevant articles only unless asked (api/params.c) */
	static const char *const relevance[] = {"relevant", "off_topic", "all", NULL};
	out->relevance = http_query(req, "relevance");
	if (out->relevance && !one_of(out->relevance, relevance)) {
		bad(res, "relevance", "must be relevant, off_topic or all");
		return -1;
	}
	if (!out->relevance)
		out->relevance = "relevant";
	else if (!strcmp(out->relevance, "all"))
		out->relevance = NULL;
	return 0;
}

static int bounded_int(const http_request *req, const char *name, int lo, int hi, int *out,
                       http_response *res)
{
	const char *v = http_query(req, name);
	if (!v)
		return 0;
	if (!api_valid_id(v) || strlen(v) > 9 || atoi(v) < lo || atoi(v) > hi) {
		char why[80];
		snprintf(why, sizeof why, "must be an integer from %d to %d", lo, hi);
		bad(res, name, why);
		return -1;
	}
	*out = atoi(v);
	return 0;
}

void h_stats_summary(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	static const char *const allowed[] = {"from", "to", "undated", "relevance", NULL};
	db_period pd;
	if (api_check_params(req, allowed, res) || period(req, &pd, res))
		return;
	db_conn *c = api_db(a, res);
	if (!c)
		return;
	char *json;
	db_status st = db_summary(c, pd, &json);
	db_release(a->pool, c);
	answer(a, res, st, json);
}

void h_network(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	static const char *const allowed[] = {"from",       "to",    "undated",   "actor",
	                                      "min_weight", "limit", "relevance", NULL};
	db_period pd;
	int min_weight = 1, limit = 100;
	if (api_check_params(req, allowed, res) || period(req, &pd, res) ||
	    bounded_int(req, "min_weight", 1, 1000000, &min_weight, res) ||
	    bounded_int(req, "limit", 1, 1000, &limit, res))
		return;
	const char *actor = http_query(req, "actor");
	if (actor && (!*actor || strlen(actor) > 200 || !utf8_valid(actor, strlen(actor)))) {
		bad(res, "actor", "must be an actor id or name (200 bytes at most)");
		return;
	}
	char mw[16], lim[16];
	snprintf(mw, sizeof mw, "%d", min_weight);
	snprintf(lim, sizeof lim, "%d", limit);
	db_conn *c = api_db(a, res);
	if (!c)
		return;
	char *json;
	db_status st = db_network(c, pd, actor, mw, lim, &json);
	db_release(a->pool, c);
	answer(a, res, st, json);
}

void h_relations(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	static const char *const allowed[] = {"a",       "b",      "from",      "to",
	                                      "undated", "bucket", "relevance", NULL};
	db_period pd;
	if (api_check_params(req, allowed, res) || period(req, &pd, res))
		return;
	const char *bucket = http_query(req, "bucket");
	if (bucket && !one_of(bucket, buckets)) {
		bad(res, "bucket", "must be day, week or month");
		return;
	}
	const char *side[2] = {http_query(req, "a"), http_query(req, "b")};
	for (int i = 0; i < 2; i++) {
		const char *v = side[i];
		if (!v || !*v || strlen(v) > 200 || !utf8_valid(v, strlen(v))) {
			bad(res, i ? "b" : "a",
			    i ? "required: an actor id or name, or an ISO alpha-3 country (200 "
			        "bytes at most)"
			      : "required: an actor id or name (200 bytes at most)");
			return;
		}
	}
	db_conn *c = api_db(a, res);
	if (!c)
		return;
	char *json;
	db_status st = db_relations(c, pd, side[0], side[1], bucket ? bucket : "month", &json);
	db_release(a->pool, c);
	answer(a, res, st, json);
}

/* Adds lat/lon (null when unknown) to each place of the database's answer:
 * coordinates live in the gazetteer file, not in the database. */
static char *with_points(app *a, char *json)
{
	json_t *root = json_loads(json, 0, NULL);
	json_t *data = json_object_get(root, "data");
	if (!json_is_array(data)) {
		json_decref(root);
		return json;
	}
	pthread_rwlock_rdlock(&a->dict_lock);
	size_t i;
	json_t *row;
	json_array_foreach(data, i, row)
	{
		double lat, lon;
		bool known = px_dict_place_point(
		    a->dict, json_string_value(json_object_get(row, "name")), &lat, &lon);
		json_object_set_new(row, "lat", known ? json_real(lat) : json_null());
		json_object_set_new(row, "lon", known ? json_real(lon) : json_null());
	}
	pthread_rwlock_unlock(&a->dict_lock);
	char *out = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(8));
	json_decref(root);
	if (!out)
		return json;
	free(json);
	return out;
}

void h_stats_places(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	if (http_query(req, "limit") || http_query(req, "cursor")) {
		bad(res, http_query(req, "limit") ? "limit" : "cursor", "places are not paged");
		return;
	}
	api_list_params p;
	if (api_parse_list(req, &db_events, &p, NULL, res))
		return;
	db_conn *c = api_db(a, res);
	if (!c)
		return;
	char *json;
	db_status st = db_places(c, p.values, &json);
	db_release(a->pool, c);
	if (st == DB_OK)
		json = with_points(a, json);
	answer(a, res, st, json);
}
