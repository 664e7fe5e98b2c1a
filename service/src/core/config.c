/*
 * config — see config.h.  Each setting is described once in a table (env
 * name, flag name, kind, field) so environment and flags cannot drift apart.
 */
#include "core/config.h"

#include "core/buf.h"
#include "core/log.h"
#include "core/paths.h"

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
    {"PARLEY_READ_DATABASE_URL", "--read-database-url", SET_STRING, FIELD(read_database_url), 0, 0},
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
    {"PARLEY_PAGE_CACHE_MB", "--page-cache-mb", SET_INT, FIELD(page_cache_mb), 0, 4096},
    {"PARLEY_MAX_BODY", "--max-body", SET_SIZE, FIELD(max_body), 1024, 256L << 20},
    {"PARLEY_MAX_CONNECTIONS", "--max-connections", SET_INT, FIELD(max_connections), 16, 1000000},
    {"PARLEY_MAX_CONN_PER_IP", "--max-conn-per-ip", SET_INT, FIELD(max_conn_per_ip), 0, 1000000},
    {"PARLEY_HEADER_TIMEOUT_MS", "--header-timeout-ms", SET_INT, FIELD(header_timeout_ms), 100,
     3600000},
    {"PARLEY_REQUEST_TIMEOUT_MS", "--request-timeout-ms", SET_INT, FIELD(request_timeout_ms), 100,
     3600000},
    {"PARLEY_IDLE_TIMEOUT", "--idle-timeout", SET_INT, FIELD(idle_timeout_s), 1, 3600},
    {"PARLEY_ALLOWED_HOSTS", "--allowed-hosts", SET_STRING, FIELD(allowed_hosts), 0, 0},
    {"PARLEY_SKIP_MIGRATE", "--skip-migrate", SET_BOOL, FIELD(skip_migrate), 0, 1},
    {"PARLEY_WORKER", "--worker", SET_BOOL, FIELD(run_worker), 0, 1},
    {"PARLEY_DEMO", "--demo", SET_BOOL, FIELD(demo), 0, 1},
    {"PARLEY_ALLOW_LOCAL_FETCH", "--allow-local-fetch", SET_BOOL, FIELD(allow_local_fetch), 0, 1},
    {"PARLEY_PG_BINDIR", "--pg-bindir", SET_STRING, FIELD(pg_bindir), 0, 0},
    {"PARLEY_PG_USER", "--pg-user", SET_STRING, FIELD(pg_user), 0, 0},
    {"PARLEY_API_SPEC_DIR", "--api-spec-dir", SET_STRING, FIELD(api_spec_dir), 0, 0},
    {"PARLEY_DEMO_DIR", "--demo-dir", SET_STRING, FIELD(demo_dir), 0, 0},
    {"PARLEY_LEASE_SECONDS", "--lease-seconds", SET_INT, FIELD(lease_s), 1, 3600},
    {"PARLEY_FETCH_TIMEOUT", "--fetch-timeout", SET_INT, FIELD(fetch_timeout_s), 1, 600},
    {"PARLEY_CONNECT_TIMEOUT", "--connect-timeout", SET_INT, FIELD(connect_timeout_s), 1, 120},
    {"PARLEY_FETCH_MAX_BYTES", "--fetch-max-bytes", SET_SIZE, FIELD(fetch_max_bytes), 1024,
     256L << 20},
    {"PARLEY_HOST_INTERVAL_MS", "--host-interval-ms", SET_INT, FIELD(host_interval_ms), 0, 60000},
    {"PARLEY_MAX_ATTEMPTS", "--max-attempts", SET_INT, FIELD(max_attempts), 1, 50},
    {"PARLEY_RETRY_BASE_SECONDS", "--retry-base-seconds", SET_INT, FIELD(retry_base_s), 1, 86400},
    {"PARLEY_WORKER_POLL_MS", "--worker-poll-ms", SET_INT, FIELD(worker_poll_ms), 50, 60000},
    {"PARLEY_WORKER_THREADS", "--worker-threads", SET_INT, FIELD(worker_threads), 1, 64},
    {"PARLEY_USER_AGENT", "--user-agent", SET_STRING, FIELD(user_agent), 0, 0},
    {"PARLEY_CONTACT_URL", "--contact-url", SET_STRING, FIELD(contact_url), 0, 0},
    {"PARLEY_ROBOTS", "--robots", SET_BOOL, FIELD(robots), 0, 1},
    {"PARLEY_RELEVANCE_THRESHOLD", "--relevance-threshold", SET_INT, FIELD(relevance_threshold), 0,
     100},
};

const char config_flags_help[] =
    "  --database-url URL     PostgreSQL URL (env PARLEY_DATABASE_URL, else DATABASE_URL);\n"
    "                         unset: a private embedded cluster under DATA_DIR/pg\n"
    "  --read-database-url URL  a streaming replica of the database: serve's GET and\n"
    "                         HEAD requests read from it, writes and the worker use the\n"
    "                         primary (PARLEY_READ_DATABASE_URL; docs/scaling.md)\n"
    "  --listen HOST:PORT     where to serve (PARLEY_LISTEN, default 127.0.0.1:8080)\n"
    "  --api-key KEY          bearer key for writes (PARLEY_API_KEY); unset: loopback only\n"
    "  --data-dir DIR         state directory (PARLEY_DATA_DIR, default ./var)\n"
    "  --dict-dir DIR         extraction dictionaries (PARLEY_DICT_DIR)\n"
    "  --models-dir DIR       language models: tagger, parser, entities (PARLEY_MODELS_DIR)\n"
    "  --web-dir DIR          dashboard assets (PARLEY_WEB_DIR)\n"
    "  --migrations-dir DIR   SQL migrations (PARLEY_MIGRATIONS_DIR)\n"
    "  --cors-origins LIST    comma-separated origins allowed by CORS (PARLEY_CORS_ORIGINS)\n"
    "  --log-level LEVEL      debug|info|warn|error (PARLEY_LOG_LEVEL, default info)\n"
    "  --threads N            HTTP handler threads (PARLEY_THREADS, default 8)\n"
    "  --thread-per-connection[=0|1]  one thread per connection instead of the pool\n"
    "                         (PARLEY_THREAD_PER_CONNECTION, default 0; see README)\n"
    "  --pool-size N          database connections (PARLEY_POOL_SIZE, default 8)\n"
    "  --page-cache-mb N      list pages kept while the database is unchanged\n"
    "                         (PARLEY_PAGE_CACHE_MB, default 8; 0: none)\n"
    "  --max-body BYTES       largest body of POST /v1/articles (PARLEY_MAX_BODY, default\n"
    "                         8 MiB; other routes: README \"Limits\")\n"
    "  --max-connections N    open connections in total (PARLEY_MAX_CONNECTIONS, default\n"
    "                         4096; lowered to fit the open-file limit)\n"
    "  --max-conn-per-ip N    open connections per client address (PARLEY_MAX_CONN_PER_IP,\n"
    "                         default 128; 0: no cap, e.g. behind a reverse proxy)\n"
    "  --header-timeout-ms MS request line and headers must arrive within MS of the\n"
    "                         connection or the previous answer (PARLEY_HEADER_TIMEOUT_MS,\n"
    "                         default 10000); a trickle of bytes does not extend it\n"
    "  --request-timeout-ms MS  the whole request, body included, within MS\n"
    "                         (PARLEY_REQUEST_TIMEOUT_MS, default 60000)\n"
    "  --idle-timeout S       a connection silent both ways for S seconds is closed\n"
    "                         (PARLEY_IDLE_TIMEOUT, default 30)\n"
    "  --allowed-hosts LIST   Host names served besides localhost, 127.0.0.1, [::1] and\n"
    "                         the listen address (PARLEY_ALLOWED_HOSTS, comma-separated;\n"
    "                         \"*\": any); checked when no API key is set or this is\n"
    "                         set\n"
    "  --skip-migrate[=0|1]   do not apply migrations at start (PARLEY_SKIP_MIGRATE)\n"
    "  --worker[=0|1]         run the ingestion worker inside serve (PARLEY_WORKER, default 1)\n"
    "  --demo[=0|1]           ingest the demo corpus at start (PARLEY_DEMO, default 1)\n"
    "  --allow-local-fetch[=0|1]  allow fetching loopback/private addresses and file://\n"
    "                         (PARLEY_ALLOW_LOCAL_FETCH, default 0)\n"
    "  --pg-bindir DIR        embedded database: PostgreSQL's programs (PARLEY_PG_BINDIR;\n"
    "                         default: pg_config --bindir, else /usr/lib/postgresql/N/bin)\n"
    "  --pg-user NAME         embedded database's owner when run as root (PARLEY_PG_USER,\n"
    "                         default postgres)\n"
    "  --api-spec-dir DIR     the OpenAPI description (PARLEY_API_SPEC_DIR)\n"
    "  --demo-dir DIR         the demo corpus (PARLEY_DEMO_DIR)\n"
    "  --worker-threads N     worker loops per process (PARLEY_WORKER_THREADS, default 1)\n"
    "  --lease-seconds N      lease on a claimed job (PARLEY_LEASE_SECONDS, default the\n"
    "                         fetch timeout + 5, at least 120)\n"
    "  --fetch-timeout N      whole transfer, seconds (PARLEY_FETCH_TIMEOUT, default 30)\n"
    "  --connect-timeout N    connect, seconds (PARLEY_CONNECT_TIMEOUT, default 10)\n"
    "  --fetch-max-bytes N    largest fetched body (PARLEY_FETCH_MAX_BYTES, default 10 MiB)\n"
    "  --host-interval-ms N   spacing of requests to one host (PARLEY_HOST_INTERVAL_MS,\n"
    "                         default 1000)\n"
    "  --max-attempts N       tries before an article fails (PARLEY_MAX_ATTEMPTS, default 5)\n"
    "  --retry-base-seconds N first retry delay, doubling (PARLEY_RETRY_BASE_SECONDS,\n"
    "                         default 60)\n"
    "  --worker-poll-ms N     idle poll interval (PARLEY_WORKER_POLL_MS, default 1000)\n"
    "  --user-agent NAME      the fetcher's User-Agent (PARLEY_USER_AGENT, default\n"
    "                         Parley/VERSION); its first word is matched in robots.txt\n"
    "  --contact-url URL      where site owners reach you, sent as (+URL) in the\n"
    "                         User-Agent (PARLEY_CONTACT_URL)\n"
    "  --robots[=0|1]         honour robots.txt and its Crawl-delay (PARLEY_ROBOTS,\n"
    "                         default 1)\n"
    "  --relevance-threshold N  articles under N/100 relevance to international affairs\n"
    "                         and politics are stored off-topic, left out of lists and\n"
    "                         aggregates unless ?relevance=all (PARLEY_RELEVANCE_THRESHOLD,\n"
    "                         0-100, default 40)\n"
    "  --config FILE          KEY=value lines with the names above (PARLEY_CONFIG);\n"
    "                         the environment and flags override it\n"
    "Folders default to PREFIX/share/parley/... when installed, else the source tree.\n";

int config_setting(size_t i, const char **env, const char **flag)
{
	if (i >= sizeof settings / sizeof *settings)
		return 0;
	if (env)
		*env = settings[i].env;
	if (flag)
		*flag = settings[i].flag;
	return 1;
}

void config_defaults(config *c)
{
	memset(c, 0, sizeof *c);
	c->listen_host = xstrdup("127.0.0.1");
	c->listen_port = 8080;
	c->data_dir = xstrdup("./var");
	c->dict_dir = paths_default("data", "service/data");
	c->models_dir = paths_default("models", "service/models");
	c->web_dir = paths_default("web", "service/web");
	c->migrations_dir = paths_default("migrations", "migrations");
	c->api_spec_dir = paths_default("api-spec", "api-spec");
	c->demo_dir = paths_default("demo", "service/demo");
	c->log_level = LOG_INFO;
	c->threads = 8;
	c->pool_size = 8;
	c->page_cache_mb = 8;
	c->max_body = 8u << 20;
	c->max_connections = 4096;
	c->max_conn_per_ip = 128;
	c->header_timeout_ms = 10000;
	c->request_timeout_ms = 60000;
	c->idle_timeout_s = 30;
	c->run_worker = 1;
	c->demo = 1;
	c->fetch_timeout_s = 30;
	c->connect_timeout_s = 10;
	c->fetch_max_bytes = 10u << 20;
	c->host_interval_ms = 1000;
	c->max_attempts = 5;
	c->retry_base_s = 60;
	c->worker_poll_ms = 1000;
	c->worker_threads = 1;
	c->robots = 1;
	c->relevance_threshold = 40;
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

/* One KEY=value line of a configuration file, for config_from_env. */
typedef struct file_pair {
	const char *key, *value;
} file_pair;

static const char *pair_lookup(const char *name, void *ctx)
{
	const file_pair *p = ctx;
	return !strcmp(name, p->key) ? p->value : NULL;
}

int config_from_text(config *c, const char *text, const char *origin, char **err)
{
	int lineno = 0, rc = 0;
	for (const char *line = text; line && *line && !rc; lineno++) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *l = xstrndup(line, len);
		line = nl ? nl + 1 : NULL;
		char *s = l, *e = l + len;
		while (*s == ' ' || *s == '\t')
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			*--e = '\0';
		char *eq = strchr(s, '=');
		if (!*s || *s == '#') {
			free(l);
			continue;
		}
		buf why;
		buf_init(&why);
		if (!eq) {
			buf_printf(&why, "%s:%d: expected KEY=value", origin, lineno + 1);
		} else {
			*eq = '\0';
			for (char *k = eq; k > s && (k[-1] == ' ' || k[-1] == '\t');)
				*--k = '\0';
			char *v = eq + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			size_t vlen = strlen(v);
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v[vlen - 1] = '\0';
				v++;
			}
			const setting *found = NULL;
			for (size_t i = 0; i < sizeof settings / sizeof *settings; i++)
				if (!strcmp(settings[i].env, s) || !strcmp("DATABASE_URL", s))
					found = &settings[i];
			char *inner = NULL;
			file_pair p = {s, v};
			if (!found)
				buf_printf(&why, "%s:%d: unknown setting %s", origin, lineno + 1,
				           s);
			else if (config_from_env(c, pair_lookup, &p, &inner))
				buf_printf(&why, "%s:%d: %s", origin, lineno + 1, inner);
			free(inner);
		}
		if (why.len) {
			*err = buf_detach(&why);
			rc = -1;
		} else {
			buf_free(&why);
		}
		free(l);
	}
	return rc;
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
	free(c->read_database_url);
	free(c->listen_host);
	free(c->api_key);
	free(c->data_dir);
	free(c->dict_dir);
	free(c->models_dir);
	free(c->web_dir);
	free(c->migrations_dir);
	free(c->cors_origins);
	free(c->allowed_hosts);
	free(c->pg_bindir);
	free(c->pg_user);
	free(c->api_spec_dir);
	free(c->demo_dir);
	free(c->user_agent);
	free(c->contact_url);
	memset(c, 0, sizeof *c);
}
