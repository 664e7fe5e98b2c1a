/* conllu: word lines become tokens; multiword-token ranges and empty nodes
 * are skipped; "# text =" is kept; "# newdoc" / "# doc =" mark the sentence
 * that starts a document; a bad line is an error naming it. */
#include "check_main.h"
#include "lang/conllu.h"

#include <stdlib.h>
#include <string.h>

static const char doc[] = "# newdoc id = a\n"
                          "# sent_id = a-1\n"
                          "# text = We didn't go.\n"
                          "1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
                          "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                          "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
                          "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                          "3.1\tgone\t_\t_\t_\t_\t_\t_\t_\t_\n"
                          "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
                          "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
                          "\n"
                          "# text = Paris\r\n"
                          "1\tParis\tB-LOC\r\n"
                          "\n"
                          "# doc = b.txt\n"
                          "1\tRome\tB-LOC\n";

START_TEST(reads_words_and_skips_the_rest)
{
	cu_corpus c;
	char *err = NULL;
	ck_assert_int_eq(cu_parse(doc, strlen(doc), &c, &err), 0);
	ck_assert_uint_eq(c.n, 3);
	ck_assert_int_eq(c.sent[0].newdoc, 1);
	ck_assert_int_eq(c.sent[1].newdoc, 0);
	ck_assert_int_eq(c.sent[2].newdoc, 1);
	ck_assert_uint_eq(c.sent[0].n, 5);
	ck_assert_str_eq(c.sent[0].text, "We didn't go.");
	ck_assert_str_eq(c.sent[0].tok[1].col[1], "did");
	ck_assert_str_eq(c.sent[0].tok[3].col[7], "root");
	ck_assert_str_eq(c.sent[0].tok[3].col[9], "SpaceAfter=No");
	/* short (iob2) lines: the missing columns read "_" */
	ck_assert_uint_eq(c.sent[1].n, 1);
	ck_assert_str_eq(c.sent[1].tok[0].col[2], "B-LOC");
	ck_assert_str_eq(c.sent[1].tok[0].col[6], "_");
	ck_assert_str_eq(c.sent[1].text, "Paris");
	cu_free(&c);
}
END_TEST

START_TEST(bad_line_is_an_error)
{
	static const char bad[] = "1\tok\n\nword\twithout\tid\n";
	cu_corpus c;
	char *err = NULL;
	ck_assert_int_eq(cu_parse(bad, strlen(bad), &c, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "line 3"));
	free(err);
	ck_assert_int_eq(cu_parse("", 0, &c, NULL), 0);
	ck_assert_uint_eq(c.n, 0);
	cu_free(&c);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lang_conllu");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, reads_words_and_skips_the_rest);
	tcase_add_test(tc, bad_line_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
