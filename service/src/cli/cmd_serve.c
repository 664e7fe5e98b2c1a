/*
 * serve — the REST API (and dashboard) over the database, with the
 * ingestion worker in a thread unless told otherwise.
 */
#include "api/api.h"
#include "api/metrics.h"
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/log.h"
#include "db/page_cache.h"
#include "http/http.h"
#include "ingest/service.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

const char usage_serve[] =
    "usage: parley serve [FLAGS]\n\n"
    "Serves the REST API on PARLEY_LISTEN (default 127.0.0.1:8080).  With no\n"
    "database URL it starts a private PostgreSQL under DATA_DIR/pg and stops it\n"
    "on exit.  Migrations are applied at start unless --skip-migrate.  SIGINT or\n"
    "SIGTERM stops it cleanly.\n\n"
    "Limits (README \"Limits\"): PARLEY_MAX_CONNECTIONS and PARLEY_MAX_CONN_PER_IP\n"
    "cap open connections in total and per client address; a request's headers\n"
    "must arrive within PARLEY_HEADER_TIMEOUT_MS and the whole request within\n"
    "PARLEY_REQUEST_TIMEOUT_MS, however slowly bytes trickle in.  A write is\n"
    "refused (401/403/413) before its body is read.  With no API key, only\n"
    "requests naming localhost, an IP address, the listen address or a name in\n"
    "PARLEY_ALLOWED_HOSTS are served (DNS rebinding), and writes from a page on\n"
    "another origin are refused.\n";

int cmd_serve(int argc, char **argv)
{
	runtime rt;
	int rc = runtime_configure(&rt, argc, argv, usage_serve, NULL, NULL);
	if (rc)
		return rc;
	runtime_block_signals();
	char *err = NULL;
	app a = {.cfg = &rt.cfg, .started = time(NULL)};
	a.dict = runtime_open(&rt);
	if (!a.dict)
		return 1;
	pthread_rwlock_init(&a.dict_lock, NULL);
	page_cache_configure((size_t)rt.cfg.page_cache_mb << 20);
	a.pool = db_pool_new(rt.conninfo, rt.cfg.pool_size);
	/* GETs from a replica when one is configured (docs/scaling.md) */
	a.read_pool = rt.cfg.read_database_url
	                  ? db_pool_new(rt.cfg.read_database_url, rt.cfg.pool_size)
	                  : a.pool;
	if (rt.cfg.read_database_url)
		log_info("reads go to the read database", NULL);
	a.metrics = metrics_new();
	if (!rt.cfg.api_key)
		log_warn("PARLEY_API_KEY is not set: writes are accepted from loopback only, and "
		         "only requests naming localhost, an IP address, the listen address or a "
		         "name in PARLEY_ALLOWED_HOSTS are served",
		         NULL);

	ingest_service_opts io = {rt.cfg.demo, rt.cfg.run_worker, &rt.cfg};
	ingest_service *ingest = ingest_service_start(a.pool, &a.dict, &a.dict_lock, &io);
	http_server_opts ho = {
	    .host = rt.cfg.listen_host,
	    .port = rt.cfg.listen_port,
	    .threads = rt.cfg.thread_per_connection ? 0 : rt.cfg.threads,
	    .max_connections = rt.cfg.max_connections,
	    .max_conn_per_ip = rt.cfg.max_conn_per_ip,
	    .header_timeout_ms = rt.cfg.header_timeout_ms,
	    .request_timeout_ms = rt.cfg.request_timeout_ms,
	    .idle_timeout_s = rt.cfg.idle_timeout_s,
	};
	http_server *srv = http_server_start(&ho, api_admit, api_dispatch, &a, &err);
	if (!srv) {
		log_error("cannot start the HTTP server", "error", err, NULL);
		free(err);
		rc = 1;
	} else {
		char addr[300];
		snprintf(addr, sizeof addr, "http://%s:%d/", rt.cfg.listen_host,
		         http_server_port(srv));
		log_info("listening", "url", addr, NULL);
		int sig = runtime_wait_signal(&rt);
		char closes[24];
		snprintf(closes, sizeof closes, "%lu", http_server_deadline_closes(srv));
		log_info("shutting down", "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT",
		         "deadline_closes", closes, NULL);
		http_server_stop(srv);
	}
	ingest_service_stop(ingest);
	if (a.read_pool != a.pool)
		db_pool_free(a.read_pool);
	db_pool_free(a.pool);
	metrics_free(a.metrics);
	px_dict_free(a.dict);
	pthread_rwlock_destroy(&a.dict_lock);
	runtime_close(&rt);
	return rc;
}
