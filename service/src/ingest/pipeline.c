/*
 * pipeline — see pipeline.h.  Text preparation and extraction run before
 * the transaction opens, so the database holds locks only for the writes.
 * Several workers store at once (store_extraction locks only the keys an
 * article can merge on); a transaction that loses a race — a deadlock
 * PostgreSQL broke, a serialization failure — is run again from BEGIN, a
 * bounded number of times with a growing, jittered pause.
 */
#include "ingest/pipeline.h"

#include "core/buf.h"
#include "core/log.h"
#include "db/articles.h"
#include "parse/html.h"
#include "parse/url.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Runs of one store before DB_RETRY is handed to the caller. */
#define STORE_TRIES 6

typedef struct prepared {
	char *text;
	size_t text_len;
	html_article page;
	int have_page;
	char *canonical;
} prepared;

static void prepared_free(prepared *p)
{
	free(p->text);
	if (p->have_page)
		html_article_free(&p->page);
	free(p->canonical);
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

static int prepare(const article_input *in, prepared *p, char **err)
{
	memset(p, 0, sizeof *p);
	if (in->html) {
		if (html_article_extract(in->html, in->html_len, in->url, &p->page, err))
			return -1;
		p->have_page = 1;
		p->text = xstrdup(p->page.text);
		p->text_len = strlen(p->text);
	} else if (in->text) {
		p->text = px_clean_text(in->text, in->text_len, &p->text_len);
		/* Stored empty, an article would wait as "pending" and the
		 * worker would fetch its URL instead of the text given. */
		if (blank(p->text, p->text_len)) {
			*err = xstrdup("the text is empty once cleaned (only whitespace, "
			               "markup or boilerplate lines): nothing to extract");
			return -1;
		}
	}
	const char *canon = p->have_page && p->page.canonical_url ? p->page.canonical_url : in->url;
	p->canonical = url_canonical(canon);
	return 0;
}

/* Before run `attempt` (1, 2, ...): 2, 4, 8 ... ms (at most 64) plus up to as
 * much again, so two colliding stores do not meet again in lockstep. */
static void retry_pause(int attempt)
{
	assert(attempt >= 1);
	long ms = 1L << (attempt < 6 ? attempt : 6);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms += now.tv_nsec % (ms + 1);
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static const char *first(const char *a, const char *b)
{
	return a && *a ? a : (b && *b ? b : NULL);
}

/* The date part ("YYYY-MM-DD") of an ISO timestamp, for the extractor. */
static void date_part(const char *iso, char out[11])
{
	out[0] = '\0';
	if (iso && strlen(iso) >= 10) {
		memcpy(out, iso, 10);
		out[10] = '\0';
	}
}

static char *extract_json(const px_dict *dict, const char *text, size_t len, const char *title,
                          const char *published_at)
{
	char day[11];
	date_part(published_at, day);
	px_input in = {
	    .text = text, .len = len, .title = title, .published_at = day[0] ? day : NULL};
	px_result *r = px_extract(dict, &in);
	char *s = px_result_json(r, NULL);
	px_result_free(r);
	return s;
}

db_status pipeline_reextract(db_conn *c, const px_dict *dict, const char *article_id,
                             const char *text, const char *title, const char *published_at,
                             char **counts)
{
	char *doc = extract_json(dict, text, strlen(text), title, published_at);
	*counts = NULL;
	db_status st = DB_RETRY;
	for (int try = 0; st == DB_RETRY && try < STORE_TRIES; try++) {
		if (try)
			retry_pause(try);
		st = db_begin(c);
		if (st == DB_OK)
			st = db_store_extraction(c, article_id, doc, counts);
		if (st == DB_OK)
			st = db_commit(c);
		if (st != DB_OK) {
			db_rollback(c);
			free(*counts);
			*counts = NULL;
		}
	}
	free(doc);
	return st;
}

pipe_status pipeline_store(db_conn *c, const px_dict *dict, const article_input *in,
                           article_outcome *out, db_status *st, char **err)
{
	memset(out, 0, sizeof *out);
	prepared p;
	if (prepare(in, &p, err)) {
		prepared_free(&p);
		return PIPE_BAD_INPUT;
	}
	const html_article *pg = p.have_page ? &p.page : NULL;
	db_article_fields f = {
	    .url = in->url,
	    .canonical_url = p.canonical,
	    .title = first(in->title, pg ? pg->title : NULL),
	    .site_name = first(in->site_name, pg ? pg->site_name : NULL),
	    .author = first(in->author, pg ? pg->author : NULL),
	    .language = pg ? pg->language : NULL,
	    .published_at = first(in->published_at, pg ? pg->published_at : NULL),
	    .text = p.text,
	    .source_id = in->source_id,
	};
	/* Extract before BEGIN: the work is pure and may take milliseconds. */
	char *doc = p.text ? extract_json(dict, p.text, p.text_len, f.title, f.published_at) : NULL;

	db_upsert_result up;
	*st = DB_RETRY;
	for (int try = 0; *st == DB_RETRY && try < STORE_TRIES; try++) {
		if (try)
			retry_pause(try);
		*st = db_begin(c);
		if (*st == DB_OK)
			*st = db_article_upsert(c, &f, &up);
		if (*st == DB_OK && up.changed && doc)
			*st = db_store_extraction(c, up.id, doc, &out->counts);
		else if (*st == DB_OK)
			*st = db_article_counts(c, up.id, &out->counts);
		if (*st == DB_OK)
			*st = db_commit(c);
		if (*st != DB_OK) {
			db_rollback(c);
			free(out->counts);
			out->counts = NULL;
		}
	}
	if (*st == DB_RETRY)
		log_warn("store: still colliding with other writers after retries; given up", "url",
		         in->url ? in->url : "", NULL);
	free(doc);
	prepared_free(&p);
	if (*st != DB_OK) {
		free(out->counts);
		out->counts = NULL;
		return PIPE_DB;
	}
	memcpy(out->id, up.id, sizeof out->id);
	out->created = up.created;
	out->changed = up.changed;
	return PIPE_OK;
}

void article_outcome_free(article_outcome *o)
{
	free(o->counts);
	o->counts = NULL;
}
