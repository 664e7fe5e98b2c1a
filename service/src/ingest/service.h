/*
 * service — ingestion as a background part of a process: the demo corpus
 * first (when asked), then N worker loops, each in its own thread, until
 * stopped.  `parley serve` and `parley worker` both use it, so starting and
 * stopping behave the same in both.
 */
#ifndef PARLEY_INGEST_SERVICE_H
#define PARLEY_INGEST_SERVICE_H

#include "core/config.h"
#include "db/pool.h"
#include "extract/extract.h"

#include <pthread.h>

typedef struct ingest_service ingest_service;

typedef struct ingest_service_opts {
	int demo;          /* ingest the demo corpus first */
	int run_worker;    /* 0: demo only; else PARLEY_WORKER_THREADS loops */
	const config *cfg; /* the worker's settings, the demo folder */
} ingest_service_opts;

/* dict points at the process's current dictionary; dict_lock may be NULL.
 * Returns NULL when no thread could be started. */
ingest_service *ingest_service_start(db_pool *pool, px_dict *const *dict,
                                     pthread_rwlock_t *dict_lock, const ingest_service_opts *o);
/* Stops claiming, lets the current jobs finish or give their leases back,
 * joins the threads.  NULL is fine. */
void ingest_service_stop(ingest_service *s);

#endif
