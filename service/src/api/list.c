/*
 * list — serves any collection: validate, page through db_list(), wrap in
 * the {"data": [...], "next_cursor": …} envelope.
 */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

void api_list(app *a, const http_request *req, http_response *res, const db_collection *col,
              const char *preset_filter, const char *preset_value)
{
	static const char *const extra[] = {"format", NULL};
	api_list_params p;
	int export = api_export_requested(req, res);
	if (export < 0 || api_parse_list(req, col, &p, extra, res))
		return;
	if (preset_filter) {
		int k = db_filter_index(col, preset_filter);
		p.values[k] = preset_value;
	}
	if (export) {
		api_export(a, req, res, col, &p);
		return;
	}
	db_conn *c = api_db(a, res);
	if (!c)
		return;
	db_page page;
	db_status st = db_list(c, col, p.values, p.has_cursor ? p.cursor_sort : NULL,
	                       p.has_cursor ? p.cursor_id : NULL, p.limit, &page);
	db_release(a->pool, c);
	if (st != DB_OK) {
		api_db_error(res, st, "not found");
		db_page_free(&page);
		return;
	}
	buf *b = &res->body;
	buf_reset(b);
	buf_reserve(b, page.items.len + 128);
	buf_puts(b, "{\"data\":[");
	buf_append(b, page.items.data, page.items.len);
	buf_puts(b, "],\"next_cursor\":");
	if (page.more) {
		char *cur = api_cursor_encode(col->sort ? page.last_sort : "", page.last_id);
		buf_put_json_string(b, cur, strlen(cur));
		free(cur);
	} else {
		buf_puts(b, "null");
	}
	buf_putc(b, '}');
	res->status = 200;
	http_set_header(res, "Content-Type", "application/json; charset=utf-8");
	db_page_free(&page);
}
