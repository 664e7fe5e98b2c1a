/*
 * End-to-end tests of issue 12's relevance and dates through the API: an
 * off-topic article (a match report we wrote) is stored marked, and what
 * only it reports stays out of lists, exports and aggregates unless asked
 * for (?relevance=all or off_topic, or its article_id); an article posted
 * without a date gets one from its URL or its text, and says where it came
 * from.
 */
#include "client.h"

#include <check.h>
#include <stdbool.h>

static const char sports[] =
    "Harbor City came from behind to beat Lakeside 3-2 on Saturday, their striker scoring "
    "twice in the second half in front of a full stadium.\n\n"
    "\"We never stopped believing in this squad,\" coach Marten Vollrath said after the "
    "match. The win lifts the club to third in the league with five games of the season "
    "left, and the goalkeeper made two fine saves before half-time.\n";

static const char diplomacy[] =
    "MOSCOW, August 14, 2024 - Foreign Minister Ilya Brannigan said at a February hearing "
    "that the sanctions talks with the European Union had failed.\n\n"
    "\"Our diplomats will keep talking to every government in the region,\" Ilya Brannigan "
    "told reporters, adding that the ceasefire at the border was holding.\n";

static json_int_t post_text(const char *url, const char *text)
{
	json_t *doc = json_pack("{s:s, s:s}", "url", url, "text", text);
	char *s = json_dumps(doc, 0);
	reply r = client_post_json("/v1/articles", s);
	ck_assert_msg(r.status == 201 || r.status == 200, "POST %s: %ld %s", url, r.status,
	              r.body ? r.body : "");
	json_int_t id = json_integer_value(json_object_get(r.json, "id"));
	reply_free(&r);
	free(s);
	json_decref(doc);
	return id;
}

static size_t count_of(const char *path)
{
	reply r = client_get(path);
	ck_assert_msg(r.status == 200, "%s: %ld", path, r.status);
	size_t n = json_array_size(json_object_get(r.json, "data"));
	reply_free(&r);
	return n;
}

static json_int_t total(const char *path, const char *key)
{
	reply r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	json_int_t n = json_integer_value(json_object_get(json_object_get(r.json, "totals"), key));
	reply_free(&r);
	return n;
}

START_TEST(off_topic_marked_and_hidden)
{
	json_int_t id = post_text("https://fixtures.example/sport/2019/04/02/cup-final", sports);
	char path[128];
	snprintf(path, sizeof path, "/v1/articles/%lld", (long long)id);
	reply r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	ck_assert(json_is_true(json_object_get(r.json, "off_topic")));
	ck_assert(json_is_number(json_object_get(r.json, "relevance")));
	ck_assert(json_number_value(json_object_get(r.json, "relevance")) < 0.4);
	/* no date given: the one in its URL's path */
	ck_assert(
	    !strncmp(json_string_value(json_object_get(r.json, "published_at")), "2019-04-02", 10));
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "published_source")), "url");
	reply_free(&r);

	/* its speaker and its words: out of the lists by default */
	ck_assert_uint_eq(count_of("/v1/actors?q=Vollrath"), 0);
	ck_assert_uint_ge(count_of("/v1/actors?q=Vollrath&relevance=all"), 1);
	ck_assert_uint_ge(count_of("/v1/actors?q=Vollrath&relevance=off_topic"), 1);
	ck_assert_uint_eq(count_of("/v1/statements?q=squad"), 0);
	ck_assert_uint_eq(count_of("/v1/statements?q=squad&relevance=all"), 1);
	ck_assert_uint_eq(count_of("/v1/statements?q=squad&relevance=relevant"), 0);
	/* named by its id, the article's own records are all there */
	snprintf(path, sizeof path, "/v1/statements?article_id=%lld", (long long)id);
	ck_assert_uint_ge(count_of(path), 1);
	snprintf(path, sizeof path, "/v1/actors?article_id=%lld", (long long)id);
	ck_assert_uint_ge(count_of(path), 1);

	/* the articles list hides it too, and shows it when asked */
	r = client_get("/v1/articles?relevance=off_topic&limit=500");
	size_t i;
	json_t *a;
	bool seen = false;
	json_array_foreach(json_object_get(r.json, "data"), i, a)
	{
		seen |= json_integer_value(json_object_get(a, "id")) == id;
		ck_assert(json_is_true(json_object_get(a, "off_topic")));
	}
	ck_assert(seen);
	reply_free(&r);
	r = client_get("/v1/articles?limit=500");
	json_array_foreach(json_object_get(r.json, "data"), i, a)
	{
		ck_assert_int_ne(json_integer_value(json_object_get(a, "id")), id);
	}
	reply_free(&r);

	/* exports and aggregates leave it out the same way */
	r = client_get("/v1/statements?format=csv&q=squad");
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_null(strstr(r.body, "squad"));
	reply_free(&r);
	r = client_get("/v1/statements?format=csv&q=squad&relevance=all");
	ck_assert_ptr_nonnull(strstr(r.body, "squad"));
	reply_free(&r);
	ck_assert_int_ge(total("/v1/stats/summary?relevance=all", "articles"),
	                 total("/v1/stats/summary", "articles") + 1);
	ck_assert_int_ge(total("/v1/stats/summary?relevance=all", "statements"),
	                 total("/v1/stats/summary", "statements") + 1);
	ck_assert_int_ge(total("/v1/stats/summary?relevance=off_topic", "statements"), 1);
	r = client_get("/v1/stats/timeline?series=statements&relevance=off_topic");
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_gt(json_array_size(json_object_get(r.json, "data")), 0);
	reply_free(&r);

	/* a value out of the list is a clear error everywhere */
	const char *bad[] = {"/v1/events?relevance=some",
	                     "/v1/actors?relevance=", "/v1/stats/summary?relevance=some",
	                     "/v1/network?relevance=1", "/v1/stats/relations?a=1&b=2&relevance=x"};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		r = client_get(bad[k]);
		ck_assert_msg(r.status == 400, "%s: %ld", bad[k], r.status);
		ck_assert_str_eq(error_code(&r), "invalid_parameter");
		reply_free(&r);
	}
}
END_TEST

START_TEST(dates_without_published_at)
{
	/* a dateline in the text dates the article; the statement has its own clause's date */
	json_int_t id = post_text("https://fixtures.example/world/brannigan-hearing", diplomacy);
	char path[128];
	snprintf(path, sizeof path, "/v1/articles/%lld", (long long)id);
	reply r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	ck_assert(json_is_false(json_object_get(r.json, "off_topic")));
	ck_assert(
	    !strncmp(json_string_value(json_object_get(r.json, "published_at")), "2024-08-14", 10));
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "published_source")), "text");
	reply_free(&r);
	/* "said at a February hearing": that month, not the dateline's day */
	r = client_get("/v1/statements?q=%22talks%20with%20the%20European%20Union%22");
	ck_assert_int_eq(r.status, 200);
	json_t *s = json_array_get(json_object_get(r.json, "data"), 0);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(json_string_value(json_object_get(s, "date")), "2024-02");
	ck_assert_str_eq(json_string_value(json_object_get(s, "date_precision")), "month");
	reply_free(&r);

	/* a posted text that tells no date stays undated (the day it was
	 * fetched dates only what the worker fetched just now) */
	id = post_text("https://fixtures.example/world/undated-note",
	               "Foreign Minister Ilya Brannigan said the embassy would reopen.");
	snprintf(path, sizeof path, "/v1/articles/%lld", (long long)id);
	r = client_get(path);
	ck_assert(json_is_null(json_object_get(r.json, "published_at")));
	ck_assert(json_is_null(json_object_get(r.json, "published_source")));
	reply_free(&r);
}
END_TEST

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	Suite *s = suite_create("relevance");
	TCase *tc = tcase_create("e2e");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, off_topic_marked_and_hidden);
	tcase_add_test(tc, dates_without_published_at);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
