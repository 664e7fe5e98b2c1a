/*
 * test_dates — date expressions resolved against a publication date, and
 * the calendar arithmetic under them.
 */
#include "core/buf.h"
#include "extract/internal.h"
#include "shipped_dict.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Resolves the first date expression of text against published. */
static px_date resolve(const char *text, const char *published, bool *found)
{
	px_doc *doc = xcalloc(1, sizeof *doc);
	doc->dict = shipped_dict(); /* the words dates are read with (words.tsv) */
	px_text_prepare(&doc->text, text, strlen(text));
	px_segment(doc);
	if (published)
		px_parse_iso_date(published, &doc->published);
	px_date d = {0};
	*found = px_find_date(doc, 0, doc->n_toks, 0, &d, NULL, NULL) >= 0;
	px_text_free(&doc->text);
	free(doc->toks), free(doc->sents), free(doc->lines);
	free(doc);
	return d;
}

static void expect_date(const char *text, const char *published, const char *want)
{
	bool found;
	px_date d = resolve(text, published, &found);
	char got[16];
	px_date_format(&d, got);
	ck_assert_msg(found, "no date found in '%s'", text);
	ck_assert_str_eq(got, want);
}

START_TEST(weekday_on_publication_day)
{
	expect_date("They met on Wednesday.", "2025-08-27", "2025-08-27");
}
END_TEST

START_TEST(weekday_before_publication)
{
	expect_date("They met on Sunday.", "2025-08-27", "2025-08-24");
}
END_TEST

START_TEST(last_weekday)
{
	expect_date("They met last Wednesday.", "2025-08-27", "2025-08-20");
}
END_TEST

START_TEST(next_weekday)
{
	expect_date("They meet next Monday.", "2025-08-27", "2025-09-01");
}
END_TEST

START_TEST(last_month_in_january)
{
	expect_date("They met last month.", "2026-01-05", "2025-12");
}
END_TEST

START_TEST(next_month_in_december)
{
	expect_date("They meet next month.", "2025-12-05", "2026-01");
}
END_TEST

START_TEST(this_year)
{
	expect_date("They met earlier this year.", "2025-08-27", "2025");
}
END_TEST

START_TEST(month_day_year)
{
	expect_date("They met on August 15, 2025.", NULL, "2025-08-15");
}
END_TEST

START_TEST(leap_day)
{
	expect_date("They met on 29 February 2024.", NULL, "2024-02-29");
}
END_TEST

START_TEST(invalid_day_is_unresolved)
{
	expect_date("They met on February 30, 2025.", NULL, "");
}
END_TEST

START_TEST(month_day_without_publication_is_unresolved)
{
	expect_date("They met on August 15.", NULL, "");
}
END_TEST

START_TEST(yesterday_across_month)
{
	expect_date("They met yesterday.", "2025-09-01", "2025-08-31");
}
END_TEST

START_TEST(no_date_at_all)
{
	bool found;
	resolve("They met in the hall.", "2025-08-27", &found);
	ck_assert(!found);
}
END_TEST

START_TEST(may_as_a_verb_is_no_date)
{
	bool found;
	resolve("Talks may resume soon.", "2025-08-27", &found);
	ck_assert(!found);
}
END_TEST

START_TEST(civil_round_trip)
{
	for (int z = -1000; z < 40000; z += 37) {
		int y, m, d;
		px_civil_from_days(z, &y, &m, &d);
		ck_assert_int_eq(px_days_from_civil(y, m, d), z);
	}
	ck_assert_int_eq(px_days_from_civil(1970, 1, 1), 0);
}
END_TEST

START_TEST(iso_parsing)
{
	px_date d;
	ck_assert(px_parse_iso_date("2025-08-27T10:00:00Z", &d));
	ck_assert_int_eq(d.d, 27);
	ck_assert(!px_parse_iso_date("2025-13-01", &d));
	ck_assert(!px_parse_iso_date("yesterday", &d));
	ck_assert(!px_parse_iso_date(NULL, &d));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("extract_dates");
	TCase *tc = tcase_create("dates");
	tcase_add_test(tc, weekday_on_publication_day);
	tcase_add_test(tc, weekday_before_publication);
	tcase_add_test(tc, last_weekday);
	tcase_add_test(tc, next_weekday);
	tcase_add_test(tc, last_month_in_january);
	tcase_add_test(tc, next_month_in_december);
	tcase_add_test(tc, this_year);
	tcase_add_test(tc, month_day_year);
	tcase_add_test(tc, leap_day);
	tcase_add_test(tc, invalid_day_is_unresolved);
	tcase_add_test(tc, month_day_without_publication_is_unresolved);
	tcase_add_test(tc, yesterday_across_month);
	tcase_add_test(tc, no_date_at_all);
	tcase_add_test(tc, may_as_a_verb_is_no_date);
	tcase_add_test(tc, civil_round_trip);
	tcase_add_test(tc, iso_parsing);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
