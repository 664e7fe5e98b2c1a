/* metrics: clients cannot add series or break the exposition format —
 * 300 odd methods used to fill every slot and print raw in labels. */
#include "api/metrics.h"
#include "check_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each sample line: name{label="…",…} value, label values escaped. */
static int line_ok(const char *line, size_t len)
{
	if (len == 0 || line[0] == '#')
		return 1;
	const char *brace = memchr(line, '{', len);
	if (!brace)
		return 0;
	const char *p = brace + 1, *end = line + len;
	while (p < end && *p != '}') {
		while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '_'))
			p++;
		if (p + 1 >= end || p[0] != '=' || p[1] != '"')
			return 0;
		for (p += 2; p < end && *p != '"'; p++)
			if (*p == '\\' && ++p < end && !strchr("\\\"n", *p))
				return 0;
		if (p >= end)
			return 0;
		p++;
		if (p < end && *p == ',')
			p++;
	}
	return p < end && p[1] == ' ';
}

START_TEST(methods_are_a_bounded_label_set)
{
	metrics *m = metrics_new();
	char method[64];
	for (int i = 0; i < 300; i++) {
		snprintf(method, sizeof method, "X\"\\\n%d", i);
		metrics_observe(m, method, "unmatched", 405, 0.001);
	}
	metrics_observe(m, "GET", "/v1/events", 200, 0.002);
	metrics_observe(m, "get", "/v1/events", 200, 0.002);
	buf out;
	buf_init(&out);
	metrics_render(m, &out);
	/* one series for all the odd methods, and GET still counted */
	ck_assert_ptr_nonnull(strstr(out.data, "parley_http_requests_total{method=\"OTHER\","
	                                       "route=\"unmatched\",status=\"405\"} 300\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "parley_http_requests_total{method=\"GET\","
	                                       "route=\"/v1/events\",status=\"200\"} 1\n"));
	ck_assert_ptr_null(strstr(out.data, "X\""));
	int lines = 0;
	for (const char *l = out.data; *l;) {
		const char *nl = strchr(l, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_msg(line_ok(l, (size_t)(nl - l)), "bad line: %.*s", (int)(nl - l), l);
		lines++;
		l = nl + 1;
	}
	ck_assert_int_lt(lines, 100);
	buf_free(&out);
	metrics_free(m);
}
END_TEST

START_TEST(known_methods)
{
	ck_assert_str_eq(metrics_method_label("PATCH"), "PATCH");
	ck_assert_str_eq(metrics_method_label("OPTIONS"), "OPTIONS");
	ck_assert_str_eq(metrics_method_label("GETX"), "OTHER");
	ck_assert_str_eq(metrics_method_label(""), "OTHER");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("metrics");
	TCase *tc = tcase_create("metrics");
	tcase_add_test(tc, methods_are_a_bounded_label_set);
	tcase_add_test(tc, known_methods);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
