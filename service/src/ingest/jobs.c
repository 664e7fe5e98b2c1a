/*
 * jobs — see jobs.h.  A database connection is held only around database
 * steps, never across a fetch (which may take the whole timeout): the pool
 * is shared with the HTTP threads.  When the database is away at the end of
 * a job the lease simply expires and the job runs again.
 */
#include "ingest/jobs.h"

#include "core/buf.h"
#include "core/log.h"
#include "ingest/backoff.h"
#include "ingest/filekind.h"
#include "ingest/pipeline.h"
#include "parse/charset.h"
#include "parse/feed.h"
#include "parse/url.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DB_WAIT_MS 5000

void ingest_owner(ingest_ctx *ctx, const char *tag)
{
	char host[64] = "localhost";
	gethostname(host, sizeof host - 1);
	host[sizeof host - 1] = '\0';
	snprintf(ctx->owner, sizeof ctx->owner, "%s:%ld:%s", host, (long)getpid(), tag);
}

static char *dup_err(const char *fmt, const char *a)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, fmt, a ? a : "");
	return buf_detach(&b);
}

static const px_dict *dict_begin(ingest_ctx *ctx)
{
	if (ctx->dict_lock)
		pthread_rwlock_rdlock(ctx->dict_lock);
	return *ctx->dict;
}

static void dict_end(ingest_ctx *ctx)
{
	if (ctx->dict_lock)
		pthread_rwlock_unlock(ctx->dict_lock);
}

int job_extract_body(ingest_ctx *ctx, db_conn *c, const char *url, const char *source_id,
                     const char *body, size_t len, const char *content_type, int force_text,
                     pipeline_ready **ready, char **err)
{
	*err = NULL;
	*ready = NULL;
	size_t ulen = 0;
	char *utf8 = charset_to_utf8(body, len, content_type, &ulen, err);
	if (!utf8)
		return -1;
	int as_text = force_text || content_type_class(content_type) == CT_TEXT ||
	              (content_type_class(content_type) == CT_NONE &&
	               doc_detect(utf8, ulen, content_type) == DOC_TEXT);
	article_input in = {
	    .url = url, .source_id = source_id && *source_id ? source_id : NULL, .fetched_now = 1};
	if (as_text)
		in.text = utf8, in.text_len = ulen;
	else
		in.html = utf8, in.html_len = ulen;
	const px_dict *dict = dict_begin(ctx);
	pipe_status ps = pipeline_extract(c, dict, &in, ready, err);
	dict_end(ctx);
	free(utf8);
	if (ps != PIPE_OK) {
		if (!*err)
			*err = xstrdup("the page could not be read");
		return -1;
	}
	return 0;
}

int job_commit_body(db_conn *c, pipeline_ready *ready, char stored_id[24], char **err,
                    int *transient)
{
	*transient = 0;
	*err = NULL;
	article_outcome out;
	db_status st;
	pipe_status ps = pipeline_commit(c, ready, &out, &st);
	if (ps == PIPE_DB) {
		*err = dup_err("database error: %s", db_last_error(c));
		*transient = st == DB_STORAGE_FULL || st == DB_UNAVAILABLE || st == DB_RETRY
		                 ? JOB_FAIL_OURS
		                 : JOB_FAIL_RETRY;
		return -1;
	}
	snprintf(stored_id, 24, "%s", out.id);
	article_outcome_free(&out);
	return 0;
}

int job_store_body(ingest_ctx *ctx, db_conn *c, const char *url, const char *source_id,
                   const char *body, size_t len, const char *content_type, int force_text,
                   char stored_id[24], char **err, int *transient)
{
	*transient = 0;
	pipeline_ready *ready;
	int rc = job_extract_body(ctx, c, url, source_id, body, len, content_type, force_text,
	                          &ready, err);
	if (!rc)
		rc = job_commit_body(c, ready, stored_id, err, transient);
	pipeline_ready_free(ready);
	return rc;
}

int job_feed_items(ingest_ctx *ctx, db_conn *c, const char *source_id, const char *body, size_t len,
                   const char *base_url, int *n_new, char ***ids, size_t *n_ids, char **title,
                   char **err)
{
	feed f;
	*n_new = 0;
	if (ids)
		*ids = NULL, *n_ids = 0;
	if (title)
		*title = NULL;
	/* Feeds go to libxml2 as bytes: it honours the XML declaration's
	 * encoding itself. */
	if (feed_parse(body, len, base_url, &f, err))
		return -1;
	if (title && f.title)
		*title = xstrdup(f.title);
	int rc = 0;
	size_t n = f.n_items < JOB_MAX_FEED_ITEMS ? f.n_items : JOB_MAX_FEED_ITEMS;
	for (size_t i = 0; i < n && !rc; i++) {
		feed_item *it = &f.items[i];
		if (!it->link)
			continue; /* nothing to fetch */
		char *canon = url_canonical(it->link);
		if (!canon)
			continue; /* not an http(s) link: never fetched */
		queue_item q = {source_id && *source_id ? source_id : NULL,
		                it->link,
		                canon,
		                it->guid ? it->guid : it->link,
		                it->title,
		                it->published_at,
		                it->author};
		char id[24];
		int created;
		if (queue_enqueue_item(c, &q, id, &created) != DB_OK) {
			*err = dup_err("database error: %s", db_last_error(c));
			rc = -1;
		} else {
			*n_new += created;
			if (ids) {
				*ids = xrealloc(*ids, (*n_ids + 1) * sizeof **ids);
				(*ids)[(*n_ids)++] = xstrdup(id);
			}
		}
		free(canon);
	}
	feed_free(&f);
	return rc;
}

/* What a fetched source turned out to be, from its headers and bytes. */
static const char *sniff_kind(const fetch_result *r)
{
	content_class cc = content_type_class(r->content_type);
	doc_kind dk = doc_detect(r->body, r->len, r->content_type);
	if (dk == DOC_FEED && (cc == CT_XML || cc == CT_NONE || cc == CT_TEXT))
		return "feed";
	if (cc == CT_XML)
		return "feed"; /* announced as XML: the parser will judge */
	if (cc == CT_HTML || cc == CT_TEXT || (cc == CT_NONE && dk != DOC_UNKNOWN))
		return "page";
	return NULL;
}

/* Whether a body of this type may be read as kind. */
static int acceptable(const char *kind, const fetch_result *r)
{
	content_class cc = content_type_class(r->content_type);
	if (!strcmp(kind, "feed"))
		return cc == CT_XML || cc == CT_NONE ||
		       doc_detect(r->body, r->len, r->content_type) == DOC_FEED;
	return cc == CT_HTML || cc == CT_TEXT || cc == CT_NONE;
}

static char *unsupported(const fetch_result *r)
{
	return dup_err("unsupported content type: %s", r->content_type ? r->content_type : "none");
}

job_status job_source(ingest_ctx *ctx, queue_source *src)
{
	fetch_result r;
	fetch_request rq = {src->url, src->etag, src->last_modified, ctx->s.allow_local};
	fetch_get(ctx->fetch, &rq, &r);
	source_outcome o = {.http_status = (int)r.status, .next_in_s = src->interval_s};
	char *err = NULL, *title = NULL;
	int n_new = 0, transient = r.transient;
	db_conn *c = db_acquire(ctx->pool, DB_WAIT_MS);
	job_status js = JOB_DONE;
	if (!c) {
		fetch_result_free(&r);
		return JOB_NO_DB;
	}
	if (r.aborted) {
		queue_source_release(c, src->id, ctx->owner);
		db_release(ctx->pool, c);
		fetch_result_free(&r);
		return JOB_ABORTED;
	}
	if (r.error) {
		err = xstrdup(r.error);
	} else if (!r.not_modified) {
		o.kind = src->kind ? src->kind : sniff_kind(&r);
		if (!o.kind || !acceptable(o.kind, &r)) {
			err = unsupported(&r);
		} else if (!strcmp(o.kind, "feed")) {
			o.etag = r.etag;
			o.last_modified = r.last_modified;
			job_feed_items(ctx, c, src->id, r.body, r.len, r.final_url, &n_new, NULL,
			               NULL, &title, &err);
			o.name = title;
		} else {
			char stored[24];
			o.etag = r.etag;
			o.last_modified = r.last_modified;
			job_store_body(ctx, c, src->url, src->id, r.body, r.len, r.content_type, 0,
			               stored, &err, &transient);
		}
	}
	if (err) {
		o.error = err;
		o.etag = o.last_modified = NULL; /* a failed read validates nothing */
		int delay =
		    backoff_delay(src->failures + 1, ctx->s.retry_base_s, ctx->s.retry_cap_s);
		o.next_in_s = delay < src->interval_s ? delay : src->interval_s;
		js = transient ? JOB_RETRY : JOB_FAILED;
		log_warn("source fetch failed", "source", src->id, "url", src->url, "error", err,
		         NULL);
	} else {
		char n[16];
		snprintf(n, sizeof n, "%d", n_new);
		log_info("source fetched", "source", src->id, "url", src->url, "new_items", n,
		         "unchanged", r.not_modified ? "true" : "false", NULL);
	}
	queue_source_done(c, src->id, ctx->owner, &o);
	db_release(ctx->pool, c);
	free(err);
	free(title);
	fetch_result_free(&r);
	return js;
}

job_status job_article(ingest_ctx *ctx, queue_article *a)
{
	fetch_result r;
	fetch_request rq = {a->url, NULL, NULL, ctx->s.allow_local};
	fetch_get(ctx->fetch, &rq, &r);
	db_conn *c = db_acquire(ctx->pool, DB_WAIT_MS);
	if (!c) {
		fetch_result_free(&r);
		return JOB_NO_DB;
	}
	job_status js = JOB_DONE;
	char *err = NULL, stored[24] = "";
	int transient = r.transient;
	if (r.aborted) {
		queue_article_release(c, a->id, ctx->owner);
		js = JOB_ABORTED;
	} else if (r.error) {
		err = xstrdup(r.error);
	} else if (!acceptable("page", &r)) {
		err = unsupported(&r);
	} else if (!job_store_body(ctx, c, a->url, a->source_id, r.body, r.len, r.content_type, 0,
	                           stored, &err, &transient)) {
		queue_article_done(c, a->id, ctx->owner, stored);
	}
	if (err) {
		int give_up = transient == JOB_FAIL_FINAL ||
		              (transient == JOB_FAIL_RETRY &&
		               backoff_exhausted(a->attempts, ctx->s.max_attempts));
		int delay = backoff_delay(a->attempts, ctx->s.retry_base_s, ctx->s.retry_cap_s);
		queue_article_failed(c, a->id, ctx->owner, err, give_up, delay);
		js = give_up ? JOB_FAILED : JOB_RETRY;
		log_warn(give_up ? "article failed" : "article fetch failed, will retry", "article",
		         a->id, "url", a->url, "error", err, NULL);
	}
	db_release(ctx->pool, c);
	free(err);
	fetch_result_free(&r);
	return js;
}
