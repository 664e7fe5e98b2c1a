/*
 * settings — see settings.h.  A malformed or out-of-range value falls back
 * to the default with a warning rather than stopping the service.
 */
#include "ingest/settings.h"

#include "core/log.h"

#include <errno.h>
#include <stdlib.h>

static long env_long(const char *name, long def, long lo, long hi)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return def;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || *end || n < lo || n > hi) {
		log_warn("ignoring an out-of-range setting", "name", name, "value", v, NULL);
		return def;
	}
	return n;
}

void ingest_settings_from_env(ingest_settings *s, int allow_local)
{
	s->lease_s = (int)env_long("PARLEY_LEASE_SECONDS", 120, 1, 3600);
	s->timeout_s = (int)env_long("PARLEY_FETCH_TIMEOUT", 30, 1, 600);
	s->connect_timeout_s = (int)env_long("PARLEY_CONNECT_TIMEOUT", 10, 1, 120);
	s->max_bytes = (size_t)env_long("PARLEY_FETCH_MAX_BYTES", 10L << 20, 1024, 256L << 20);
	s->host_interval_ms = (int)env_long("PARLEY_HOST_INTERVAL_MS", 1000, 0, 60000);
	s->max_attempts = (int)env_long("PARLEY_MAX_ATTEMPTS", 5, 1, 50);
	s->retry_base_s = (int)env_long("PARLEY_RETRY_BASE_SECONDS", 60, 1, 86400);
	s->retry_cap_s = 6 * 3600;
	s->poll_ms = (int)env_long("PARLEY_WORKER_POLL_MS", 1000, 50, 60000);
	s->threads = (int)env_long("PARLEY_WORKER_THREADS", 1, 1, 64);
	s->allow_local = allow_local;
	/* A lease must outlive a whole fetch, or a slow job would be taken
	 * over while it is still running. */
	if (s->lease_s < s->timeout_s + 5 && !getenv("PARLEY_LEASE_SECONDS"))
		s->lease_s = s->timeout_s + 5;
}
