/*
 * collection — see collection.h.
 */
#include "db/collection.h"

#include "db/page_cache.h"

#include <assert.h>
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

/* db_where(), with filter `swap` (or none: -1) taking `swap_sql`. */
static unsigned where_sql(const db_collection *col, const char *const *values, buf *sql,
                          const char **params, int *nparams, int swap, const char *swap_sql)
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
		buf_printf(sql,
		           i == swap ? swap_sql
		           : root    ? f->root_sql
		           : code    ? f->code_sql
		                     : f->sql,
		           *nparams);
		if (keep_undated && f->or_undated) {
			buf_printf(sql, " OR %s", f->or_undated);
			mask |= 1u << 31;
		}
		buf_putc(sql, ')');
	}
	return mask;
}

unsigned db_where(const db_collection *col, const char *const *values, buf *sql,
                  const char **params, int *nparams)
{
	return where_sql(col, values, sql, params, nparams, -1, NULL);
}

/* One SELECT … WHERE … ORDER BY … LIMIT of a page; the filters' values go
 * to params from *n on, the cursor's and the limit's numbers follow. */
static unsigned build_branch(const db_collection *col, const char *select, const char *sort,
                             const char *id, int swap, const char *swap_sql,
                             const char *const *values, int has_cursor, buf *sql,
                             const char **params, int *n)
{
	buf_puts(sql, select);
	unsigned mask = where_sql(col, values, sql, params, n, swap, swap_sql);
	const char *cmp = col->descending ? "<" : ">";
	const char *dir = col->descending ? "DESC" : "ASC";
	if (has_cursor) {
		if (sort)
			buf_printf(sql, " AND (%s, %s) %s ($%d::date, $%d::bigint)", sort, id, cmp,
			           *n + 1, *n + 2);
		else
			buf_printf(sql, " AND %s %s $%d::bigint", id, cmp, *n + 1);
	}
	buf_puts(sql, " ORDER BY ");
	if (sort)
		buf_printf(sql, "%s %s, ", sort, dir);
	buf_printf(sql, "%s %s LIMIT $%d::int", id, dir, *n + (has_cursor ? (sort ? 3 : 2) : 1));
	return mask;
}

/* Builds the SQL and the statement name for the filters present. */
static void build_sql(const db_collection *col, const char *const *values, int has_cursor, buf *sql,
                      buf *name, const char **params, int *nparams)
{
	int n = 0;
	const db_driver *d = col->drivers;
	int k = -1;
	for (; d && d->filter; d++)
		if ((k = db_filter_index(col, d->filter)) >= 0 && values[k])
			break;
	unsigned mask;
	if (d && d->filter) {
		/* Both branches number the same values alike; the second's copies
		 * of the parameters are dropped. */
		const char *again[DB_MAX_FILTERS];
		int m = 0;
		buf_puts(sql, "(");
		mask = build_branch(col, d->select, d->sort, d->id, k, d->one_sql, values,
		                    has_cursor, sql, params, &n);
		buf_puts(sql, ") UNION ALL (");
		build_branch(col, col->select, col->sort, col->id, k, d->many_sql, values,
		             has_cursor, sql, again, &m);
		buf_puts(sql, ")");
		assert(m == n);
	} else {
		mask = build_branch(col, col->select, col->sort, col->id, -1, NULL, values,
		                    has_cursor, sql, params, &n);
	}
	buf_printf(name, "%s_%x%s", col->name, mask, has_cursor ? "_c" : "");
	*nparams = n;
}

/* The page cache's key: the pool (a replica has other snapshots), the
 * statement and each parameter with its length (NULL apart). */
static void cache_key(db_conn *c, const char *name, const char *const *params, int n, buf *key)
{
	buf_printf(key, "%p|%s", (void *)db_conn_pool(c), name);
	for (int i = 0; i < n; i++) {
		if (params[i])
			buf_printf(key, "|%zu:%s", strlen(params[i]), params[i]);
		else
			buf_puts(key, "|-");
	}
}

/* The snapshot the page will be read under or was cached under (NULL when
 * it cannot be read: no cache then).  Only outside a transaction block,
 * which sees its own changes. */
static char *current_snapshot(db_conn *c)
{
	char *snap = NULL;
	if (db_one_text(c, "page_snapshot", "SELECT pg_current_snapshot()::text", 0, NULL, &snap) !=
	    DB_OK) {
		free(snap);
		return NULL;
	}
	return snap;
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

	buf key;
	buf_init(&key);
	char *snap = NULL;
	if (page_cache_enabled() && PQtransactionStatus(db_pg(c)) == PQTRANS_IDLE) {
		cache_key(c, name.data, params, n, &key);
		if (page_cache_seen(key.data, key.len))
			snap = current_snapshot(c);
	}
	if (snap) {
		page_cache_view v = {&out->items, 0, 0, out->last_sort, out->last_id};
		if (page_cache_get(key.data, key.len, snap, &v)) {
			out->n = v.n;
			out->more = v.more;
			buf_free(&key);
			buf_free(&sql);
			buf_free(&name);
			free(snap);
			return DB_OK;
		}
	}
	db_status st;
	PGresult *r = db_exec(c, name.data, sql.data, n, params, &st);
	buf_free(&sql);
	buf_free(&name);
	if (!r) {
		buf_free(&key);
		free(snap);
		return st;
	}
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
	if (snap)
		page_cache_put(key.data, key.len, snap, out->items.data ? out->items.data : "",
		               out->items.len, out->n, out->more, out->last_sort, out->last_id);
	buf_free(&key);
	free(snap);
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
	                       "SELECT coalesce(d.doc, parley_actor_json(a)) FROM actors a"
	                       " LEFT JOIN actor_docs d ON d.id = a.id WHERE a.id = $1::bigint"},
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
