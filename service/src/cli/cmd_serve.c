/*
 * serve — the REST API (and dashboard) over the database, with the
 * ingestion worker in a thread unless told otherwise.
 */
#include "api/api.h"
#include "api/metrics.h"
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/log.h"
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
    "SIGTERM stops it cleanly.\n";

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
	a.pool = db_pool_new(rt.conninfo, rt.cfg.pool_size);
	a.metrics = metrics_new();
	if (!rt.cfg.api_key)
		log_warn("PARLEY_API_KEY is not set: writes are accepted from loopback only", NULL);

	ingest_service_opts io = {rt.cfg.demo, rt.cfg.run_worker, &rt.cfg};
	ingest_service *ingest = ingest_service_start(a.pool, &a.dict, &a.dict_lock, &io);
	http_server *srv = http_server_start(rt.cfg.listen_host, rt.cfg.listen_port,
	                                     rt.cfg.thread_per_connection ? 0 : rt.cfg.threads,
	                                     rt.cfg.max_body, api_dispatch, &a, &err);
	if (!srv) {
		log_error("cannot start the HTTP server", "error", err, NULL);
		free(err);
		rc = 1;
	} else {
		char addr[300];
		snprintf(addr, sizeof addr, "http://%s:%d/", rt.cfg.listen_host,
		         http_server_port(srv));
		log_info("listening", "url", addr, NULL);
		int sig = runtime_wait_signal();
		log_info("shutting down", "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT", NULL);
		http_server_stop(srv);
	}
	ingest_service_stop(ingest);
	db_pool_free(a.pool);
	metrics_free(a.metrics);
	px_dict_free(a.dict);
	pthread_rwlock_destroy(&a.dict_lock);
	runtime_close(&rt);
	return rc;
}
