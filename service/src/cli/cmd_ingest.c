/*
 * ingest — ingests the URLs, files and folders named on the command line
 * once and exits (for cron and for loading a corpus).  Pages and text are
 * stored at once; a feed's items are queued and then fetched here, through
 * the same job code as the worker.  Exit status 1 when anything failed.
 *
 * Local paths are always readable (the user named them); file:// URLs, like
 * every local address, need PARLEY_ALLOW_LOCAL_FETCH=1.
 *
 * PARLEY_WORKER_THREADS workers take the items in turn, each with its own
 * fetcher and database connections (one rate limiter for all); stores run
 * in parallel (see store_extraction.sql).  A worker is two threads: one
 * reads and extracts the next item while the other stores the one before
 * (see struct lane); an item is reported done only after its commit.
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "db/queue.h"
#include "ingest/filekind.h"
#include "ingest/jobs.h"
#include "ingest/pipeline.h"
#include "ingest/source_spec.h"
#include "parse/feed.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

const char usage_ingest[] =
    "usage: parley ingest [FLAGS] URL|FILE|DIR...\n\n"
    "Ingests each argument once: a URL is fetched (a feed's items are then\n"
    "fetched too); a FILE is read by its extension (.html/.htm a page,\n"
    ".xml/.rss/.atom a feed whose items are fetched, anything else plain text);\n"
    "a DIR means every file in it.  Progress goes to stderr.  Exits 1 when any\n"
    "item failed.  file:// URLs need PARLEY_ALLOW_LOCAL_FETCH=1.\n"
    "--worker-threads N (PARLEY_WORKER_THREADS) ingests N items at once.\n";

#define DB_WAIT_MS 10000

typedef struct progress {
	pthread_mutex_t lock; /* every field below: threads report at once */
	int total, done, failed;
	struct timespec t0;
	int show;
} progress;

static void report(progress *p, int ok, const char *what, const char *err)
{
	pthread_mutex_lock(&p->lock);
	p->show = p->total > 1; /* a feed adds its items to the total */
	p->done++;
	if (!ok) {
		p->failed++;
		fprintf(stderr, "%sfailed: %s: %s\n", p->show ? "\r\033[K" : "", what,
		        err ? err : "unknown error");
	}
	if (p->show) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		double s =
		    (double)(t.tv_sec - p->t0.tv_sec) + (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
		fprintf(stderr, "\r\033[K%d/%d done, %.1f/s, %d failed", p->done, p->total,
		        s > 0 ? p->done / s : 0.0, p->failed);
	}
	pthread_mutex_unlock(&p->lock);
}

static void add_total(progress *p, int n)
{
	pthread_mutex_lock(&p->lock);
	p->total += n;
	pthread_mutex_unlock(&p->lock);
}

/* Expands folders into their files (sorted, not recursive). */
static void collect(const char *arg, char ***items, int *n)
{
	struct stat st;
	if (!filekind_is_url(arg) && !stat(arg, &st) && S_ISDIR(st.st_mode)) {
		struct dirent **list;
		int k = scandir(arg, &list, NULL, alphasort);
		for (int i = 0; i < k; i++) {
			char path[PATH_MAX];
			snprintf(path, sizeof path, "%s/%s", arg, list[i]->d_name);
			if (list[i]->d_name[0] != '.' && !stat(path, &st) && S_ISREG(st.st_mode)) {
				*items = xrealloc(*items, (size_t)(*n + 1) * sizeof **items);
				(*items)[(*n)++] = xstrdup(path);
			}
			free(list[i]);
		}
		free(list);
		return;
	}
	*items = xrealloc(*items, (size_t)(*n + 1) * sizeof **items);
	(*items)[(*n)++] = xstrdup(arg);
}

/* Fetches every item a feed queued that is still pending, here and now. */
static void run_items(ingest_ctx *ctx, char **ids, size_t n, progress *p)
{
	add_total(p, (int)n);
	for (size_t i = 0; i < n; i++) {
		db_conn *c = db_acquire(ctx->pool, DB_WAIT_MS);
		queue_article a;
		int found = 0;
		if (c)
			queue_claim_article_id(c, ids[i], ctx->owner, ctx->s.lease_s, &a, &found);
		if (c)
			db_release(ctx->pool, c);
		if (!c) {
			report(p, 0, ids[i], "the database is unavailable");
		} else if (!found) {
			report(p, 1, ids[i], NULL); /* stored before, or another worker has it */
		} else {
			job_status js = job_article(ctx, &a);
			report(p, js == JOB_DONE, a.url,
			       js == JOB_RETRY ? "fetch failed; queued for a retry" : "not stored");
			queue_article_free(&a);
		}
		free(ids[i]);
	}
	free(ids);
}

/* One page, text or feed body, wherever it came from.  A feed's items are
 * fetched and stored here; a page or text is extracted into *ready, for the
 * caller to store. */
static int ingest_body(ingest_ctx *ctx, const char *url, const char *body, size_t len,
                       const char *ctype, int is_feed, int text, progress *p,
                       pipeline_ready **ready, char **err)
{
	*ready = NULL;
	db_conn *c = db_acquire(ctx->pool, DB_WAIT_MS);
	if (!c) {
		*err = xstrdup("the database is unavailable");
		return -1;
	}
	int rc;
	if (is_feed) {
		char **ids;
		size_t n;
		int n_new;
		rc = job_feed_items(ctx, c, NULL, body, len, url, &n_new, &ids, &n, NULL, err);
		db_release(ctx->pool, c);
		if (!rc)
			run_items(ctx, ids, n, p);
		return rc;
	}
	rc = job_extract_body(ctx, c, url, NULL, body, len, ctype, text, ready, err);
	db_release(ctx->pool, c);
	return rc;
}

static int ingest_url(ingest_ctx *ctx, const char *url, progress *p, pipeline_ready **ready,
                      char **err)
{
	*ready = NULL;
	/* the same rules as a source added by API or CLI */
	source_spec spec;
	const char *field, *why;
	if (source_spec_check(url, NULL, -1, ctx->s.allow_local, &spec, &field, &why)) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "%s: %s", url, why);
		*err = buf_detach(&b);
		return -1;
	}
	source_spec_free(&spec);
	fetch_result r;
	fetch_request rq = {url, NULL, NULL, ctx->s.allow_local};
	if (fetch_get(ctx->fetch, &rq, &r)) {
		*err = xstrdup(r.error);
		fetch_result_free(&r);
		return -1;
	}
	content_class cc = content_type_class(r.content_type);
	int is_feed = doc_detect(r.body, r.len, r.content_type) == DOC_FEED || cc == CT_XML;
	int rc;
	if (!is_feed && cc == CT_OTHER) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "unsupported content type: %s", r.content_type);
		*err = buf_detach(&b);
		rc = -1;
	} else {
		rc = ingest_body(ctx, r.final_url, r.body, r.len, r.content_type, is_feed, 0, p,
		                 ready, err);
	}
	fetch_result_free(&r);
	return rc;
}

static int ingest_file(ingest_ctx *ctx, const char *path, progress *p, pipeline_ready **ready,
                       char **err)
{
	*ready = NULL;
	char real[PATH_MAX];
	size_t len = 0;
	if (!realpath(path, real)) {
		*err = xstrdup("no such file");
		return -1;
	}
	file_status st;
	char *body = file_read(real, ctx->s.max_bytes, &len, &st);
	if (!body) {
		*err = xstrdup(st == FILE_TOO_BIG ? "the file is larger than PARLEY_FETCH_MAX_BYTES"
		                                  : "cannot read the file");
		return -1;
	}
	buf url;
	buf_init(&url);
	buf_printf(&url, "file://%s", real);
	file_kind k = filekind_of(real);
	int rc = ingest_body(ctx, url.data, body, len, k == FILE_HTML ? "text/html" : NULL,
	                     k == FILE_FEED, k == FILE_TEXT, p, ready, err);
	buf_free(&url);
	free(body);
	return rc;
}

/* What the ingesting threads share. */
typedef struct run {
	ingest_settings s;
	px_dict *const *dict;
	db_pool *pool;
	ratelimit *rl;
	char **items;
	int n;
	atomic_int next;
	progress *p;
} run;

/*
 * One worker: two threads, a stage each.  The extraction stage reads,
 * fetches and extracts the next item while the store stage stores the one
 * before it, so the extraction's CPU overlaps the store's round trip and
 * commit wait.  A slot of one item between them; an item is reported done
 * only once its store committed.
 */
typedef struct lane {
	run *r;
	pthread_mutex_t lock; /* the slot and `over` */
	pthread_cond_t cond;
	int full, over; /* the slot holds an item; the extraction stage ended */
	int item;
	pipeline_ready *ready;
} lane;

/* The extraction stage of item i: *ready to store, or NULL when it is done
 * with (a feed's items were stored, or it failed: reported here). */
static pipeline_ready *extract_item(run *r, ingest_ctx *ctx, int i)
{
	char *err = NULL;
	pipeline_ready *ready = NULL;
	int rc = filekind_is_url(r->items[i]) ? ingest_url(ctx, r->items[i], r->p, &ready, &err)
	                                      : ingest_file(ctx, r->items[i], r->p, &ready, &err);
	if (rc || !ready) {
		pipeline_ready_free(ready);
		report(r->p, !rc, r->items[i], err);
		ready = NULL;
	}
	free(err);
	return ready;
}

static void store_item(run *r, ingest_ctx *ctx, int i, pipeline_ready *ready)
{
	char *err = NULL, stored[24];
	int transient, ok = 0;
	db_conn *c = db_acquire(ctx->pool, DB_WAIT_MS);
	if (!c) {
		err = xstrdup("the database is unavailable");
	} else {
		ok = !job_commit_body(c, ready, stored, &err, &transient);
		db_release(ctx->pool, c);
	}
	pipeline_ready_free(ready);
	report(r->p, ok, r->items[i], err);
	free(err);
}

static void *extract_thread(void *arg)
{
	lane *l = arg;
	run *r = l->r;
	ingest_ctx ctx = {.dict = r->dict, .s = r->s, .pool = r->pool};
	ctx.fetch = fetcher_new(&ctx.s, r->rl, NULL);
	ingest_owner(&ctx, "ingest");
	for (int i; (i = atomic_fetch_add(&r->next, 1)) < r->n;) {
		pipeline_ready *ready = extract_item(r, &ctx, i);
		if (!ready)
			continue;
		pthread_mutex_lock(&l->lock);
		while (l->full)
			pthread_cond_wait(&l->cond, &l->lock);
		l->full = 1, l->item = i, l->ready = ready;
		pthread_cond_broadcast(&l->cond);
		pthread_mutex_unlock(&l->lock);
	}
	pthread_mutex_lock(&l->lock);
	l->over = 1;
	pthread_cond_broadcast(&l->cond);
	pthread_mutex_unlock(&l->lock);
	fetcher_free(ctx.fetch);
	return NULL;
}

static void *ingest_thread(void *arg)
{
	run *r = arg;
	ingest_ctx ctx = {.dict = r->dict, .s = r->s, .pool = r->pool};
	lane l = {.r = r};
	pthread_mutex_init(&l.lock, NULL);
	pthread_cond_init(&l.cond, NULL);
	pthread_t tid;
	if (pthread_create(&tid, NULL, extract_thread, &l)) {
		/* no second thread: both stages here, one after the other */
		ctx.fetch = fetcher_new(&ctx.s, r->rl, NULL);
		ingest_owner(&ctx, "ingest");
		for (int i; (i = atomic_fetch_add(&r->next, 1)) < r->n;) {
			pipeline_ready *ready = extract_item(r, &ctx, i);
			if (ready)
				store_item(r, &ctx, i, ready);
		}
		fetcher_free(ctx.fetch);
	} else {
		for (;;) {
			pthread_mutex_lock(&l.lock);
			while (!l.full && !l.over)
				pthread_cond_wait(&l.cond, &l.lock);
			if (!l.full) {
				pthread_mutex_unlock(&l.lock);
				break;
			}
			int i = l.item;
			pipeline_ready *ready = l.ready;
			l.full = 0, l.ready = NULL;
			pthread_cond_broadcast(&l.cond);
			pthread_mutex_unlock(&l.lock);
			store_item(r, &ctx, i, ready);
		}
		pthread_join(tid, NULL);
	}
	pthread_cond_destroy(&l.cond);
	pthread_mutex_destroy(&l.lock);
	return NULL;
}

int cmd_ingest(int argc, char **argv)
{
	runtime rt;
	char **rest = NULL;
	int n_rest = 0;
	int rc = runtime_configure(&rt, argc, argv, usage_ingest, &rest, &n_rest);
	if (rc)
		return rc;
	for (int i = 0; i < n_rest; i++)
		if (rest[i][0] == '-' && rest[i][1]) {
			fprintf(stderr, "parley ingest: unknown flag %s\n\n%s", rest[i],
			        usage_ingest);
			free(rest);
			runtime_close(&rt);
			return 2;
		}
	if (!n_rest) {
		fputs(usage_ingest, stderr);
		free(rest);
		runtime_close(&rt);
		return 2;
	}
	px_dict *dict = runtime_open(&rt);
	if (!dict) {
		free(rest);
		return 1;
	}
	run r = {.dict = &dict};
	ingest_settings_from_config(&r.s, &rt.cfg);
	int threads = r.s.threads > 0 ? r.s.threads : 1;
	/* a connection per stage (store, extraction: the known date, a feed's
	 * items), and one for a feed's item claims */
	r.pool = db_pool_new(rt.conninfo, 2 * threads + 1);
	r.rl = ratelimit_new(r.s.host_interval_ms, 256);
	for (int i = 0; i < n_rest; i++)
		collect(rest[i], &r.items, &r.n);
	if (threads > r.n)
		threads = r.n > 0 ? r.n : 1;
	progress p = {.total = r.n};
	pthread_mutex_init(&p.lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &p.t0);
	r.p = &p;
	atomic_init(&r.next, 0);
	pthread_t *tid = xcalloc((size_t)threads, sizeof *tid);
	int started = 0;
	for (; started < threads; started++)
		if (pthread_create(&tid[started], NULL, ingest_thread, &r))
			break;
	if (!started) /* no thread at all: do the work here */
		ingest_thread(&r);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	free(tid);
	if (p.show)
		fputc('\n', stderr);
	printf("ingested %d of %d, %d failed\n", p.done - p.failed, p.total, p.failed);
	for (int i = 0; i < r.n; i++)
		free(r.items[i]);
	free(r.items);
	free(rest);
	pthread_mutex_destroy(&p.lock);
	ratelimit_free(r.rl);
	db_pool_free(r.pool);
	px_dict_free(dict);
	runtime_close(&rt);
	return p.failed ? 1 : 0;
}
