/*
 * demo — see demo.h.  The feed's items are queued and claimed in one
 * transaction, so a worker running elsewhere on the same database never
 * sees them pending and never tries the made-up domain.  An item link
 * .../<slug>.html is read from pages/<slug>.html; nothing else in the
 * worker knows about this mapping.
 */
#include "ingest/demo.h"

#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "db/sources.h"
#include "ingest/jobs.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_WAIT_MS 10000

/* pages/<last path segment of url>, or NULL when the link is not a page
 * of the corpus. */
static char *page_path(const char *dir, const char *url)
{
	const char *slash = strrchr(url, '/');
	const char *slug = slash ? slash + 1 : url;
	size_t n = strlen(slug);
	if (n < 6 || strcmp(slug + n - 5, ".html") || slug[0] == '.')
		return NULL;
	buf p;
	buf_init(&p);
	buf_printf(&p, "%s/pages/%s", dir, slug);
	return buf_detach(&p);
}

/* Queues the feed's items and claims every one still pending, atomically. */
static int queue_and_claim(ingest_ctx *ctx, db_conn *c, const char *source_id, const char *xml,
                           size_t len, const char *base, queue_article **claimed, size_t *n)
{
	char **ids = NULL, *err = NULL;
	size_t n_ids = 0;
	int n_new = 0, rc = -1;
	*claimed = NULL;
	*n = 0;
	if (db_begin(c) != DB_OK)
		return -1;
	if (job_feed_items(ctx, c, source_id, xml, len, base, &n_new, &ids, &n_ids, NULL, &err)) {
		log_error("demo feed unreadable", "error", err, NULL);
		goto done;
	}
	*claimed = xcalloc(n_ids ? n_ids : 1, sizeof **claimed);
	for (size_t i = 0; i < n_ids; i++) {
		int found = 0;
		if (queue_claim_article_id(c, ids[i], ctx->owner, ctx->s.lease_s, &(*claimed)[*n],
		                           &found) != DB_OK)
			goto done;
		*n += (size_t)found;
	}
	rc = db_commit(c) == DB_OK ? 0 : -1;
done:
	if (rc) {
		db_rollback(c);
		for (size_t i = 0; i < *n; i++)
			queue_article_free(&(*claimed)[i]);
		*n = 0;
	}
	for (size_t i = 0; i < n_ids; i++)
		free(ids[i]);
	free(ids);
	free(err);
	return rc;
}

/* Stores one claimed item from its local page. */
static int store_page(ingest_ctx *ctx, db_conn *c, const char *dir, queue_article *a)
{
	char *path = page_path(dir, a->url), *err = NULL;
	size_t len = 0;
	char *html = path ? file_read(path, ctx->s.max_bytes, &len, NULL) : NULL;
	char stored[24];
	int transient = 0, rc = -1;
	if (!html)
		err = xstrdup("the demo corpus has no page for this link");
	else if (!job_store_body(ctx, c, a->url, a->source_id, html, len, "text/html", 0, stored,
	                         &err, &transient))
		rc = queue_article_done(c, a->id, ctx->owner, stored) == DB_OK ? 0 : -1;
	if (err) {
		queue_article_failed(c, a->id, ctx->owner, err, 1, 0);
		log_warn("demo page not stored", "url", a->url, "error", err, NULL);
	}
	free(err);
	free(html);
	free(path);
	return rc;
}

int demo_bootstrap(db_pool *pool, px_dict *const *dict, pthread_rwlock_t *dict_lock,
                   const ingest_settings *s, const char *dir)
{
	char feed_path[PATH_MAX], real[PATH_MAX];
	snprintf(feed_path, sizeof feed_path, "%s/feed.xml", dir);
	size_t len = 0;
	char *xml = realpath(feed_path, real) ? file_read(real, s->max_bytes, &len, NULL) : NULL;
	if (!xml) {
		log_warn("no demo corpus to ingest", "path", feed_path, NULL);
		return -1;
	}
	ingest_ctx ctx = {.pool = pool, .dict = dict, .dict_lock = dict_lock, .s = *s};
	ingest_owner(&ctx, "demo");
	db_conn *c = db_acquire(pool, DB_WAIT_MS);
	if (!c) {
		free(xml);
		return -1;
	}
	/* Recorded as a disabled source: listed with its articles, never polled
	 * (its address is a file the worker is not allowed to read). */
	buf url;
	buf_init(&url);
	buf_printf(&url, "file://%s", real);
	db_source_new src = {url.data, "feed", 900, 0};
	char *json = NULL, source_id[24] = "";
	int created = 0, stored = 0;
	queue_article *claimed = NULL;
	size_t n = 0;
	if (db_source_create(c, &src, &json, &created) == DB_OK &&
	    db_source_id(c, url.data, source_id) == DB_OK && source_id[0] &&
	    !queue_and_claim(&ctx, c, source_id, xml, len, url.data, &claimed, &n)) {
		for (size_t i = 0; i < n; i++) {
			stored += !store_page(&ctx, c, dir, &claimed[i]);
			queue_article_free(&claimed[i]);
		}
	} else {
		stored = -1;
	}
	db_release(pool, c);
	char count[16];
	snprintf(count, sizeof count, "%d", stored);
	log_info("demo corpus ingested", "new_articles", count, "dir", dir, NULL);
	free(claimed);
	free(json);
	buf_free(&url);
	free(xml);
	return stored;
}
