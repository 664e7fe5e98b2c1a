/* hosts and the admission gate: Host (DNS rebinding), Origin of writes,
 * auth and body limits decided from the headers alone. */
#include "api/api.h"
#include "check_main.h"

#include <string.h>

static config cfg;
static app the_app;

static void setup(const char *key, const char *allowed, const char *listen, const char *cors)
{
	memset(&cfg, 0, sizeof cfg);
	cfg.api_key = (char *)key;
	cfg.allowed_hosts = (char *)allowed;
	cfg.listen_host = (char *)listen;
	cfg.cors_origins = (char *)cors;
	cfg.max_body = 8u << 20;
	memset(&the_app, 0, sizeof the_app);
	the_app.cfg = &cfg;
}

static http_request request(const char *method, const char *path, const char *host,
                            const char *origin)
{
	http_request r;
	memset(&r, 0, sizeof r);
	r.method = method;
	r.path = path;
	r.from_loopback = 1;
	r.content_length = -1;
	if (host)
		http_pairs_add(&r.headers, &r.n_headers, "Host", host);
	if (origin)
		http_pairs_add(&r.headers, &r.n_headers, "Origin", origin);
	return r;
}

static const struct {
	const char *key, *allowed, *listen, *host;
	int ok;
} hosts[] = {
    {NULL, NULL, "127.0.0.1", "localhost", 1},
    {NULL, NULL, "127.0.0.1", "localhost:8080", 1},
    {NULL, NULL, "127.0.0.1", "LocalHost.:8080", 1},
    {NULL, NULL, "127.0.0.1", "127.0.0.1:8080", 1},
    {NULL, NULL, "127.0.0.1", "[::1]:8080", 1},
    {NULL, NULL, "127.0.0.1", "[::1]", 1},
    {NULL, NULL, "127.0.0.1", "192.168.1.20:8080", 1}, /* a literal cannot be rebound */
    {NULL, NULL, "127.0.0.1", "rebind.attacker.example", 0},
    {NULL, NULL, "127.0.0.1", "rebind.attacker.example:8080", 0},
    {NULL, NULL, "127.0.0.1", "localhost.attacker.example", 0},
    {NULL, NULL, "127.0.0.1", "localhost:80x", 0},
    {NULL, NULL, "127.0.0.1", "localhost:", 0},
    {NULL, NULL, "127.0.0.1", "[::1", 0},
    {NULL, NULL, "127.0.0.1", "a b", 0},
    {NULL, NULL, "127.0.0.1", "", 0},
    {NULL, NULL, "parley.lan", "parley.lan:8080", 1},
    {NULL, "news.example, other.example:9000", "127.0.0.1", "news.example", 1},
    {NULL, "news.example, other.example:9000", "127.0.0.1", "other.example:1", 1},
    {NULL, "news.example, other.example:9000", "127.0.0.1", "evil.example", 0},
    {NULL, "*", "127.0.0.1", "anything.example", 1},
    {"k", NULL, "127.0.0.1", "anything.example", 1}, /* a key guards writes */
    {"k", "news.example", "127.0.0.1", "anything.example", 0},
};

START_TEST(host_names)
{
	setup(hosts[_i].key, hosts[_i].allowed, hosts[_i].listen, NULL);
	http_request r = request("GET", "/v1/events", hosts[_i].host, NULL);
	http_response res;
	http_response_init(&res);
	int rc = api_check_host(&the_app, &r, &res);
	ck_assert_msg((rc == 0) == hosts[_i].ok, "Host '%s': got %d", hosts[_i].host, rc);
	if (rc)
		ck_assert_int_eq(res.status, 421);
	http_response_free(&res);
	http_pairs_free(r.headers, r.n_headers);
}
END_TEST

static const struct {
	const char *key, *cors, *origin;
	int ok;
} origins[] = {
    {NULL, NULL, NULL, 1},
    {NULL, NULL, "http://127.0.0.1:8080", 1},
    {NULL, NULL, "https://127.0.0.1:8080", 1},
    {NULL, NULL, "http://127.0.0.1:9999", 0},
    {NULL, NULL, "https://evil.example", 0},
    {NULL, NULL, "null", 0},
    {NULL, "https://dash.example", "https://dash.example", 1},
    {NULL, "*", "https://evil.example", 0}, /* "*" and no key: every site could write */
    {"k", "*", "https://evil.example", 1},
    {"k", NULL, "https://evil.example", 0},
};

START_TEST(write_origins)
{
	setup(origins[_i].key, NULL, "127.0.0.1", origins[_i].cors);
	http_request r = request("POST", "/v1/actors", "127.0.0.1:8080", origins[_i].origin);
	http_response res;
	http_response_init(&res);
	int rc = api_check_origin(&the_app, &r, &res);
	ck_assert_msg((rc == 0) == origins[_i].ok, "Origin '%s': got %d", origins[_i].origin, rc);
	http_response_free(&res);
	http_pairs_free(r.headers, r.n_headers);
}
END_TEST

static const struct {
	const char *key, *method, *path, *auth;
	long long length;
	int status; /* 0: admitted */
	size_t limit;
} gates[] = {
    {"k", "POST", "/v1/articles", NULL, 8 << 20, 401, 0},
    {"k", "POST", "/v1/articles", "Bearer nope", 8 << 20, 401, 0},
    {"k", "POST", "/v1/articles", "Bearer k", 8 << 20, 0, 8 << 20},
    {"k", "POST", "/v1/articles", "Bearer k", (8 << 20) + 1, 413, 0},
    {"k", "PATCH", "/v1/actors/1", "Bearer k", 65537, 413, 0},
    {"k", "PATCH", "/v1/actors/1", "Bearer k", 100, 0, 65536},
    {"k", "PATCH", "/v1/actors/1", NULL, 100, 401, 0},
    {"k", "POST", "/v1/actors/1", "Bearer k", 100, 405, 0},
    {"k", "DELETE", "/v1/sources/1", "Bearer k", 1, 413, 0},
    {"k", "GET", "/v1/events", NULL, -1, 0, 0},
    {"k", "GET", "/v1/events", NULL, 10, 413, 0},
    {NULL, "POST", "/v1/actors", NULL, 100, 0, 65536},
};

START_TEST(admission)
{
	setup(gates[_i].key, NULL, "127.0.0.1", NULL);
	http_request r = request(gates[_i].method, gates[_i].path, "127.0.0.1", NULL);
	r.content_length = gates[_i].length;
	if (gates[_i].auth)
		http_pairs_add(&r.headers, &r.n_headers, "Authorization", gates[_i].auth);
	http_response res;
	http_response_init(&res);
	size_t limit = 0;
	int answered = api_admit(&the_app, &r, &res, &limit);
	ck_assert_msg(answered == (gates[_i].status != 0), "%s %s: answered %d with %d",
	              gates[_i].method, gates[_i].path, answered, res.status);
	if (answered)
		ck_assert_int_eq(res.status, gates[_i].status);
	else
		ck_assert_uint_eq(limit, gates[_i].limit);
	http_response_free(&res);
	http_pairs_free(r.headers, r.n_headers);
}
END_TEST

START_TEST(oversize_head)
{
	setup("k", NULL, "127.0.0.1", NULL);
	http_request r = request("GET", "/v1/events", "127.0.0.1", NULL);
	http_response res;
	http_response_init(&res);
	size_t limit;
	r.uri_len = 8193;
	ck_assert(api_admit(&the_app, &r, &res, &limit));
	ck_assert_int_eq(res.status, 414);
	http_response_free(&res);
	http_response_init(&res);
	r.uri_len = 10;
	r.header_bytes = 16385;
	ck_assert(api_admit(&the_app, &r, &res, &limit));
	ck_assert_int_eq(res.status, 431);
	http_response_free(&res);
	http_pairs_free(r.headers, r.n_headers);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("hosts");
	TCase *tc = tcase_create("hosts");
	tcase_add_loop_test(tc, host_names, 0, sizeof hosts / sizeof *hosts);
	tcase_add_loop_test(tc, write_origins, 0, sizeof origins / sizeof *origins);
	tcase_add_loop_test(tc, admission, 0, sizeof gates / sizeof *gates);
	tcase_add_test(tc, oversize_head);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
