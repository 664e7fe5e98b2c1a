/*
 * articles — storing articles and what was extracted from them.
 */
#ifndef PARLEY_DB_ARTICLES_H
#define PARLEY_DB_ARTICLES_H

#include "db/pool.h"

#include <stdbool.h>

typedef struct db_article_fields {
	const char *url;
	const char *canonical_url;
	const char *title;
	const char *site_name;
	const char *author;
	const char *language;
	const char *published_at; /* ISO 8601 or NULL */
	const char *text;
	const char *source_id; /* decimal or NULL */
} db_article_fields;

typedef struct db_upsert_result {
	char id[24];
	int created;
	int changed; /* the text is new or differs: extract again */
} db_upsert_result;

/* The whole store of a fetched or given article in one statement, its own
 * transaction (call it outside BEGIN): the upsert, then when the text is
 * new or changed and doc_json is given, store_extraction() and the mark
 * (relevance "0.873", off-topic, date source or NULL); *counts gets the
 * counts' JSON either way (free() it). */
db_status db_article_ingest(db_conn *c, const db_article_fields *f, const char *doc_json,
                            const char *relevance, bool off_topic, const char *published_source,
                            db_upsert_result *out, char **counts);
/* Runs store_extraction(); *counts gets its JSON answer (free() it). */
db_status db_store_extraction(db_conn *c, const char *article_id, const char *doc_json,
                              char **counts);
/* The publication day already stored for url (a feed item's date, a
 * previous store): *day gets "YYYY-MM-DD" (free() it), or NULL. */
db_status db_article_known_date(db_conn *c, const char *url, char **day);
/* Marks a stored article: its relevance ("0.873"), off-topic or not, and
 * where its publication date came from (NULL: left as it is). */
db_status db_article_mark(db_conn *c, const char *article_id, const char *relevance, bool off_topic,
                          const char *published_source);
typedef struct db_stored_article {
	const char *id, *text, *title, *published_at;
} db_stored_article;
/* Calls fn for up to limit articles with text and an id above after_id, in
 * id order; *last_id gets the last id seen ("" when none). */
db_status db_articles_with_text(db_conn *c, const char *after_id, int limit,
                                void (*fn)(void *ud, const db_stored_article *a), void *ud,
                                char last_id[24]);
db_status db_article_set_failed(db_conn *c, const char *article_id, const char *error);

#endif
