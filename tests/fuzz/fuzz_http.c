/*
 * libFuzzer target for the whole API dispatcher: a request decoded from
 * the input is handed to api_dispatch exactly as http/server.c hands over
 * what libmicrohttpd parsed, and the answer is checked.
 *
 * Input format (one request; every field raw bytes):
 *
 *   METHOD SP PATH LF            path and query names/values %-decoded,
 *   ?NAME=VALUE LF               as libmicrohttpd does (NUL ends them)
 *   Header-Name: value LF
 *   ~remote LF  /  ~too-large LF  /  ~chunked LF
 *                                flags: not from loopback; body over the
 *                                limit; no declared length (chunked)
 *   LF
 *   BODY                         the rest, as is
 *
 * api_admit (the step the server runs before any body byte) runs first;
 * when it answers, that answer is the one checked, else api_dispatch's.
 *
 * The database is a pool pointed at a socket that does not exist, so
 * anything needing it answers 503: what is fuzzed is routing, parameter,
 * header and body parsing, validation and error building.  Invariants:
 * the status is 100..599; a body that says it is JSON parses (gunzipped
 * when gzip), and is UTF-8; every 4xx/5xx is the error envelope.
 * Seeds: tests/fuzz/corpus/http/ (a request for every route).
 */
#include "api/api.h"
#include "api/metrics.h"
#include "core/log.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static config cfg;
static app the_app;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	log_set_level(LOG_ERROR);
	config_defaults(&cfg);
	free(cfg.api_key);
	cfg.api_key = xstrdup("fuzz-key");
	free(cfg.cors_origins);
	cfg.cors_origins = xstrdup("https://dash.example");
	free(cfg.web_dir);
	cfg.web_dir = xstrdup(PARLEY_SOURCE_DIR "/service/web");
	cfg.max_body = 1 << 20;
	the_app.cfg = &cfg;
	the_app.pool = db_pool_new("host=/nonexistent/parley-fuzz dbname=parley", 2);
	pthread_rwlock_init(&the_app.dict_lock, NULL);
	the_app.metrics = metrics_new();
	return 0;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* %XX and '+' decoded into a NUL-terminated copy (cut at a decoded NUL,
 * as a C string from libmicrohttpd would be). */
static char *decode(const char *s, size_t n, int plus)
{
	char *out = xmalloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 &&
		    (l = hexval(s[i + 2])) >= 0) {
			*o++ = (char)(h * 16 + l);
			i += 2;
		} else {
			*o++ = plus && s[i] == '+' ? ' ' : s[i];
		}
	}
	*o = '\0';
	return out;
}

static char *cstr(const char *s, size_t n)
{
	char *out = xstrndup(s, n);
	return out;
}

static int gunzip(const buf *in, buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return -1;
	z.next_in = (Bytef *)in->data;
	z.avail_in = (uInt)in->len;
	char chunk[16384];
	int rc;
	do {
		z.next_out = (Bytef *)chunk;
		z.avail_out = sizeof chunk;
		rc = inflate(&z, Z_NO_FLUSH);
		buf_append(out, chunk, sizeof chunk - z.avail_out);
	} while (rc == Z_OK);
	inflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : -1;
}

static void check_response(const http_request *req, http_response *res)
{
	if (res->status < 100 || res->status > 599)
		__builtin_trap();
	const char *type = http_response_header(res, "Content-Type");
	int json = type && !strncmp(type, "application/json", 16);
	if (res->status >= 400 && !json)
		__builtin_trap(); /* every error is the JSON envelope */
	if (res->stream.next) {
		/* An export: the first chunks (the database is absent, so it
		 * stops at the first page). */
		buf out;
		buf_init(&out);
		for (int i = 0; i < 4 && res->stream.next(res->stream.state, &out) > 0; i++)
			;
		buf_free(&out);
		return;
	}
	if (!json || res->status == 204 || res->status == 304)
		return;
	buf plain;
	buf_init(&plain);
	const buf *body = &res->body;
	const char *enc = http_response_header(res, "Content-Encoding");
	if (enc && !strcmp(enc, "gzip")) {
		if (gunzip(&res->body, &plain))
			__builtin_trap();
		body = &plain;
	}
	if (!utf8_valid(body->data, body->len))
		__builtin_trap();
	json_error_t e;
	json_t *doc = json_loadb(body->data, body->len, 0, &e);
	if (!doc)
		__builtin_trap();
	if (res->status >= 400) {
		json_t *err = json_object_get(doc, "error");
		if (!json_is_object(err) || !json_is_string(json_object_get(err, "code")) ||
		    !json_is_string(json_object_get(err, "message")))
			__builtin_trap();
	}
	json_decref(doc);
	buf_free(&plain);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	http_request req;
	memset(&req, 0, sizeof req);
	req.from_loopback = 1;
	char *method = NULL, *path = NULL;
	int chunked = 0;

	/* Request line. */
	const char *nl = memchr(s, '\n', size);
	const char *line_end = nl ? nl : end;
	const char *sp = memchr(s, ' ', (size_t)(line_end - s));
	method = cstr(s, sp ? (size_t)(sp - s) : (size_t)(line_end - s));
	path = sp ? decode(sp + 1, (size_t)(line_end - sp - 1), 0) : xstrdup("/");
	req.uri_len = sp ? (size_t)(line_end - sp - 1) : 1;
	s = nl ? nl + 1 : end;

	/* Query, headers and flags up to an empty line. */
	while (s < end && *s != '\n') {
		nl = memchr(s, '\n', (size_t)(end - s));
		line_end = nl ? nl : end;
		size_t n = (size_t)(line_end - s);
		if (*s == '?') {
			const char *eq = memchr(s + 1, '=', n - 1);
			char *name = decode(s + 1, eq ? (size_t)(eq - s - 1) : n - 1, 1);
			char *value = eq ? decode(eq + 1, (size_t)(line_end - eq - 1), 1) : NULL;
			http_pairs_add(&req.query, &req.n_query, name, value);
			free(name);
			free(value);
		} else if (n == 7 && !memcmp(s, "~remote", 7)) {
			req.from_loopback = 0;
		} else if (n == 10 && !memcmp(s, "~too-large", 10)) {
			req.body_too_large = 1;
		} else if (n == 8 && !memcmp(s, "~chunked", 8)) {
			chunked = 1; /* no declared length, as with Transfer-Encoding: chunked */
		} else {
			const char *colon = memchr(s, ':', n);
			char *name = cstr(s, colon ? (size_t)(colon - s) : n);
			const char *v = colon ? colon + 1 : line_end;
			while (v < line_end && *v == ' ')
				v++;
			char *value = cstr(v, (size_t)(line_end - v));
			req.header_bytes += strlen(name) + strlen(value);
			http_pairs_add(&req.headers, &req.n_headers, name, value);
			free(name);
			free(value);
		}
		s = nl ? nl + 1 : end;
	}
	if (s < end)
		s++; /* the empty line */
	/* The body in its own allocation, so ASan sees reads past its end. */
	size_t body_len = (size_t)(end - s);
	char *body = xmalloc(body_len + 1);
	memcpy(body, s, body_len);
	body[body_len] = '\0';

	req.method = method;
	req.path = path;
	req.body = body;
	req.body_len = body_len;
	req.content_length = chunked ? -1 : (long long)body_len;
	http_response res;
	/* First the step the server runs once the headers are in, before any
	 * body byte: when it answers, that is the whole answer. */
	http_response_init(&res);
	size_t limit = 0;
	if (!api_admit(&the_app, &req, &res, &limit)) {
		http_response_free(&res);
		http_response_init(&res);
		api_dispatch(&the_app, &req, &res);
	}
	check_response(&req, &res);
	http_response_free(&res);
	http_pairs_free(req.query, req.n_query);
	http_pairs_free(req.headers, req.n_headers);
	free(body);
	free(method);
	free(path);
	return 0;
}
