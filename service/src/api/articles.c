/*
 * articles — GET /v1/articles, GET /v1/articles/{id}, POST /v1/articles.
 *
 * POST stores the article and runs extraction synchronously (the pipeline),
 * answering 201 for a new article and 200 for one already known (extracted
 * again when its text changed).  A URL alone is queued for the worker to
 * fetch (202).
 */
#include "api/api.h"

#include "ingest/pipeline.h"
#include "parse/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_URL 2048

void h_articles_list(void *a, const http_request *req, http_response *res)
{
	api_list(a, req, res, &db_articles, NULL, NULL);
}

void h_articles_get(void *a, const http_request *req, http_response *res)
{
	api_get_one(a, req, res, DB_ITEM_ARTICLE_DETAIL, "no article with this id");
}

/* Reads an optional string member; -1 (answered) when it has another type. */
static int string_field(json_t *doc, const char *name, size_t max, const char **out, size_t *len,
                        http_response *res)
{
	json_t *v = json_object_get(doc, name);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		api_invalid_field(res, name, "must be a string");
		return -1;
	}
	size_t n = json_string_length(v);
	if (n > max) {
		api_invalid_field(res, name, "too long");
		return -1;
	}
	if (memchr(json_string_value(v), '\0', n)) {
		api_invalid_field(res, name, "must not contain NUL characters");
		return -1;
	}
	*out = json_string_value(v);
	if (len)
		*len = n;
	return 0;
}

static const char *const post_fields[] = {"url",          "text",        "html",   "title",
                                          "published_at", "source_name", "author", NULL};

static int validate_post(json_t *doc, article_input *in, size_t max_body, http_response *res)
{
	if (api_only_fields(doc, post_fields, res))
		return -1;
	memset(in, 0, sizeof *in);
	if (string_field(doc, "url", MAX_URL, &in->url, NULL, res) ||
	    string_field(doc, "text", max_body, &in->text, &in->text_len, res) ||
	    string_field(doc, "html", max_body, &in->html, &in->html_len, res) ||
	    string_field(doc, "title", 1000, &in->title, NULL, res) ||
	    string_field(doc, "published_at", 64, &in->published_at, NULL, res) ||
	    string_field(doc, "source_name", 200, &in->site_name, NULL, res) ||
	    string_field(doc, "author", 300, &in->author, NULL, res))
		return -1;
	if (!in->url) {
		api_invalid_field(res, "url", "is required");
		return -1;
	}
	char *canon = url_canonical(in->url);
	free(canon);
	if (!canon || strncmp(in->url, "http", 4)) {
		api_invalid_field(res, "url", "must be an absolute http(s) URL");
		return -1;
	}
	if (in->text && in->html) {
		api_invalid_field(res, "html", "give either text or html, not both");
		return -1;
	}
	if (in->published_at && !api_valid_timestamp(in->published_at)) {
		api_invalid_field(res, "published_at", "must be a date or RFC 3339 timestamp");
		return -1;
	}
	return 0;
}

/* The stored article plus what extraction found in it. */
static void answer(db_conn *c, const article_outcome *out, int status, http_response *res)
{
	char *json = NULL;
	db_status st = db_item_json(c, DB_ITEM_ARTICLE, out->id, &json);
	if (st != DB_OK) {
		api_db_error(res, st, "the article vanished");
		return;
	}
	buf b;
	buf_init(&b);
	buf_append(&b, json, strlen(json) - 1); /* drop the closing brace */
	buf_printf(&b, ",\"extracted\":%s}", out->counts ? out->counts : "null");
	api_json(res, status, b.data, b.len);
	buf_free(&b);
	free(json);
	char location[64];
	snprintf(location, sizeof location, "/v1/articles/%s", out->id);
	http_set_header(res, "Location", location);
}

void h_articles_post(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	json_t *doc = api_write_body(a, req, res);
	if (!doc)
		return;
	article_input in;
	if (validate_post(doc, &in, a->cfg->max_body, res)) {
		json_decref(doc);
		return;
	}
	db_conn *c = api_db(a, res);
	if (!c) {
		json_decref(doc);
		return;
	}
	article_outcome out;
	db_status st;
	char *err = NULL;
	pthread_rwlock_rdlock(&a->dict_lock);
	pipe_status ps = pipeline_store(c, a->dict, &in, &out, &st, &err);
	pthread_rwlock_unlock(&a->dict_lock);
	if (ps == PIPE_BAD_INPUT) {
		api_error(res, 422, "unprocessable", err ? err : "the content could not be read",
		          NULL);
	} else if (ps == PIPE_DB) {
		api_db_error(res, st, "not found");
	} else {
		int status = out.created ? 201 : 200;
		if (!in.text && !in.html)
			status = 202;
		answer(c, &out, status, res);
	}
	db_release(a->pool, c);
	article_outcome_free(&out);
	free(err);
	json_decref(doc);
}
