/*
 * test_clean — px_clean_text() and the line classifier directly: what
 * survives, in what shape, and that cleaning is idempotent.
 */
#include "extract/extract.h"
#include "extract/internal.h"
#include "shipped_dict.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* The page words are data (furniture.tsv). */
static const px_dict *furniture(void)
{
	return shipped_dict();
}

static char *clean(const char *s)
{
	size_t n;
	char *out = px_clean_text(furniture(), s, strlen(s), &n);
	ck_assert_uint_eq(n, strlen(out));
	return out;
}

static void expect_clean(const char *in, const char *want)
{
	char *got = clean(in);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(prose_is_kept_verbatim)
{
	expect_clean("The talks went on.\nBoth sides spoke.",
	             "The talks went on.\nBoth sides spoke.");
}
END_TEST

START_TEST(removed_lines_leave_a_paragraph_break)
{
	expect_clean("One sentence here.\nShort Headline Here\nAnother sentence here.",
	             "One sentence here.\n\nAnother sentence here.");
}
END_TEST

START_TEST(cleaning_is_idempotent)
{
	const char *raw = "Title Of The Story\n\nThe talks went on for hours.\n\nRead more\n\n"
	                  "Some caption.\nSome headline\n\nThe talks went on for hours.\n\n"
	                  "Both sides agreed to meet again.\n";
	char *once = clean(raw);
	char *twice = clean(once);
	ck_assert_str_eq(once, twice);
	ck_assert_str_eq(once, "The talks went on for hours.\n\nBoth sides agreed to meet again.");
	free(once);
	free(twice);
}
END_TEST

START_TEST(crlf_input)
{
	expect_clean("The talks went on.\r\nBoth sides spoke.\r\n",
	             "The talks went on.\nBoth sides spoke.");
}
END_TEST

START_TEST(empty_input)
{
	expect_clean("", "");
}
END_TEST

START_TEST(classifier_marks_lines)
{
	const char *text = "Advertisement\nThe talks went on.\nPhoto: Reuters";
	size_t n;
	px_line *lines = px_classify_lines(furniture(), text, strlen(text), &n);
	ck_assert_uint_eq(n, 3);
	ck_assert(!lines[0].keep);
	ck_assert(lines[1].keep);
	ck_assert(!lines[2].keep);
	free(lines);
}
END_TEST

START_TEST(short_repeats_are_not_deduplicated)
{
	expect_clean("Yes.\nYes.", "Yes.\nYes.");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("extract_clean");
	TCase *tc = tcase_create("clean");
	tcase_add_test(tc, prose_is_kept_verbatim);
	tcase_add_test(tc, removed_lines_leave_a_paragraph_break);
	tcase_add_test(tc, cleaning_is_idempotent);
	tcase_add_test(tc, crlf_input);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, classifier_marks_lines);
	tcase_add_test(tc, short_repeats_are_not_deduplicated);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
