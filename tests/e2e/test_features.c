/*
 * End-to-end tests of the dashboard-facing API: aggregates, ETag/304,
 * gzip, CORS, CSV/NDJSON exports, /metrics, and the actor dictionary
 * endpoints (create, edit, merge), and issue 12's relevance and dates.  The harness starts the
 * server with PARLEY_CORS_ORIGINS=https://dash.example and has posted articles.
 */
#include "client.h"

#include <check.h>
#include <stdbool.h>

static reply get_with(const char *path, const char *h1, const char *h2)
{
	const char *hs[] = {h1, h2, NULL};
	return client_send("GET", path, NULL, 0, hs);
}

START_TEST(etag_round_trip)
{
	reply r = client_get("/v1/events?limit=5");
	ck_assert_int_eq(r.status, 200);
	char *etag = strcasestr(r.headers, "ETag: ");
	ck_assert_ptr_nonnull(etag);
	char tag[64];
	ck_assert_int_eq(sscanf(etag + 6, "%63s", tag), 1);
	ck_assert(has_header(&r, "Cache-Control: no-cache"));
	reply_free(&r);
	char inm[100];
	snprintf(inm, sizeof inm, "If-None-Match: %s", tag);
	r = get_with("/v1/events?limit=5", inm, NULL);
	ck_assert_int_eq(r.status, 304);
	ck_assert_uint_eq(r.len, 0);
	reply_free(&r);
	/* A different page is a different representation. */
	r = get_with("/v1/events?limit=4", inm, NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

START_TEST(gzip_when_accepted)
{
	reply r = get_with("/openapi.yaml", "Accept-Encoding: gzip, deflate", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert(has_header(&r, "Content-Encoding: gzip"));
	ck_assert(r.len > 2 && (unsigned char)r.body[0] == 0x1f &&
	          (unsigned char)r.body[1] == 0x8b);
	reply_free(&r);
	r = get_with("/openapi.yaml", "Accept-Encoding: gzip;q=0", NULL);
	ck_assert(!has_header(&r, "Content-Encoding: gzip"));
	reply_free(&r);
}
END_TEST

START_TEST(cors)
{
	const char *ok[] = {"Origin: https://dash.example", "Access-Control-Request-Method: GET",
	                    NULL};
	reply r = client_send("OPTIONS", "/v1/events", NULL, 0, ok);
	ck_assert_int_eq(r.status, 204);
	ck_assert(has_header(&r, "Access-Control-Allow-Origin: https://dash.example"));
	ck_assert(has_header(&r, "Access-Control-Allow-Methods: GET, HEAD"));
	ck_assert(!has_header(&r, "Access-Control-Allow-Origin: *"));
	reply_free(&r);
	const char *bad[] = {"Origin: https://evil.example", "Access-Control-Request-Method: GET",
	                     NULL};
	r = client_send("OPTIONS", "/v1/events", NULL, 0, bad);
	ck_assert_int_eq(r.status, 403);
	ck_assert(!has_header(&r, "Access-Control-Allow-Origin"));
	reply_free(&r);
	r = get_with("/v1/events", "Origin: https://dash.example", NULL);
	ck_assert(has_header(&r, "Access-Control-Allow-Origin: https://dash.example"));
	reply_free(&r);
	r = get_with("/v1/events", "Origin: https://evil.example", NULL);
	ck_assert(!has_header(&r, "Access-Control-Allow-Origin"));
	reply_free(&r);
}
END_TEST

/* Splits RFC 4180 CSV, counting records (quoted newlines stay inside). */
static int csv_records(const char *s, int *columns_first)
{
	int records = 0, cols = 1, quoted = 0;
	*columns_first = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			cols++;
		else if (!quoted && *p == '\n') {
			if (!records)
				*columns_first = cols;
			records++;
			cols = 1;
		}
	}
	return records;
}

START_TEST(exports)
{
	reply all = client_get("/v1/statements?limit=500");
	size_t n = json_array_size(json_object_get(all.json, "data"));
	reply_free(&all);
	reply r = client_get("/v1/statements?format=csv&limit=2");
	ck_assert_int_eq(r.status, 200);
	ck_assert(has_header(&r, "Content-Type: text/csv"));
	ck_assert(has_header(&r, "Content-Disposition: attachment"));
	ck_assert(!strncmp(r.body,
	                   "id,date,speaker.id,speaker.name,source_description,kind,cue,text", 64));
	int cols;
	ck_assert_int_eq(csv_records(r.body, &cols), (int)n + 1); /* limit is the page size */
	ck_assert_int_eq(cols, 14); /* ... event_id, sentence, offsets[] */
	reply_free(&r);
	r = get_with("/v1/events", "Accept: application/x-ndjson", NULL);
	ck_assert_int_eq(r.status, 200);
	int lines = 0;
	for (char *line = r.body; line && *line;) {
		char *nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		json_t *j = json_loadb(line, (size_t)(nl - line), 0, NULL);
		ck_assert_ptr_nonnull(j);
		json_decref(j);
		lines++;
		line = nl + 1;
	}
	ck_assert_int_gt(lines, 0);
	reply_free(&r);
	r = client_get("/v1/events?format=xml");
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
}
END_TEST

START_TEST(aggregates)
{
	reply r = client_get("/v1/stats/timeline?bucket=month&split=type");
	ck_assert_int_eq(r.status, 200);
	json_t *d = json_object_get(r.json, "data");
	ck_assert_int_gt(json_array_size(d), 0);
	json_t *b = json_array_get(d, 0);
	ck_assert(json_is_string(json_object_get(b, "bucket")));
	ck_assert(json_is_integer(json_object_get(b, "count")));
	ck_assert(json_is_object(json_object_get(b, "by_type")));
	reply_free(&r);
	r = client_get("/v1/stats/timeline?series=statements&bucket=day&speaker=Sergey%20Lavrov");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "series")), "statements");
	reply_free(&r);
	r = client_get("/v1/stats/timeline?bucket=year");
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
	r = client_get("/v1/network?from=2025-01-01&to=2025-12-31");
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_gt(json_array_size(json_object_get(r.json, "nodes")), 1);
	ck_assert_int_gt(json_array_size(json_object_get(r.json, "edges")), 0);
	reply_free(&r);
	r = client_get("/v1/network?min_weight=0");
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
	r = client_get("/v1/stats/summary?from=2025-01-01&to=2025-12-31");
	ck_assert_int_eq(r.status, 200);
	json_t *t = json_object_get(r.json, "totals");
	ck_assert_int_gt(json_integer_value(json_object_get(t, "articles")), 0);
	ck_assert_int_gt(json_array_size(json_object_get(r.json, "top_actors")), 0);
	ck_assert(json_is_false(json_object_get(r.json, "undated_included")));
	ck_assert(json_is_integer(json_object_get(json_object_get(r.json, "undated"), "events")));
	reply_free(&r);
}
END_TEST

/* Issue 15: nothing hidden (undated records counted and includable, no
 * default window), CAMEO roots, degree in the network. */
START_TEST(periods_and_undated)
{
	reply r = client_get("/v1/stats/summary");
	ck_assert_int_eq(r.status, 200);
	ck_assert(json_is_null(json_object_get(r.json, "from")));
	ck_assert(json_is_true(json_object_get(r.json, "undated_included")));
	json_int_t all_events =
	    json_integer_value(json_object_get(json_object_get(r.json, "totals"), "events"));
	json_int_t undated =
	    json_integer_value(json_object_get(json_object_get(r.json, "undated"), "events"));
	reply_free(&r);
	/* all time is every event, dated or not */
	r = client_get("/v1/events?limit=500");
	ck_assert_int_eq((json_int_t)json_array_size(json_object_get(r.json, "data")), all_events);
	reply_free(&r);
	r = client_get("/v1/events?undated=only&limit=500");
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq((json_int_t)json_array_size(json_object_get(r.json, "data")), undated);
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r.json, "data"), i, e)
	{
		ck_assert(json_is_null(json_object_get(e, "date")));
	}
	reply_free(&r);
	r = client_get("/v1/events?from=2025-01-01&limit=500");
	size_t dated = json_array_size(json_object_get(r.json, "data"));
	reply_free(&r);
	r = client_get("/v1/events?from=2025-01-01&undated=include&limit=500");
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq((json_int_t)json_array_size(json_object_get(r.json, "data")),
	                 (json_int_t)dated + undated);
	reply_free(&r);
	r = client_get("/v1/stats/timeline?from=2025-01-01");
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "undated")), undated);
	reply_free(&r);
	r = client_get("/v1/events?undated=sometimes");
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
	r = client_get("/v1/stats/summary?undated=sometimes");
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
	/* a CAMEO root: 04 is every consultation (meet, visit, call, talks) */
	r = client_get("/v1/events?type=04&limit=500");
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_gt(json_array_size(json_object_get(r.json, "data")), 0);
	json_array_foreach(json_object_get(r.json, "data"), i, e)
	{
		ck_assert(!strncmp(json_string_value(json_object_get(e, "cameo_code")), "04", 2));
	}
	reply_free(&r);
	/* the network covers all time and ranks can use degree */
	r = client_get("/v1/network");
	ck_assert_int_eq(r.status, 200);
	ck_assert(json_is_null(json_object_get(r.json, "from")));
	json_t *n = json_array_get(json_object_get(r.json, "nodes"), 0);
	ck_assert_int_gt(json_integer_value(json_object_get(n, "degree")), 0);
	ck_assert_int_ge(json_integer_value(json_object_get(n, "weighted_degree")),
	                 json_integer_value(json_object_get(n, "degree")));
	reply_free(&r);
}
END_TEST

/* Issue 15: QuadClass and Goldstein on every event; a dyad's timeline. */
START_TEST(relations)
{
	reply r = client_get("/v1/events?limit=500");
	ck_assert_int_eq(r.status, 200);
	json_int_t a = 0, b = 0;
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r.json, "data"), i, e)
	{
		json_t *q = json_object_get(e, "quad_class");
		if (json_is_string(json_object_get(e, "cameo_code"))) {
			ck_assert(json_integer_value(q) >= 1 && json_integer_value(q) <= 4);
			ck_assert(json_is_number(json_object_get(e, "goldstein")));
		}
		json_t *parts = json_object_get(e, "participants");
		if (!a && json_array_size(parts) >= 2) {
			a = json_integer_value(
			    json_object_get(json_array_get(parts, 0), "actor_id"));
			b = json_integer_value(
			    json_object_get(json_array_get(parts, 1), "actor_id"));
		}
	}
	reply_free(&r);
	ck_assert_int_gt(a, 0);
	char path[160];
	snprintf(path, sizeof path, "/v1/stats/relations?a=%lld&b=%lld", (long long)a,
	         (long long)b);
	r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	json_int_t events = json_integer_value(json_object_get(r.json, "events"));
	ck_assert_int_gt(events, 0);
	json_int_t sum = json_integer_value(json_object_get(r.json, "undated"));
	json_array_foreach(json_object_get(r.json, "data"), i, e)
	{
		sum += json_integer_value(json_object_get(e, "events"));
	}
	ck_assert_int_eq(sum, events);
	reply_free(&r);
	/* the events behind the curve */
	snprintf(path, sizeof path, "/v1/events?actor=%lld&with=%lld&limit=500", (long long)a,
	         (long long)b);
	r = client_get(path);
	ck_assert_int_eq((json_int_t)json_array_size(json_object_get(r.json, "data")), events);
	reply_free(&r);
	/* Side B a country (ISO alpha-3): every actor of it, a person of that
	 * country included, on the curve and in the events listed under it. */
	char country[8] = "";
	json_int_t x = 0;
	r = client_get("/v1/events?limit=500");
	json_array_foreach(json_object_get(r.json, "data"), i, e)
	{
		json_t *parts = json_object_get(e, "participants");
		json_t *p0 = json_array_get(parts, 0), *p1 = json_array_get(parts, 1);
		if (country[0] || !p1 ||
		    strcmp(json_string_value(json_object_get(p1, "kind")), "person"))
			continue;
		snprintf(path, sizeof path, "/v1/actors/%lld",
		         (long long)json_integer_value(json_object_get(p1, "actor_id")));
		reply act = client_get(path);
		const char *cc = json_string_value(json_object_get(act.json, "country"));
		/* side A from another country: relations count B's actors other
		 * than A, the listing every event of A's with one of B's */
		snprintf(path, sizeof path, "/v1/actors/%lld",
		         (long long)json_integer_value(json_object_get(p0, "actor_id")));
		reply own = client_get(path);
		const char *oc = json_string_value(json_object_get(own.json, "country"));
		if (cc && strlen(cc) == 3 && !(oc && !strcmp(oc, cc))) {
			snprintf(country, sizeof country, "%s", cc);
			x = json_integer_value(json_object_get(p0, "actor_id"));
		}
		reply_free(&own);
		reply_free(&act);
	}
	reply_free(&r);
	ck_assert_msg(country[0],
	              "no event with a person of a known country as second participant");
	snprintf(path, sizeof path, "/v1/stats/relations?a=%lld&b=%s", (long long)x, country);
	r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	events = json_integer_value(json_object_get(r.json, "events"));
	ck_assert_int_gt(events, 0);
	reply_free(&r);
	snprintf(path, sizeof path, "/v1/events?actor=%lld&with=%s&limit=500", (long long)x,
	         country);
	r = client_get(path);
	ck_assert_int_eq((json_int_t)json_array_size(json_object_get(r.json, "data")), events);
	reply_free(&r);
	r = client_get("/v1/events?quad_class=1&limit=500");
	ck_assert_int_eq(r.status, 200);
	json_array_foreach(json_object_get(r.json, "data"), i, e)
	{
		ck_assert_int_eq(json_integer_value(json_object_get(e, "quad_class")), 1);
	}
	reply_free(&r);
	r = client_get("/v1/events?quad_class=5");
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
	/* events per place add up to the events with a place */
	r = client_get("/v1/stats/places");
	ck_assert_int_eq(r.status, 200);
	json_t *first = json_array_get(json_object_get(r.json, "data"), 0);
	ck_assert_ptr_nonnull(first);
	char where[200];
	snprintf(where, sizeof where, "/v1/events?location=%s&limit=500",
	         json_string_value(json_object_get(first, "country")));
	json_int_t in_country = 0;
	size_t located = 0;
	json_array_foreach(json_object_get(r.json, "data"), i, e)
	{
		if (json_equal(json_object_get(e, "country"), json_object_get(first, "country")))
			in_country += json_integer_value(json_object_get(e, "count"));
		/* a named place carries the gazetteer's point; no name, no point */
		json_t *lat = json_object_get(e, "lat"), *lon = json_object_get(e, "lon");
		if (json_is_string(json_object_get(e, "name"))) {
			ck_assert(json_is_real(lat) && json_is_real(lon));
			double la = json_real_value(lat), lo = json_real_value(lon);
			ck_assert(la >= -90 && la <= 90 && lo >= -180 && lo <= 180);
			located++;
		} else {
			ck_assert(json_is_null(lat) && json_is_null(lon));
		}
	}
	ck_assert_uint_gt(located, 0);
	reply_free(&r);
	r = client_get(where);
	ck_assert_int_eq((json_int_t)json_array_size(json_object_get(r.json, "data")), in_country);
	reply_free(&r);
	r = client_get("/v1/stats/places?limit=5");
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
	r = client_get("/v1/stats/relations?a=1");
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
}
END_TEST

START_TEST(metrics)
{
	reply r = client_get("/metrics");
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "parley_http_requests_total{method=\"GET\""));
	ck_assert_ptr_nonnull(strstr(r.body, "parley_http_request_duration_seconds_bucket"));
	ck_assert_ptr_nonnull(strstr(r.body, "parley_db_pool_size"));
	ck_assert_ptr_nonnull(strstr(r.body, "parley_queue_depth{kind=\"articles\"}"));
	ck_assert_ptr_nonnull(strstr(r.body, "parley_extracted{kind=\"statements\"}"));
	reply_free(&r);
}
END_TEST

static json_int_t create_actor(const char *body, long want)
{
	reply r = client_post_json("/v1/actors", body);
	ck_assert_msg(r.status == want, "POST /v1/actors %s: %ld %s", body, r.status, r.body);
	json_int_t id = json_integer_value(json_object_get(r.json, "id"));
	reply_free(&r);
	return id;
}

START_TEST(actor_dictionary)
{
	json_int_t a = create_actor("{\"name\":\"Ingrid Vestergaard\",\"kind\":\"person\","
	                            "\"title\":\"Foreign Minister\",\"country\":\"dnk\","
	                            "\"aliases\":[\"Vestergaard\"]}",
	                            201);
	create_actor("{\"name\":\"Ingrid Vestergaard\",\"kind\":\"person\"}", 409);
	create_actor("{\"name\":\"X\",\"kind\":\"planet\"}", 422);
	create_actor("{\"kind\":\"person\"}", 422);
	create_actor("{\"name\":\"Y\",\"kind\":\"person\",\"aliases\":[1]}", 422);
	json_int_t b = create_actor("{\"name\":\"I. Vestergaard\",\"kind\":\"person\"}", 201);

	char path[128], body[256];
	snprintf(path, sizeof path, "/v1/actors/%lld", (long long)a);
	const char *hs[] = {"Content-Type: application/json", client_key_header(), NULL};
	const char *patch = "{\"aliases\":[\"Vestergaard\",\"Minister Vestergaard\"]}";
	reply r = client_send("PATCH", path, patch, strlen(patch), hs);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_array_size(json_object_get(r.json, "aliases")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(r.json, "country")), "DNK");
	reply_free(&r);
	r = client_send("PATCH", "/v1/actors/999999999", patch, strlen(patch), hs);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);

	/* The dictionary now knows her: a new article names her by alias. */
	reply p = client_post_json(
	    "/v1/articles",
	    "{\"url\":\"https://fixtures.example/vestergaard\",\"published_at\":\"2025-07-01\","
	    "\"text\":\"\\\"We will keep the door open,\\\" Minister Vestergaard said on Tuesday "
	    "after the talks in Oslo.\"}");
	ck_assert_int_eq(p.status, 201);
	reply_free(&p);
	r = client_get("/v1/statements?speaker=Ingrid%20Vestergaard");
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_ge(json_array_size(json_object_get(r.json, "data")), 1);
	reply_free(&r);

	snprintf(path, sizeof path, "/v1/actors/%lld/merge", (long long)b);
	snprintf(body, sizeof body, "{\"into\":%lld}", (long long)a);
	r = client_post_json(path, body);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_integer_value(json_object_get(r.json, "id")), a);
	reply_free(&r);
	r = client_post_json(path, body); /* already merged */
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
	snprintf(body, sizeof body, "{\"into\":%lld}", (long long)a);
	snprintf(path, sizeof path, "/v1/actors/%lld/merge", (long long)a);
	r = client_post_json(path, body);
	ck_assert_int_eq(r.status, 422);
	reply_free(&r);
	r = client_get("/v1/actors?q=I.%20Vestergaard");
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(r.json, "data"), i, it)
	{
		ck_assert_int_ne(json_integer_value(json_object_get(it, "id")), b);
	}
	reply_free(&r);
}
END_TEST

/* Issue 12: an off-topic article (a match report we wrote) is stored marked,
 * and what only it reports stays out of lists, exports and aggregates unless
 * asked for (?relevance=all or off_topic, or its article_id); an article
 * posted without a date gets one from its URL or its text, and says where
 * it came from. */
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

/* The page cache (db/page_cache.h) is exact: a cached list page is served
 * only while no transaction committed since it was read, so a write shows
 * in the very next GET — a new article's statement, then its speaker's new
 * name — however often the page was read before. */
static const char fjord[] =
    "OSLO, March 3, 2025 - Norway and Iceland agreed to resume the fjordbridge talks.\n\n"
    "\"The fjordbridge talks will resume next week in Reykjavik,\" Foreign Minister Halvard "
    "Strandberg said on Monday.\n";

static const char *first_speaker_name(const char *path, json_int_t *id)
{
	static char name[128];
	reply r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	json_t *sp = json_object_get(json_array_get(json_object_get(r.json, "data"), 0), "speaker");
	ck_assert_msg(json_is_object(sp), "%s: no speaker in %s", path, r.body);
	snprintf(name, sizeof name, "%s", json_string_value(json_object_get(sp, "name")));
	*id = json_integer_value(json_object_get(sp, "id"));
	reply_free(&r);
	return name;
}

START_TEST(list_cache_follows_writes)
{
	const char *q = "/v1/statements?q=fjordbridge";
	for (int i = 0; i < 3; i++)
		ck_assert_uint_eq(count_of(q), 0);
	post_text("https://fixtures.example/world/2025/03/03/fjordbridge", fjord);
	ck_assert_uint_ge(count_of(q), 1);
	ck_assert_uint_ge(count_of(q), 1);
	json_int_t id;
	ck_assert_ptr_nonnull(strstr(first_speaker_name(q, &id), "Strandberg"));
	char path[64];
	snprintf(path, sizeof path, "/v1/actors/%lld", (long long)id);
	const char *hs[] = {"Content-Type: application/json", client_key_header(), NULL};
	const char *patch = "{\"name\":\"Halvard Strandberg-Lie\"}";
	reply r = client_send("PATCH", path, patch, strlen(patch), hs);
	ck_assert_msg(r.status == 200, "PATCH %s: %ld %s", path, r.status, r.body);
	reply_free(&r);
	ck_assert_str_eq(first_speaker_name(q, &id), "Halvard Strandberg-Lie");
}
END_TEST

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

/* "a spokeswoman for the ministry said": no speaker, but the statement
 * keeps the description, in its document, the article's detail and the
 * CSV export; a named speaker's statement has none. */
START_TEST(unnamed_source_described)
{
	json_int_t id = post_text(
	    "https://fixtures.example/world/harbor-ministry",
	    "Minister Olga Tamsin visited the harbor on Monday.\n\n"
	    "\"The ministry has no plans to change the harbor rules this year,\" a spokeswoman "
	    "for the ministry said.\n\n"
	    "\"We will keep the harbor open to every ship,\" Tamsin said after the visit.");
	char path[128];
	snprintf(path, sizeof path, "/v1/statements?article_id=%lld", (long long)id);
	reply r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	json_t *data = json_object_get(r.json, "data"), *st;
	size_t i, described = 0, named = 0;
	json_array_foreach(data, i, st)
	{
		json_t *d = json_object_get(st, "source_description");
		ck_assert_msg(d != NULL, "source_description missing");
		if (json_is_string(d)) {
			ck_assert_str_eq(json_string_value(d), "a spokeswoman for the ministry");
			ck_assert(json_is_null(json_object_get(st, "speaker")));
			described++;
		} else if (json_is_object(json_object_get(st, "speaker"))) {
			named++;
		}
	}
	ck_assert_uint_eq(described, 1);
	ck_assert_uint_ge(named, 1);
	reply_free(&r);

	snprintf(path, sizeof path, "/v1/articles/%lld", (long long)id);
	r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	described = 0;
	json_array_foreach(json_object_get(r.json, "statements"), i, st) described +=
	    json_is_string(json_object_get(st, "source_description"));
	ck_assert_uint_eq(described, 1);
	reply_free(&r);

	snprintf(path, sizeof path, "/v1/statements?article_id=%lld&format=csv", (long long)id);
	r = client_get(path);
	ck_assert_int_eq(r.status, 200);
	ck_assert(!strncmp(r.body, "id,date,speaker.id,speaker.name,source_description,kind", 55));
	ck_assert_ptr_nonnull(strstr(r.body, "a spokeswoman for the ministry"));
	reply_free(&r);
}
END_TEST

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	Suite *s = suite_create("features");
	TCase *tc = tcase_create("e2e");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, etag_round_trip);
	tcase_add_test(tc, gzip_when_accepted);
	tcase_add_test(tc, cors);
	tcase_add_test(tc, exports);
	tcase_add_test(tc, aggregates);
	tcase_add_test(tc, periods_and_undated);
	tcase_add_test(tc, relations);
	tcase_add_test(tc, metrics);
	tcase_add_test(tc, actor_dictionary);
	tcase_add_test(tc, off_topic_marked_and_hidden);
	tcase_add_test(tc, list_cache_follows_writes);
	tcase_add_test(tc, dates_without_published_at);
	tcase_add_test(tc, unnamed_source_described);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
