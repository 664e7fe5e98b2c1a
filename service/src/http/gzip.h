/*
 * gzip — response compression with zlib, and the Accept-Encoding test.
 */
#ifndef PARLEY_HTTP_GZIP_H
#define PARLEY_HTTP_GZIP_H

#include "core/buf.h"

/* 1 when the Accept-Encoding header value allows gzip (q > 0). */
int http_accepts_gzip(const char *accept_encoding);
/* Replaces body with its gzip encoding; 0, or -1 leaving it untouched. */
int http_gzip(buf *body);

#endif
