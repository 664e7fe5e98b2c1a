/*
 * settings — the worker's tunables, taken from the one configuration table
 * (core/config.c: PARLEY_LEASE_SECONDS, PARLEY_FETCH_TIMEOUT,
 * PARLEY_CONNECT_TIMEOUT, PARLEY_FETCH_MAX_BYTES, PARLEY_HOST_INTERVAL_MS,
 * PARLEY_MAX_ATTEMPTS, PARLEY_RETRY_BASE_SECONDS, PARLEY_WORKER_POLL_MS,
 * PARLEY_WORKER_THREADS, PARLEY_ALLOW_LOCAL_FETCH, PARLEY_USER_AGENT,
 * PARLEY_CONTACT_URL, PARLEY_ROBOTS), validated and bounded
 * there like every other setting.
 */
#ifndef PARLEY_INGEST_SETTINGS_H
#define PARLEY_INGEST_SETTINGS_H

#include "core/config.h"

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
	int allow_local; /* loopback/private addresses and file:// */
	int robots;      /* honour robots.txt */
	char user_agent[512];
} ingest_settings;

void ingest_settings_from_config(ingest_settings *s, const config *c);

#endif
