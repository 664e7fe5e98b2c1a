/*
 * jobs — what the worker does with one claimed job: a source (fetch with
 * conditional GET, sniff its kind, queue a feed's new items or store a
 * page) or an article (fetch, store through the pipeline, or schedule a
 * retry).  Also the body-level steps the CLI and the demo bootstrap reuse
 * when the bytes come from a local file instead of the network.
 */
#ifndef PARLEY_INGEST_JOBS_H
#define PARLEY_INGEST_JOBS_H

#include "db/pool.h"
#include "db/queue.h"
#include "extract/extract.h"
#include "ingest/fetch.h"
#include "ingest/pipeline.h"
#include "ingest/settings.h"

#include <pthread.h>
#include <stdatomic.h>

/* One worker thread's means: shared pool and dictionary, its own fetcher. */
typedef struct ingest_ctx {
	db_pool *pool;
	px_dict *const *dict;        /* the current dictionary (swapped under dict_lock) */
	pthread_rwlock_t *dict_lock; /* NULL when nothing swaps it */
	ingest_settings s;
	fetcher *fetch;
	const atomic_int *stop;
	char owner[128]; /* lease owner: host:pid:thread */
} ingest_ctx;

typedef enum { JOB_DONE, JOB_FAILED, JOB_RETRY, JOB_ABORTED, JOB_NO_DB } job_status;

/* Fills ctx->owner from the host name, the pid and tag. */
void ingest_owner(ingest_ctx *ctx, const char *tag);

job_status job_source(ingest_ctx *ctx, queue_source *src);
job_status job_article(ingest_ctx *ctx, queue_article *a);

/* A feed's items become pending articles; ids (may be NULL) collects every
 * item's article id, new or not (free each and the array).  Returns 0, or
 * -1 with *err (invalid XML, not a feed). */
int job_feed_items(ingest_ctx *ctx, db_conn *c, const char *source_id, const char *body, size_t len,
                   const char *base_url, int *n_new, char ***ids, size_t *n_ids, char **title,
                   char **err);
/* How a failed job may be retried (*transient): not at all, up to the
 * attempt limit (the site may recover), or until it succeeds — the failure
 * was ours (the database full or down), not the article's. */
enum { JOB_FAIL_FINAL = 0, JOB_FAIL_RETRY = 1, JOB_FAIL_OURS = 2 };

/* Stores a fetched page (any charset) or plain text under url; *stored_id
 * gets the article it became.  Returns 0, or -1 with *err and *transient. */
int job_store_body(ingest_ctx *ctx, db_conn *c, const char *url, const char *source_id,
                   const char *body, size_t len, const char *content_type, int force_text,
                   char stored_id[24], char **err, int *transient);
/* job_store_body in two steps (see pipeline_extract): job_extract_body
 * gives *ready (free it with pipeline_ready_free()), or -1 with *err (the
 * page could not be read: final); job_commit_body stores it. */
int job_extract_body(ingest_ctx *ctx, db_conn *c, const char *url, const char *source_id,
                     const char *body, size_t len, const char *content_type, int force_text,
                     pipeline_ready **ready, char **err);
int job_commit_body(db_conn *c, pipeline_ready *ready, char stored_id[24], char **err,
                    int *transient);

/* Most items one feed fetch may queue. */
#define JOB_MAX_FEED_ITEMS 1000

#endif
