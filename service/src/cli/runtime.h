/*
 * runtime — what every long-running command sets up the same way:
 * configuration from environment and flags, logging, the database (an
 * embedded cluster when no URL is given), migrations, the dictionary.
 */
#ifndef PARLEY_CLI_RUNTIME_H
#define PARLEY_CLI_RUNTIME_H

#include "core/config.h"
#include "db/embedded.h"
#include "extract/extract.h"

typedef struct runtime {
	config cfg;
	embedded_pg pg;
	const char *conninfo; /* cfg.database_url or the embedded cluster's */
} runtime;

/*
 * Defaults, then the configuration file (file, else $PARLEY_CONFIG; none
 * when both are unset), then the environment.  Returns 0, or -1 with *err
 * set and c freed.
 */
int runtime_load_config(config *c, const char *file, char **err);
/*
 * Parses the configuration file (--config FILE or PARLEY_CONFIG), env, then argv (argv[0] is the
 * command).  Positional arguments are collected into *rest (NULL-terminated, may be NULL).  Returns
 * 0, 2 after printing a usage error.
 */
int runtime_configure(runtime *rt, int argc, char **argv, const char *usage, char ***rest,
                      int *n_rest);
/* Starts/attaches the database and migrates (unless told not to). */
int runtime_open_db(runtime *rt, int migrate);
/* Loads the dictionary files plus the actors users added in the database. */
px_dict *runtime_load_dict(runtime *rt, char **err);
/*
 * runtime_open_db (migrating unless --skip-migrate) then runtime_load_dict:
 * what serve, worker, ingest and reextract all need.  On failure logs why,
 * closes rt and returns NULL.
 */
px_dict *runtime_open(runtime *rt);
void runtime_close(runtime *rt);
/* Blocks SIGINT/SIGTERM in this thread (call before starting threads). */
void runtime_block_signals(void);
/* Waits for SIGINT/SIGTERM and returns the signal; meanwhile, every
 * RUNTIME_WATCH_SECONDS, starts the embedded database again if it stopped
 * by itself (embedded_pg_watch). */
#define RUNTIME_WATCH_SECONDS 5
int runtime_wait_signal(runtime *rt);

#endif
