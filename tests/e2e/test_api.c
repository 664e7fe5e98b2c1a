/*
 * End-to-end tests of the REST API against a running parley (real
 * PostgreSQL, real HTTP over loopback).  The harness starts the server and
 * exports PARLEY_TEST_URL and PARLEY_TEST_KEY; main() posts our fixture
 * articles once, then every test reads through the public API only.
 */
#include "client.h"

#include <check.h>

static char ids[4][24]; /* article ids of the fixtures, in post order */
static const char *const fixtures[] = {"summit-geneva", "summit-geneva-followup", "ankara-visit",
                                       "warning-baltic"};
static const char *const fixture_dates[] = {"2025-03-04", "2025-03-05", "2025-04-10", "2025-05-20"};

static char *read_fixture(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "tests/fixtures/articles/%s.txt", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char data[65536];
	size_t n = fread(data, 1, sizeof data - 1, f);
	fclose(f);
	data[n] = '\0';
	return data;
}

static char *article_body(int i, const char *suffix)
{
	json_t *doc = json_pack("{s:s, s:s, s:s}", "url", "", "text", read_fixture(fixtures[i]),
	                        "published_at", fixture_dates[i]);
	char url[256];
	snprintf(url, sizeof url, "https://fixtures.example/%s%s", fixtures[i], suffix);
	json_object_set_new(doc, "url", json_string(url));
	char *s = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return s;
}

static int seed(void)
{
	for (int i = 0; i < 4; i++) {
		char *body = article_body(i, "");
		reply r = client_post_json("/v1/articles", body);
		free(body);
		if (r.status != 201 && r.status != 200) {
			fprintf(stderr, "seed %s: %ld %s\n", fixtures[i], r.status, r.body);
			return -1;
		}
		snprintf(ids[i], sizeof ids[i], "%lld",
		         (long long)json_integer_value(json_object_get(r.json, "id")));
		reply_free(&r);
	}
	return 0;
}

/* GET path and expect status; returns the reply for further checks. */
static reply expect(const char *path, long status)
{
	reply r = client_get(path);
	ck_assert_msg(r.status == status, "GET %s: want %ld, got %ld: %s", path, status, r.status,
	              r.body ? r.body : "");
	return r;
}

static void expect_error(const char *path, long status, const char *code)
{
	reply r = expect(path, status);
	ck_assert_ptr_nonnull(r.json);
	ck_assert_str_eq(error_code(&r), code);
	ck_assert_ptr_nonnull(json_object_get(json_object_get(r.json, "error"), "message"));
	reply_free(&r);
}

static json_t *data_of(reply *r)
{
	json_t *d = json_object_get(r->json, "data");
	ck_assert_msg(json_is_array(d), "no data array in %s", r->body);
	ck_assert_ptr_nonnull(json_object_get(r->json, "next_cursor"));
	return d;
}

START_TEST(health)
{
	reply r = expect("/livez", 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "ok");
	reply_free(&r);
	r = expect("/readyz", 200);
	reply_free(&r);
	r = expect("/openapi.yaml", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "openapi: 3.1"));
	reply_free(&r);
}
END_TEST

START_TEST(post_is_idempotent)
{
	char *body = article_body(0, "");
	reply r = client_post_json("/v1/articles", body);
	ck_assert_int_eq(r.status, 200);
	char id[24];
	snprintf(id, sizeof id, "%lld",
	         (long long)json_integer_value(json_object_get(r.json, "id")));
	ck_assert_str_eq(id, ids[0]);
	reply_free(&r);
	free(body);

	/* The same story under another URL (tracking parameters) is the same article. */
	body = article_body(0, "?utm_source=newsletter");
	r = client_post_json("/v1/articles", body);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "id")), atoll(ids[0]));
	reply_free(&r);
	free(body);

	/* Statements did not double. */
	char path[128];
	snprintf(path, sizeof path, "/v1/statements?article_id=%s&limit=500", ids[0]);
	r = expect(path, 200);
	size_t n1 = json_array_size(data_of(&r));
	reply_free(&r);
	body = article_body(0, "");
	r = client_post_json("/v1/articles", body);
	reply_free(&r);
	free(body);
	r = expect(path, 200);
	ck_assert_uint_eq(json_array_size(data_of(&r)), n1);
	reply_free(&r);
}
END_TEST

START_TEST(post_changed_text_reextracts)
{
	json_t *doc = json_pack("{s:s, s:s, s:s}", "url", "https://fixtures.example/changing",
	                        "text", "The ministry published a short notice on Monday.",
	                        "published_at", "2025-06-02");
	char *s = json_dumps(doc, 0);
	reply r = client_post_json("/v1/articles", s);
	ck_assert_int_eq(r.status, 201);
	json_int_t id = json_integer_value(json_object_get(r.json, "id"));
	ck_assert(has_header(&r, "Location: /v1/articles/"));
	reply_free(&r);
	free(s);
	json_object_set_new(doc, "text",
	                    json_string("\"We will not give up,\" Foreign Minister Sergey Lavrov "
	                                "said on Monday."));
	s = json_dumps(doc, 0);
	r = client_post_json("/v1/articles", s);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "id")), id);
	json_t *ex = json_object_get(r.json, "extracted");
	ck_assert(json_is_object(ex));
	ck_assert_int_ge(json_integer_value(json_object_get(ex, "statements")), 1);
	reply_free(&r);
	free(s);
	json_decref(doc);
}
END_TEST

START_TEST(article_detail)
{
	char path[64];
	snprintf(path, sizeof path, "/v1/articles/%s", ids[0]);
	reply r = expect(path, 200);
	const char *text = json_string_value(json_object_get(r.json, "text"));
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "Geneva"));
	ck_assert(json_is_array(json_object_get(r.json, "actors")));
	ck_assert(json_is_array(json_object_get(r.json, "statements")));
	ck_assert(json_is_array(json_object_get(r.json, "events")));
	ck_assert_int_gt(json_array_size(json_object_get(r.json, "statements")), 0);
	const char *fields[] = {"id",        "url",    "canonical_url", "title",
	                        "site_name", "author", "published_at",  "fetched_at",
	                        "status",    "error",  "source_id"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		ck_assert_msg(json_object_get(r.json, fields[i]), "missing %s", fields[i]);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "extracted");
	reply_free(&r);
	expect_error("/v1/articles/999999999", 404, "not_found");
	expect_error("/v1/articles/abc", 404, "not_found");
}
END_TEST

/* Every statement of a speaker filter is by that speaker. */
START_TEST(statements_filters)
{
	reply r = expect("/v1/statements?speaker=Sergey%20Lavrov&limit=100", 200);
	json_t *d = data_of(&r);
	ck_assert_int_gt(json_array_size(d), 0);
	size_t i;
	json_t *s;
	json_array_foreach(d, i, s)
	{
		const char *name =
		    json_string_value(json_object_get(json_object_get(s, "speaker"), "name"));
		ck_assert_msg(name && strstr(name, "Lavrov"), "speaker %s", name ? name : "null");
		ck_assert_ptr_nonnull(json_object_get(s, "article"));
		ck_assert_ptr_nonnull(json_object_get(s, "cue"));
	}
	reply_free(&r);

	r = expect("/v1/statements?q=miracles", 200);
	d = data_of(&r);
	ck_assert_int_eq(json_array_size(d), 1);
	ck_assert_ptr_nonnull(
	    strstr(json_string_value(json_object_get(json_array_get(d, 0), "text")), "miracles"));
	reply_free(&r);

	r = expect("/v1/statements?kind=direct&from=2025-04-01&to=2025-04-30", 200);
	d = data_of(&r);
	ck_assert_int_gt(json_array_size(d), 0);
	json_array_foreach(d, i, s)
	{
		ck_assert_str_eq(json_string_value(json_object_get(s, "kind")), "direct");
		const char *date = json_string_value(json_object_get(s, "date"));
		ck_assert(date && strcmp(date, "2025-04-01") >= 0 &&
		          strcmp(date, "2025-04-30") <= 0);
	}
	reply_free(&r);

	char path[128];
	snprintf(path, sizeof path, "/v1/statements?article_id=%s", ids[3]);
	r = expect(path, 200);
	d = data_of(&r);
	json_array_foreach(d, i, s)
	{
		ck_assert_int_eq(
		    json_integer_value(json_object_get(json_object_get(s, "article"), "id")),
		    atoll(ids[3]));
	}
	reply_free(&r);
}
END_TEST

START_TEST(events_filters)
{
	reply r = expect("/v1/events?actor=Sergey%20Lavrov&limit=100", 200);
	json_t *d = data_of(&r);
	ck_assert_int_gt(json_array_size(d), 0);
	size_t i, j;
	json_t *e, *p;
	json_int_t some_event = 0;
	json_array_foreach(d, i, e)
	{
		int found = 0;
		json_array_foreach(json_object_get(e, "participants"), j, p)
		{
			const char *n = json_string_value(json_object_get(p, "name"));
			found |= n && strstr(n, "Lavrov") != NULL;
		}
		ck_assert_msg(found, "event without Lavrov");
		const char *keys[] = {"id",           "type",         "cameo_code",
		                      "title",        "date",         "date_precision",
		                      "location",     "participants", "mention_count",
		                      "source_count", "first_seen",   "last_seen"};
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			ck_assert_msg(json_object_get(e, keys[k]), "event lacks %s", keys[k]);
		some_event = json_integer_value(json_object_get(e, "id"));
	}
	reply_free(&r);

	/* The Geneva talks, reported by two articles, are one event with two mentions. */
	r = expect("/v1/events?actor=Marco%20Rubio&from=2025-03-04&to=2025-03-04", 200);
	d = data_of(&r);
	int merged = 0;
	json_array_foreach(d, i, e)
	{
		merged |= json_integer_value(json_object_get(e, "mention_count")) >= 2;
	}
	ck_assert_msg(merged, "the Geneva talks were not merged across articles: %s", r.body);
	reply_free(&r);

	char path[128];
	snprintf(path, sizeof path, "/v1/events/%lld", (long long)some_event);
	r = expect(path, 200);
	ck_assert(json_is_array(json_object_get(r.json, "mentions")));
	ck_assert_int_gt(json_array_size(json_object_get(r.json, "mentions")), 0);
	json_t *m = json_array_get(json_object_get(r.json, "mentions"), 0);
	ck_assert_ptr_nonnull(json_string_value(json_object_get(m, "sentence")));
	ck_assert_ptr_nonnull(json_string_value(json_object_get(m, "url")));
	ck_assert(json_is_array(json_object_get(r.json, "statements")));
	reply_free(&r);

	r = expect("/v1/events?from=2025-05-01", 200);
	json_array_foreach(data_of(&r), i, e)
	{
		const char *date = json_string_value(json_object_get(e, "date"));
		ck_assert(date && strncmp(date, "2025-05", 7) >= 0);
	}
	reply_free(&r);

	snprintf(path, sizeof path, "/v1/events?article_id=%s", ids[2]);
	r = expect(path, 200);
	ck_assert_int_gt(json_array_size(data_of(&r)), 0);
	reply_free(&r);

	r = expect("/v1/events?location=Geneva", 200);
	json_array_foreach(data_of(&r), i, e)
	{
		ck_assert_str_eq(
		    json_string_value(json_object_get(json_object_get(e, "location"), "name")),
		    "Geneva");
	}
	reply_free(&r);
	r = expect("/v1/events?type=no-such-type", 200);
	ck_assert_int_eq(json_array_size(data_of(&r)), 0);
	reply_free(&r);
	/* a type by name or by CAMEO code: each answers only its own */
	r = expect("/v1/events?type=MEET&limit=500", 200);
	ck_assert_int_gt(json_array_size(data_of(&r)), 0);
	char code[8];
	snprintf(code, sizeof code, "%s",
	         json_string_value(json_object_get(json_array_get(data_of(&r), 0), "cameo_code")));
	json_array_foreach(data_of(&r), i, e)
	{
		ck_assert_str_eq(json_string_value(json_object_get(e, "type")), "meet");
	}
	reply_free(&r);
	snprintf(path, sizeof path, "/v1/events?type=%s&limit=500", code);
	r = expect(path, 200);
	ck_assert_int_gt(json_array_size(data_of(&r)), 0);
	json_array_foreach(data_of(&r), i, e)
	{
		ck_assert_str_eq(json_string_value(json_object_get(e, "cameo_code")), code);
	}
	reply_free(&r);
	r = expect("/v1/events?q=Geneva", 200);
	reply_free(&r);
}
END_TEST

START_TEST(actors_filters)
{
	reply r = expect("/v1/actors?q=lavrov", 200);
	json_t *d = data_of(&r);
	ck_assert_int_ge(json_array_size(d), 1);
	json_t *a = json_array_get(d, 0);
	const char *keys[] = {"id",          "name",       "kind",       "aliases",
	                      "title",       "country",    "cameo_code", "statement_count",
	                      "event_count", "first_seen", "last_seen"};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		ck_assert_msg(json_object_get(a, keys[k]), "actor lacks %s", keys[k]);
	json_int_t id = json_integer_value(json_object_get(a, "id"));
	reply_free(&r);

	/* fuzzy: a misspelling still finds him */
	r = expect("/v1/actors?q=Lavrow", 200);
	ck_assert_int_ge(json_array_size(data_of(&r)), 1);
	reply_free(&r);

	r = expect("/v1/actors?kind=person&limit=500", 200);
	size_t i;
	json_array_foreach(data_of(&r), i, a)
	{
		ck_assert_str_eq(json_string_value(json_object_get(a, "kind")), "person");
	}
	reply_free(&r);

	char path[128];
	snprintf(path, sizeof path, "/v1/actors/%lld", (long long)id);
	r = expect(path, 200);
	ck_assert_int_gt(json_integer_value(json_object_get(r.json, "statement_count")), 0);
	reply_free(&r);
	snprintf(path, sizeof path, "/v1/actors/%lld/statements", (long long)id);
	r = expect(path, 200);
	ck_assert_int_gt(json_array_size(data_of(&r)), 0);
	reply_free(&r);
	snprintf(path, sizeof path, "/v1/actors/%lld/events", (long long)id);
	r = expect(path, 200);
	ck_assert_int_gt(json_array_size(data_of(&r)), 0);
	reply_free(&r);
	expect_error("/v1/actors/987654321/events", 404, "not_found");

	snprintf(path, sizeof path, "/v1/actors?article_id=%s&limit=100", ids[2]);
	r = expect(path, 200);
	int erdogan = 0;
	json_array_foreach(data_of(&r), i, a)
	{
		erdogan |= strstr(json_string_value(json_object_get(a, "name")), "Erdo") != NULL;
	}
	ck_assert(erdogan);
	reply_free(&r);
	r = expect("/v1/actors?country=USA", 200);
	reply_free(&r);
}
END_TEST

START_TEST(articles_filters)
{
	reply r = expect("/v1/articles?status=extracted&limit=500", 200);
	ck_assert_int_ge(json_array_size(data_of(&r)), 4);
	reply_free(&r);
	r = expect("/v1/articles?q=Baltic", 200);
	ck_assert_int_eq(json_array_size(data_of(&r)), 1);
	reply_free(&r);
	r = expect("/v1/articles?from=2025-04-01&to=2025-04-30", 200);
	ck_assert_int_eq(json_array_size(data_of(&r)), 1);
	reply_free(&r);
	r = expect("/v1/articles?source_id=424242", 200);
	ck_assert_int_eq(json_array_size(data_of(&r)), 0);
	reply_free(&r);
}
END_TEST

/* Walks a collection one item a page; every item once, none lost. */
static void walk_pages(const char *base, size_t total)
{
	char path[1024], cursor[512] = "";
	size_t seen = 0;
	json_int_t ids_seen[1024];
	for (int guard = 0; guard < 1000; guard++) {
		snprintf(path, sizeof path, "%s%slimit=2%s%s", base, strchr(base, '?') ? "&" : "?",
		         cursor[0] ? "&cursor=" : "", cursor);
		reply r = expect(path, 200);
		size_t i;
		json_t *it;
		json_array_foreach(data_of(&r), i, it)
		{
			json_int_t id = json_integer_value(json_object_get(it, "id"));
			for (size_t k = 0; k < seen; k++)
				ck_assert_msg(ids_seen[k] != id, "id %lld twice", (long long)id);
			ck_assert(seen < 1024);
			ids_seen[seen++] = id;
		}
		json_t *next = json_object_get(r.json, "next_cursor");
		if (json_is_null(next)) {
			reply_free(&r);
			break;
		}
		snprintf(cursor, sizeof cursor, "%s", json_string_value(next));
		reply_free(&r);
	}
	ck_assert_uint_eq(seen, total);
}

static size_t count_all(const char *path)
{
	reply r = expect(path, 200);
	size_t n = json_array_size(data_of(&r));
	ck_assert(json_is_null(json_object_get(r.json, "next_cursor")));
	reply_free(&r);
	return n;
}

START_TEST(paging)
{
	walk_pages("/v1/events", count_all("/v1/events?limit=500"));
	walk_pages("/v1/statements", count_all("/v1/statements?limit=500"));
	walk_pages("/v1/actors", count_all("/v1/actors?limit=500"));
	walk_pages("/v1/articles", count_all("/v1/articles?limit=500"));
	walk_pages("/v1/statements?kind=direct", count_all("/v1/statements?kind=direct&limit=500"));
}
END_TEST

START_TEST(bad_parameters)
{
	expect_error("/v1/events?limit=0", 400, "invalid_parameter");
	expect_error("/v1/events?limit=501", 400, "invalid_parameter");
	expect_error("/v1/events?limit=abc", 400, "invalid_parameter");
	expect_error("/v1/events?limit=-1", 400, "invalid_parameter");
	expect_error("/v1/events?from=2025-02-30", 400, "invalid_parameter");
	expect_error("/v1/events?to=yesterday", 400, "invalid_parameter");
	expect_error("/v1/events?colour=red", 400, "invalid_parameter");
	expect_error("/v1/events?cursor=not-a-cursor", 400, "invalid_parameter");
	expect_error("/v1/events?cursor=%27%3B%20DROP%20TABLE%20events", 400, "invalid_parameter");
	expect_error("/v1/events?article_id=0", 400, "invalid_parameter");
	expect_error("/v1/events?article_id=99999999999999999999", 400, "invalid_parameter");
	expect_error("/v1/events?q=", 400, "invalid_parameter");
	expect_error("/v1/events?q=%FF%FE", 400, "invalid_parameter");
	expect_error("/v1/actors?kind=alien", 400, "invalid_parameter");
	expect_error("/v1/statements?kind=sung", 400, "invalid_parameter");
	expect_error("/v1/articles?status=lost", 400, "invalid_parameter");
	expect_error("/v1/events/1?x=1", 400, "invalid_parameter");
	/* a word outside a vocabulary: the message says which words would do */
	reply e = expect("/v1/events?status=rumoured", 400);
	const char *msg =
	    json_string_value(json_object_get(json_object_get(e.json, "error"), "message"));
	ck_assert_msg(msg && strstr(msg, "occurred") && strstr(msg, "or denied"), "%s",
	              msg ? msg : e.body);
	reply_free(&e);
	/* Query text that would break naive SQL is just text. */
	reply r = expect("/v1/statements?q=%27%29%20OR%201%3D1%20--", 200);
	reply_free(&r);
	r = expect("/v1/actors?q=%25%25%25%27", 200);
	reply_free(&r);
}
END_TEST

START_TEST(routes_and_methods)
{
	expect_error("/v1/nothing", 404, "not_found");
	expect_error("/../etc/passwd", 404, "not_found");
	expect_error("/nothing.html", 404, "not_found");
	expect_error("/v1/events/999999999", 404, "not_found");
	reply r = client_send("DELETE", "/v1/events", NULL, 0, NULL);
	ck_assert_int_eq(r.status, 405);
	ck_assert(has_header(&r, "Allow: GET, HEAD"));
	ck_assert_str_eq(error_code(&r), "method_not_allowed");
	reply_free(&r);
	r = client_send("PUT", "/v1/articles", "{}", 2, NULL);
	ck_assert_int_eq(r.status, 405);
	ck_assert(has_header(&r, "Allow: GET, HEAD, POST"));
	reply_free(&r);
	r = client_send("HEAD", "/v1/events", NULL, 0, NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

static void expect_post(const char *body, const char *const *headers, long status, const char *code)
{
	reply r = client_send("POST", "/v1/articles", body, strlen(body), headers);
	ck_assert_msg(r.status == status, "POST %s: want %ld got %ld %s", body, status, r.status,
	              r.body ? r.body : "");
	ck_assert_str_eq(error_code(&r), code);
	reply_free(&r);
}

START_TEST(post_errors)
{
	const char *ok[] = {"Content-Type: application/json", client_key_header(), NULL};
	const char *nokey[] = {"Content-Type: application/json", NULL};
	const char *badkey[] = {"Content-Type: application/json", "Authorization: Bearer nope",
	                        NULL};
	const char *xml[] = {"Content-Type: text/xml", client_key_header(), NULL};
	const char *valid = "{\"url\":\"https://fixtures.example/x\",\"text\":\"Hello.\"}";
	expect_post(valid, nokey, 401, "unauthorized");
	expect_post(valid, badkey, 401, "unauthorized");
	expect_post(valid, xml, 415, "unsupported_media_type");
	expect_post("{\"url\": ", ok, 400, "invalid_json");
	expect_post("[1,2]", ok, 422, "invalid_body");
	expect_post("{\"text\":\"no url\"}", ok, 422, "invalid_body");
	expect_post("{\"url\":\"ftp://x.example/a\",\"text\":\"t\"}", ok, 422, "invalid_body");
	expect_post("{\"url\":\"https://x.example/a\",\"text\":5}", ok, 422, "invalid_body");
	expect_post("{\"url\":\"https://x.example/a\",\"text\":\"t\",\"colour\":1}", ok, 422,
	            "invalid_body");
	expect_post("{\"url\":\"https://x.example/a\",\"text\":\"t\",\"published_at\":\"soon\"}",
	            ok, 422, "invalid_body");
	expect_post("{\"url\":\"https://x.example/a\",\"text\":\"t\",\"html\":\"<p>t</p>\"}", ok,
	            422, "invalid_body");
	expect_post("{\"url\":\"https://x.example/a\",\"url\":\"https://x.example/b\"}", ok, 400,
	            "invalid_json");

	/* Over the body limit: 413, and the server keeps serving. */
	size_t big = (size_t)atol(getenv("PARLEY_TEST_MAX_BODY") ? getenv("PARLEY_TEST_MAX_BODY")
	                                                         : "1048576") +
	             10;
	char *huge = malloc(big + 1);
	memset(huge, 'a', big);
	huge[big] = '\0';
	expect_post(huge, ok, 413, "payload_too_large");
	free(huge);
	reply r = expect("/livez", 200);
	reply_free(&r);
}
END_TEST

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (seed())
		return 1;
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("e2e");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, health);
	tcase_add_test(tc, post_is_idempotent);
	tcase_add_test(tc, post_changed_text_reextracts);
	tcase_add_test(tc, article_detail);
	tcase_add_test(tc, statements_filters);
	tcase_add_test(tc, events_filters);
	tcase_add_test(tc, actors_filters);
	tcase_add_test(tc, articles_filters);
	tcase_add_test(tc, paging);
	tcase_add_test(tc, bad_parameters);
	tcase_add_test(tc, routes_and_methods);
	tcase_add_test(tc, post_errors);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
