/* buf: growth, formatting, JSON string escaping. */
#include "check_main.h"
#include "core/buf.h"

#include <string.h>

START_TEST(grows_and_formats)
{
	buf b;
	buf_init(&b);
	ck_assert_str_eq(b.data, "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	ck_assert_uint_eq(b.len, strlen(b.data));
	ck_assert(!strncmp(b.data, "0,1,2,", 6));
	char *s = buf_detach(&b);
	ck_assert_uint_eq(b.len, 0);
	free(s);
	buf_free(&b);
}
END_TEST

static const struct {
	const char *in, *out;
} json_cases[] = {
    {"plain", "\"plain\""},
    {"quo\"te", "\"quo\\\"te\""},
    {"back\\slash", "\"back\\\\slash\""},
    {"line\nbreak\ttab", "\"line\\nbreak\\ttab\""},
    {"\x01\x1f", "\"\\u0001\\u001f\""},
    {"Zelenskyy – «мир»", "\"Zelenskyy – «мир»\""},
    /* Not UTF-8: each bad byte becomes U+FFFD, never raw bytes. */
    {"a\xff"
     "b",
     "\"a\xef\xbf\xbd"
     "b\""},
    {"\xc3", "\"\xef\xbf\xbd\""},                                 /* cut short at the end */
    {"\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\""},                 /* overlong '/' */
    {"\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""}, /* surrogate */
    {"\xe2\x82\"", "\"\xef\xbf\xbd\xef\xbf\xbd\\\"\""},
};

START_TEST(json_strings)
{
	buf b;
	buf_init(&b);
	buf_put_json_string(&b, json_cases[_i].in, strlen(json_cases[_i].in));
	ck_assert_str_eq(b.data, json_cases[_i].out);
	buf_free(&b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("buf");
	tcase_add_test(tc, grows_and_formats);
	tcase_add_loop_test(tc, json_strings, 0, sizeof json_cases / sizeof *json_cases);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
