/*
 * config — the service's settings, every one of them: an optional
 * configuration file (PARLEY_CONFIG or --config, the same KEY=value names
 * as the environment), then the environment (12-factor), then command-line
 * flags override.  Pure parsing; the caller reads the file.  Data-file
 * folders default to the installed share/parley or the source tree
 * (core/paths.h).
 */
#ifndef PARLEY_CORE_CONFIG_H
#define PARLEY_CORE_CONFIG_H

#include <stddef.h>

typedef struct config {
	char *database_url; /* NULL: the embedded cluster under data_dir/pg */
	/* NULL: reads go to database_url too; else serve's GET and HEAD
	 * requests read from this (a streaming replica of it) */
	char *read_database_url;
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
	int threads;               /* HTTP handler threads (pool mode) */
	int thread_per_connection; /* HTTP mode: 1 = a thread per connection */
	int pool_size;             /* database connections */
	int page_cache_mb;         /* list pages kept per unchanged snapshot (db/page_cache.h) */
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
	char *pg_bindir;    /* embedded cluster: PostgreSQL's bin dir, NULL: found */
	char *pg_user;      /* embedded cluster's owner when run as root, NULL: postgres */
	char *api_spec_dir; /* api-spec/openapi.yaml */
	char *demo_dir;     /* the demo corpus */
	/* The worker's tunables (ingest/settings.h). */
	int lease_s; /* 0: the fetch timeout + 5 s */
	int fetch_timeout_s;
	int connect_timeout_s;
	size_t fetch_max_bytes;
	int host_interval_ms;
	int max_attempts;
	int retry_base_s;
	int worker_poll_ms;
	int worker_threads;
	char *user_agent;  /* NULL: Parley/VERSION */
	char *contact_url; /* added to the User-Agent as (+URL) */
	int robots;        /* honour robots.txt */
	/* Articles whose relevance to international affairs and politics
	 * (0..1, extract/relevance.c) is under this many hundredths are
	 * stored off-topic: left out of lists and aggregates by default. */
	int relevance_threshold;
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
/* Applies a configuration file's text: KEY=value lines with the
 * environment's names (PARLEY_LISTEN=…), '#' comments, blank lines, a value
 * optionally in double quotes.  An unknown key or a bad value is an error
 * naming origin and line.  Returns 0, or -1 with *err set. */
int config_from_text(config *c, const char *text, const char *origin, char **err);
int config_parse_listen(const char *s, char **host, int *port);
void config_free(config *c);

/* The i-th setting of the table: 1 with its names, 0 past the end. */
int config_setting(size_t i, const char **env, const char **flag);
/* The flags config_apply_flag knows, for --help texts. */
extern const char config_flags_help[];

#endif
