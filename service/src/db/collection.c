/*
 * collection — see collection.h.
 */
#include "db/collection.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int db_filter_index(const db_collection *col, const char *name)
{
	for (int i = 0; i < col->n_filters; i++)
		if (!strcmp(col->filters[i].name, name))
			return i;
	return -1;
}

unsigned db_where(const db_collection *col, const char *const *values, buf *sql,
                  const char **params, int *nparams)
{
	unsigned mask = 0;
	int undated = db_filter_index(col, "undated");
	bool keep_undated = undated >= 0 && values[undated] && !strcmp(values[undated], "include");
	buf_puts(sql, " WHERE ");
	buf_puts(sql, col->where ? col->where : "true");
	for (int i = 0; i < col->n_filters; i++) {
		if (!values[i])
			continue;
		const db_filter *f = &col->filters[i];
		bool code = f->code_sql && values[i][0] &&
		            strspn(values[i], "0123456789") == strlen(values[i]);
		bool root = code && f->root_sql && strlen(values[i]) < 3;
		mask |= (1u << i) | (code ? 1u << (16 + i) : 0) | (root ? 1u << 30 : 0);
		params[(*nparams)++] = values[i];
		buf_puts(sql, " AND (");
		buf_printf(sql, root ? f->root_sql : code ? f->code_sql : f->sql, *nparams);
		if (keep_undated && f->or_undated) {
			buf_printf(sql, " OR %s", f->or_undated);
			mask |= 1u << 31;
		}
		buf_putc(sql, ')');
	}
	return mask;
}

/* Builds the SQL and the statement name for the filters present. */
static void build_sql(const db_collection *col, const char *const *values, int has_cursor, buf *sql,
                      buf *name, const char **params, int *nparams)
{
	int n = 0;
	buf_puts(sql, col->select);
	unsigned mask = db_where(col, values, sql, params, &n);
	const char *cmp = col->descending ? "<" : ">";
	const char *dir = col->descending ? "DESC" : "ASC";
	if (has_cursor) {
		if (col->sort)
			buf_printf(sql, " AND (%s, %s) %s ($%d::date, $%d::bigint)", col->sort,
			           col->id, cmp, n + 1, n + 2);
		else
			buf_printf(sql, " AND %s %s $%d::bigint", col->id, cmp, n + 1);
	}
	buf_puts(sql, " ORDER BY ");
	if (col->sort)
		buf_printf(sql, "%s %s, ", col->sort, dir);
	buf_printf(sql, "%s %s LIMIT $%d::int", col->id, dir,
	           n + (has_cursor ? (col->sort ? 3 : 2) : 1));
	buf_printf(name, "%s_%x%s", col->name, mask, has_cursor ? "_c" : "");
	*nparams = n;
}

db_status db_list(db_conn *c, const db_collection *col, const char *const *values,
                  const char *cursor_sort, const char *cursor_id, int limit, db_page *out)
{
	memset(out, 0, sizeof *out);
	buf_init(&out->items);
	buf sql, name;
	buf_init(&sql);
	buf_init(&name);
	const char *params[DB_MAX_FILTERS + 3];
	int n;
	int has_cursor = cursor_id != NULL;
	build_sql(col, values, has_cursor, &sql, &name, params, &n);
	if (has_cursor) {
		if (col->sort)
			params[n++] = cursor_sort;
		params[n++] = cursor_id;
	}
	char lim[16];
	snprintf(lim, sizeof lim, "%d", limit + 1);
	params[n++] = lim;

	db_status st;
	PGresult *r = db_exec(c, name.data, sql.data, n, params, &st);
	buf_free(&sql);
	buf_free(&name);
	if (!r)
		return st;
	int rows = PQntuples(r);
	out->more = rows > limit;
	if (out->more)
		rows = limit;
	for (int i = 0; i < rows; i++) {
		if (i)
			buf_putc(&out->items, ',');
		buf_append(&out->items, PQgetvalue(r, i, 2), (size_t)PQgetlength(r, i, 2));
	}
	out->n = rows;
	if (rows) {
		snprintf(out->last_id, sizeof out->last_id, "%s", PQgetvalue(r, rows - 1, 0));
		snprintf(out->last_sort, sizeof out->last_sort, "%s", PQgetvalue(r, rows - 1, 1));
	}
	PQclear(r);
	return DB_OK;
}

void db_page_free(db_page *p)
{
	buf_free(&p->items);
}

db_status db_item_json(db_conn *c, db_item item, const char *id, char **json)
{
	static const struct {
		const char *stmt, *sql;
	} items[] = {
	    [DB_ITEM_EVENT_DETAIL] = {"item_event_detail",
	                              "SELECT parley_event_detail($1::bigint)"},
	    [DB_ITEM_ACTOR] = {"item_actor",
	                       "SELECT parley_actor_json(a) FROM actors a WHERE a.id = $1::bigint"},
	    [DB_ITEM_ACTOR_EXISTS] = {"item_actor_exists",
	                              "SELECT 'true' FROM actors WHERE id = $1::bigint"},
	    [DB_ITEM_ARTICLE] =
	        {"item_article",
	         "SELECT parley_article_json(a) FROM articles a WHERE a.id = $1::bigint"},
	    [DB_ITEM_ARTICLE_DETAIL] = {"item_article_detail",
	                                "SELECT parley_article_detail($1::bigint)"},
	    [DB_ITEM_SOURCE] =
	        {"item_source",
	         "SELECT parley_source_json(s) FROM sources s WHERE s.id = $1::bigint"},
	};
	const char *params[] = {id};
	return db_one_text(c, items[item].stmt, items[item].sql, 1, params, json);
}
