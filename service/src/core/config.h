/*
 * config — the service's settings: environment first (12-factor), then
 * command-line flags override.  Pure parsing; nothing here opens a file.
 */
#ifndef PARLEY_CORE_CONFIG_H
#define PARLEY_CORE_CONFIG_H

#include <stddef.h>

typedef struct config {
	char *database_url; /* NULL: the embedded cluster under data_dir/pg */
	char *listen_host;
	int listen_port;
	char *api_key; /* NULL: writes only from loopback */
	char *data_dir;
	char *dict_dir;   /* extraction dictionaries */
	char *models_dir; /* language models (lang/): tagger, parser, entities */
	char *web_dir;    /* dashboard assets */
	char *migrations_dir;
	char *cors_origins; /* comma-separated, NULL: no CORS */
	int log_level;
	int threads;               /* HTTP worker threads (pool mode) */
	int thread_per_connection; /* HTTP mode: 1 = a thread per connection */
	int pool_size;             /* database connections */
	size_t max_body;           /* bytes */
	int skip_migrate;
	int run_worker; /* serve also runs the ingestion worker */
	int demo;       /* ingest the demo corpus at start */
	int allow_local_fetch;
} config;

/* getenv-like lookup, so tests can feed a table instead of the process
 * environment. */
typedef const char *(*config_env_fn)(const char *name, void *ctx);

void config_defaults(config *c);
/* Returns 0, or -1 with *err set (free() it). */
int config_from_env(config *c, config_env_fn env, void *ctx, char **err);
/* Applies one "--flag=value" or "--flag value" pair (argv style).  Returns
 * the number of argv entries consumed (1 or 2), 0 when the flag is not a
 * config flag, -1 with *err on a bad value. */
int config_apply_flag(config *c, int argc, char **argv, char **err);
int config_parse_listen(const char *s, char **host, int *port);
void config_free(config *c);

/* The flags config_apply_flag knows, for --help texts. */
extern const char config_flags_help[];

#endif
