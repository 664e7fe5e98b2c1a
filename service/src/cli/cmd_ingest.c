/*
 * ingest — ingests the URLs, files and folders named on the command line
 * once and exits (for cron and for loading a corpus).  Pages and text are
 * stored at once; a feed's items are queued and then fetched here, through
 * the same job code as the worker.  Exit status 1 when anything failed.
 *
 * Local paths are always readable (the user named them); file:// URLs, like
 * every local address, need PARLEY_ALLOW_LOCAL_FETCH=1.
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "db/queue.h"
#include "ingest/filekind.h"
#include "ingest/jobs.h"
#include "ingest/source_spec.h"
#include "parse/feed.h"

#include <dirent.h>
#include <limits.h>
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
    "item failed.  file:// URLs need PARLEY_ALLOW_LOCAL_FETCH=1.\n";

#define DB_WAIT_MS 10000

typedef struct progress {
	int total, done, failed;
	struct timespec t0;
	int show;
} progress;

static void report(progress *p, int ok, const char *what, const char *err)
{
	p->done++;
	if (!ok) {
		p->failed++;
		fprintf(stderr, "%sfailed: %s: %s\n", p->show ? "\r\033[K" : "", what,
		        err ? err : "unknown error");
	}
	if (!p->show)
		return;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	double s = (double)(t.tv_sec - p->t0.tv_sec) + (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
	fprintf(stderr, "\r\033[K%d/%d done, %.1f/s, %d failed", p->done, p->total,
	        s > 0 ? p->done / s : 0.0, p->failed);
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
	p->total += (int)n;
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

/* One page, text or feed body, wherever it came from. */
static int ingest_body(ingest_ctx *ctx, const char *url, const char *body, size_t len,
                       const char *ctype, int is_feed, int text, progress *p, char **err)
{
	db_conn *c = db_acquire(ctx->pool, DB_WAIT_MS);
	if (!c) {
		*err = xstrdup("the database is unavailable");
		return -1;
	}
	int rc, transient;
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
	char stored[24];
	rc = job_store_body(ctx, c, url, NULL, body, len, ctype, text, stored, err, &transient);
	db_release(ctx->pool, c);
	return rc;
}

static int ingest_url(ingest_ctx *ctx, const char *url, progress *p, char **err)
{
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
		                 err);
	}
	fetch_result_free(&r);
	return rc;
}

static int ingest_file(ingest_ctx *ctx, const char *path, progress *p, char **err)
{
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
	                     k == FILE_FEED, k == FILE_TEXT, p, err);
	buf_free(&url);
	free(body);
	return rc;
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
	char *err = NULL;
	ingest_ctx ctx = {.dict = &dict};
	ingest_settings_from_config(&ctx.s, &rt.cfg);
	ctx.pool = db_pool_new(rt.conninfo, 2);
	ratelimit *rl = ratelimit_new(ctx.s.host_interval_ms, 256);
	ctx.fetch = fetcher_new(&ctx.s, rl, NULL);
	ingest_owner(&ctx, "ingest");

	char **items = NULL;
	int n = 0;
	for (int i = 0; i < n_rest; i++)
		collect(rest[i], &items, &n);
	progress p = {.total = n};
	clock_gettime(CLOCK_MONOTONIC, &p.t0);
	for (int i = 0; i < n; i++) {
		p.show = p.total > 1;
		int ok = !(filekind_is_url(items[i]) ? ingest_url(&ctx, items[i], &p, &err)
		                                     : ingest_file(&ctx, items[i], &p, &err));
		report(&p, ok, items[i], err);
		free(err);
		err = NULL;
		free(items[i]);
	}
	if (p.show)
		fputc('\n', stderr);
	printf("ingested %d of %d, %d failed\n", p.done - p.failed, p.total, p.failed);
	free(items);
	free(rest);
	fetcher_free(ctx.fetch);
	ratelimit_free(rl);
	db_pool_free(ctx.pool);
	px_dict_free(dict);
	runtime_close(&rt);
	return p.failed ? 1 : 0;
}
