/*
 * test_date — the date spellings of pages and feeds, normalised to ISO 8601
 * (UTC when a time is given), and dates found in URL paths.
 */
#include "fixture.h"
#include "parse/date.h"

#include <check.h>
#include <stdlib.h>

static const struct {
	const char *in, *want;
} norm[] = {
    {"2025-03-14T09:30:00+02:00", "2025-03-14T07:30:00Z"},
    {"2025-03-14T09:30:00.123Z", "2025-03-14T09:30:00Z"},
    {"2025-03-14T23:30:00-0330", "2025-03-15T03:00:00Z"},
    {"2025-03-14 09:30", "2025-03-14T09:30:00Z"},
    {"2025-03-14", "2025-03-14"},
    {"2025/03/14", "2025-03-14"},
    {"Fri, 14 Mar 2025 09:30:00 GMT", "2025-03-14T09:30:00Z"},
    {"Fri, 14 Mar 2025 09:30:00 +0100", "2025-03-14T08:30:00Z"},
    {"14 Mar 2025 09:30 EST", "2025-03-14T14:30:00Z"},
    {"Fri, 14 Mar 25 09:30:00 GMT", "2025-03-14T09:30:00Z"},
    {"March 14, 2025", "2025-03-14"},
    {"  November 3rd, 2024 ", "2024-11-03"},
    {"2025-13-40", NULL},
    {"yesterday", NULL},
    {"", NULL},
    {NULL, NULL},
};

START_TEST(test_normalize)
{
	char *got = date_normalize(norm[_i].in);
	ck_assert_str_or_null(got, norm[_i].want);
	free(got);
}
END_TEST

static const struct {
	const char *url, *want;
} urls[] = {
    {"https://example.org/world/2025/03/14/talks", "2025-03-14"},
    {"https://example.org/2019-11-18/story.html", "2019-11-18"},
    {"https://example.org/news/20240102/story", "2024-01-02"},
    {"https://example.org/2025/03/story-only-month", NULL},
    {"https://example.org/story-12345678", NULL},
    {"https://2025.example.org/01/02/x", NULL},
    {NULL, NULL},
};

START_TEST(test_from_url)
{
	char *got = date_from_url(urls[_i].url);
	ck_assert_str_or_null(got, urls[_i].want);
	free(got);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("parse/date");
	TCase *tc = tcase_create("date");
	tcase_add_loop_test(tc, test_normalize, 0, sizeof norm / sizeof *norm);
	tcase_add_loop_test(tc, test_from_url, 0, sizeof urls / sizeof *urls);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
