/*
 * test_url — canonicalisation and resolution tables.
 */
#include "fixture.h"
#include "parse/url.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *in, *want;
} canon[] = {
    {"HTTPS://News.Example.ORG/World/Story", "https://news.example.org/World/Story"},
    {"http://example.org:80/a", "http://example.org/a"},
    {"https://example.org:443/a", "https://example.org/a"},
    {"https://example.org:8443/a", "https://example.org:8443/a"},
    {"http://example.org:443/a", "http://example.org:443/a"},
    {"https://example.org", "https://example.org/"},
    {"https://example.org?x=1", "https://example.org/?x=1"},
    {"https://example.org/a#section-2", "https://example.org/a"},
    {"https://example.org/a?utm_source=tw&utm_medium=social&id=5&fbclid=AbC",
     "https://example.org/a?id=5"},
    {"https://example.org/a?gclid=1&UTM_Campaign=x", "https://example.org/a"},
    {"https://example.org/a?page=2&msclkid=9&q=talks#c", "https://example.org/a?page=2&q=talks"},
    {"  https://example.org./a  ", "https://example.org/a"},
    {"https://user@Example.org/a", "https://user@example.org/a"},
    {"file:///srv/pages/a.html", "file:///srv/pages/a.html"},
    {"ftp://example.org/a", NULL},
    {"/relative/path", NULL},
    {"mailto:desk@example.org", NULL},
    {"https://", NULL},
    {NULL, NULL},
};

START_TEST(test_canonical)
{
	char *got = url_canonical(canon[_i].in);
	ck_assert_str_or_null(got, canon[_i].want);
	free(got);
}
END_TEST

static const struct {
	const char *base, *ref, *want;
} resolve[] = {
    {"https://example.org/world/2025/story.html", "other.html",
     "https://example.org/world/2025/other.html"},
    {"https://example.org/world/2025/story.html", "/politics/", "https://example.org/politics/"},
    {"https://example.org/world/2025/story.html", "../index.html",
     "https://example.org/world/index.html"},
    {"https://example.org/world/", "//cdn.example.net/x.js", "https://cdn.example.net/x.js"},
    {"https://example.org/a", "https://other.example/b", "https://other.example/b"},
    {"https://example.org/a?x=1", "?page=2", "https://example.org/a?page=2"},
    {"https://example.org/a", "  b \n", "https://example.org/b"},
    {NULL, "https://example.org/only", "https://example.org/only"},
    {"https://example.org/a", NULL, NULL},
};

START_TEST(test_resolve)
{
	char *got = url_resolve(resolve[_i].base, resolve[_i].ref);
	ck_assert_str_or_null(got, resolve[_i].want);
	free(got);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("parse/url");
	TCase *tc = tcase_create("url");
	tcase_add_loop_test(tc, test_canonical, 0, sizeof canon / sizeof *canon);
	tcase_add_loop_test(tc, test_resolve, 0, sizeof resolve / sizeof *resolve);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
