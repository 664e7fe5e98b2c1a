/*
 * queue — the ingestion queue lives in PostgreSQL: due sources and pending
 * articles are claimed with SELECT … FOR UPDATE SKIP LOCKED and a lease
 * (owner + expiry), so any number of workers on any number of machines share
 * the work without a coordinator.  A worker that dies leaves a lease that
 * expires; the job is then claimed again.  Every update after the claim is
 * conditional on still holding the lease, so a worker that overran its lease
 * cannot overwrite the one that took over.
 */
#ifndef PARLEY_DB_QUEUE_H
#define PARLEY_DB_QUEUE_H

#include "db/pool.h"

typedef struct queue_source {
	char id[24];
	char *url;
	char *kind; /* "feed", "page" or NULL (not known yet) */
	char *etag, *last_modified;
	int interval_s;
	int failures;
} queue_source;

typedef struct queue_article {
	char id[24];
	char *url;
	char source_id[24]; /* "" when none */
	int attempts;       /* including this one */
} queue_article;

/* *found is 0 when nothing is due. */
db_status queue_claim_source(db_conn *c, const char *owner, int lease_s, queue_source *out,
                             int *found);
void queue_source_free(queue_source *s);

typedef struct source_outcome {
	int http_status;                  /* 0 when no response arrived */
	const char *error;                /* NULL on success */
	const char *kind;                 /* detected kind, or NULL */
	const char *name;                 /* the feed's title, kept when the source has none */
	const char *etag, *last_modified; /* new validators, or NULL to keep */
	int next_in_s;                    /* seconds until the next fetch */
} source_outcome;

db_status queue_source_done(db_conn *c, const char *id, const char *owner, const source_outcome *o);
/* Gives the lease back untouched (shutdown mid-job). */
db_status queue_source_release(db_conn *c, const char *id, const char *owner);

db_status queue_claim_article(db_conn *c, const char *owner, int lease_s, queue_article *out,
                              int *found);
/* Claims one given article if it is pending (ingest and the demo). */
db_status queue_claim_article_id(db_conn *c, const char *id, const char *owner, int lease_s,
                                 queue_article *out, int *found);
void queue_article_free(queue_article *a);

/* After the pipeline stored it (as stored_id): clears the lease; an article
 * that yielded no text is failed; a claimed row that turned out to be a
 * story already stored under stored_id is folded into it. */
db_status queue_article_done(db_conn *c, const char *id, const char *owner, const char *stored_id);
/* A failed try: pending again after delay_s, or failed when give_up. */
db_status queue_article_failed(db_conn *c, const char *id, const char *owner, const char *error,
                               int give_up, int delay_s);
/* Gives the lease back and does not count the attempt (shutdown mid-job). */
db_status queue_article_release(db_conn *c, const char *id, const char *owner);

/* One feed item: a pending article unless seen before; *created says
 * whether it is new. */
typedef struct queue_item {
	const char *source_id, *url, *canonical, *guid, *title, *published_at, *author;
} queue_item;
db_status queue_enqueue_item(db_conn *c, const queue_item *it, char id[24], int *created);

/* A worker's heartbeat (owner "host:pid:tag"): alive now, or, with
 * stopping, gone.  Rows not refreshed for a day are pruned. */
db_status queue_heartbeat(db_conn *c, const char *owner, const char *host, int stopping);
/* How many workers on host beat within the last max_age_s seconds. */
db_status queue_workers_alive(db_conn *c, const char *host, int max_age_s, long *n);

#endif
