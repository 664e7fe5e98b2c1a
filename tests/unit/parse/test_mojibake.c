/*
 * test_mojibake — text encoded as UTF-8, read back as windows-1252 and
 * encoded again, repaired; honest text that merely looks like it kept.
 * Each case: the input and what must come out.
 */
#include "parse/mojibake.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

typedef struct mj_case {
	const char *in;
	const char *want;
} mj_case;

static const mj_case cases[] = {
    /* two-byte letters: ñ é ü ó, as Latin-1 read them */
    {"Pe\xc3\x83\xc2\xb1"
     "a Nieto met Ren\xc3\x83\xc2\xa9"
     "e",
     "Pe\xc3\xb1"
     "a Nieto met Ren\xc3\xa9"
     "e"},
    {"M\xc3\x83\xc2\xbc"
     "ller and L\xc3\x83\xc2\xb3pez",
     "M\xc3\xbc"
     "ller and L\xc3\xb3pez"},
    /* the same after NFD normalisation: "Ã" as "A" and a combining tilde */
    {"PeA\xcc\x83\xc2\xb1"
     "a",
     "Pe\xc3\xb1"
     "a"},
    {"A\xcc\x83 stays", "A\xcc\x83 stays"},
    /* a lead whose continuation windows-1252 shows as punctuation: "Ã‰" is É */
    {"\xc3\x83\xe2\x80\xb0"
     "douard",
     "\xc3\x89"
     "douard"},
    /* a no-break space read as one: "Ã " + U+00A0 is à */
    {"d\xc3\x83\xc2\xa0"
     "",
     "d\xc3\xa0"},
    /* three bytes: the curly apostrophe, the dash, the ellipsis as windows-1252 shows them */
    {"it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s late \xc3\xa2\xe2\x82\xac\xe2\x80\x9d he "
     "said\xc3\xa2\xe2\x82\xac\xc2\xa6",
     "it\xe2\x80\x99s late \xe2\x80\x94 he said\xe2\x80\xa6"},
    /* Central European letters: ł (C5 82) reads as "Å‚" */
    {"Micha\xc3\x85\xe2\x80\x9a", "Micha\xc5\x82"},
    /* honest text stays: accented capitals before a closing quote or an
     * ellipsis, a lone "é" or "Ã", ASCII, CJK */
    {"\xe2\x80\x9c"
     "CAF\xc3\x89\xe2\x80\x9d",
     "\xe2\x80\x9c"
     "CAF\xc3\x89\xe2\x80\x9d"},
    {"\xc3\x89\xe2\x80\xa6", "\xc3\x89\xe2\x80\xa6"},
    {"caf\xc3\xa9 and S\xc3\x83O PAULO", "caf\xc3\xa9 and S\xc3\x83O PAULO"},
    {"plain ASCII, nothing to do.", "plain ASCII, nothing to do."},
    {"\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac"},
    /* a lead cut short at the end, and invalid bytes, copied unchanged */
    {"Pe\xc3\x83", "Pe\xc3\x83"},
    {"a\xff"
     "b\xc3\x83\xc2",
     "a\xff"
     "b\xc3\x83\xc2"},
    /* an overlong form spelled by the characters is no character */
    {"\xc3\x80\xc2\x80", "\xc3\x80\xc2\x80"},
    {"", ""},
};

START_TEST(test_repair)
{
	const mj_case *c = &cases[_i];
	size_t n = 0;
	char *got = mojibake_repair(c->in, strlen(c->in), &n);
	ck_assert_uint_eq(n, strlen(got));
	ck_assert_msg(strcmp(got, c->want) == 0, "case %d: got \"%s\", want \"%s\"", _i, got,
	              c->want);
	free(got);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("parse/mojibake");
	TCase *tc = tcase_create("mojibake");
	tcase_add_loop_test(tc, test_repair, 0, sizeof cases / sizeof *cases);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
