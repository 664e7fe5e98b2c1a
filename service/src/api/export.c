/*
 * export — a whole filtered collection as CSV or NDJSON, streamed in
 * constant memory: the server pulls one keyset page (500 rows) each time
 * the socket has drained the previous one, holding a database connection
 * only while a page is read.
 */
#include "api/api.h"

#include "db/sources.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT_PAGE 500

typedef enum { FORMAT_JSON, FORMAT_CSV, FORMAT_NDJSON } export_format;

/* CSV columns as paths into each item's JSON: "a.b" walks objects, "a[]"
 * joins an array ("a[].b" its elements' b) with "; ". */
static const char *const event_columns[] = {"id",
                                            "type",
                                            "cameo_code",
                                            "title",
                                            "date",
                                            "date_precision",
                                            "status",
                                            "location.name",
                                            "location.country",
                                            "participants[].name",
                                            "mention_count",
                                            "source_count",
                                            "first_seen",
                                            "last_seen",
                                            "evidence.article_id",
                                            "evidence.sentence",
                                            "evidence.offsets[]",
                                            NULL};
static const char *const actor_columns[] = {
    "id",          "name",       "kind",      "title",
    "country",     "cameo_code", "aliases[]", "statement_count",
    "event_count", "first_seen", "last_seen", NULL};
static const char *const statement_columns[] = {
    "id",       "date",      "speaker.id", "speaker.name", "source_description", "kind",
    "cue",      "text",      "article.id", "article.url",  "article.title",      "event_id",
    "sentence", "offsets[]", NULL};
static const char *const article_columns[] = {"id",        "url",    "canonical_url", "title",
                                              "site_name", "author", "published_at",  "fetched_at",
                                              "status",    "error",  "source_id",     NULL};

static const char *const source_columns[] = {"id",
                                             "url",
                                             "kind",
                                             "name",
                                             "interval",
                                             "enabled",
                                             "next_fetch_at",
                                             "last_fetched_at",
                                             "last_status",
                                             "last_error",
                                             "failures",
                                             "created_at",
                                             "articles.total",
                                             "articles.extracted",
                                             "articles.failed",
                                             "articles.pending",
                                             NULL};

/* The one place a collection's CSV columns are named: a collection not
 * listed here has no CSV form. */
static const struct {
	const db_collection *col;
	const char *const *columns;
} csv_forms[] = {
    {&db_events, event_columns},         {&db_actors, actor_columns},
    {&db_statements, statement_columns}, {&db_articles, article_columns},
    {&db_sources, source_columns},
};

static const char *const *columns_of(const db_collection *col)
{
	for (size_t i = 0; i < sizeof csv_forms / sizeof *csv_forms; i++)
		if (csv_forms[i].col == col)
			return csv_forms[i].columns;
	return NULL;
}

typedef struct export_state {
	app *a;
	const db_collection *col;
	char *values[DB_MAX_FILTERS];
	char cursor_sort[32], cursor_id[24];
	int has_cursor;
	export_format format;
	int header_done, done;
} export_state;

static void scalar(json_t *v, buf *out)
{
	if (json_is_string(v))
		buf_puts(out, json_string_value(v));
	else if (json_is_integer(v))
		buf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(out, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		buf_puts(out, json_is_true(v) ? "true" : "false");
}

/* The text of one column of an item. */
static void cell(json_t *item, const char *path, buf *out)
{
	char key[64];
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	int array = n > 2 && !strncmp(path + n - 2, "[]", 2);
	snprintf(key, sizeof key, "%.*s", (int)(array ? n - 2 : n), path);
	json_t *v = json_object_get(item, key);
	if (!array) {
		if (dot && json_is_object(v))
			cell(v, dot + 1, out);
		else if (!dot)
			scalar(v, out);
		return;
	}
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
	{
		if (i)
			buf_puts(out, "; ");
		if (dot)
			cell(e, dot + 1, out);
		else
			scalar(e, out);
	}
}

void csv_field(buf *out, const char *s, size_t len)
{
	/* A spreadsheet runs a cell starting with one of these as a formula
	 * (CSV injection): OWASP's advice is to prefix a single quote and
	 * quote the cell, so it is read as text. */
	int formula = len > 0 && s[0] && strchr("=+-@\t\r", s[0]);
	int special = formula;
	for (size_t i = 0; i < len && !special; i++)
		special = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!special) {
		buf_append(out, s, len);
		return;
	}
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
}

static void csv_row(export_state *st, json_t *item, buf *out)
{
	buf c;
	buf_init(&c);
	const char *const *cols = columns_of(st->col);
	assert(cols);
	for (int i = 0; cols[i]; i++) {
		buf_reset(&c);
		cell(item, cols[i], &c);
		if (i)
			buf_putc(out, ',');
		csv_field(out, c.data, c.len);
	}
	buf_puts(out, "\r\n");
	buf_free(&c);
}

static int export_next(void *state, buf *out)
{
	export_state *st = state;
	if (st->format == FORMAT_CSV && !st->header_done) {
		const char *const *cols = columns_of(st->col);
		assert(cols);
		for (int i = 0; cols[i]; i++) {
			if (i)
				buf_putc(out, ',');
			buf_puts(out, cols[i]);
		}
		buf_puts(out, "\r\n");
		st->header_done = 1;
		return 1;
	}
	if (st->done)
		return 0;
	db_conn *c = db_acquire(st->a->read_pool ? st->a->read_pool : st->a->pool, APP_DB_WAIT_MS);
	if (!c)
		return -1;
	db_page page;
	db_status rc = db_list(c, st->col, (const char *const *)st->values,
	                       st->has_cursor ? st->cursor_sort : NULL,
	                       st->has_cursor ? st->cursor_id : NULL, EXPORT_PAGE, &page);
	db_release(st->a->pool, c);
	if (rc != DB_OK) {
		db_page_free(&page);
		return -1;
	}
	buf arr;
	buf_init(&arr);
	buf_putc(&arr, '[');
	buf_append(&arr, page.items.data, page.items.len);
	buf_putc(&arr, ']');
	json_t *items = json_loadb(arr.data, arr.len, 0, NULL);
	buf_free(&arr);
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		if (st->format == FORMAT_CSV) {
			csv_row(st, item, out);
		} else {
			char *line = json_dumps(item, JSON_COMPACT);
			buf_puts(out, line);
			buf_putc(out, '\n');
			free(line);
		}
	}
	json_decref(items);
	st->done = !page.more;
	memcpy(st->cursor_sort, page.last_sort, sizeof st->cursor_sort);
	memcpy(st->cursor_id, page.last_id, sizeof st->cursor_id);
	st->has_cursor = 1;
	db_page_free(&page);
	return st->done && out->len == 0 ? 0 : 1;
}

static void export_free(void *state)
{
	export_state *st = state;
	for (int i = 0; i < DB_MAX_FILTERS; i++)
		free(st->values[i]);
	free(st);
}

static export_format requested_format(const http_request *req)
{
	const char *f = http_query(req, "format");
	if (f)
		return !strcmp(f, "csv")      ? FORMAT_CSV
		       : !strcmp(f, "ndjson") ? FORMAT_NDJSON
		                              : FORMAT_JSON;
	const char *accept = http_header(req, "Accept");
	if (accept && strstr(accept, "text/csv"))
		return FORMAT_CSV;
	if (accept && strstr(accept, "application/x-ndjson"))
		return FORMAT_NDJSON;
	return FORMAT_JSON;
}

int api_export_requested(const http_request *req, http_response *res)
{
	const char *f = http_query(req, "format");
	if (f && strcmp(f, "json") && strcmp(f, "csv") && strcmp(f, "ndjson")) {
		api_error(res, 400, "invalid_parameter",
		          "parameter 'format': must be json, csv or ndjson",
		          json_pack("{s:s}", "parameter", "format"));
		return -1;
	}
	return requested_format(req) != FORMAT_JSON;
}

void api_export(app *a, const http_request *req, http_response *res, const db_collection *col,
                const api_list_params *p)
{
	export_state *st = xcalloc(1, sizeof *st);
	st->a = a;
	st->col = col;
	st->format = requested_format(req);
	for (int i = 0; i < col->n_filters; i++)
		st->values[i] = p->values[i] ? xstrdup(p->values[i]) : NULL;
	if (p->has_cursor) {
		memcpy(st->cursor_sort, p->cursor_sort, sizeof st->cursor_sort);
		memcpy(st->cursor_id, p->cursor_id, sizeof st->cursor_id);
		st->has_cursor = 1;
	}
	res->status = 200;
	res->stream = (http_stream){export_next, export_free, st};
	char disposition[128];
	snprintf(disposition, sizeof disposition, "attachment; filename=\"%s.%s\"", col->name,
	         st->format == FORMAT_CSV ? "csv" : "ndjson");
	http_set_header(res, "Content-Type",
	                st->format == FORMAT_CSV ? "text/csv; charset=utf-8; header=present"
	                                         : "application/x-ndjson");
	http_set_header(res, "Content-Disposition", disposition);
	http_set_header(res, "Cache-Control", "no-store");
}
