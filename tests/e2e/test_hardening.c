/*
 * End-to-end tests of issue 10's hardening (client bytes in errors, CSV
 * injection, method labels in /metrics, text that cleans to nothing, the
 * sources' CSV form, timestamps), over loopback against the ASan server.
 * Each answer must be the JSON envelope and the server must stay up.
 */
#include "client.h"

#include <check.h>

/* A 4xx in the envelope, valid JSON, and the server still answers. */
static void expect_envelope(reply *r, long status, const char *code)
{
	ck_assert_msg(r->status == status, "want %ld, got %ld: %s", status, r->status,
	              r->body ? r->body : "(no body: the server died?)");
	ck_assert_msg(r->json != NULL, "not JSON: %s", r->body);
	ck_assert_str_eq(error_code(r), code);
	reply_free(r);
	reply live = client_get("/livez");
	ck_assert_int_eq(live.status, 200);
	reply_free(&live);
}

START_TEST(invalid_utf8_parameter_name)
{
	reply r = client_get("/v1/events?%FF=1");
	expect_envelope(&r, 400, "invalid_parameter");
	r = client_get("/v1/actors?q=%FF%FE");
	expect_envelope(&r, 400, "invalid_parameter");
	r = client_get("/v1/stats/timeline?bucket=%C3");
	expect_envelope(&r, 400, "invalid_parameter");
}
END_TEST

START_TEST(long_multibyte_parameter_name)
{
	char path[4096] = "/v1/events?";
	for (int i = 0; i < 300; i++)
		strcat(path, "%D0%96");
	strcat(path, "=1");
	reply r = client_get(path);
	ck_assert_int_eq(r.status, 400);
	const char *msg =
	    json_string_value(json_object_get(json_object_get(r.json, "error"), "message"));
	ck_assert_ptr_nonnull(msg); /* valid JSON, so valid UTF-8 */
	expect_envelope(&r, 400, "invalid_parameter");
}
END_TEST

START_TEST(long_multibyte_json_key)
{
	char body[4096] = "{\"";
	for (int i = 0; i < 200; i++)
		strcat(body, "\xd0\x96");
	strcat(body, "\": 1, \"name\": \"X\"}");
	reply r = client_post_json("/v1/actors", body);
	expect_envelope(&r, 422, "invalid_body");
	r = client_post_json("/v1/sources", "{\"url\": \"\xff\"}");
	expect_envelope(&r, 400, "invalid_json");
}
END_TEST

START_TEST(timestamps)
{
	const char *bad[] = {"2025-08-15T-1:-1Z", "2025-08-15T10:30:00+05:", "2025-08-15T1:3"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char body[512];
		snprintf(body, sizeof body,
		         "{\"url\": \"https://hardening.example/ts%zu\", \"text\": \"Lavrov met "
		         "Fidan.\", \"published_at\": \"%s\"}",
		         i, bad[i]);
		reply r = client_post_json("/v1/articles", body);
		expect_envelope(&r, 422, "invalid_body");
	}
	reply r = client_post_json("/v1/articles",
	                           "{\"url\": \"https://hardening.example/ts-ok\", \"text\": "
	                           "\"Lavrov met Fidan in Ankara.\", \"published_at\": "
	                           "\"2025-08-15T10:30+05\"}");
	ck_assert_msg(r.status == 201 || r.status == 200, "%ld %s", r.status, r.body);
	reply_free(&r);
}
END_TEST

START_TEST(text_that_cleans_to_nothing)
{
	reply r = client_post_json("/v1/articles",
	                           "{\"url\": \"https://hardening.example/empty\", \"text\": \" \\n"
	                           "\\t \\r\\n \", \"published_at\": \"1901-01-01\"}");
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "empty"));
	expect_envelope(&r, 422, "unprocessable");
	r = client_get("/v1/articles?from=1901-01-01&to=1901-01-01");
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_array_size(json_object_get(r.json, "data")), 0); /* nothing stored */
	reply_free(&r);
}
END_TEST

START_TEST(csv_formula_injection)
{
	reply r = client_post_json(
	    "/v1/articles",
	    "{\"url\": \"https://hardening.example/csv\", \"title\": "
	    "\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\", \"author\": "
	    "\"@SUM(1+1)\", \"source_name\": \"-2+3\", \"text\": \"Lavrov met Fidan "
	    "in Ankara on Monday.\", \"published_at\": \"1902-02-02\"}");
	ck_assert_msg(r.status == 201 || r.status == 200, "%ld %s", r.status, r.body);
	reply_free(&r);
	r = client_get("/v1/articles?format=csv&from=1902-02-02&to=1902-02-02");
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(strstr(r.body, ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",") !=
	                  NULL,
	              "%s", r.body);
	ck_assert_msg(strstr(r.body, ",\"'-2+3\",\"'@SUM(1+1)\",") != NULL, "%s", r.body);
	ck_assert_ptr_null(strstr(r.body, ",=HYP"));
	reply_free(&r);
}
END_TEST

START_TEST(sources_csv_columns)
{
	reply r = client_get("/v1/sources?format=csv");
	ck_assert_int_eq(r.status, 200);
	ck_assert_msg(!strncmp(r.body, "id,url,kind,name,interval,enabled,", 34), "%.200s", r.body);
	ck_assert_ptr_null(strstr(r.body, "canonical_url"));
	reply_free(&r);
}
END_TEST

START_TEST(odd_methods_do_not_make_series)
{
	for (int i = 0; i < 300; i++) {
		char m[32];
		snprintf(m, sizeof m, "ODD%d", i);
		reply r = client_send(m, "/v1/events", NULL, 0, NULL);
		ck_assert(r.status == 405 || r.status == 400 || r.status == 501);
		reply_free(&r);
	}
	reply r = client_get("/metrics");
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_null(strstr(r.body, "ODD"));
	ck_assert_ptr_nonnull(strstr(r.body, "method=\"GET\""));
	/* the slots did not fill: a route seen now still gets its series */
	reply_free(&r);
	r = client_get("/v1/stats/summary");
	reply_free(&r);
	r = client_get("/metrics");
	ck_assert_ptr_nonnull(strstr(r.body, "route=\"/v1/stats/summary\""));
	reply_free(&r);
}
END_TEST

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	Suite *s = suite_create("hardening");
	TCase *tc = tcase_create("e2e");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, invalid_utf8_parameter_name);
	tcase_add_test(tc, long_multibyte_parameter_name);
	tcase_add_test(tc, long_multibyte_json_key);
	tcase_add_test(tc, timestamps);
	tcase_add_test(tc, text_that_cleans_to_nothing);
	tcase_add_test(tc, csv_formula_injection);
	tcase_add_test(tc, sources_csv_columns);
	tcase_add_test(tc, odd_methods_do_not_make_series);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
