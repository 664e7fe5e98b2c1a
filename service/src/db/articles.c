/*
 * articles — see articles.h.  The matching logic lives in SQL functions
 * (store_extraction.sql and ingest.sql) so that it runs next to the data in one round
 * trip; this file only calls them.
 */
#include "db/articles.h"

#include "core/buf.h"

#include <stdio.h>
#include <string.h>

db_status db_article_ingest(db_conn *c, const db_article_fields *f, const char *doc_json,
                            const char *relevance, bool off_topic, const char *published_source,
                            db_upsert_result *out, char **counts)
{
	const char *p[] = {
	    f->url,      f->canonical_url,      f->title,        f->site_name, f->author,
	    f->language, f->published_at,       f->text,         f->source_id, doc_json,
	    relevance,   off_topic ? "t" : "f", published_source};
	db_status st;
	*counts = NULL;
	/* The store's SQL functions keep their plans for the session, chosen
	 * after a few calls from the tables' size at the time; PostgreSQL
	 * plans again only after an ANALYZE, which autovacuum runs at most once
	 * a minute.  Into a new database a session's first plans were made for
	 * nearly empty tables (a scan of every row where an index now serves),
	 * so they are made again at this connection's 8th, 16th, 32nd …
	 * store: a few times while the tables grow, never once they are
	 * large. */
	uint64_t n = db_conn_uses(c);
	if (n >= 8 && (n & (n - 1)) == 0)
		(void)db_command(c, "DISCARD PLANS");
	PGresult *r = db_exec(c, "article_ingest",
	                      "SELECT id, created, changed, counts FROM parley_ingest_article("
	                      "$1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9::bigint, $10::jsonb,"
	                      " $11::real, $12::boolean, $13)",
	                      13, p, &st);
	if (!r)
		return st;
	snprintf(out->id, sizeof out->id, "%s", PQgetvalue(r, 0, 0));
	out->created = PQgetvalue(r, 0, 1)[0] == 't';
	out->changed = PQgetvalue(r, 0, 2)[0] == 't';
	*counts = xstrdup(PQgetvalue(r, 0, 3));
	PQclear(r);
	return DB_OK;
}

db_status db_store_extraction(db_conn *c, const char *article_id, const char *doc_json,
                              char **counts)
{
	const char *p[] = {article_id, doc_json};
	return db_one_text(c, "store_extraction", "SELECT store_extraction($1::bigint, $2::jsonb)",
	                   2, p, counts);
}

db_status db_article_mark(db_conn *c, const char *article_id, const char *relevance, bool off_topic,
                          const char *published_source)
{
	const char *p[] = {article_id, relevance, off_topic ? "t" : "f", published_source};
	db_status st;
	PGresult *r = db_exec(c, "article_mark",
	                      "UPDATE articles SET relevance = $2::real, off_topic = $3::boolean,"
	                      " published_source = coalesce($4, published_source)"
	                      " WHERE id = $1::bigint",
	                      4, p, &st);
	if (!r)
		return st;
	PQclear(r);
	return DB_OK;
}

db_status db_article_known_date(db_conn *c, const char *url, char **day)
{
	const char *p[] = {url};
	*day = NULL;
	db_status st = db_one_text(c, "article_known_date",
	                           "SELECT published_at::date::text FROM articles"
	                           " WHERE url = $1 AND published_at IS NOT NULL",
	                           1, p, day);
	return st == DB_NOT_FOUND ? DB_OK : st;
}

db_status db_article_set_failed(db_conn *c, const char *article_id, const char *error)
{
	const char *p[] = {article_id, error};
	db_status st;
	PGresult *r =
	    db_exec(c, "article_failed",
	            "UPDATE articles SET status = 'failed', error = $2, updated_at = now()"
	            " WHERE id = $1::bigint",
	            2, p, &st);
	PQclear(r);
	return st;
}

db_status db_articles_with_text(db_conn *c, const char *after_id, int limit,
                                void (*fn)(void *ud, const db_stored_article *a), void *ud,
                                char last_id[24])
{
	char lim[16];
	snprintf(lim, sizeof lim, "%d", limit);
	const char *p[] = {after_id, lim};
	db_status st;
	PGresult *r =
	    db_exec(c, "articles_with_text",
	            "SELECT id, text, title, published_at::date::text FROM articles"
	            " WHERE text IS NOT NULL AND id > $1::bigint ORDER BY id LIMIT $2::int",
	            2, p, &st);
	last_id[0] = '\0';
	if (!r)
		return st;
	for (int i = 0; i < PQntuples(r); i++) {
		db_stored_article a = {PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
		                       PQgetisnull(r, i, 2) ? NULL : PQgetvalue(r, i, 2),
		                       PQgetisnull(r, i, 3) ? NULL : PQgetvalue(r, i, 3)};
		fn(ud, &a);
		snprintf(last_id, 24, "%s", a.id);
	}
	PQclear(r);
	return DB_OK;
}
