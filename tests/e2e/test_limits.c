/*
 * End-to-end: the limits decided before a handler runs (issue 10) — each
 * route's body limit, the Origin of writes, and our own 414/431 answers
 * in the envelope ahead of libmicrohttpd's HTML ones.  The keyless mode's
 * Host checks, auth before the body and the connection limits are in
 * tests/scripts/http_limits.py (they need a second server and raw sockets).
 */
#include "client.h"

#include <check.h>

static char *filled(size_t n, const char *prefix, const char *suffix)
{
	size_t p = strlen(prefix), s = strlen(suffix);
	char *b = malloc(p + n + s + 1);
	memcpy(b, prefix, p);
	memset(b + p, 'a', n);
	memcpy(b + p + n, suffix, s + 1);
	return b;
}

static void expect_code(const reply *r, long status, const char *code)
{
	ck_assert_msg(r->status == status, "want %ld got %ld: %s", status, r->status,
	              r->body ? r->body : "");
	ck_assert_msg(error_code(r) && !strcmp(error_code(r), code), "want %s: %s", code,
	              r->body ? r->body : "");
}

START_TEST(route_body_limits)
{
	const char *hs[] = {"Content-Type: application/json", client_key_header(), NULL};
	char *big = filled(100 * 1024, "{\"name\":\"", "\"}");
	/* An actor or a source edit takes kilobytes: 100 KiB is refused... */
	reply r = client_send("PATCH", "/v1/actors/1", big, strlen(big), hs);
	expect_code(&r, 413, "payload_too_large");
	ck_assert_int_eq(
	    json_integer_value(json_object_get(
	        json_object_get(json_object_get(r.json, "error"), "details"), "limit")),
	    65536);
	reply_free(&r);
	r = client_send("POST", "/v1/sources", big, strlen(big), hs);
	expect_code(&r, 413, "payload_too_large");
	reply_free(&r);
	free(big);
	/* ... while an article keeps the configured limit: read and judged. */
	big = filled(100 * 1024, "{\"url\":\"ftp://x.example/a\",\"text\":\"", "\"}");
	r = client_send("POST", "/v1/articles", big, strlen(big), hs);
	expect_code(&r, 422, "invalid_body");
	reply_free(&r);
	free(big);
	/* A read takes no body. */
	r = client_send("GET", "/v1/events", "{}", 2, NULL);
	expect_code(&r, 413, "payload_too_large");
	reply_free(&r);
	r = client_get("/livez");
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

START_TEST(write_origins)
{
	const char *body = "{\"name\":\"Origin Test\"}";
	const char *evil[] = {"Content-Type: application/json", client_key_header(),
	                      "Origin: https://evil.example", NULL};
	reply r = client_send("POST", "/v1/actors", body, strlen(body), evil);
	expect_code(&r, 403, "origin_not_allowed");
	reply_free(&r);
	/* Listed in PARLEY_CORS_ORIGINS: past the gate (no kind: 422). */
	const char *dash[] = {"Content-Type: application/json", client_key_header(),
	                      "Origin: https://dash.example", NULL};
	r = client_send("POST", "/v1/actors", body, strlen(body), dash);
	expect_code(&r, 422, "invalid_body");
	reply_free(&r);
	/* Reads are not refused for their Origin (CORS decides what a page
	 * may read). */
	const char *read[] = {"Origin: https://evil.example", NULL};
	r = client_send("GET", "/livez", NULL, 0, read);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

START_TEST(oversize_requests_in_envelope)
{
	char *path = filled(9000, "/v1/events?q=", "");
	reply r = client_get(path);
	expect_code(&r, 414, "uri_too_long");
	reply_free(&r);
	free(path);
	/* Many parameters in a short target (1,000 in 7 KB): libmicrohttpd
	 * 0.9.75 ran out of its connection pool parsing them and never
	 * answered (http/http.h); over 256 is a 414 at once, 256 still work. */
	for (int n = 1000; n >= 256; n -= 744) {
		size_t cap = 16 + (size_t)n * 8;
		char *many = malloc(cap);
		ck_assert_ptr_nonnull(many);
		size_t len = (size_t)snprintf(many, cap, "/v1/events?limit=1");
		for (int i = 1; i < n; i++)
			len += (size_t)snprintf(many + len, cap - len, "&limit=1");
		r = client_get(many);
		if (n > 256)
			expect_code(&r, 414, "uri_too_long");
		else
			ck_assert_int_eq(r.status, 200);
		reply_free(&r);
		free(many);
	}
	char *header = filled(17000, "X-Big: ", "");
	const char *hs[] = {header, NULL};
	r = client_send("GET", "/livez", NULL, 0, hs);
	expect_code(&r, 431, "headers_too_large");
	reply_free(&r);
	free(header);
}
END_TEST

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("e2e");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, route_body_limits);
	tcase_add_test(tc, write_origins);
	tcase_add_test(tc, oversize_requests_in_envelope);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
