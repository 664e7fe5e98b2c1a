/*
 * test_lemmatize — table-driven lemma tests: tests/unit/lang/lemmas.tsv
 * lists form, UPOS, XPOS and the expected lemma (UD English conventions),
 * run through ln_lemmatize_word; and ln_doc_lemmatize on untagged tokens.
 */
#include "lang/lang.h"

#include "check_main.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASES "tests/unit/lang/lemmas.tsv"

START_TEST(test_lemma_table)
{
	FILE *f = fopen(CASES, "r");
	ck_assert_ptr_nonnull(f);
	char line[512];
	int n = 0, bad = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char form[128], upos[16], xpos[16], want[128];
		ck_assert_int_eq(sscanf(line, "%127[^\t]\t%15[^\t]\t%15[^\t]\t%127[^\t\n]", form,
		                        upos, xpos, want),
		                 4);
		int u = ln_upos_from_name(upos);
		ck_assert_int_ge(u, 0);
		char got[128];
		ln_lemmatize_word(form, strlen(form), u, strcmp(xpos, "-") ? xpos : NULL, got,
		                  sizeof got);
		if (strcmp(got, want)) {
			fprintf(stderr, "%s %s %s: want %s, got %s\n", form, upos, xpos, want, got);
			bad++;
		}
		n++;
	}
	fclose(f);
	ck_assert_int_ge(n, 40);
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_untagged_doc)
{
	const char *text = "Putin said they didn't sign.";
	ln_doc d;
	ln_doc_init(&d, text, strlen(text));
	ck_assert_int_eq(ln_doc_analyze(NULL, &d), 0);
	ck_assert_uint_eq(d.ntok, 7);
	ck_assert_str_eq(d.lemmas + d.tok[0].lemma, "Putin"); /* the form as written */
	ck_assert_str_eq(d.lemmas + d.tok[1].lemma, "say");   /* an irregular verb */
	ck_assert_str_eq(d.lemmas + d.tok[3].lemma, "do");
	ck_assert_str_eq(d.lemmas + d.tok[4].lemma, "not");
	ln_doc_free(&d);
}
END_TEST

START_TEST(test_small_buffer)
{
	char out[4];
	size_t n = ln_lemmatize_word("accused", 7, LN_UPOS_VERB, "VBD", out, sizeof out);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(out, "acc");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lang_lemmatize");
	TCase *tc = tcase_create("lemmas");
	tcase_add_test(tc, test_lemma_table);
	tcase_add_test(tc, test_untagged_doc);
	tcase_add_test(tc, test_small_buffer);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
