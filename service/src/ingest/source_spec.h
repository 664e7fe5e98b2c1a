/*
 * source_spec — the rules for a new source, shared by the API and the CLI
 * so both accept and refuse the same things: an absolute http(s) URL (file://
 * only where local fetching is allowed), kind feed|page or unknown, and an
 * interval between a minute and a week.
 */
#ifndef PARLEY_INGEST_SOURCE_SPEC_H
#define PARLEY_INGEST_SOURCE_SPEC_H

#define SOURCE_URL_MAX 2048
#define SOURCE_INTERVAL_MIN 60
#define SOURCE_INTERVAL_MAX 604800
#define SOURCE_INTERVAL_DEFAULT 900

typedef struct source_spec {
	char *url;        /* canonical form (malloc'd) */
	const char *kind; /* static "feed"/"page" or NULL */
	int interval_s;
} source_spec;

/* interval < 0 means the default.  Returns 0, or -1 with *field and *why
 * (static strings) naming the problem. */
int source_spec_check(const char *url, const char *kind, long interval, int allow_local,
                      source_spec *out, const char **field, const char **why);
void source_spec_free(source_spec *s);

#endif
