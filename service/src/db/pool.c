/*
 * pool — see pool.h.  A mutex and a condition variable guard a free list;
 * the critical section is a few pointer moves, so one lock serves up to a
 * few hundred connections without contention worth measuring.
 */
#include "db/pool.h"

#include "core/buf.h"
#include "core/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct db_conn {
	db_pool *owner; /* the pool it goes back to */
	PGconn *pg;
	char **prepared; /* names prepared on this connection */
	size_t n_prepared, cap_prepared;
	int broken;
	char last_error[512];
	uint64_t uses; /* db_conn_uses() */
};

struct db_pool {
	char *conninfo;
	pthread_mutex_t lock;
	pthread_cond_t freed;
	db_conn *conns;
	db_conn **free_list;
	int size, n_free;
	db_pool_stats stats;
};

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

db_pool *db_pool_new(const char *conninfo, int size)
{
	db_pool *p = xcalloc(1, sizeof *p);
	p->conninfo = xstrdup(conninfo);
	p->size = size;
	p->conns = xcalloc((size_t)size, sizeof *p->conns);
	p->free_list = xcalloc((size_t)size, sizeof *p->free_list);
	for (int i = 0; i < size; i++) {
		p->conns[i].owner = p;
		p->free_list[p->n_free++] = &p->conns[i];
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->stats.size = size;
	return p;
}

static void forget_prepared(db_conn *c)
{
	for (size_t i = 0; i < c->n_prepared; i++)
		free(c->prepared[i]);
	c->n_prepared = 0;
}

void db_pool_free(db_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->size; i++) {
		if (p->conns[i].pg)
			PQfinish(p->conns[i].pg);
		forget_prepared(&p->conns[i]);
		free(p->conns[i].prepared);
	}
	free(p->conns);
	free(p->free_list);
	free(p->conninfo);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p);
}

/* Opens (or re-opens) the connection outside the pool lock. */
static int ensure_connected(db_pool *p, db_conn *c)
{
	if (c->pg && !c->broken && PQstatus(c->pg) == CONNECTION_OK)
		return 0;
	if (c->pg) {
		PQfinish(c->pg);
		c->pg = NULL;
		__atomic_add_fetch(&p->stats.reconnects, 1, __ATOMIC_RELAXED);
	}
	forget_prepared(c);
	c->broken = 0;
	/* Every session speaks UTC and gives up on runaway statements; it is
	 * "parley" in pg_stat_activity unless the URL names it otherwise. */
	const char *keys[] = {"dbname", "options", "connect_timeout", "fallback_application_name",
	                      NULL};
	const char *vals[] = {p->conninfo, "-c TimeZone=UTC -c statement_timeout=30000", "5",
	                      "parley", NULL};
	c->pg = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		snprintf(c->last_error, sizeof c->last_error, "%s", PQerrorMessage(c->pg));
		log_warn("database connection failed", "error", c->last_error, NULL);
		PQfinish(c->pg);
		c->pg = NULL;
		return -1;
	}
	return 0;
}

db_conn *db_acquire(db_pool *p, int timeout_ms)
{
	uint64_t start = now_ns();
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&p->lock);
	while (p->n_free == 0) {
		if (pthread_cond_timedwait(&p->freed, &p->lock, &deadline) == ETIMEDOUT &&
		    p->n_free == 0) {
			p->stats.timeouts++;
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
	}
	db_conn *c = p->free_list[--p->n_free];
	p->stats.in_use++;
	p->stats.acquires++;
	p->stats.wait_ns_total += now_ns() - start;
	pthread_mutex_unlock(&p->lock);
	if (ensure_connected(p, c)) {
		db_release(p, c);
		return NULL;
	}
	return c;
}

void db_release(db_pool *p, db_conn *c)
{
	/* c goes home, whichever pool of the service the caller names */
	p = c->owner;
	/* A connection left inside a transaction (an error path) is rolled
	 * back here, so the next user starts clean. */
	if (c->pg && PQtransactionStatus(c->pg) != PQTRANS_IDLE) {
		PGresult *r = PQexec(c->pg, "ROLLBACK");
		PQclear(r);
		if (PQtransactionStatus(c->pg) != PQTRANS_IDLE)
			c->broken = 1;
	}
	pthread_mutex_lock(&p->lock);
	p->free_list[p->n_free++] = c;
	p->stats.in_use--;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void db_pool_get_stats(db_pool *p, db_pool_stats *out)
{
	pthread_mutex_lock(&p->lock);
	*out = p->stats;
	pthread_mutex_unlock(&p->lock);
	out->reconnects = __atomic_load_n(&p->stats.reconnects, __ATOMIC_RELAXED);
}

PGconn *db_pg(db_conn *c)
{
	return c->pg;
}

db_pool *db_conn_pool(db_conn *c)
{
	return c->owner;
}

const char *db_last_error(db_conn *c)
{
	return c->last_error;
}

db_status db_status_of(PGconn *pg, const PGresult *res)
{
	if (PQstatus(pg) != CONNECTION_OK)
		return DB_UNAVAILABLE;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (!state)
		return DB_UNAVAILABLE;
	if (!strncmp(state, "23", 2))
		return DB_CONFLICT;
	if (!strncmp(state, "22", 2))
		return DB_INVALID;
	if (!strcmp(state, "P0002") || !strcmp(state, "02000"))
		return DB_NOT_FOUND;
	/* 53100: disk full — nothing was stored, and writes fail until space
	 * is freed; the connection itself is fine. */
	if (!strcmp(state, "53100"))
		return DB_STORAGE_FULL;
	/* Concurrent writers (store_extraction) lost a race, or a replica
	 * cancelled a read that conflicted with replay: run it again. */
	if (!strcmp(state, "40001") || !strcmp(state, "40P01"))
		return DB_RETRY;
	/* 08: connection exception, 57P: operator intervention (shutdown),
	 * 53: other insufficient resources (memory, connections): transient. */
	if (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3) || !strncmp(state, "53", 2))
		return DB_UNAVAILABLE;
	return DB_FAILED;
}

static db_status fail(db_conn *c, PGresult *res)
{
	db_status st = db_status_of(c->pg, res);
	snprintf(c->last_error, sizeof c->last_error, "%s",
	         res ? PQresultErrorMessage(res) : PQerrorMessage(c->pg));
	size_t n = strlen(c->last_error);
	while (n && (c->last_error[n - 1] == '\n' || c->last_error[n - 1] == ' '))
		c->last_error[--n] = '\0';
	if (st == DB_UNAVAILABLE)
		c->broken = 1;
	if (st == DB_FAILED || st == DB_UNAVAILABLE || st == DB_STORAGE_FULL)
		log_error("database error", "error", c->last_error, NULL);
	PQclear(res);
	return st;
}

static int is_prepared(const db_conn *c, const char *name)
{
	for (size_t i = 0; i < c->n_prepared; i++)
		if (!strcmp(c->prepared[i], name))
			return 1;
	return 0;
}

PGresult *db_exec(db_conn *c, const char *name, const char *sql, int nparams,
                  const char *const *params, db_status *st)
{
	PGresult *res;
	if (name) {
		if (!is_prepared(c, name)) {
			log_debug("prepare", "name", name, "sql", sql, NULL);
			res = PQprepare(c->pg, name, sql, nparams, NULL);
			if (PQresultStatus(res) != PGRES_COMMAND_OK) {
				*st = fail(c, res);
				return NULL;
			}
			PQclear(res);
			if (c->n_prepared == c->cap_prepared) {
				c->cap_prepared = c->cap_prepared ? 2 * c->cap_prepared : 32;
				c->prepared =
				    xrealloc(c->prepared, c->cap_prepared * sizeof *c->prepared);
			}
			c->prepared[c->n_prepared++] = xstrdup(name);
		}
		res = PQexecPrepared(c->pg, name, nparams, params, NULL, NULL, 0);
	} else {
		res = PQexecParams(c->pg, sql, nparams, NULL, params, NULL, NULL, 0);
	}
	ExecStatusType rs = PQresultStatus(res);
	if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
		*st = fail(c, res);
		return NULL;
	}
	*st = DB_OK;
	return res;
}

db_status db_command(db_conn *c, const char *sql)
{
	db_status st;
	PGresult *res = db_exec(c, NULL, sql, 0, NULL, &st);
	PQclear(res);
	return st;
}

db_status db_begin(db_conn *c)
{
	return db_command(c, "BEGIN");
}

db_status db_commit(db_conn *c)
{
	return db_command(c, "COMMIT");
}

void db_rollback(db_conn *c)
{
	db_command(c, "ROLLBACK");
}

db_status db_ping(db_conn *c)
{
	return db_command(c, "SELECT 1");
}

db_status db_one_text(db_conn *c, const char *name, const char *sql, int nparams,
                      const char *const *params, char **out)
{
	db_status st;
	*out = NULL;
	PGresult *r = db_exec(c, name, sql, nparams, params, &st);
	if (!r)
		return st;
	if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		*out = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return *out ? DB_OK : DB_NOT_FOUND;
}

uint64_t db_conn_uses(db_conn *c)
{
	return ++c->uses;
}
