/*
 * page_cache: a page is served only under the snapshot it was kept with,
 * only from its second request on, and the budget holds (least recently
 * used pages go first, a page over an eighth of the budget is not kept).
 */
#include "check_main.h"
#include "db/page_cache.h"

#include <stdio.h>
#include <string.h>

static int get(const char *key, const char *snap, buf *items)
{
	char sort[32] = "", id[24] = "";
	buf_reset(items);
	page_cache_view v = {items, 0, 0, sort, id};
	return page_cache_get(key, strlen(key), snap, &v);
}

static void put(const char *key, const char *snap, const char *items)
{
	page_cache_put(key, strlen(key), snap, items, strlen(items), 1, 0, "2025-01-01", "7");
}

START_TEST(same_snapshot_only)
{
	page_cache_configure(1 << 20);
	buf b;
	buf_init(&b);
	ck_assert_int_eq(page_cache_seen("k", 1), 0); /* first request: only noted */
	ck_assert_int_eq(page_cache_seen("k", 1), 1);
	ck_assert_int_eq(get("k", "10:12:10", &b), 0); /* a note is no page */
	put("k", "10:12:10", "{\"id\":7}");
	ck_assert_int_eq(get("k", "10:12:10", &b), 1);
	ck_assert_str_eq(b.data, "{\"id\":7}");
	ck_assert_int_eq(get("k", "10:13:10,12", &b), 0); /* a commit since */
	ck_assert_int_eq(get("other", "10:12:10", &b), 0);
	put("k", "10:13:10,12", "{\"id\":8}"); /* replaces the old page */
	ck_assert_int_eq(get("k", "10:12:10", &b), 0);
	ck_assert_int_eq(get("k", "10:13:10,12", &b), 1);
	ck_assert_str_eq(b.data, "{\"id\":8}");
	page_cache_configure(0);
	ck_assert_int_eq(page_cache_enabled(), 0);
	ck_assert_int_eq(get("k", "10:13:10,12", &b), 0);
	buf_free(&b);
}
END_TEST

START_TEST(budget_holds)
{
	page_cache_configure(64 * 1024);
	char page[4096];
	memset(page, 'x', sizeof page - 1);
	page[sizeof page - 1] = '\0';
	char key[32];
	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "page-%d", i);
		put(key, "1:1:", page);
	}
	page_cache_stats st;
	page_cache_get_stats(&st);
	ck_assert_uint_le(st.bytes, 64 * 1024);
	ck_assert_uint_gt(st.entries, 5);
	buf b;
	buf_init(&b);
	ck_assert_int_eq(get("page-99", "1:1:", &b), 1); /* the newest stay */
	ck_assert_int_eq(get("page-0", "1:1:", &b), 0);  /* the oldest went */
	char big[16 * 1024];
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	put("big", "1:1:", big); /* over 64 KiB / 8 */
	ck_assert_int_eq(get("big", "1:1:", &b), 0);
	page_cache_clear();
	page_cache_get_stats(&st);
	ck_assert_uint_eq(st.entries, 0);
	ck_assert_uint_eq(st.bytes, 0);
	buf_free(&b);
	page_cache_configure(0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("page_cache");
	TCase *tc = tcase_create("page_cache");
	tcase_add_test(tc, same_snapshot_only);
	tcase_add_test(tc, budget_holds);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
