/*
 * queue — see queue.h.  Claims are single statements (UPDATE … WHERE id =
 * (SELECT … FOR UPDATE SKIP LOCKED)), so a claim either takes the row with
 * its lease or skips it; there is no window between choosing and leasing.
 */
#include "db/queue.h"

#include "core/buf.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *opt_value(PGresult *r, int col)
{
	return PQgetisnull(r, 0, col) ? NULL : xstrdup(PQgetvalue(r, 0, col));
}

/* Runs a statement whose result rows are not needed. */
static db_status command(db_conn *c, const char *name, const char *sql, int n, const char *const *p)
{
	db_status st;
	PGresult *r = db_exec(c, name, sql, n, p, &st);
	PQclear(r);
	return st;
}

db_status queue_claim_source(db_conn *c, const char *owner, int lease_s, queue_source *out,
                             int *found)
{
	char lease[16];
	snprintf(lease, sizeof lease, "%d", lease_s);
	const char *p[] = {owner, lease};
	db_status st;
	PGresult *r =
	    db_exec(c, "queue_claim_source",
	            "UPDATE sources s SET lease_owner = $1, lease_until = now() + "
	            "make_interval(secs => $2::int)"
	            " WHERE s.id = (SELECT id FROM sources WHERE enabled AND next_fetch_at <= now()"
	            "   AND (lease_until IS NULL OR lease_until < now())"
	            "   ORDER BY next_fetch_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
	            " RETURNING s.id, s.url, s.kind, s.etag, s.last_modified, s.interval_seconds, "
	            "s.failures",
	            2, p, &st);
	memset(out, 0, sizeof *out);
	*found = 0;
	if (!r)
		return st;
	if (PQntuples(r) == 1) {
		*found = 1;
		snprintf(out->id, sizeof out->id, "%s", PQgetvalue(r, 0, 0));
		out->url = opt_value(r, 1);
		out->kind = opt_value(r, 2);
		out->etag = opt_value(r, 3);
		out->last_modified = opt_value(r, 4);
		out->interval_s = atoi(PQgetvalue(r, 0, 5));
		out->failures = atoi(PQgetvalue(r, 0, 6));
	}
	PQclear(r);
	return DB_OK;
}

void queue_source_free(queue_source *s)
{
	free(s->url);
	free(s->kind);
	free(s->etag);
	free(s->last_modified);
	memset(s, 0, sizeof *s);
}

/* NULL stays NULL; anything else becomes well-formed UTF-8 of bounded
 * length (free() it). */
static char *text_param(const char *s)
{
	return s ? utf8_sanitize(s, strlen(s), 2000) : NULL;
}

db_status queue_source_done(db_conn *c, const char *id, const char *owner, const source_outcome *o)
{
	char status[16], next[16];
	snprintf(status, sizeof status, "%d", o->http_status);
	snprintf(next, sizeof next, "%d", o->next_in_s);
	/* Validators and errors come from remote servers: PostgreSQL refuses
	 * text that is not UTF-8, and the whole update with it. */
	char *error = text_param(o->error), *etag = text_param(o->etag),
	     *modified = text_param(o->last_modified), *name = text_param(o->name);
	const char *p[] = {
	    id, owner, o->http_status ? status : NULL, error, o->kind, etag, modified, next, name};
	db_status st =
	    command(c, "queue_source_done",
	            "UPDATE sources SET last_fetched_at = now(), last_status = $3::int, "
	            "last_error = $4::text,"
	            " failures = CASE WHEN $4::text IS NULL THEN 0 ELSE failures + 1 END,"
	            " kind = coalesce(kind, $5::text), etag = coalesce($6::text, etag),"
	            " last_modified = coalesce($7::text, last_modified),"
	            " next_fetch_at = now() + make_interval(secs => $8::int),"
	            " name = coalesce(name, left($9::text, 300)),"
	            " lease_owner = NULL, lease_until = NULL"
	            " WHERE id = $1::bigint AND lease_owner = $2",
	            9, p);
	free(error);
	free(etag);
	free(modified);
	free(name);
	return st;
}

db_status queue_source_release(db_conn *c, const char *id, const char *owner)
{
	const char *p[] = {id, owner};
	return command(c, "queue_source_release",
	               "UPDATE sources SET lease_owner = NULL, lease_until = NULL"
	               " WHERE id = $1::bigint AND lease_owner = $2",
	               2, p);
}

/* The claim shared by both article claims; which rows qualify differs. */
#define CLAIM_ARTICLE(pick)                                                                        \
	"UPDATE articles a SET status = 'fetching', lease_owner = $1,"                             \
	" lease_until = now() + make_interval(secs => $2::int), attempts = a.attempts + 1,"        \
	" updated_at = now()"                                                                      \
	" WHERE a.id = (" pick " FOR UPDATE SKIP LOCKED)"                                          \
	" RETURNING a.id, a.url, coalesce(a.source_id::text, ''), a.attempts"

static db_status claim_article(db_conn *c, const char *name, const char *sql, int n,
                               const char *const *p, queue_article *out, int *found)
{
	db_status st;
	PGresult *r = db_exec(c, name, sql, n, p, &st);
	memset(out, 0, sizeof *out);
	*found = 0;
	if (!r)
		return st;
	if (PQntuples(r) == 1) {
		*found = 1;
		snprintf(out->id, sizeof out->id, "%s", PQgetvalue(r, 0, 0));
		out->url = xstrdup(PQgetvalue(r, 0, 1));
		snprintf(out->source_id, sizeof out->source_id, "%s", PQgetvalue(r, 0, 2));
		out->attempts = atoi(PQgetvalue(r, 0, 3));
	}
	PQclear(r);
	return DB_OK;
}

db_status queue_claim_article(db_conn *c, const char *owner, int lease_s, queue_article *out,
                              int *found)
{
	char lease[16];
	snprintf(lease, sizeof lease, "%d", lease_s);
	const char *p[] = {owner, lease};
	/* An expired lease means its worker died: the row is due again. */
	return claim_article(c, "queue_claim_article",
	                     CLAIM_ARTICLE("SELECT id FROM articles"
	                                   " WHERE status IN ('pending', 'fetching')"
	                                   " AND next_attempt_at <= now()"
	                                   " AND (status = 'pending' OR lease_until < now())"
	                                   " ORDER BY next_attempt_at, id LIMIT 1"),
	                     2, p, out, found);
}

db_status queue_claim_article_id(db_conn *c, const char *id, const char *owner, int lease_s,
                                 queue_article *out, int *found)
{
	char lease[16];
	snprintf(lease, sizeof lease, "%d", lease_s);
	const char *p[] = {owner, lease, id};
	return claim_article(c, "queue_claim_article_id",
	                     CLAIM_ARTICLE("SELECT id FROM articles WHERE id = $3::bigint"
	                                   " AND (status = 'pending'"
	                                   "  OR (status = 'fetching' AND lease_until < now()))"),
	                     3, p, out, found);
}

void queue_article_free(queue_article *a)
{
	free(a->url);
	memset(a, 0, sizeof *a);
}

db_status queue_article_done(db_conn *c, const char *id, const char *owner, const char *stored_id)
{
	if (strcmp(id, stored_id)) {
		/* The page is a story already stored (its canonical URL or text
		 * matched): keep one article and every URL it is known by. */
		const char *p[] = {id, owner, stored_id};
		db_status st = db_command(c, "BEGIN");
		if (st == DB_OK)
			st = command(
			    c, "queue_fold_urls",
			    "UPDATE article_urls SET article_id = $3::bigint"
			    " WHERE article_id = $1::bigint AND EXISTS (SELECT 1 FROM articles"
			    "  WHERE id = $1::bigint AND lease_owner = $2)",
			    3, p);
		if (st == DB_OK)
			st = command(
			    c, "queue_fold_items",
			    "UPDATE feed_items SET article_id = $3::bigint"
			    " WHERE article_id = $1::bigint AND EXISTS (SELECT 1 FROM articles"
			    "  WHERE id = $1::bigint AND lease_owner = $2)",
			    3, p);
		if (st == DB_OK)
			st = command(
			    c, "queue_fold_article",
			    "DELETE FROM articles WHERE id = $1::bigint AND lease_owner = $2"
			    " AND $3::bigint IS NOT NULL",
			    3, p);
		if (st == DB_OK)
			st = db_command(c, "COMMIT");
		if (st != DB_OK)
			db_command(c, "ROLLBACK");
		return st;
	}
	const char *p[] = {id, owner};
	return command(c, "queue_article_done",
	               "UPDATE articles SET lease_owner = NULL, lease_until = NULL,"
	               " status = CASE WHEN text IS NOT NULL AND text <> '' THEN 'extracted'"
	               "  ELSE 'failed' END,"
	               " error = CASE WHEN text IS NOT NULL AND text <> '' THEN NULL"
	               "  ELSE 'no article text found on the page' END, updated_at = now()"
	               " WHERE id = $1::bigint AND lease_owner = $2",
	               2, p);
}

db_status queue_article_failed(db_conn *c, const char *id, const char *owner, const char *error,
                               int give_up, int delay_s)
{
	char delay[16];
	snprintf(delay, sizeof delay, "%d", delay_s);
	char *clean = text_param(error);
	const char *p[] = {id, owner, clean, give_up ? "failed" : "pending", delay};
	db_status st = command(c, "queue_article_failed",
	                       "UPDATE articles SET status = $4, error = left($3, 1000),"
	                       " next_attempt_at = now() + make_interval(secs => $5::int),"
	                       " lease_owner = NULL, lease_until = NULL, updated_at = now()"
	                       " WHERE id = $1::bigint AND lease_owner = $2",
	                       5, p);
	free(clean);
	return st;
}

db_status queue_article_release(db_conn *c, const char *id, const char *owner)
{
	const char *p[] = {id, owner};
	return command(
	    c, "queue_article_release",
	    "UPDATE articles SET status = 'pending', attempts = greatest(attempts - 1, 0),"
	    " lease_owner = NULL, lease_until = NULL"
	    " WHERE id = $1::bigint AND lease_owner = $2 AND status = 'fetching'",
	    2, p);
}

db_status queue_enqueue_item(db_conn *c, const queue_item *it, char id[24], int *created)
{
	const char *p[] = {it->source_id, it->url,          it->canonical, it->guid,
	                   it->title,     it->published_at, it->author};
	db_status st;
	PGresult *r = db_exec(c, "queue_enqueue_item",
	                      "SELECT id, created FROM parley_enqueue_item($1::bigint, $2, $3, $4,"
	                      " left($5, 1000), $6::timestamptz, left($7, 300))",
	                      7, p, &st);
	id[0] = '\0';
	*created = 0;
	if (!r)
		return st;
	snprintf(id, 24, "%s", PQgetvalue(r, 0, 0));
	*created = PQgetvalue(r, 0, 1)[0] == 't';
	PQclear(r);
	return DB_OK;
}

db_status queue_heartbeat(db_conn *c, const char *owner, const char *host, int stopping)
{
	const char *p[] = {owner, host};
	if (stopping)
		return command(c, "queue_heartbeat_stop",
		               "DELETE FROM worker_heartbeats WHERE owner = $1", 1, p);
	return command(c, "queue_heartbeat",
	               "WITH pruned AS (DELETE FROM worker_heartbeats"
	               " WHERE seen_at < now() - interval '1 day')"
	               " INSERT INTO worker_heartbeats (owner, host) VALUES ($1, $2)"
	               " ON CONFLICT (owner) DO UPDATE SET seen_at = now()",
	               2, p);
}

db_status queue_workers_alive(db_conn *c, const char *host, int max_age_s, long *n)
{
	char age[16];
	snprintf(age, sizeof age, "%d", max_age_s);
	const char *p[] = {host, age};
	char *out = NULL;
	db_status st = db_one_text(c, "queue_workers_alive",
	                           "SELECT count(*) FROM worker_heartbeats WHERE host = $1"
	                           " AND seen_at > now() - make_interval(secs => $2::int)",
	                           2, p, &out);
	*n = out ? atol(out) : 0;
	free(out);
	return st;
}
