/*
 * pool — a fixed set of libpq connections shared by the HTTP threads and
 * the worker.  A connection is used by one thread at a time (acquire /
 * release); statements are prepared lazily per connection and remembered,
 * and a connection found broken is reset on its next acquire, so the
 * service recovers by itself when the database comes back.
 */
#ifndef PARLEY_DB_POOL_H
#define PARLEY_DB_POOL_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

typedef struct db_pool db_pool;
typedef struct db_conn db_conn;

typedef enum {
	DB_OK = 0,
	DB_UNAVAILABLE, /* cannot reach the database: 503 */
	DB_NOT_FOUND,
	DB_CONFLICT,     /* unique or foreign-key violation */
	DB_INVALID,      /* the database refused a value (22xxx) */
	DB_FAILED,       /* anything else: a bug */
	DB_STORAGE_FULL, /* the database's disk is full (53100): 503, retry later */
	DB_RETRY,        /* serialization failure or deadlock (40001, 40P01): the
	                  * transaction was rolled back; run it again */
} db_status;

typedef struct db_pool_stats {
	int size;
	int in_use;
	uint64_t acquires;
	uint64_t wait_ns_total;
	uint64_t timeouts;
	uint64_t reconnects;
} db_pool_stats;

db_pool *db_pool_new(const char *conninfo, int size);
void db_pool_free(db_pool *p);
/* Waits up to timeout_ms for a free, healthy connection; NULL when none
 * (the database is down or the pool is exhausted). */
db_conn *db_acquire(db_pool *p, int timeout_ms);
/* c goes back to the pool it came from: p may be another pool of the same
 * service (the API names its primary pool for connections to a replica). */
void db_release(db_pool *p, db_conn *c);
void db_pool_get_stats(db_pool *p, db_pool_stats *out);

PGconn *db_pg(db_conn *c);
/* The pool c belongs to. */
db_pool *db_conn_pool(db_conn *c);

/*
 * Runs sql with text parameters (NULL entries are SQL NULLs).  With a name
 * the statement is prepared once per connection and reused.  *st gets the
 * outcome; on DB_OK the result is returned (PQclear it), else NULL and the
 * message is logged.
 */
PGresult *db_exec(db_conn *c, const char *name, const char *sql, int nparams,
                  const char *const *params, db_status *st);
/* The first column of the first row as a malloc'd string; when there is
 * no row (or it is NULL) *out is NULL and DB_NOT_FOUND is returned. */
db_status db_one_text(db_conn *c, const char *name, const char *sql, int nparams,
                      const char *const *params, char **out);
/* Plain command without result rows, for the database layer's own use. */
db_status db_command(db_conn *c, const char *sql);
/* Transactions, so that callers above the database layer hold no SQL. */
db_status db_begin(db_conn *c);
db_status db_commit(db_conn *c);
void db_rollback(db_conn *c);
/* A round trip that proves the connection works (readiness). */
db_status db_ping(db_conn *c);
/* The SQLSTATE-derived status of a failed result. */
db_status db_status_of(PGconn *pg, const PGresult *res);
/* Counts a use of c (the caller's kind of use) and returns the count. */
uint64_t db_conn_uses(db_conn *c);
/* The last error message on this connection (for logs and 4xx details). */
const char *db_last_error(db_conn *c);

#endif
