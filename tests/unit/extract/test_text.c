/*
 * test_text — the work text: folding, NFC and the offset map back to the
 * caller's code points.
 */
#include "core/buf.h"
#include "extract/internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static px_text prep(const char *s)
{
	px_text t;
	px_text_prepare(&t, s, strlen(s));
	return t;
}

START_TEST(curly_quotes_fold_to_straight)
{
	px_text t = prep("\xE2\x80\x9CHi\xE2\x80\x9D it\xE2\x80\x99s");
	ck_assert_str_eq(t.s, "\"Hi\" it's");
	ck_assert_uint_eq(t.cp[0], 0);
	ck_assert_uint_eq(t.cp[1], 1); /* H */
	ck_assert_uint_eq(t.cp[3], 3); /* closing mark */
	ck_assert_uint_eq(t.cp[t.len], 9);
	px_text_free(&t);
}
END_TEST

START_TEST(guillemets_and_dashes_fold)
{
	px_text t = prep("\xC2\xAByes\xC2\xBB \xE2\x80\x94 no\xE2\x80\x93maybe");
	ck_assert_str_eq(t.s, "\"yes\" - no-maybe");
	px_text_free(&t);
}
END_TEST

START_TEST(nbsp_becomes_space_and_keeps_offsets)
{
	px_text t = prep("a\xC2\xA0"
	                 "b");
	ck_assert_str_eq(t.s, "a b");
	ck_assert_uint_eq(t.cp[2], 2);
	px_text_free(&t);
}
END_TEST

START_TEST(decomposed_accent_is_composed)
{
	/* "Erdog" + combining breve + "an" -> precomposed g with breve */
	px_text t = prep("Erdog\xCC\x86"
	                 "an");
	ck_assert_str_eq(t.s, "Erdo\xC4\x9F"
	                      "an");
	/* the 'a' after the cluster is code point 6 in the original */
	ck_assert_uint_eq(t.cp[t.len - 2], 6);
	ck_assert_uint_eq(t.cp[t.len], 8);
	px_text_free(&t);
}
END_TEST

START_TEST(ellipsis_expands_but_counts_once)
{
	px_text t = prep("a\xE2\x80\xA6"
	                 "b");
	ck_assert_str_eq(t.s, "a...b");
	ck_assert_uint_eq(t.cp[4], 2);
	px_text_free(&t);
}
END_TEST

START_TEST(carriage_returns_vanish)
{
	px_text t = prep("a\r\nb");
	ck_assert_str_eq(t.s, "a\nb");
	ck_assert_uint_eq(t.cp[2], 3);
	px_text_free(&t);
}
END_TEST

START_TEST(invalid_utf8_survives)
{
	px_text t = prep("a\xFF"
	                 "b");
	ck_assert_uint_eq(t.len, 3);
	ck_assert_uint_eq(t.cp[t.len], 3);
	px_text_free(&t);
}
END_TEST

START_TEST(empty_text)
{
	px_text t = prep("");
	ck_assert_uint_eq(t.len, 0);
	ck_assert_uint_eq(t.cp[0], 0);
	px_text_free(&t);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("extract_text");
	TCase *tc = tcase_create("text");
	tcase_add_test(tc, curly_quotes_fold_to_straight);
	tcase_add_test(tc, guillemets_and_dashes_fold);
	tcase_add_test(tc, nbsp_becomes_space_and_keeps_offsets);
	tcase_add_test(tc, decomposed_accent_is_composed);
	tcase_add_test(tc, ellipsis_expands_but_counts_once);
	tcase_add_test(tc, carriage_returns_vanish);
	tcase_add_test(tc, invalid_utf8_survives);
	tcase_add_test(tc, empty_text);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
