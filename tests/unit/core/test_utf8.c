/* utf8: decoding, validity, replacement of invalid bytes, cutting on a
 * character boundary — the helpers every error message and log line
 * quoting client bytes goes through. */
#include "check_main.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *in;
	size_t len; /* 0: strlen */
	int valid;
} validity[] = {
    {"", 0, 1},
    {"plain ascii", 0, 1},
    {"Зеленський – «мир» 🕊", 0, 1},
    {"\xff", 0, 0},
    {"\x80", 0, 0},                 /* stray continuation */
    {"\xc3", 0, 0},                 /* cut short */
    {"\xc0\xaf", 0, 0},             /* overlong '/' */
    {"\xe0\x80\xaf", 0, 0},         /* overlong, 3 bytes */
    {"\xed\xa0\x80", 0, 0},         /* UTF-16 surrogate */
    {"\xf4\x90\x80\x80", 0, 0},     /* above U+10FFFF */
    {"\xf8\x88\x80\x80\x80", 0, 0}, /* 5-byte form */
    {"a\0b", 3, 0},                 /* NUL */
    {"\xef\xbf\xbd", 0, 1},         /* U+FFFD itself */
    {"\xf4\x8f\xbf\xbf", 0, 1},     /* U+10FFFF */
};

START_TEST(valid_or_not)
{
	const char *in = validity[_i].in;
	size_t len = validity[_i].len ? validity[_i].len : strlen(in);
	ck_assert_int_eq(utf8_valid(in, len), validity[_i].valid);
}
END_TEST

START_TEST(decodes_code_points)
{
	uint32_t cp = 0;
	ck_assert_uint_eq(utf8_seq("A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(utf8_seq("\xd0\x97", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0x417);
	ck_assert_uint_eq(utf8_seq("\xe2\x80\xa6", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x2026);
	ck_assert_uint_eq(utf8_seq("\xf0\x9f\x95\x8a", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1f54a);
	/* a valid 3-byte sequence whose length says 2 is cut short */
	ck_assert_uint_eq(utf8_seq("\xe2\x80\xa6", 2, &cp), 0);
	ck_assert_uint_eq(utf8_seq("", 0, &cp), 0);
}
END_TEST

static const struct {
	const char *in;
	size_t len, max;
	const char *out;
} sanitised[] = {
    {"hello", 0, 100, "hello"},
    {"a\xff"
     "b",
     0, 100,
     "a\xef\xbf\xbd"
     "b"},
    {"%\xff=1", 0, 100, "%\xef\xbf\xbd=1"},
    {"a\0b", 3, 100,
     "a\xef\xbf\xbd"
     "b"},
    /* cut: whole characters only, ellipsis within the bound */
    {"abcdefgh", 0, 6, "abc\xe2\x80\xa6"},
    {"\xd0\x96\xd0\x96\xd0\x96\xd0\x96", 0, 7, "\xd0\x96\xd0\x96\xe2\x80\xa6"},
    {"\xd0\x96\xd0\x96\xd0\x96\xd0\x96", 0, 8, "\xd0\x96\xd0\x96\xd0\x96\xd0\x96"},
    {"\xd0\x96\xd0\x96\xd0\x96\xd0\x96", 0, 6, "\xd0\x96\xe2\x80\xa6"},
    {"\xf0\x9f\x95\x8a\xf0\x9f\x95\x8a", 0, 7, "\xf0\x9f\x95\x8a\xe2\x80\xa6"},
    {"\xf0\x9f\x95\x8a\xf0\x9f\x95\x8a", 0, 6, "\xe2\x80\xa6"},
    {"", 0, 3, ""},
};

START_TEST(sanitises_and_cuts)
{
	const char *in = sanitised[_i].in;
	size_t len = sanitised[_i].len ? sanitised[_i].len : strlen(in);
	char *s = utf8_sanitize(in, len, sanitised[_i].max);
	ck_assert_str_eq(s, sanitised[_i].out);
	ck_assert_uint_le(strlen(s), sanitised[_i].max);
	ck_assert(utf8_valid(s, strlen(s)));
	free(s);
}
END_TEST

/* Every byte string, cut at every bound, gives well-formed text. */
START_TEST(any_bytes_any_bound)
{
	unsigned seed = 12345;
	char in[64];
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)(round % 64);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)(seed >> 16);
		}
		for (size_t max = 3; max < 80; max += 7) {
			char *s = utf8_sanitize(in, len, max);
			ck_assert_uint_le(strlen(s), max);
			ck_assert(utf8_valid(s, strlen(s)));
			free(s);
		}
		char fixed[16];
		size_t n = utf8_copy(fixed, sizeof fixed, in, len);
		ck_assert_uint_eq(n, strlen(fixed));
		ck_assert_uint_lt(n, sizeof fixed);
		ck_assert(utf8_valid(fixed, n));
	}
}
END_TEST

START_TEST(appends_with_a_bound)
{
	buf b;
	buf_init(&b);
	/* "Ж" is 2 bytes: a bound of 3 takes one and reports where it stopped */
	ck_assert_uint_eq(buf_put_utf8(&b, "\xd0\x96\xd0\x96", 4, 3), 2);
	ck_assert_str_eq(b.data, "\xd0\x96");
	buf_free(&b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("utf8");
	tcase_add_loop_test(tc, valid_or_not, 0, sizeof validity / sizeof *validity);
	tcase_add_test(tc, decodes_code_points);
	tcase_add_loop_test(tc, sanitises_and_cuts, 0, sizeof sanitised / sizeof *sanitised);
	tcase_add_test(tc, any_bytes_any_bound);
	tcase_add_test(tc, appends_with_a_bound);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
