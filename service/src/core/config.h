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
	char *dict_dir; /* extraction dictionaries */
	char *web_dir;  /* dashboard assets */
	char *migrations_dir;
	char *cors_origins; /* comma-separated, NULL: no CORS */
	int log_level;
	int threads;               /* HTTP worker threads (pool mode) */
	int thread_per_connection; /* HTTP mode: 1 = a thread per connection */
	int pool_size;             /* database connections */
	size_t max_body;           /* bytes */
	/* Connection limits and deadlines (README "Limits"). */
	int max_connections;    /* in total */
	int max_conn_per_ip;    /* per client address, 0: no cap */
	int header_timeout_ms;  /* request line + headers, from connect or the last answer */
	int request_timeout_ms; /* the whole request including the body */
	int idle_timeout_s;     /* no byte either way for this long closes */
	char *allowed_hosts;    /* extra Host names, comma-separated; "*": any */
	int skip_migrate;
	int run_worker; /* serve also runs the ingestion worker */
	int demo;       /* ingest the demo corpus at start */
	int allow_local_fetch;
	char *pg_bindir; /* embedded cluster: PostgreSQL's bin dir, NULL: found */
	char *pg_user;   /* embedded cluster's owner when run as root, NULL: postgres */
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
