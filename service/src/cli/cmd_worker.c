/*
 * worker — the ingestion worker on its own: polls sources and fetches
 * pending articles until SIGINT/SIGTERM.  Run as many as you like, on any
 * machines sharing the database; the queue's leases keep them apart.
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/log.h"
#include "db/pool.h"
#include "ingest/service.h"
#include "ingest/settings.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

const char usage_worker[] =
    "usage: parley worker [FLAGS]\n\n"
    "Runs the ingestion schedule: fetches due sources (feeds and pages) and the\n"
    "articles their feeds list, stores and extracts them.  Several workers may\n"
    "share one database.  SIGINT or SIGTERM stops it within a few seconds; a job\n"
    "cut short is given back to the queue.  Its settings (--worker-threads,\n"
    "--fetch-timeout, ...) are among the configuration below.\n";

int cmd_worker(int argc, char **argv)
{
	runtime rt;
	int rc = runtime_configure(&rt, argc, argv, usage_worker, NULL, NULL);
	if (rc)
		return rc;
	runtime_block_signals();
	px_dict *dict = runtime_open(&rt);
	if (!dict)
		return 1;
	ingest_settings s;
	ingest_settings_from_config(&s, &rt.cfg);
	/* Two connections per loop: one claims while another may store. */
	db_pool *pool = db_pool_new(rt.conninfo, s.threads + 1);
	ingest_service_opts o = {.demo = 0, .run_worker = 1, .cfg = &rt.cfg};
	ingest_service *svc = ingest_service_start(pool, &dict, NULL, &o);
	if (!svc) {
		rc = 1;
	} else {
		int sig = runtime_wait_signal(&rt);
		log_info("stopping the worker", "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT",
		         NULL);
		ingest_service_stop(svc);
	}
	db_pool_free(pool);
	px_dict_free(dict);
	runtime_close(&rt);
	return rc;
}
