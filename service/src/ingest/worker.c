/*
 * worker — see worker.h.  Sources are claimed before articles so a feed's
 * new items are queued promptly; articles are the bulk of the work.  One
 * per-process rate limiter is shared by every worker of the process.
 */
#include "ingest/worker.h"

#include "core/buf.h"
#include "core/log.h"
#include "ingest/fetch.h"
#include "ingest/jobs.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DB_WAIT_MS 5000
/* How often a working loop refreshes its heartbeat (worker_heartbeats);
 * `parley health --worker` allows several of these to pass. */
#define HEARTBEAT_S 10
#define HOSTS_REMEMBERED 1024

struct worker {
	ingest_ctx ctx;
	worker_stats stats;
	int db_down_logged;
	time_t last_beat;
};

static pthread_mutex_t rl_lock = PTHREAD_MUTEX_INITIALIZER;
static ratelimit *shared_rl;

static ratelimit *process_ratelimit(int interval_ms)
{
	pthread_mutex_lock(&rl_lock);
	if (!shared_rl)
		shared_rl = ratelimit_new(interval_ms, HOSTS_REMEMBERED);
	pthread_mutex_unlock(&rl_lock);
	return shared_rl;
}

worker *worker_new(db_pool *pool, px_dict *const *dict, pthread_rwlock_t *dict_lock,
                   const ingest_settings *s, const atomic_int *stop, const char *tag)
{
	worker *w = xcalloc(1, sizeof *w);
	w->ctx.pool = pool;
	w->ctx.dict = dict;
	w->ctx.dict_lock = dict_lock;
	w->ctx.s = *s;
	w->ctx.stop = stop;
	w->ctx.fetch = fetcher_new(s, process_ratelimit(s->host_interval_ms), stop);
	ingest_owner(&w->ctx, tag);
	return w;
}

void worker_free(worker *w)
{
	if (!w)
		return;
	fetcher_free(w->ctx.fetch);
	free(w);
}

/* The owner's host part ("host:pid:tag"). */
static void owner_host(const char *owner, char *host, size_t size)
{
	size_t n = strcspn(owner, ":");
	if (n >= size)
		n = size - 1;
	memcpy(host, owner, n);
	host[n] = '\0';
}

static void heartbeat(worker *w, db_conn *c, int stopping)
{
	char host[128];
	owner_host(w->ctx.owner, host, sizeof host);
	queue_heartbeat(c, w->ctx.owner, host, stopping);
	w->last_beat = time(NULL);
}

static void count(worker *w, job_status js)
{
	w->stats.failed += js == JOB_FAILED;
	w->stats.retried += js == JOB_RETRY;
}

int worker_step(worker *w)
{
	ingest_ctx *ctx = &w->ctx;
	db_conn *c = db_acquire(ctx->pool, DB_WAIT_MS);
	if (!c) {
		if (!w->db_down_logged++)
			log_warn("worker: the database is unavailable, waiting", NULL);
		return -1;
	}
	w->db_down_logged = 0;
	if (time(NULL) - w->last_beat >= HEARTBEAT_S)
		heartbeat(w, c, 0);
	queue_source src;
	queue_article art;
	int got_source = 0, got_article = 0;
	db_status st = queue_claim_source(c, ctx->owner, ctx->s.lease_s, &src, &got_source);
	if (st == DB_OK && !got_source)
		st = queue_claim_article(c, ctx->owner, ctx->s.lease_s, &art, &got_article);
	db_release(ctx->pool, c);
	if (st != DB_OK)
		return -1;
	if (got_source) {
		count(w, job_source(ctx, &src));
		w->stats.sources++;
		queue_source_free(&src);
		return 1;
	}
	if (got_article) {
		count(w, job_article(ctx, &art));
		w->stats.articles++;
		queue_article_free(&art);
		return 1;
	}
	return 0;
}

/* Sleeps up to ms in short steps; returns early when stopping. */
static void nap(const atomic_int *stop, int ms)
{
	for (int left = ms; left > 0 && !atomic_load(stop); left -= 100) {
		struct timespec ts = {0, (left > 100 ? 100 : left) * 1000000L};
		nanosleep(&ts, NULL);
	}
}

void worker_run(worker *w)
{
	log_info("worker started", "owner", w->ctx.owner, NULL);
	while (!atomic_load(w->ctx.stop)) {
		int rc = worker_step(w);
		if (rc <= 0)
			nap(w->ctx.stop, rc < 0 ? 2000 : w->ctx.s.poll_ms);
	}
	db_conn *c = db_acquire(w->ctx.pool, DB_WAIT_MS);
	if (c) {
		heartbeat(w, c, 1);
		db_release(w->ctx.pool, c);
	}
	log_info("worker stopped", "owner", w->ctx.owner, NULL);
}

void worker_get_stats(const worker *w, worker_stats *out)
{
	*out = w->stats;
}
