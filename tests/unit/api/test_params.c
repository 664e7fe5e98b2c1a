/* params and cursors: what reaches SQL has been validated. */
#include "api/api.h"
#include "check_main.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *s;
	int id, date, ts;
} values[] = {
    {"1", 1, 0, 0},
    {"123456789012345678", 1, 0, 0},
    {"1234567890123456789", 0, 0, 0},
    {"0", 0, 0, 0},
    {"007", 0, 0, 0},
    {"-1", 0, 0, 0},
    {"", 0, 0, 0},
    {"2025-08-15", 0, 1, 1},
    {"2024-02-29", 0, 1, 1},
    {"2025-02-29", 0, 0, 0},
    {"2025-13-01", 0, 0, 0},
    {"2025-1-01", 0, 0, 0},
    {"2025-08-15T10:30:00Z", 0, 0, 1},
    {"2025-08-15T10:30:00.123+03:00", 0, 0, 1},
    {"2025-08-15T10:30", 0, 0, 1},
    {"2025-08-15T25:30:00Z", 0, 0, 0},
    {"2025-08-15 junk", 0, 0, 0},
    /* the zone's end is the string's end: nothing read beyond it */
    {"2025-08-15T10:30+05", 0, 0, 1},
    {"2025-08-15T10:30:00-0530", 0, 0, 1},
    {"2025-08-15T10:30:00+05:", 0, 0, 0},
    {"2025-08-15T10:30:00+5", 0, 0, 0},
    {"2025-08-15T10:30:00+24:00", 0, 0, 0},
    /* no signs or short fields inside the time */
    {"2025-08-15T-1:-1Z", 0, 0, 0},
    {"2025-08-15T+1:+1", 0, 0, 0},
    {"2025-08-15T1:30", 0, 0, 0},
    {"2025-08-15T10:30:-1Z", 0, 0, 0},
    {"2025-08-15T10:30:00.Z", 0, 0, 0},
    {"2025-08-15T", 0, 0, 0},
};

START_TEST(kinds)
{
	ck_assert_int_eq(api_valid_id(values[_i].s), values[_i].id);
	ck_assert_int_eq(api_valid_date(values[_i].s), values[_i].date);
	/* on the heap, exactly sized, so ASan sees any read past the end */
	char *heap = strdup(values[_i].s);
	ck_assert_int_eq(api_valid_timestamp(heap), values[_i].ts);
	free(heap);
}
END_TEST

START_TEST(utf8)
{
	ck_assert(utf8_valid("plain", 5));
	ck_assert(utf8_valid("Zelenskyy «мир» 😀", strlen("Zelenskyy «мир» 😀")));
	ck_assert(!utf8_valid("\xff\xfe", 2));
	ck_assert(!utf8_valid("\xc0\xaf", 2));     /* overlong */
	ck_assert(!utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
	ck_assert(!utf8_valid("\xe2\x82", 2));     /* truncated */
	ck_assert(!utf8_valid("a\0b", 3));
}
END_TEST

START_TEST(cursor_round_trip)
{
	const char *sorts[] = {"2025-08-15", "", "0001-01-01"};
	const char *ids[] = {"1", "98765", "123456789012345678"};
	for (int i = 0; i < 3; i++) {
		char *c = api_cursor_encode(sorts[i], ids[i]);
		ck_assert_ptr_null(strpbrk(c, "+/=|"));
		char s[32], id[24];
		ck_assert_int_eq(api_cursor_decode(c, s, sizeof s, id, sizeof id), 0);
		ck_assert_str_eq(s, sorts[i]);
		ck_assert_str_eq(id, ids[i]);
		free(c);
	}
}
END_TEST

START_TEST(cursor_rejects)
{
	const char *bad[] = {
	    "",
	    "!!!!",
	    "a",
	    "x' OR 1=1 --",
	    /* "2025-01-01|abc" */ "MjAyNS0wMS0wMXxhYmM",
	    /* "no bar" */ "bm8gYmFy",
	    ("QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQ"
	     "UFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char s[32], id[24];
		ck_assert_msg(api_cursor_decode(bad[i], s, sizeof s, id, sizeof id) == -1, "%s",
		              bad[i]);
	}
}
END_TEST

/* api_parse_list on a real collection description.  The values point into
 * the request, so it lives until the next call. */
static http_request req;

static int parse(const char *const *pairs, api_list_params *p, int *status)
{
	http_pairs_free(req.query, req.n_query);
	memset(&req, 0, sizeof req);
	for (const char *const *q = pairs; *q; q += 2)
		http_pairs_add(&req.query, &req.n_query, q[0], q[1]);
	http_response res;
	http_response_init(&res);
	int rc = api_parse_list(&req, &db_events, p, NULL, &res);
	*status = res.status;
	http_response_free(&res);
	return rc;
}

START_TEST(list_params)
{
	api_list_params p;
	int status;
	const char *good[] = {"limit", "10", "actor", "Sergey Lavrov", "from", "2025-01-01", NULL};
	ck_assert_int_eq(parse(good, &p, &status), 0);
	ck_assert_int_eq(p.limit, 10);
	ck_assert_str_eq(p.values[db_filter_index(&db_events, "actor")], "Sergey Lavrov");
	ck_assert_ptr_null(p.values[db_filter_index(&db_events, "to")]);

	const char *none[] = {NULL};
	ck_assert_int_eq(parse(none, &p, &status), 0);
	ck_assert_int_eq(p.limit, 50);

	const char *const bad[][3] = {
	    {"limit", "0", NULL},         {"limit", "501", NULL},    {"limit", "1e3", NULL},
	    {"from", "2025-02-31", NULL}, {"article_id", "x", NULL}, {"status", "maybe", NULL},
	    {"nope", "1", NULL},          {"q", "", NULL},           {"cursor", "zz", NULL},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_int_eq(parse(bad[i], &p, &status), -1);
		ck_assert_int_eq(status, 400);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("params");
	TCase *tc = tcase_create("params");
	tcase_add_loop_test(tc, kinds, 0, sizeof values / sizeof *values);
	tcase_add_test(tc, utf8);
	tcase_add_test(tc, cursor_round_trip);
	tcase_add_test(tc, cursor_rejects);
	tcase_add_test(tc, list_params);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
