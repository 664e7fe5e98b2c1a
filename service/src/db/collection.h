/*
 * collection — one keyset-paged, filtered list implementation for every
 * API collection.  A collection is described as data (its SELECT, sort key
 * and filters with their SQL predicates); the API layer validates the
 * parameters by kind and hands over their values.  Each combination of
 * present filters becomes its own named prepared statement, so plans stay
 * specific (no "$1 IS NULL OR …" generic plans) and are parsed once per
 * connection.
 */
#ifndef PARLEY_DB_COLLECTION_H
#define PARLEY_DB_COLLECTION_H

#include "core/buf.h"
#include "db/pool.h"

typedef enum {
	PARAM_ID,     /* positive 64-bit integer */
	PARAM_TEXT,   /* short UTF-8 text */
	PARAM_SEARCH, /* full-text query (websearch syntax) */
	PARAM_DATE,   /* YYYY-MM-DD */
	PARAM_ENUM,   /* one of choices */
	PARAM_ACTOR,  /* an actor id or name */
} param_kind;

typedef struct db_filter {
	const char *name;
	param_kind kind;
	const char *sql;            /* predicate with one "$%d" for the value */
	const char *const *choices; /* PARAM_ENUM: NULL-terminated */
	const char *help;
	/* used instead of sql when the value is all digits (a code, not a
	 * name), so each form keeps a predicate an index can serve; or NULL */
	const char *code_sql;
	/* a date bound: with "undated=include" the records without a date
	 * pass it too ("e.date IS NULL"); or NULL */
	const char *or_undated;
	/* used instead of code_sql when the code has one or two digits (a
	 * CAMEO root: "04" consult covers meetings, visits, calls, talks) */
	const char *root_sql;
} db_filter;

#define DB_MAX_FILTERS 12

/* An ordered path for one filter whose usual predicate gives rows
 * unordered, so a frequent value's first page would sort all its rows: an
 * actor (events ?actor=, statements ?speaker=: a name may stand for several
 * actors, and "= ANY(ids)" is unordered) or a full-text query (statements
 * ?q=: a GIN index is unordered).  The page is then the UNION ALL of two
 * branches of which only one yields rows: when the value is simple (one
 * actor, one word), `select` with `one_sql` (an equality) read in (`sort`,
 * `id`) order from an index; otherwise the collection's own select with
 * `many_sql`.  Both take the other filters, the cursor and the limit. */
typedef struct db_driver {
	const char *filter;   /* the filter's name */
	const char *select;   /* "SELECT <id>, <sort>::text, <json> FROM …" */
	const char *one_sql;  /* predicate with "$%1$d", a simple value */
	const char *sort;     /* sort expression in that branch */
	const char *id;       /* id expression in that branch */
	const char *many_sql; /* predicate with "$%1$d", any other value */
} db_driver;

typedef struct db_collection {
	const char *name;   /* statement-name prefix, also the resource name */
	const char *select; /* "SELECT <id>, <sort>::text, <json> FROM …" */
	const char *where;  /* always-true base predicate, or NULL */
	const char *sort;   /* sort expression (a date), or NULL to page by id alone */
	const char *id;     /* id expression */
	int descending;
	const db_filter *filters;
	int n_filters;
	const db_driver
	    *drivers; /* the first whose filter is present serves; NULL-ended, or NULL */
	/* "<table> <alias> [JOIN …]": what select reads from, for other
	 * queries over the same filters (stats.c); NULL when only lists use it */
	const char *from;
} db_collection;

typedef struct db_page {
	buf items; /* JSON objects joined by commas */
	int n;
	int more; /* another page follows */
	char last_sort[32];
	char last_id[24];
} db_page;

/* values[i] is the i-th filter's value or NULL; cursor_sort/cursor_id are
 * the decoded cursor or NULL.  Reads limit+1 rows to know if more follow. */
db_status db_list(db_conn *c, const db_collection *col, const char *const *values,
                  const char *cursor_sort, const char *cursor_id, int limit, db_page *out);
void db_page_free(db_page *p);

/* Appends " WHERE <base> AND <filters present>" with $n placeholders
 * continuing from *nparams; returns the bitmask of filters present, with
 * bit 16 + i when filter i took its code_sql (and bit 30 with it when that
 * was its root_sql) and bit 31 when the date
 * bounds let undated records through (for statement names). */
unsigned db_where(const db_collection *col, const char *const *values, buf *sql,
                  const char **params, int *nparams);

/* Each collection the API serves (resources.c). */
extern const db_collection db_events, db_actors, db_statements, db_articles;
int db_filter_index(const db_collection *col, const char *name);

/* The single records the API answers with, by id. */
typedef enum {
	DB_ITEM_EVENT_DETAIL,   /* event with mentions and statements */
	DB_ITEM_ACTOR,          /* actor with counts */
	DB_ITEM_ACTOR_EXISTS,   /* "true" when the actor exists */
	DB_ITEM_ARTICLE,        /* article row */
	DB_ITEM_ARTICLE_DETAIL, /* article with what was extracted from it */
	DB_ITEM_SOURCE,
} db_item;
/* A single item's JSON (NULL json + DB_NOT_FOUND when there is none). */
db_status db_item_json(db_conn *c, db_item item, const char *id, char **json);

#endif
