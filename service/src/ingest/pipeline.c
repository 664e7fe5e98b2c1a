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
#include "parse/date.h"
#include "parse/html.h"
#include "parse/mojibake.h"
#include "parse/url.h"

#include <assert.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
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

static int prepare(const px_dict *dict, const article_input *in, prepared *p, char **err)
{
	memset(p, 0, sizeof *p);
	if (in->html) {
		if (html_article_extract(in->html, in->html_len, in->url, &p->page, err))
			return -1;
		p->have_page = 1;
		p->text = mojibake_repair(p->page.text, strlen(p->page.text), &p->text_len);
	} else if (in->text) {
		/* "PeÃ±a" read back as "Peña" before anything looks at it */
		size_t fixed_len;
		char *fixed = mojibake_repair(in->text, in->text_len, &fixed_len);
		p->text = px_clean_text(dict, fixed, fixed_len, &p->text_len);
		free(fixed);
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

/* Off-topic below this relevance (PARLEY_RELEVANCE_THRESHOLD / 100). */
static _Atomic int relevance_threshold_pct = 40;

void pipeline_configure(int relevance_threshold_pct_)
{
	assert(relevance_threshold_pct_ >= 0 && relevance_threshold_pct_ <= 100);
	relevance_threshold_pct = relevance_threshold_pct_;
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

/* What extraction gives the article row besides its records. */
typedef struct extracted {
	char *json;
	double relevance;
	char published[16];   /* the day everything was dated against, or "" */
	const char *pub_from; /* "given", "text", "fallback" or NULL */
} extracted;

/* fallback: "YYYY-MM-DD" that reads a yearless dateline and, with
 * fallback_publishes, dates an article nothing else dates (or NULL). */
static void extract_doc(const px_dict *dict, const char *text, size_t len, const char *title,
                        const char *published_at, const char *fallback, bool fallback_publishes,
                        extracted *out)
{
	char day[11];
	date_part(published_at, day);
	px_input in = {.text = text,
	               .len = len,
	               .title = title,
	               .published_at = day[0] ? day : NULL,
	               .fallback_date = fallback,
	               .fallback_publishes = fallback_publishes};
	px_result *r = px_extract(dict, &in);
	out->json = px_result_json(r, NULL);
	out->relevance = px_result_relevance(r);
	out->pub_from = px_result_published(r, out->published);
	px_result_free(r);
}

/* The relevance as stored ("0.873") and whether that is off-topic. */
static bool relevance_of(const extracted *x, char rel[16])
{
	snprintf(rel, 16, "%.3f", x->relevance);
	return x->relevance * 100 < relevance_threshold_pct;
}

static db_status mark(db_conn *c, const char *id, const extracted *x, const char *pub_source)
{
	char rel[16];
	bool off = relevance_of(x, rel);
	return db_article_mark(c, id, rel, off, pub_source);
}

db_status pipeline_reextract(db_conn *c, const px_dict *dict, const char *article_id,
                             const char *text, const char *title, const char *published_at,
                             char **counts)
{
	extracted x;
	extract_doc(dict, text, strlen(text), title, published_at, NULL, false, &x);
	*counts = NULL;
	db_status st = DB_RETRY;
	for (int try = 0; st == DB_RETRY && try < STORE_TRIES; try++) {
		if (try)
			retry_pause(try);
		st = db_begin(c);
		if (st == DB_OK)
			st = db_store_extraction(c, article_id, x.json, counts);
		if (st == DB_OK)
			st = mark(c, article_id, &x, NULL);
		if (st == DB_OK)
			st = db_commit(c);
		if (st != DB_OK) {
			db_rollback(c);
			free(*counts);
			*counts = NULL;
		}
	}
	free(x.json);
	return st;
}

/* An article extracted and ready to store (pipeline_extract); it owns every
 * string its store needs, so the input may go before it is stored. */
struct pipeline_ready {
	prepared p;
	extracted x;
	char *url_date, *known;
	char *url, *title, *site_name, *author, *source_id;
	const char *published, *pub_source;
	db_article_fields f;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void pipeline_ready_free(pipeline_ready *r)
{
	if (!r)
		return;
	free(r->x.json);
	free(r->url_date);
	free(r->known);
	free(r->url);
	free(r->title);
	free(r->site_name);
	free(r->author);
	free(r->source_id);
	prepared_free(&r->p);
	free(r);
}

pipe_status pipeline_extract(db_conn *c, const px_dict *dict, const article_input *in,
                             pipeline_ready **ready, char **err)
{
	*ready = NULL;
	pipeline_ready *r = xcalloc(1, sizeof *r);
	if (prepare(dict, in, &r->p, err)) {
		pipeline_ready_free(r);
		return PIPE_BAD_INPUT;
	}
	r->url = dup_or_null(in->url);
	r->title = dup_or_null(in->title);
	r->site_name = dup_or_null(in->site_name);
	r->author = dup_or_null(in->author);
	r->source_id = dup_or_null(in->source_id);
	const html_article *pg = r->p.have_page ? &r->p.page : NULL;
	/* The date: given, else one already stored for this URL (a feed item's),
	 * the page's metadata, a date in the URL's path, the text's dateline
	 * or latest full date, else (fetched just now) the day it was fetched. */
	const char *published = in->published_at && *in->published_at ? in->published_at : NULL;
	const char *pub_source = published ? "given" : NULL;
	if (published)
		published = r->known = xstrdup(published);
	if (!published && db_article_known_date(c, in->url, &r->known) == DB_OK && r->known)
		published = r->known, pub_source = "given";
	if (!published && pg && pg->published_at && *pg->published_at)
		published = pg->published_at, pub_source = "page";
	if (!published && (r->url_date = date_from_url(in->url)) != NULL)
		published = r->url_date, pub_source = "url";
	char today[11];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	extracted *x = &r->x;
	/* Extract before BEGIN: the work is pure and may take milliseconds. */
	if (r->p.text)
		extract_doc(dict, r->p.text, r->p.text_len, first(in->title, pg ? pg->title : NULL),
		            published, today, in->fetched_now, x);
	if (!published && x->pub_from && !strcmp(x->pub_from, "text"))
		published = x->published, pub_source = "text";
	else if (!published && x->pub_from && in->fetched_now)
		published = x->published, pub_source = "fetched";
	r->published = published;
	r->pub_source = pub_source;
	r->f = (db_article_fields){
	    .url = r->url,
	    .canonical_url = r->p.canonical,
	    .title = first(r->title, pg ? pg->title : NULL),
	    .site_name = first(r->site_name, pg ? pg->site_name : NULL),
	    .author = first(r->author, pg ? pg->author : NULL),
	    .language = pg ? pg->language : NULL,
	    .published_at = published,
	    .text = r->p.text,
	    .source_id = r->source_id,
	};
	*ready = r;
	return PIPE_OK;
}

pipe_status pipeline_commit(db_conn *c, pipeline_ready *r, article_outcome *out, db_status *st)
{
	memset(out, 0, sizeof *out);
	/* One statement, its own transaction: one round trip (no BEGIN or
	 * COMMIT of ours), run again from the start when it lost a race. */
	char rel[16];
	bool off = relevance_of(&r->x, rel);
	db_upsert_result up;
	*st = DB_RETRY;
	for (int try = 0; *st == DB_RETRY && try < STORE_TRIES; try++) {
		if (try)
			retry_pause(try);
		free(out->counts);
		out->counts = NULL;
		*st = db_article_ingest(c, &r->f, r->x.json, rel, off, r->pub_source, &up,
		                        &out->counts);
	}
	if (*st == DB_RETRY)
		log_warn("store: still colliding with other writers after retries; given up", "url",
		         r->url ? r->url : "", NULL);
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

pipe_status pipeline_store(db_conn *c, const px_dict *dict, const article_input *in,
                           article_outcome *out, db_status *st, char **err)
{
	memset(out, 0, sizeof *out);
	pipeline_ready *r;
	pipe_status ps = pipeline_extract(c, dict, in, &r, err);
	if (ps == PIPE_OK)
		ps = pipeline_commit(c, r, out, st);
	pipeline_ready_free(r);
	return ps;
}

void article_outcome_free(article_outcome *o)
{
	free(o->counts);
	o->counts = NULL;
}
