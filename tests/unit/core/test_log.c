/* log: a line is one valid JSON object whatever the values hold (client
 * paths, remote servers' text): invalid UTF-8 replaced, long values cut
 * between characters. */
#include "check_main.h"
#include "core/log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs log_info(msg, "v", value) with stderr captured; returns the line. */
static char *logged(const char *msg, const char *value)
{
	fflush(stderr);
	int saved = dup(2);
	FILE *tmp = tmpfile();
	ck_assert_ptr_nonnull(tmp);
	dup2(fileno(tmp), 2);
	log_info(msg, "v", value, NULL);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	long n = ftell(tmp);
	rewind(tmp);
	char *line = calloc(1, (size_t)n + 1);
	ck_assert_uint_eq(fread(line, 1, (size_t)n, tmp), (size_t)n);
	fclose(tmp);
	return line;
}

START_TEST(any_bytes_make_a_json_line)
{
	char big[20001];
	for (int i = 0; i < 10000; i++)
		memcpy(big + 2 * i, "\xd0\x96", 2);
	big[20000] = '\0';
	const char *values[] = {"/v1/events\xff", "\xc3", "a\"b\\c\n", big};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		char *line = logged("request \xfe", values[i]);
		json_error_t e;
		json_t *doc = json_loads(line, 0, &e);
		ck_assert_msg(doc != NULL, "not JSON: %.200s (%s)", line, e.text);
		const char *v = json_string_value(json_object_get(doc, "v"));
		ck_assert_ptr_nonnull(v);
		ck_assert_uint_le(strlen(v), 4096);
		json_decref(doc);
		free(line);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("log");
	tcase_add_test(tc, any_bytes_make_a_json_line);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
