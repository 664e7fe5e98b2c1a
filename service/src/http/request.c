/*
 * request — lookups on the plain-data request and response (http.h).
 */
#include "http/http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *http_query(const http_request *r, const char *name)
{
	for (size_t i = 0; i < r->n_query; i++)
		if (!strcmp(r->query[i].name, name))
			return r->query[i].value ? r->query[i].value : "";
	return NULL;
}

const char *http_header(const http_request *r, const char *name)
{
	for (size_t i = 0; i < r->n_headers; i++)
		if (!strcasecmp(r->headers[i].name, name))
			return r->headers[i].value;
	return NULL;
}

void http_pairs_add(http_pair **pairs, size_t *n, const char *name, const char *value)
{
	*pairs = xrealloc(*pairs, (*n + 1) * sizeof **pairs);
	(*pairs)[*n].name = xstrdup(name);
	(*pairs)[*n].value = value ? xstrdup(value) : NULL;
	(*n)++;
}

void http_pairs_free(http_pair *pairs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(pairs[i].name);
		free(pairs[i].value);
	}
	free(pairs);
}

void http_response_init(http_response *r)
{
	memset(r, 0, sizeof *r);
	r->status = 200;
	buf_init(&r->body);
}

void http_response_free(http_response *r)
{
	buf_free(&r->body);
	http_pairs_free(r->headers, r->n_headers);
	if (r->stream.free)
		r->stream.free(r->stream.state);
	memset(r, 0, sizeof *r);
}

void http_set_header(http_response *r, const char *name, const char *value)
{
	for (size_t i = 0; i < r->n_headers; i++)
		if (!strcasecmp(r->headers[i].name, name)) {
			free(r->headers[i].value);
			r->headers[i].value = xstrdup(value);
			return;
		}
	http_pairs_add(&r->headers, &r->n_headers, name, value);
}

const char *http_response_header(const http_response *r, const char *name)
{
	for (size_t i = 0; i < r->n_headers; i++)
		if (!strcasecmp(r->headers[i].name, name))
			return r->headers[i].value;
	return NULL;
}
