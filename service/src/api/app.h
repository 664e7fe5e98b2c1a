/*
 * app — what every handler can reach: settings, the database pool and the
 * extraction dictionary.  Built by `parley serve`, passed as the opaque
 * app pointer through the HTTP layer.
 */
#ifndef PARLEY_API_APP_H
#define PARLEY_API_APP_H

#include "core/config.h"
#include "db/pool.h"
#include "extract/extract.h"

#include <pthread.h>
#include <time.h>

struct metrics;

typedef struct app {
	const config *cfg;
	db_pool *pool;
	/* GET and HEAD requests: a replica's pool (PARLEY_READ_DATABASE_URL),
	 * else the same as pool */
	db_pool *read_pool;
	/* Read-locked while extracting; write-locked to swap in a dictionary
	 * rebuilt after actors change. */
	pthread_rwlock_t dict_lock;
	px_dict *dict;
	struct metrics *metrics;
	time_t started;
} app;

/* Milliseconds a request waits for a database connection before 503. */
#define APP_DB_WAIT_MS 5000

#endif
