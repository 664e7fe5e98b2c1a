/*
 * config — see config.h.  Each setting is described once in a table (env
 * name, flag name, kind, field) so environment and flags cannot drift apart.
 */
#include "core/config.h"

#include "core/buf.h"
#include "core/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { SET_STRING, SET_INT, SET_BOOL, SET_SIZE, SET_LISTEN, SET_LEVEL } setting_kind;

typedef struct setting {
	const char *env;
	const char *flag;
	setting_kind kind;
	size_t offset;
	long min, max;
} setting;

#define FIELD(f) offsetof(config, f)

static const setting settings[] = {
    {"PARLEY_DATABASE_URL", "--database-url", SET_STRING, FIELD(database_url), 0, 0},
    {"PARLEY_LISTEN", "--listen", SET_LISTEN, 0, 0, 0},
    {"PARLEY_API_KEY", "--api-key", SET_STRING, FIELD(api_key), 0, 0},
    {"PARLEY_DATA_DIR", "--data-dir", SET_STRING, FIELD(data_dir), 0, 0},
    {"PARLEY_DICT_DIR", "--dict-dir", SET_STRING, FIELD(dict_dir), 0, 0},
    {"PARLEY_MODELS_DIR", "--models-dir", SET_STRING, FIELD(models_dir), 0, 0},
    {"PARLEY_WEB_DIR", "--web-dir", SET_STRING, FIELD(web_dir), 0, 0},
    {"PARLEY_MIGRATIONS_DIR", "--migrations-dir", SET_STRING, FIELD(migrations_dir), 0, 0},
    {"PARLEY_CORS_ORIGINS", "--cors-origins", SET_STRING, FIELD(cors_origins), 0, 0},
    {"PARLEY_LOG_LEVEL", "--log-level", SET_LEVEL, FIELD(log_level), 0, 0},
    {"PARLEY_THREADS", "--threads", SET_INT, FIELD(threads), 1, 256},
    {"PARLEY_THREAD_PER_CONNECTION", "--thread-per-connection", SET_BOOL,
     FIELD(thread_per_connection), 0, 1},
    {"PARLEY_POOL_SIZE", "--pool-size", SET_INT, FIELD(pool_size), 1, 256},
    {"PARLEY_MAX_BODY", "--max-body", SET_SIZE, FIELD(max_body), 1024, 256L << 20},
    {"PARLEY_SKIP_MIGRATE", "--skip-migrate", SET_BOOL, FIELD(skip_migrate), 0, 1},
    {"PARLEY_WORKER", "--worker", SET_BOOL, FIELD(run_worker), 0, 1},
    {"PARLEY_DEMO", "--demo", SET_BOOL, FIELD(demo), 0, 1},
    {"PARLEY_ALLOW_LOCAL_FETCH", "--allow-local-fetch", SET_BOOL, FIELD(allow_local_fetch), 0, 1},
};

const char config_flags_help[] =
    "  --database-url URL     PostgreSQL URL (env PARLEY_DATABASE_URL, else DATABASE_URL);\n"
    "                         unset: a private embedded cluster under DATA_DIR/pg\n"
    "  --listen HOST:PORT     where to serve (PARLEY_LISTEN, default 127.0.0.1:8080)\n"
    "  --api-key KEY          bearer key for writes (PARLEY_API_KEY); unset: loopback only\n"
    "  --data-dir DIR         state directory (PARLEY_DATA_DIR, default ./var)\n"
    "  --dict-dir DIR         extraction dictionaries (PARLEY_DICT_DIR)\n"
    "  --models-dir DIR       language models: tagger, parser, entities (PARLEY_MODELS_DIR)\n"
    "  --web-dir DIR          dashboard assets (PARLEY_WEB_DIR)\n"
    "  --migrations-dir DIR   SQL migrations (PARLEY_MIGRATIONS_DIR)\n"
    "  --cors-origins LIST    comma-separated origins allowed by CORS (PARLEY_CORS_ORIGINS)\n"
    "  --log-level LEVEL      debug|info|warn|error (PARLEY_LOG_LEVEL, default info)\n"
    "  --threads N            HTTP worker threads (PARLEY_THREADS, default 8)\n"
    "  --thread-per-connection[=0|1]  one thread per connection instead of the pool\n"
    "                         (PARLEY_THREAD_PER_CONNECTION, default 0; see README)\n"
    "  --pool-size N          database connections (PARLEY_POOL_SIZE, default 8)\n"
    "  --max-body BYTES       largest request body (PARLEY_MAX_BODY, default 8 MiB)\n"
    "  --skip-migrate[=0|1]   do not apply migrations at start (PARLEY_SKIP_MIGRATE)\n"
    "  --worker[=0|1]         run the ingestion worker inside serve (PARLEY_WORKER, default 1)\n"
    "  --demo[=0|1]           ingest the demo corpus at start (PARLEY_DEMO, default 1)\n"
    "  --allow-local-fetch[=0|1]  allow fetching loopback/private addresses and file://\n"
    "                         (PARLEY_ALLOW_LOCAL_FETCH, default 0)\n";

void config_defaults(config *c)
{
	memset(c, 0, sizeof *c);
	c->listen_host = xstrdup("127.0.0.1");
	c->listen_port = 8080;
	c->data_dir = xstrdup("./var");
	c->dict_dir = xstrdup(PARLEY_SOURCE_DIR "/service/data");
	c->models_dir = xstrdup(PARLEY_SOURCE_DIR "/service/models");
	c->web_dir = xstrdup(PARLEY_SOURCE_DIR "/service/web");
	c->migrations_dir = xstrdup(PARLEY_SOURCE_DIR "/migrations");
	c->log_level = LOG_INFO;
	c->threads = 8;
	c->pool_size = 8;
	c->max_body = 8u << 20;
	c->run_worker = 1;
	c->demo = 1;
}

int config_parse_listen(const char *s, char **host, int *port)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s)
		return -1;
	const char *h = s;
	size_t hlen = (size_t)(colon - s);
	if (h[0] == '[') { /* [::1]:8080 */
		if (hlen < 3 || h[hlen - 1] != ']')
			return -1;
		h++;
		hlen -= 2;
	}
	char *end;
	errno = 0;
	long p = strtol(colon + 1, &end, 10);
	if (errno || *end || end == colon + 1 || p < 0 || p > 65535)
		return -1;
	*host = xstrndup(h, hlen);
	*port = (int)p;
	return 0;
}

static int set_error(char **err, const char *name, const char *value, const char *why)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s: invalid value '%s': %s", name, value, why);
	*err = buf_detach(&b);
	return -1;
}

static int parse_bool(const char *v, int *out)
{
	if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on"))
		*out = 1;
	else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off"))
		*out = 0;
	else
		return -1;
	return 0;
}

static int apply(config *c, const setting *s, const char *name, const char *v, char **err)
{
	char *base = (char *)c;
	switch (s->kind) {
	case SET_STRING: {
		char **field = (char **)(base + s->offset);
		free(*field);
		*field = *v ? xstrdup(v) : NULL;
		return 0;
	}
	case SET_LISTEN: {
		char *host;
		int port;
		if (config_parse_listen(v, &host, &port))
			return set_error(err, name, v, "expected HOST:PORT");
		free(c->listen_host);
		c->listen_host = host;
		c->listen_port = port;
		return 0;
	}
	case SET_LEVEL: {
		int level = log_level_parse(v);
		if (level < 0)
			return set_error(err, name, v, "expected debug, info, warn or error");
		c->log_level = level;
		return 0;
	}
	case SET_BOOL:
		if (parse_bool(v, (int *)(base + s->offset)))
			return set_error(err, name, v, "expected 0 or 1");
		return 0;
	case SET_INT:
	case SET_SIZE: {
		char *end;
		errno = 0;
		long n = strtol(v, &end, 10);
		if (errno || *end || end == v || n < s->min || n > s->max) {
			char why[64];
			snprintf(why, sizeof why, "expected a whole number from %ld to %ld", s->min,
			         s->max);
			return set_error(err, name, v, why);
		}
		if (s->kind == SET_INT)
			*(int *)(base + s->offset) = (int)n;
		else
			*(size_t *)(base + s->offset) = (size_t)n;
		return 0;
	}
	}
	return 0;
}

int config_from_env(config *c, config_env_fn env, void *ctx, char **err)
{
	const char *url = env("DATABASE_URL", ctx);
	if (url && *url) {
		free(c->database_url);
		c->database_url = xstrdup(url);
	}
	for (size_t i = 0; i < sizeof settings / sizeof *settings; i++) {
		const char *v = env(settings[i].env, ctx);
		if (v && apply(c, &settings[i], settings[i].env, v, err))
			return -1;
	}
	return 0;
}

int config_apply_flag(config *c, int argc, char **argv, char **err)
{
	const char *arg = argv[0];
	for (size_t i = 0; i < sizeof settings / sizeof *settings; i++) {
		const setting *s = &settings[i];
		size_t n = strlen(s->flag);
		if (strncmp(arg, s->flag, n))
			continue;
		if (arg[n] == '=')
			return apply(c, s, s->flag, arg + n + 1, err) ? -1 : 1;
		if (arg[n])
			continue;
		if (s->kind == SET_BOOL)
			return apply(c, s, s->flag, "1", err) ? -1 : 1;
		if (argc < 2)
			return set_error(err, s->flag, "", "missing value");
		return apply(c, s, s->flag, argv[1], err) ? -1 : 2;
	}
	return 0;
}

void config_free(config *c)
{
	free(c->database_url);
	free(c->listen_host);
	free(c->api_key);
	free(c->data_dir);
	free(c->dict_dir);
	free(c->models_dir);
	free(c->web_dir);
	free(c->migrations_dir);
	free(c->cors_origins);
	memset(c, 0, sizeof *c);
}
