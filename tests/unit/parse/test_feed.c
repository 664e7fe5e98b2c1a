/*
 * test_feed — RSS 2.0, RSS 1.0 (RDF) and Atom fixtures with their expected
 * items (links resolved against the feed URL, dates in UTC), invalid XML,
 * a non-feed XML document, and document sniffing.
 */
#include "fixture.h"
#include "parse/feed.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

typedef struct item_want {
	const char *link, *guid, *title, *date, *author, *summary;
} item_want;

typedef struct feed_case {
	const char *file, *base, *title, *link;
	size_t n;
	item_want items[3];
} feed_case;

static const feed_case feeds[] = {
    {"feeds/rss2.xml",
     "https://news.example.org/feeds/world.xml",
     "Harbour Gazette \xe2\x80\x93 World",
     "https://news.example.org/world/",
     2,
     {{"https://news.example.org/world/2025/03/river-treaty?utm_source=rss", "hg-2025-0314-01",
       "Ministers agree on river treaty talks", "2025-03-14T07:30:00Z", "Ines Moura",
       "The foreign ministers of Avalonia and Borduria met in Lisbon."},
      {"https://news.example.org/world/2025/03/envoy-visit",
       "https://news.example.org/world/2025/03/envoy-visit", "Envoy visits the capital",
       "2025-03-10T18:00:00Z", "desk@example.org (World desk)",
       "The special envoy arrived on Monday."}}},
    {"feeds/rdf.xml",
     "https://carnets.example.net/rss",
     "Carnets diplomatiques",
     "https://carnets.example.net/",
     1,
     {{"https://carnets.example.net/2025/02/geneve", "https://carnets.example.net/2025/02/geneve",
       "Le sommet de Gen\xc3\xa8ve s'ach\xc3\xa8ve sans accord", "2025-02-04T17:45:00Z",
       "Claire Dubois",
       "Les d\xc3\xa9l\xc3\xa9gations se sont s\xc3\xa9par\xc3\xa9"
       "es sans texte commun."}}},
    {"feeds/atom.xml",
     "https://nk.example.de/feeds/politik.atom",
     "Nordkurier Online: Politik",
     "https://nk.example.de/politik/",
     2,
     {{"https://nk.example.de/feeds/grenze/vertagt.html", "tag:nk.example.de,2024-11-02:grenze",
       "Grenzgespr\xc3\xa4"
       "che vertagt",
       "2024-11-02T18:10:00Z", "Jan Petersen",
       "Die Gespr\xc3\xa4"
       "che sind ohne Ergebnis vertagt worden."},
      {"https://nk.example.de/politik/dezember.html", "tag:nk.example.de,2024-11-03:dezember",
       "Staatssekret\xc3\xa4re treffen sich im Dezember", "2024-11-03T10:00:00Z", NULL,
       "Ein neues Treffen ist geplant."}}},
    /* a legacy encoding declared in the XML declaration */
    {"feeds/rss_cp1251.xml",
     "https://vestnik.example.ru/rss",
     "\xd0\x92\xd0\xb5\xd1\x81\xd1\x82\xd0\xbd\xd0\xb8\xd0\xba "
     "\xd0\xb4\xd0\xb8\xd0\xbf\xd0\xbb\xd0\xbe\xd0\xbc\xd0\xb0\xd1\x82\xd0\xb0",
     "https://vestnik.example.ru/",
     1,
     {{"https://vestnik.example.ru/news/2025/04/01/dogovor.html",
       "https://vestnik.example.ru/news/2025/04/01/dogovor.html",
       "\xd0\x9c\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd1\x80\xd1\x8b "
       "\xd0\xbe\xd0\xb1\xd1\x81\xd1\x83\xd0\xb4\xd0\xb8\xd0\xbb\xd0\xb8 "
       "\xd0\xb4\xd0\xbe\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80",
       "2025-04-01T09:00:00Z", NULL, NULL}}},
};

START_TEST(test_feed_fixture)
{
	const feed_case *c = &feeds[_i];
	size_t len;
	char *xml = fixture_read(c->file, &len);
	feed f;
	char *err = NULL;
	ck_assert_msg(feed_parse(xml, len, c->base, &f, &err) == 0, "%s: %s", c->file, err);
	ck_assert_str_or_null(f.title, c->title);
	ck_assert_str_or_null(f.link, c->link);
	ck_assert_uint_eq(f.n_items, c->n);
	for (size_t i = 0; i < c->n; i++) {
		const item_want *w = &c->items[i];
		const feed_item *g = &f.items[i];
		ck_assert_str_or_null(g->link, w->link);
		ck_assert_str_or_null(g->guid, w->guid);
		ck_assert_str_or_null(g->title, w->title);
		ck_assert_str_or_null(g->published_at, w->date);
		ck_assert_str_or_null(g->author, w->author);
		ck_assert_str_or_null(g->summary, w->summary);
	}
	feed_free(&f);
	free(xml);
}
END_TEST

static const struct {
	const char *file, *err;
} bad[] = {
    {"feeds/invalid.xml", "feed: invalid XML"},
    {"feeds/not_a_feed.xml", "feed: not an RSS, RDF or Atom document"},
    {"pages/plain.html", "feed: invalid XML"},
};

START_TEST(test_feed_rejects)
{
	size_t len;
	char *xml = fixture_read(bad[_i].file, &len);
	feed f;
	char *err = NULL;
	ck_assert_int_eq(feed_parse(xml, len, NULL, &f, &err), -1);
	ck_assert_str_eq(err, bad[_i].err);
	ck_assert_uint_eq(f.n_items, 0);
	free(err);
	free(xml);
}
END_TEST

static const struct {
	const char *body, *ctype;
	doc_kind want;
} sniffs[] = {
    {"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>", "text/xml", DOC_FEED},
    {"\xEF\xBB\xBF  <feed xmlns=\"http://www.w3.org/2005/Atom\"/>", NULL, DOC_FEED},
    {"<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"x\"></rdf:RDF>", NULL, DOC_FEED},
    {"<!DOCTYPE html><html><body>hi</body></html>", "text/html", DOC_HTML},
    {"<div>fragment</div>", NULL, DOC_HTML},
    {"Plain words, no markup.", "text/plain", DOC_TEXT},
    {"<catalog/>", "application/xml", DOC_UNKNOWN},
    {"", NULL, DOC_UNKNOWN},
};

START_TEST(test_doc_detect)
{
	ck_assert_int_eq(doc_detect(sniffs[_i].body, strlen(sniffs[_i].body), sniffs[_i].ctype),
	                 sniffs[_i].want);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("parse/feed");
	TCase *tc = tcase_create("feed");
	tcase_add_loop_test(tc, test_feed_fixture, 0, sizeof feeds / sizeof *feeds);
	tcase_add_loop_test(tc, test_feed_rejects, 0, sizeof bad / sizeof *bad);
	tcase_add_loop_test(tc, test_doc_detect, 0, sizeof sniffs / sizeof *sniffs);
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
