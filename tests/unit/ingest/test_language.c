/*
 * test_language — ingestion never depends on the language models: with a
 * models directory that does not exist, language_models() answers NULL
 * (every time, one load attempt), and an article's text is still analysed
 * into sentences and tokens by the same call the pipeline makes.
 */
#include "check_main.h"
#include "ingest/language.h"

#include <string.h>

START_TEST(missing_models_mean_tokens_only)
{
	language_configure("/nonexistent/parley-models");
	ck_assert_ptr_null(language_models());
	ck_assert_ptr_null(language_models());
	const char *text = "Ministers met in Geneva. They agreed.";
	ln_doc d;
	ln_doc_init(&d, text, strlen(text));
	ck_assert_int_eq(ln_doc_analyze(language_models(), &d), 0);
	ck_assert_uint_eq(d.nsent, 2);
	ck_assert_uint_eq(d.ntok, 8);
	ln_doc_free(&d);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ingest_language");
	TCase *tc = tcase_create("language");
	tcase_add_test(tc, missing_models_mean_tokens_only);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
