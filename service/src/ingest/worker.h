/*
 * worker — the ingestion loop: claim a due source or a pending article,
 * run it (jobs.c), repeat; sleep briefly when nothing is due.  Runs in the
 * foreground (`parley worker`) or as a thread of `parley serve`.  Stopping
 * is cooperative: the stop flag is checked between jobs, while waiting and
 * during transfers, and a job interrupted mid-fetch gives its lease back.
 */
#ifndef PARLEY_INGEST_WORKER_H
#define PARLEY_INGEST_WORKER_H

#include "db/pool.h"
#include "extract/extract.h"
#include "ingest/settings.h"

#include <pthread.h>
#include <stdatomic.h>

typedef struct worker worker;

typedef struct worker_stats {
	long sources, articles, failed, retried;
} worker_stats;

/* dict points at the current dictionary pointer; dict_lock (may be NULL)
 * is read-locked while it is used.  stop is owned by the caller. */
worker *worker_new(db_pool *pool, px_dict *const *dict, pthread_rwlock_t *dict_lock,
                   const ingest_settings *s, const atomic_int *stop, const char *tag);
void worker_free(worker *w);
/* Runs one due job; 1 when there was one, 0 when nothing was due, -1 when
 * the database is unavailable. */
int worker_step(worker *w);
/* Runs until *stop. */
void worker_run(worker *w);
void worker_get_stats(const worker *w, worker_stats *out);

#endif
