/* robots: group choice, longest match, wildcards, Crawl-delay, the cache;
 * table-driven, with robots.txt texts we wrote. */
#include "check_main.h"
#include "ingest/robots.h"

#include <stdio.h>
#include <string.h>

static const char site[] = "# example robots.txt\n"
                           "User-agent: *\n"
                           "Disallow: /private/\n"
                           "Disallow: /*.pdf$\n"
                           "Allow: /private/press/\n"
                           "Crawl-delay: 2\n"
                           "\n"
                           "User-agent: OtherBot\n"
                           "User-agent: parley   # us, in lower case\n"
                           "Disallow: /drafts\n"
                           "Allow: /drafts/public\n"
                           "Disallow: /search*q=\n"
                           "Crawl-delay: 0.5\n"
                           "\n"
                           "Sitemap: https://news.example/sitemap.xml\n";

static const struct {
	const char *text, *token, *path;
	int allowed;
} cases[] = {
    /* our own group wins over '*': /private/ is not closed to us */
    {site, "Parley", "/private/x.html", 1},
    {site, "Parley", "/drafts", 0},
    {site, "Parley", "/drafts/2025/a.html", 0},
    {site, "Parley", "/drafts/public/a.html", 1}, /* the longer Allow */
    {site, "Parley", "/search?q=ceasefire", 0},   /* a '*' inside */
    {site, "Parley", "/searching", 1},
    {site, "Parley", "/robots.txt", 1},
    /* another crawler gets the '*' group */
    {site, "Crawler", "/private/x.html", 0},
    {site, "Crawler", "/private/press/a.html", 1},
    {site, "Crawler", "/files/a.pdf", 0}, /* '$' anchors the end */
    {site, "Crawler", "/files/a.pdf?x=1", 1},
    {site, "Crawler", "/drafts", 1},
    /* no group at all, empty rules, odd lines */
    {"User-agent: SomeoneElse\nDisallow: /\n", "Parley", "/a", 1},
    {"User-agent: *\nDisallow:\n", "Parley", "/a", 1},
    {"User-agent: *\nDisallow: /\n", "Parley", "/", 0},
    {"User-agent: *\nDisallow: /\nAllow: /$\n", "Parley", "/", 1},
    {"User-agent: *\nDisallow: /\nAllow: /$\n", "Parley", "/a", 0},
    {"garbage\n\x01\x02 no colon\nUser-agent: *\r\nDisallow: /x\r\n", "Parley", "/x/y", 0},
    {"User-agent: *\nAllow: /a\nDisallow: /a\n", "Parley", "/a", 1}, /* a tie: Allow */
    {"User-agent: *\nDisallow: /a*b*c*d*e*f*g*h*z\n", "Parley",
     "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1},
};

START_TEST(path_rules)
{
	robots *r = robots_parse(cases[_i].text, strlen(cases[_i].text), cases[_i].token);
	ck_assert_msg(robots_allowed(r, cases[_i].path) == cases[_i].allowed, "%s as %s: want %d",
	              cases[_i].path, cases[_i].token, cases[_i].allowed);
	robots_free(r);
}
END_TEST

START_TEST(crawl_delay)
{
	robots *us = robots_parse(site, strlen(site), "Parley");
	ck_assert_int_eq(robots_delay_ms(us), 500);
	robots_free(us);
	robots *them = robots_parse(site, strlen(site), "Crawler");
	ck_assert_int_eq(robots_delay_ms(them), 2000);
	robots_free(them);
	const char *slow = "User-agent: *\nCrawl-delay: 86400\n";
	robots *capped = robots_parse(slow, strlen(slow), "Parley");
	ck_assert_int_eq(robots_delay_ms(capped), ROBOTS_MAX_DELAY_MS);
	robots_free(capped);
}
END_TEST

START_TEST(token_and_all)
{
	char t[32];
	robots_token("Parley/0.2.0 (+https://example.org/bot)", t, sizeof t);
	ck_assert_str_eq(t, "Parley");
	robots_token("x", t, sizeof t);
	ck_assert_str_eq(t, "x");
	robots *yes = robots_all(1), *no = robots_all(0), *gone = robots_unreachable();
	ck_assert(!robots_allowed(gone, "/a"));
	robots_free(gone);
	ck_assert(robots_allowed(yes, "/a"));
	ck_assert(!robots_allowed(no, "/a"));
	robots_free(yes);
	robots_free(no);
}
END_TEST

START_TEST(cache)
{
	int allowed = -1, delay = -1;
	ck_assert(!robots_cache_get("http://c.example:80", "/a", 100, &allowed, &delay));
	const char *text = "User-agent: *\nDisallow: /a\nCrawl-delay: 1\n";
	robots_cache_put("http://c.example:80", robots_parse(text, strlen(text), "Parley"), 100,
	                 60);
	ck_assert(robots_cache_get("http://c.example:80", "/a", 120, &allowed, &delay));
	ck_assert_int_eq(allowed, 0);
	ck_assert_int_eq(delay, 1000);
	ck_assert(robots_cache_get("http://c.example:80", "/b", 120, &allowed, &delay));
	ck_assert_int_eq(allowed, 1);
	ck_assert(
	    !robots_cache_get("http://c.example:80", "/a", 161, &allowed, &delay)); /* stale */
	ck_assert(!robots_cache_get("http://d.example:80", "/a", 120, &allowed, &delay));
	robots_cache_put("http://e.example:80", robots_unreachable(), 100, 60);
	ck_assert(robots_cache_get("http://e.example:80", "/a", 120, &allowed, &delay));
	ck_assert_int_eq(allowed, -1);
	/* many sites: bounded, the newest kept */
	for (int i = 0; i < 1000; i++) {
		char key[64];
		snprintf(key, sizeof key, "http://s%d.example:80", i);
		robots_cache_put(key, robots_all(i % 2), 200 + i, 60);
	}
	ck_assert(robots_cache_get("http://s999.example:80", "/", 1200, &allowed, &delay));
	ck_assert_int_eq(allowed, 1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("robots");
	TCase *tc = tcase_create("robots");
	tcase_add_loop_test(tc, path_rules, 0, sizeof cases / sizeof *cases);
	tcase_add_test(tc, crawl_delay);
	tcase_add_test(tc, token_and_all);
	tcase_add_test(tc, cache);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
