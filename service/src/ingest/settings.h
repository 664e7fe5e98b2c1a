/*
 * settings — the worker's tunables.  They are read from the environment
 * here rather than in core/config because only the worker uses them; each is
 * bounded so a typo cannot make a lease last a year or a body unbounded.
 *
 *   PARLEY_LEASE_SECONDS       lease on a claimed job (default 120)
 *   PARLEY_FETCH_TIMEOUT       whole transfer, seconds (default 30)
 *   PARLEY_CONNECT_TIMEOUT     connect, seconds (default 10)
 *   PARLEY_FETCH_MAX_BYTES     largest body (default 10 MiB)
 *   PARLEY_HOST_INTERVAL_MS    per-host spacing of requests (default 1000)
 *   PARLEY_MAX_ATTEMPTS        tries before an article is failed (default 5)
 *   PARLEY_RETRY_BASE_SECONDS  first retry delay, doubling (default 60)
 *   PARLEY_WORKER_POLL_MS      idle poll interval (default 1000)
 *   PARLEY_WORKER_THREADS      worker loops per process (default 1)
 */
#ifndef PARLEY_INGEST_SETTINGS_H
#define PARLEY_INGEST_SETTINGS_H

#include <stddef.h>

typedef struct ingest_settings {
	int lease_s;
	int timeout_s;
	int connect_timeout_s;
	size_t max_bytes;
	int host_interval_ms;
	int max_attempts;
	int retry_base_s;
	int retry_cap_s;
	int poll_ms;
	int threads;
	int allow_local; /* from config: loopback/private addresses and file:// */
} ingest_settings;

void ingest_settings_from_env(ingest_settings *s, int allow_local);

#endif
