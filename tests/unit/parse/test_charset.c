/*
 * test_charset — conversion to UTF-8 from each place a charset can be
 * declared (header, BOM, <meta charset>, http-equiv, XML declaration), the
 * undeclared fallbacks, and the unknown-charset error.
 */
#include "fixture.h"
#include "parse/charset.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

typedef struct cs_case {
	const char *body;
	size_t len; /* 0: strlen(body) */
	const char *ctype;
	const char *want; /* NULL: conversion must fail */
} cs_case;

/* "Привет" in windows-1251 and KOI8-R; "café" in ISO-8859-1. */
#define RU_1251 "\xcf\xf0\xe8\xe2\xe5\xf2"
#define RU_KOI8 "\xf0\xd2\xc9\xd7\xc5\xd4"
#define RU_UTF8 "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"

static const cs_case cases[] = {
    /* header charset */
    {"<p>" RU_1251 "</p>", 0, "text/html; charset=windows-1251", "<p>" RU_UTF8 "</p>"},
    {"<p>" RU_KOI8 "</p>", 0, "text/html; Charset=\"KOI8-R\"", "<p>" RU_UTF8 "</p>"},
    {"caf\xe9", 0, "text/plain; charset=ISO-8859-1", "caf\xc3\xa9"},
    /* ISO-8859-1 label decodes 0x80-0x9F as windows-1252 does (curly quotes) */
    {"\x93ok\x94", 0, "text/html; charset=iso-8859-1", "\xe2\x80\x9cok\xe2\x80\x9d"},
    /* in-document declarations */
    {"<meta charset=\"windows-1251\"><p>" RU_1251, 0, NULL,
     "<meta charset=\"windows-1251\"><p>" RU_UTF8},
    {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">" RU_KOI8, 0, NULL,
     "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">" RU_UTF8},
    {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>", 0, NULL,
     "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xc3\xa9</a>"},
    /* the header beats the document */
    {"<meta charset=\"koi8-r\">" RU_1251, 0, "text/html; charset=cp1251",
     "<meta charset=\"koi8-r\">" RU_UTF8},
    /* BOMs beat everything and are removed */
    {"\xef\xbb\xbf<p>caf\xc3\xa9</p>", 0, "text/html; charset=windows-1251", "<p>caf\xc3\xa9</p>"},
    {"\xff\xfe<\0p\0>\0", 8, NULL, "<p>"},
    /* nothing declared: valid UTF-8 stays, anything else is windows-1252 */
    {"<p>caf\xc3\xa9</p>", 0, NULL, "<p>caf\xc3\xa9</p>"},
    {"<p>caf\xe9 \x80</p>", 0, NULL, "<p>caf\xc3\xa9 \xe2\x82\xac</p>"},
    /* declared UTF-8 with a stray byte: repaired, not rejected */
    {"ok\xff!", 0, "text/html; charset=utf-8", "ok\xef\xbf\xbd!"},
    /* unknown declared charset: a clear error */
    {"<p>x</p>", 0, "text/html; charset=x-no-such-charset", NULL},
    {"<meta charset=\"klingon-7\"><p>x</p>", 0, NULL, NULL},
};

START_TEST(test_convert)
{
	const cs_case *c = &cases[_i];
	size_t len = c->len ? c->len : strlen(c->body), out_len = 0;
	char *err = NULL;
	char *got = charset_to_utf8(c->body, len, c->ctype, &out_len, &err);
	if (!c->want) {
		ck_assert_ptr_null(got);
		ck_assert_msg(err && strstr(err, "unknown charset"), "error: %s",
		              err ? err : "none");
		free(err);
		return;
	}
	ck_assert_msg(got != NULL, "conversion failed: %s", err ? err : "?");
	ck_assert_str_eq(got, c->want);
	ck_assert_uint_eq(out_len, strlen(c->want));
	free(got);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("parse/charset");
	TCase *tc = tcase_create("charset");
	tcase_add_loop_test(tc, test_convert, 0, sizeof cases / sizeof *cases);
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
