/*
 * runtime — see runtime.h.
 */
#include "cli/runtime.h"

#include "core/buf.h"
#include "core/file.h"
#include "core/log.h"
#include "db/migrate.h"
#include "ingest/dictionary.h"
#include "ingest/language.h"
#include "ingest/pipeline.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *process_env(const char *name, void *ctx)
{
	return getenv(name);
}

int runtime_load_config(config *c, const char *file, char **err)
{
	config_defaults(c);
	if (!file || !*file)
		file = getenv("PARLEY_CONFIG");
	if (file && *file) {
		file_status st;
		char *text = file_read(file, 1u << 20, NULL, &st);
		if (!text) {
			buf b;
			buf_init(&b);
			buf_printf(&b, "cannot read the configuration file %s%s", file,
			           st == FILE_TOO_BIG ? " (larger than 1 MiB)" : "");
			*err = buf_detach(&b);
			config_free(c);
			return -1;
		}
		int rc = config_from_text(c, text, file, err);
		free(text);
		if (rc) {
			config_free(c);
			return -1;
		}
	}
	if (config_from_env(c, process_env, NULL, err)) {
		config_free(c);
		return -1;
	}
	return 0;
}

/* The value of --config FILE / --config=FILE in argv, or NULL. */
static const char *config_flag(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			return argv[i + 1];
		if (!strncmp(argv[i], "--config=", 9))
			return argv[i] + 9;
	}
	return NULL;
}

int runtime_configure(runtime *rt, int argc, char **argv, const char *usage, char ***rest,
                      int *n_rest)
{
	memset(rt, 0, sizeof *rt);
	char *err = NULL;
	if (runtime_load_config(&rt->cfg, config_flag(argc, argv), &err)) {
		fprintf(stderr, "parley: %s\n", err);
		free(err);
		return 2;
	}
	if (rest)
		*rest = xcalloc((size_t)argc + 1, sizeof **rest);
	if (n_rest)
		*n_rest = 0;
	for (int i = 1; i < argc;) {
		if (!strcmp(argv[i], "--config") || !strncmp(argv[i], "--config=", 9)) {
			i += argv[i][8] == '=' ? 1 : 2; /* read above */
			continue;
		}
		int used = config_apply_flag(&rt->cfg, argc - i, argv + i, &err);
		if (used < 0) {
			fprintf(stderr, "parley %s: %s\n", argv[0], err);
			free(err);
			return 2;
		}
		if (used == 0) {
			if (argv[i][0] == '-' && argv[i][1] && !rest) {
				fprintf(stderr, "parley %s: unknown flag %s\n\n%s", argv[0],
				        argv[i], usage);
				return 2;
			}
			if (rest)
				(*rest)[(*n_rest)++] = argv[i];
			used = 1;
		}
		i += used;
	}
	log_set_level((log_level)rt->cfg.log_level);
	language_configure(rt->cfg.models_dir);
	pipeline_configure(rt->cfg.relevance_threshold);
	return 0;
}

int runtime_open_db(runtime *rt, int migrate)
{
	char *err = NULL;
	if (rt->cfg.database_url) {
		rt->conninfo = rt->cfg.database_url;
	} else {
		if (embedded_pg_start(rt->cfg.data_dir, rt->cfg.pg_bindir, rt->cfg.pg_user, &rt->pg,
		                      &err)) {
			log_error("cannot start the embedded database", "error", err, NULL);
			free(err);
			return -1;
		}
		rt->conninfo = rt->pg.conninfo;
	}
	if (migrate) {
		int n = db_migrate(rt->conninfo, rt->cfg.migrations_dir, &err);
		if (n < 0) {
			log_error("migrations failed", "error", err, NULL);
			free(err);
			return -1;
		}
		char count[16];
		snprintf(count, sizeof count, "%d", n);
		log_info("schema up to date", "applied", count, NULL);
	}
	return 0;
}

px_dict *runtime_load_dict(runtime *rt, char **err)
{
	db_pool *pool = rt->conninfo ? db_pool_new(rt->conninfo, 1) : NULL;
	db_conn *c = pool ? db_acquire(pool, 5000) : NULL;
	px_dict *d = dictionary_build(rt->cfg.dict_dir, c, err);
	if (c)
		db_release(pool, c);
	db_pool_free(pool);
	return d;
}

px_dict *runtime_open(runtime *rt)
{
	if (runtime_open_db(rt, !rt->cfg.skip_migrate)) {
		runtime_close(rt);
		return NULL;
	}
	char *err = NULL;
	px_dict *d = runtime_load_dict(rt, &err);
	if (!d) {
		log_error("cannot load the extraction dictionary", "error", err, NULL);
		free(err);
		runtime_close(rt);
	}
	return d;
}

void runtime_close(runtime *rt)
{
	embedded_pg_stop(&rt->pg);
	config_free(&rt->cfg);
}

void runtime_block_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int runtime_wait_signal(runtime *rt)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	const struct timespec tick = {RUNTIME_WATCH_SECONDS, 0};
	for (;;) {
		int sig = sigtimedwait(&set, NULL, &tick);
		if (sig > 0)
			return sig;
		embedded_pg_watch(&rt->pg); /* nothing when the database is not ours */
	}
}
