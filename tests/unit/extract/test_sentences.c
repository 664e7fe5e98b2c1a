/*
 * test_sentences — sentence boundaries and tokens, checked on the
 * document after segmentation (the dictionary gives only the page words
 * that mark furniture lines).
 */
#include "core/buf.h"
#include "extract/internal.h"
#include "shipped_dict.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static px_doc *segment(const char *s)
{
	px_doc *doc = xcalloc(1, sizeof *doc);
	doc->dict = shipped_dict();
	px_text_prepare(&doc->text, s, strlen(s));
	px_segment(doc);
	return doc;
}

static void doc_free(px_doc *doc)
{
	px_text_free(&doc->text);
	free(doc->toks), free(doc->sents), free(doc->lines);
	free(doc);
}

static char *sentence(const px_doc *doc, size_t k)
{
	return xstrndup(doc->text.s + doc->sents[k].start, doc->sents[k].end - doc->sents[k].start);
}

static void expect_sentences(const char *text, size_t n, const char *first_last)
{
	px_doc *doc = segment(text);
	ck_assert_uint_eq(doc->n_sents, n);
	if (first_last) {
		char *last = sentence(doc, doc->n_sents - 1);
		ck_assert_str_eq(last, first_last);
		free(last);
	}
	doc_free(doc);
}

START_TEST(two_plain_sentences)
{
	expect_sentences("The talks ended. Both sides left Geneva.", 2, "Both sides left Geneva.");
}
END_TEST

START_TEST(honorific_does_not_split)
{
	expect_sentences("Mr. Smith met Dr. Jones in Geneva.", 1, NULL);
}
END_TEST

START_TEST(dotted_acronym_does_not_split)
{
	expect_sentences("The U.S. delegation left early today.", 1, NULL);
}
END_TEST

START_TEST(month_abbreviation_does_not_split)
{
	expect_sentences("They met on Jan. 5 in Paris.", 1, NULL);
}
END_TEST

START_TEST(initial_does_not_split)
{
	expect_sentences("Donald J. Trump spoke.", 1, NULL);
}
END_TEST

START_TEST(closing_quote_stays_with_sentence)
{
	expect_sentences("He said: \"We agree.\" Then he left.", 2, "Then he left.");
}
END_TEST

START_TEST(question_inside_quote_before_said)
{
	expect_sentences("\"Why now?\" he asked.", 1, NULL);
}
END_TEST

START_TEST(line_is_a_boundary)
{
	expect_sentences("The first paragraph ends with a colon:\n"
	                 "The second paragraph is here.",
	                 2, "The second paragraph is here.");
}
END_TEST

START_TEST(possessive_is_its_own_token)
{
	px_doc *doc = segment("Ukraine's army advanced today.");
	ck_assert_uint_ge(doc->n_toks, 2);
	ck_assert_uint_eq(doc->toks[0].end - doc->toks[0].start, 7);
	ck_assert(px_tok_is(doc, 1, "'s"));
	doc_free(doc);
}
END_TEST

START_TEST(hyphenated_name_parts_are_tokens)
{
	px_doc *doc = segment("Kim Jong-un arrived today.");
	ck_assert(px_tok_is(doc, 1, "jong"));
	ck_assert(px_tok_is(doc, 2, "-"));
	ck_assert(px_tok_is(doc, 3, "un"));
	doc_free(doc);
}
END_TEST

START_TEST(numbers_keep_separators)
{
	px_doc *doc = segment("They counted 110,000 cases in 2025.");
	ck_assert(px_tok_is(doc, 2, "110,000"));
	ck_assert_uint_eq(doc->toks[2].kind, TK_NUM);
	doc_free(doc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("extract_sentences");
	TCase *tc = tcase_create("sentences");
	tcase_add_test(tc, two_plain_sentences);
	tcase_add_test(tc, honorific_does_not_split);
	tcase_add_test(tc, dotted_acronym_does_not_split);
	tcase_add_test(tc, month_abbreviation_does_not_split);
	tcase_add_test(tc, initial_does_not_split);
	tcase_add_test(tc, closing_quote_stays_with_sentence);
	tcase_add_test(tc, question_inside_quote_before_said);
	tcase_add_test(tc, line_is_a_boundary);
	tcase_add_test(tc, possessive_is_its_own_token);
	tcase_add_test(tc, hyphenated_name_parts_are_tokens);
	tcase_add_test(tc, numbers_keep_separators);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
