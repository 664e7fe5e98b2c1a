/*
 * fetch — one HTTP(S) GET with every limit a crawler needs: connect and total
 * timeouts, a body-size ceiling, at most 5 redirects, gzip/deflate, a
 * configurable User-Agent with a contact URL, conditional GET (ETag /
 * Last-Modified), the site's robots.txt (cached a day per site, its
 * Crawl-delay joining the per-host rate limit) and the SSRF policy on the
 * address actually connected.  Bytes in,
 * bytes out: what the body means is jobs.c's concern.
 *
 * A fetcher owns one libcurl handle (connections are reused between jobs)
 * and is used by one thread at a time.
 */
#ifndef PARLEY_INGEST_FETCH_H
#define PARLEY_INGEST_FETCH_H

#include "ingest/ratelimit.h"
#include "ingest/settings.h"

#include <stdatomic.h>
#include <stddef.h>

typedef struct fetcher fetcher;

typedef struct fetch_request {
	const char *url;
	const char *etag;          /* conditional GET; may be NULL */
	const char *last_modified; /* ditto */
	int allow_local;           /* this request may reach local addresses and file:// */
} fetch_request;

typedef struct fetch_result {
	long status;      /* HTTP status; 200 for a file:// read; 0 when none arrived */
	int not_modified; /* 304: the stored copy is current */
	char *body;       /* NUL-terminated; NULL when there is none */
	size_t len;
	char *content_type; /* NULL when the server sent none */
	char *etag, *last_modified;
	char *final_url; /* after redirects */
	char *error;     /* NULL on success */
	int transient;   /* the failure may pass: retry later */
	int aborted;     /* stopped because the worker is shutting down */
} fetch_result;

/* rl may be shared between fetchers (threads); stop may be NULL. */
fetcher *fetcher_new(const ingest_settings *s, ratelimit *rl, const atomic_int *stop);
void fetcher_free(fetcher *f);
/* Returns 0 for a usable answer (2xx, or 304 when conditional), else -1
 * with out->error set.  Free out with fetch_result_free(). */
int fetch_get(fetcher *f, const fetch_request *rq, fetch_result *out);
void fetch_result_free(fetch_result *r);

#endif
