/*
 * health — for container healthchecks (where no curl is installed), two
 * questions:
 *   parley health           is the server on PARLEY_LISTEN ready (its /readyz)?
 *   parley health --worker  has a worker on this host beaten its heartbeat in
 *                           the database lately (worker_heartbeats)?
 * Exit 0 yes, 1 no, 2 usage.
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/buf.h"
#include "db/pool.h"
#include "db/queue.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char usage_health[] =
    "usage: parley health [--worker [--max-age SECONDS]] [FLAGS]\n\n"
    "Asks the parley listening on PARLEY_LISTEN whether it is ready (database\n"
    "reachable).  With --worker, asks the database instead whether a worker on\n"
    "this host refreshed its heartbeat within --max-age seconds (default 60;\n"
    "workers beat every 10 s while they run).  Exit status 0 when ready, 1 when\n"
    "not, 2 on a usage error.\n";

static size_t discard(char *p, size_t sz, size_t n, void *ud)
{
	return sz * n;
}

static int server_ready(const config *cfg)
{
	const char *host = cfg->listen_host;
	/* A wildcard listen address is reached on loopback. */
	if (!strcmp(host, "0.0.0.0") || !*host)
		host = "127.0.0.1";
	else if (!strcmp(host, "::"))
		host = "::1";
	char url[512];
	snprintf(url, sizeof url,
	         strchr(host, ':') ? "http://[%s]:%d/readyz" : "http://%s:%d/readyz", host,
	         cfg->listen_port);
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 3L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	printf("%s %ld\n", url, status);
	return status == 200 ? 0 : 1;
}

static int worker_alive(runtime *rt, int max_age)
{
	if (runtime_open_db(rt, 0))
		return 1;
	char host[128] = "localhost";
	gethostname(host, sizeof host - 1);
	host[sizeof host - 1] = '\0';
	db_pool *pool = db_pool_new(rt->conninfo, 1);
	db_conn *c = pool ? db_acquire(pool, 3000) : NULL;
	long n = 0;
	db_status st = c ? queue_workers_alive(c, host, max_age, &n) : DB_UNAVAILABLE;
	if (c)
		db_release(pool, c);
	db_pool_free(pool);
	printf("workers on %s seen within %d s: %ld%s\n", host, max_age, n,
	       st == DB_OK ? "" : " (database unavailable)");
	return st == DB_OK && n > 0 ? 0 : 1;
}

int cmd_health(int argc, char **argv)
{
	/* --worker here is this command's question, not the configuration's
	 * --worker (serve's in-process worker): take it out first. */
	int worker = 0, max_age = 60, n = 0;
	char **args = xcalloc((size_t)argc + 1, sizeof *args);
	for (int i = 0; i < argc; i++)
		if (i > 0 && !strcmp(argv[i], "--worker"))
			worker = 1;
		else
			args[n++] = argv[i];
	runtime rt;
	char **rest = NULL;
	int n_rest = 0;
	int rc = runtime_configure(&rt, n, args, usage_health, &rest, &n_rest);
	free(args);
	if (rc)
		return rc;
	for (int i = 0; i < n_rest && !rc; i++) {
		char *end = NULL;
		if (!strcmp(rest[i], "--max-age") && i + 1 < n_rest) {
			long v = strtol(rest[++i], &end, 10);
			if (*end || v < 1 || v > 86400)
				rc = 2;
			max_age = (int)v;
		} else {
			rc = 2;
		}
	}
	free(rest);
	if (rc) {
		fputs(usage_health, stderr);
		runtime_close(&rt);
		return rc;
	}
	rc = worker ? worker_alive(&rt, max_age) : server_ready(&rt.cfg);
	runtime_close(&rt);
	return rc;
}
