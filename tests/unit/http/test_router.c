/* router: patterns, path parameters, 404 vs 405 with Allow. */
#include "check_main.h"
#include "http/http.h"

#include <string.h>

static void h_a(void *app, const http_request *req, http_response *res)
{
}
static void h_b(void *app, const http_request *req, http_response *res)
{
}
static void h_c(void *app, const http_request *req, http_response *res)
{
}

static const http_route routes[] = {
    {"GET", "/v1/things", h_a, 0},
    {"POST", "/v1/things", h_b, 4096},
    {"GET", "/v1/things/{id}", h_c, 0},
    {"GET", "/v1/things/{id}/parts", h_a, 0},
    {NULL, NULL, NULL, 0},
};

static const struct {
	const char *method, *path;
	route_result want;
	http_handler handler;
	const char *param, *allow;
} cases[] = {
    {"GET", "/v1/things", ROUTE_FOUND, h_a, NULL, NULL},
    {"HEAD", "/v1/things", ROUTE_FOUND, h_a, NULL, NULL},
    {"POST", "/v1/things", ROUTE_FOUND, h_b, NULL, NULL},
    {"GET", "/v1/things/", ROUTE_FOUND, h_a, NULL, NULL},
    {"GET", "/v1/things/42", ROUTE_FOUND, h_c, "42", NULL},
    {"GET", "/v1/things/42/parts", ROUTE_FOUND, h_a, "42", NULL},
    {"GET", "/v1/things//parts", ROUTE_NO_PATH, NULL, NULL, NULL},
    {"GET", "/v1/thing", ROUTE_NO_PATH, NULL, NULL, NULL},
    {"GET", "/v1/things/42/parts/7", ROUTE_NO_PATH, NULL, NULL, NULL},
    {"DELETE", "/v1/things", ROUTE_NO_METHOD, NULL, NULL, "GET, HEAD, POST"},
    {"POST", "/v1/things/9", ROUTE_NO_METHOD, NULL, NULL, "GET, HEAD"},
};

START_TEST(matches)
{
	http_request req;
	memset(&req, 0, sizeof req);
	req.method = cases[_i].method;
	req.path = cases[_i].path;
	char storage[4][128];
	http_handler h = NULL;
	buf allow;
	buf_init(&allow);
	route_result rr = http_route_match(routes, &req, storage, &h, &allow);
	ck_assert_int_eq(rr, cases[_i].want);
	ck_assert(h == cases[_i].handler);
	if (cases[_i].param) {
		ck_assert_int_eq(req.n_path_params, 1);
		ck_assert_str_eq(req.path_params[0], cases[_i].param);
	}
	if (cases[_i].allow)
		ck_assert_str_eq(allow.data, cases[_i].allow);
	buf_free(&allow);
}
END_TEST

START_TEST(lookups)
{
	http_request req;
	memset(&req, 0, sizeof req);
	http_pairs_add(&req.query, &req.n_query, "limit", "5");
	http_pairs_add(&req.query, &req.n_query, "flag", NULL);
	http_pairs_add(&req.headers, &req.n_headers, "Content-Type", "application/json");
	ck_assert_str_eq(http_query(&req, "limit"), "5");
	ck_assert_str_eq(http_query(&req, "flag"), "");
	ck_assert_ptr_null(http_query(&req, "LIMIT"));
	ck_assert_str_eq(http_header(&req, "content-type"), "application/json");
	http_pairs_free(req.query, req.n_query);
	http_pairs_free(req.headers, req.n_headers);

	http_response res;
	http_response_init(&res);
	http_set_header(&res, "X-A", "1");
	http_set_header(&res, "x-a", "2");
	ck_assert_uint_eq(res.n_headers, 1);
	ck_assert_str_eq(http_response_header(&res, "X-A"), "2");
	http_response_free(&res);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("router");
	TCase *tc = tcase_create("router");
	tcase_add_loop_test(tc, matches, 0, sizeof cases / sizeof *cases);
	tcase_add_test(tc, lookups);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
