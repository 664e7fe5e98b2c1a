/*
 * pipeline — one article from bytes to stored records: main text (HTML) or
 * cleaned text (plain), metadata, extraction, and storage, in one database
 * transaction, so an article is stored with all its records or not at all.
 * Used by POST /v1/articles and by the worker alike.
 */
#ifndef PARLEY_INGEST_PIPELINE_H
#define PARLEY_INGEST_PIPELINE_H

#include "db/pool.h"
#include "extract/extract.h"

typedef struct article_input {
	const char *url;  /* required */
	const char *text; /* plain text, or */
	const char *html; /* a page (UTF-8) */
	size_t text_len, html_len;
	/* Known metadata (from the caller or a feed); the page fills the rest. */
	const char *title;
	const char *published_at;
	const char *author;
	const char *site_name;
	const char *source_id;
	/* fetched from the web just now (the worker, `parley ingest`): with no
	 * date anywhere it is dated the day it was fetched; a posted text with
	 * none stays undated (an archive text dated today would misplace its
	 * events) */
	int fetched_now;
} article_input;

typedef struct article_outcome {
	char id[24];
	int created;
	int changed;
	char *counts; /* JSON: actors, statements, events, new_events */
} article_outcome;

typedef enum { PIPE_OK, PIPE_BAD_INPUT, PIPE_DB } pipe_status;

/*
 * Stores the article and its extraction, with its relevance and (when not
 * given) the publication date already stored for its URL (a feed item's),
 * its page's metadata, its URL, its text or, last (fetched_now), the day
 * it was fetched.  On PIPE_BAD_INPUT *err says why
 * (the page could not be parsed, or a text cleans to nothing) and nothing
 * is stored; on PIPE_DB *st says how the database
 * failed.  Free out->counts with article_outcome_free().
 */
pipe_status pipeline_store(db_conn *c, const px_dict *dict, const article_input *in,
                           article_outcome *out, db_status *st, char **err);
void article_outcome_free(article_outcome *o);

/*
 * pipeline_store in two steps, so that one article can be extracted while
 * another is stored: pipeline_extract does everything before the store
 * (cleaning, the known date's lookup on c, extraction) and gives *ready,
 * which owns copies of what it needs from in; pipeline_commit stores it
 * (its own transaction, as pipeline_store).  Free *ready with
 * pipeline_ready_free() either way.  Nothing is stored, nor to be
 * acknowledged, before pipeline_commit returns PIPE_OK.
 */
typedef struct pipeline_ready pipeline_ready;
pipe_status pipeline_extract(db_conn *c, const px_dict *dict, const article_input *in,
                             pipeline_ready **ready, char **err);
pipe_status pipeline_commit(db_conn *c, pipeline_ready *ready, article_outcome *out, db_status *st);
void pipeline_ready_free(pipeline_ready *ready);

/* Articles whose relevance (0..1) falls under pct / 100 are stored marked
 * off-topic (config PARLEY_RELEVANCE_THRESHOLD; 40 until configured). */
void pipeline_configure(int relevance_threshold_pct);

/* Extracts again from an article's stored text (after the dictionary
 * changed) and replaces what it contributed, in one transaction.  *counts
 * gets store_extraction's answer (free() it). */
db_status pipeline_reextract(db_conn *c, const px_dict *dict, const char *article_id,
                             const char *text, const char *title, const char *published_at,
                             char **counts);

#endif
