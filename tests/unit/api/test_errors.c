/* The error envelope holds whatever a client sends: every builder answers
 * valid JSON in the envelope, with invalid UTF-8 replaced and long quotes
 * cut between characters (issue 10: `?%FF=1` used to kill the server). */
#include "api/api.h"
#include "check_main.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

/* The body must parse, be {"error":{"code","message",…}} and be UTF-8. */
static json_t *envelope(const http_response *res, int status, const char *code)
{
	ck_assert_int_eq(res->status, status);
	ck_assert(utf8_valid(res->body.data, res->body.len));
	json_error_t e;
	json_t *doc = json_loadb(res->body.data, res->body.len, 0, &e);
	ck_assert_msg(doc != NULL, "not JSON: %s (%s)", res->body.data, e.text);
	json_t *err = json_object_get(doc, "error");
	ck_assert(json_is_object(err));
	ck_assert_str_eq(json_string_value(json_object_get(err, "code")), code);
	const char *msg = json_string_value(json_object_get(err, "message"));
	ck_assert_ptr_nonnull(msg);
	ck_assert_uint_le(strlen(msg), API_MAX_MESSAGE);
	return doc;
}

static char *repeat(const char *unit, int times)
{
	buf b;
	buf_init(&b);
	for (int i = 0; i < times; i++)
		buf_puts(&b, unit);
	return buf_detach(&b);
}

START_TEST(error_takes_any_bytes)
{
	char *big = repeat("\xd0\x96", 2000); /* "Ж" × 2000: 4000 bytes */
	const char *messages[] = {"\xff\xfe", "half \xd0", big, "", NULL};
	for (size_t i = 0; i < sizeof messages / sizeof *messages; i++) {
		http_response res;
		http_response_init(&res);
		api_error(&res, 400, "bad", messages[i], NULL);
		json_decref(envelope(&res, 400, "bad"));
		http_response_free(&res);
	}
	free(big);
}
END_TEST

START_TEST(field_named_by_a_long_multibyte_key)
{
	/* 255 bytes of "Ж" after "field '" used to cut a character in half */
	for (int n = 100; n < 200; n += 7) {
		char *key = repeat("\xd0\x96", n);
		http_response res;
		http_response_init(&res);
		api_invalid_field(&res, key, "unknown field");
		json_t *doc = envelope(&res, 422, "invalid_body");
		const char *f = json_string_value(json_object_get(
		    json_object_get(json_object_get(doc, "error"), "details"), "field"));
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_le(strlen(f), API_MAX_QUOTE);
		json_decref(doc);
		http_response_free(&res);
		free(key);
	}
}
END_TEST

static http_request req;

static void with_query(const char *name, const char *value)
{
	http_pairs_free(req.query, req.n_query);
	memset(&req, 0, sizeof req);
	http_pairs_add(&req.query, &req.n_query, name, value);
}

START_TEST(parameter_names_and_values_of_any_bytes)
{
	char *long_name = repeat("\xe2\x80\xa6", 300);
	const char *const cases[][2] = {
	    {"\xff", "1"},             /* GET /v1/events?%FF=1 */
	    {long_name, "1"},          /* a long multibyte name */
	    {"limit", "\xff"},         /* a bad value quoted back */
	    {"from", "2025-\xc3"},     /* cut short */
	    {"actor", "\xed\xa0\x80"}, /* a surrogate */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		with_query(cases[i][0], cases[i][1]);
		api_list_params p;
		http_response res;
		http_response_init(&res);
		ck_assert_int_eq(api_parse_list(&req, &db_events, &p, NULL, &res), -1);
		json_decref(envelope(&res, 400, "invalid_parameter"));
		http_response_free(&res);

		http_response_init(&res);
		ck_assert_int_eq(api_check_params(&req, NULL, &res), -1);
		json_decref(envelope(&res, 400, "invalid_parameter"));
		http_response_free(&res);
	}
	http_pairs_free(req.query, req.n_query);
	memset(&req, 0, sizeof req);
	free(long_name);
}
END_TEST

START_TEST(unknown_json_key)
{
	char *key = repeat("\xf0\x9f\x95\x8a", 200);
	json_t *doc = json_object();
	json_object_set_new(doc, key, json_true());
	const char *allowed[] = {"url", NULL};
	http_response res;
	http_response_init(&res);
	ck_assert_int_eq(api_only_fields(doc, allowed, &res), -1);
	json_decref(envelope(&res, 422, "invalid_body"));
	http_response_free(&res);
	json_decref(doc);
	free(key);
}
END_TEST

START_TEST(bad_json_body_reason)
{
	http_request r;
	memset(&r, 0, sizeof r);
	http_pairs_add(&r.headers, &r.n_headers, "Content-Type", "application/json");
	const char *bodies[] = {"{\"a\": \xff}", "{\xff\xfe: 1}", "[\"\xc3\"]", "\xd0"};
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
		r.body = bodies[i];
		r.body_len = strlen(bodies[i]);
		http_response res;
		http_response_init(&res);
		ck_assert_ptr_null(api_json_body(&r, &res));
		json_decref(envelope(&res, 400, "invalid_json"));
		http_response_free(&res);
	}
	http_pairs_free(r.headers, r.n_headers);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("errors");
	TCase *tc = tcase_create("errors");
	tcase_add_test(tc, error_takes_any_bytes);
	tcase_add_test(tc, field_named_by_a_long_multibyte_key);
	tcase_add_test(tc, parameter_names_and_values_of_any_bytes);
	tcase_add_test(tc, unknown_json_key);
	tcase_add_test(tc, bad_json_body_reason);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
