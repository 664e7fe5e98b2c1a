/*
 * The database goes away and comes back: the API answers 503 with
 * Retry-After while it is gone (never a 500, never a hang) and recovers by
 * itself.  The harness gives PARLEY_TEST_PGCTL, a command taking
 * "stop" or "start" for the server's database.
 */
#include "client.h"

#include <check.h>
#include <unistd.h>

static int pgctl(const char *what)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s %s >/dev/null 2>&1", getenv("PARLEY_TEST_PGCTL"), what);
	return system(cmd);
}

START_TEST(down_then_up)
{
	ck_assert_ptr_nonnull(getenv("PARLEY_TEST_PGCTL"));
	reply r = client_get("/v1/events?limit=1");
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);

	ck_assert_int_eq(pgctl("stop"), 0);
	const char *paths[] = {"/v1/events", "/v1/actors?q=x", "/v1/statements", "/v1/events/1",
	                       "/readyz"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		r = client_get(paths[i]);
		ck_assert_msg(r.status == 503, "%s: %ld", paths[i], r.status);
		ck_assert(has_header(&r, "Retry-After:"));
		ck_assert_str_eq(error_code(&r), "database_unavailable");
		reply_free(&r);
	}
	r = client_post_json("/v1/articles",
	                     "{\"url\":\"https://fixtures.example/down\",\"text\":\"Quiet day.\"}");
	ck_assert_int_eq(r.status, 503);
	reply_free(&r);
	r = client_get("/livez");
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);

	ck_assert_int_eq(pgctl("start"), 0);
	long status = 0;
	for (int i = 0; i < 40 && status != 200; i++) {
		r = client_get("/v1/events?limit=1");
		status = r.status;
		reply_free(&r);
		if (status != 200)
			usleep(250000);
	}
	ck_assert_int_eq(status, 200);
	r = client_get("/readyz");
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	Suite *s = suite_create("dbdown");
	TCase *tc = tcase_create("e2e");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, down_then_up);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
