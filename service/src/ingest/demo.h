/*
 * demo — puts the demo corpus (service/demo: feed.xml and pages/<slug>.html)
 * into the database at `parley serve` start, so the quick start shows data.
 * It goes through the worker's own job code (feed items become queued
 * articles, each page is stored by the pipeline); only the bytes come from
 * the demo folder instead of the network, because the corpus's links point
 * at a made-up domain.  Running it again changes nothing.
 */
#ifndef PARLEY_INGEST_DEMO_H
#define PARLEY_INGEST_DEMO_H

#include "db/pool.h"
#include "extract/extract.h"
#include "ingest/settings.h"

#include <pthread.h>

/* Returns the number of articles stored now (0 when all were there), or
 * -1 when the corpus or the database could not be read. */
int demo_bootstrap(db_pool *pool, px_dict *const *dict, pthread_rwlock_t *dict_lock,
                   const ingest_settings *s, const char *dir);

#endif
