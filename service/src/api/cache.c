/*
 * cache — conditional GETs and compression for buffered answers: a strong
 * ETag hashed from the exact bytes sent (so it changes exactly when the
 * data does), If-None-Match → 304, per-route Cache-Control, and gzip when
 * the client takes it.  Streamed exports are left alone.
 */
#include "api/api.h"
#include "core/hash.h"
#include "http/gzip.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define GZIP_MIN_BYTES 1024

static int tag_listed(const char *if_none_match, const char *tag)
{
	if (!if_none_match)
		return 0;
	return !strcmp(if_none_match, "*") || strstr(if_none_match, tag) != NULL;
}

static const char *cache_policy(const char *path)
{
	if (!strncmp(path, "/v1/", 4))
		return "no-cache"; /* keep a copy, revalidate with the ETag */
	if (!strcmp(path, "/openapi.yaml"))
		return "public, max-age=300";
	return "no-store";
}

static int compressible(const char *type)
{
	return type && (strstr(type, "json") || strstr(type, "text/") || strstr(type, "yaml") ||
	                strstr(type, "javascript") || strstr(type, "svg"));
}

void api_finish_response(const http_request *req, http_response *res)
{
	int get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
	if (!get || res->stream.next)
		return;
	if (!http_response_header(res, "Cache-Control"))
		http_set_header(res, "Cache-Control",
		                res->status == 200 ? cache_policy(req->path) : "no-store");
	if (res->status != 200)
		return;
	int gz = res->body.len >= GZIP_MIN_BYTES &&
	         compressible(http_response_header(res, "Content-Type")) &&
	         http_accepts_gzip(http_header(req, "Accept-Encoding"));
	char tag[40];
	snprintf(tag, sizeof tag, "\"%016llx%s\"",
	         (unsigned long long)hash_xxh64(res->body.data, res->body.len, 0), gz ? "-gz" : "");
	http_set_header(res, "ETag", tag);
	if (!http_response_header(res, "Vary"))
		http_set_header(res, "Vary", "Accept-Encoding");
	/* Either encoding's tag proves the client has this version. */
	char plain[40];
	snprintf(plain, sizeof plain, "%.17s\"", tag);
	const char *inm = http_header(req, "If-None-Match");
	if (tag_listed(inm, tag) || tag_listed(inm, plain)) {
		res->status = 304;
		buf_reset(&res->body);
		return;
	}
	if (gz && http_gzip(&res->body) == 0)
		http_set_header(res, "Content-Encoding", "gzip");
}
