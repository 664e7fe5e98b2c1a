/* csv_field: RFC 4180 quoting, and cells a spreadsheet would run as a
 * formula neutralised the OWASP way (a leading single quote, quoted). */
#include "api/api.h"
#include "check_main.h"

#include <string.h>

static const struct {
	const char *in, *out;
} cells[] = {
    {"plain", "plain"},
    {"", ""},
    {"a,b", "\"a,b\""},
    {"say \"hi\"", "\"say \"\"hi\"\"\""},
    {"two\nlines", "\"two\nlines\""},
    {"=HYPERLINK(\"http://x.example\",\"y\")",
     "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\""},
    {"=1+2", "\"'=1+2\""},
    {"+1+2", "\"'+1+2\""},
    {"-2+3", "\"'-2+3\""},
    {"@SUM(A1)", "\"'@SUM(A1)\""},
    {"\tcmd", "\"'\tcmd\""},
    {"\rcmd", "\"'\rcmd\""},
    {"a=b", "a=b"}, /* only a leading character matters */
    {"2025-01-01", "2025-01-01"},
};

START_TEST(fields)
{
	buf b;
	buf_init(&b);
	csv_field(&b, cells[_i].in, strlen(cells[_i].in));
	ck_assert_str_eq(b.data, cells[_i].out);
	buf_free(&b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("csv");
	tcase_add_loop_test(tc, fields, 0, sizeof cells / sizeof *cells);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
