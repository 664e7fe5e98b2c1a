/*
 * test_html — article extraction on our own fixture pages, which carry the
 * furniture real news pages have (nav, cookie banner, share bar, captions,
 * related links, ads, comments, JSON-LD, meta tags).  Each row states the
 * exact expected metadata and main text, so any furniture leaking in or
 * any paragraph lost fails the row.
 */
#include "fixture.h"
#include "parse/html.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

typedef struct page_case {
	const char *file, *base_url;
	const char *title, *author, *date, *site, *canonical, *lang;
	const char *text;
} page_case;

static const page_case pages[] = {
    {"pages/summit.html", "https://news.example.org/world/2025/03/river-treaty",
     "Ministers agree on river treaty talks", "Ines Moura", "2025-03-14T07:30:00Z",
     "The Harbour Gazette", "https://news.example.org/world/2025/03/river-treaty?id=7", "en-GB",
     "The foreign ministers of Avalonia and Borduria met in Lisbon on Friday and agreed to open "
     "formal talks on sharing the waters of the Sava river, ending a dispute that has lasted "
     "more than a decade.\n\n"
     "\xe2\x80\x9cWe have chosen to talk rather than to wait,\xe2\x80\x9d Avalonia's foreign "
     "minister, Marta Keller, told reporters after the three-hour meeting, adding that the "
     "first round would take place in April.\n\n"
     "Her Bordurian counterpart, Pavel Orlov, said the agreement covered fishing rights, flood "
     "control and the dams planned upstream, and that both governments would publish the draft "
     "terms.\n\n"
     "A long dispute\n\n"
     "The river, which forms part of the border between the two countries, has been the "
     "subject of repeated complaints to regional bodies since 2012, when Borduria began "
     "building the first of three dams.\n\n"
     "Diplomats in Lisbon said Portugal had offered to host every round of the talks, and that "
     "observers from the river commission would attend."},
    {"pages/blog.html", "http://carnets.example.net/2025/02/04/geneve/",
     "Le sommet de Gen\xc3\xa8ve s'ach\xc3\xa8ve sans accord", "Claire Dubois",
     "2025-02-04T17:45:00Z", NULL, "http://carnets.example.net/2025/02/04/geneve/", "fr",
     "Les d\xc3\xa9l\xc3\xa9gations r\xc3\xa9unies \xc3\xa0 Gen\xc3\xa8ve depuis lundi se sont "
     "s\xc3\xa9par\xc3\xa9"
     "es mardi soir sans texte commun, apr\xc3\xa8s deux jours de discussions sur le "
     "contr\xc3\xb4le des exportations d'armes l\xc3\xa9g\xc3\xa8res.\n\n"
     "Selon un diplomate pr\xc3\xa9sent, les positions se sont rapproch\xc3\xa9"
     "es sur la tra\xc3\xa7"
     "abilit\xc3\xa9, mais pas sur les sanctions, que plusieurs pays jugent "
     "pr\xc3\xa9matur\xc3\xa9"
     "es.\n\n"
     "Le pr\xc3\xa9sident de la conf\xc3\xa9rence a annonc\xc3\xa9 une nouvelle session en "
     "juin, \xc2\xab avec l'espoir de conclure \xc2\xbb, a-t-il d\xc3\xa9"
     "clar\xc3\xa9 devant la presse."},
    {"pages/plain.html", "https://gov.example.com/news/2025/01/20/envoy",
     "Envoy visits the capital", NULL, "2025-01-20", NULL,
     "https://gov.example.com/news/2025/01/20/envoy", NULL,
     "The special envoy arrived in the capital on Monday for two days of meetings with the "
     "president and the speaker of parliament, the foreign ministry said in a statement.\n\n"
     "It is the envoy's first visit since her appointment in January."},
    {"pages/table_layout.html", NULL,
     "Grenzgespr\xc3\xa4"
     "che vertagt",
     NULL, "2024-11-02", "Nordkurier Online", NULL, "de",
     "Die Gespr\xc3\xa4"
     "che \xc3\xbc"
     "ber den Grenzverlauf am See sind am Freitag ohne Ergebnis vertagt worden, teilte das "
     "Au\xc3\x9f"
     "enministerium am Abend mit.\n\n"
     "Beide Seiten wollen sich nach Angaben von Diplomaten im Dezember erneut treffen, dann auf "
     "Ebene der Staatssekret\xc3\xa4re und mit Vermittlern der Kommission."},
    /* the article wrapper's class says "ad": the guarded retry keeps it, and
     * the comments inside it still go */
    {"pages/wrapper_hint.html", NULL, "Envoys trade proposals on prisoner swap", NULL,
     "2025-05-06T16:00:00Z", NULL, NULL, "en",
     "Envoys from the two governments exchanged written proposals for a prisoner exchange on "
     "Tuesday, the first direct contact between them since the border incident in February.\n\n"
     "The proposals, handed over at a neutral embassy, cover eleven detainees held on each side, "
     "according to a statement from the mediating country's foreign ministry.\n\n"
     "Neither side published its list, but officials said the names of two journalists and a "
     "retired diplomat were on both.\n\n"
     "A second meeting is expected within a fortnight, once each government has studied the "
     "other's draft."},
};

START_TEST(test_fixture_page)
{
	const page_case *c = &pages[_i];
	size_t len;
	char *html = fixture_read(c->file, &len);
	html_article a;
	char *err = NULL;
	ck_assert_int_eq(html_article_extract(html, len, c->base_url, &a, &err), 0);
	ck_assert_str_or_null(a.title, c->title);
	ck_assert_str_or_null(a.author, c->author);
	ck_assert_str_or_null(a.published_at, c->date);
	ck_assert_str_or_null(a.site_name, c->site);
	ck_assert_str_or_null(a.canonical_url, c->canonical);
	ck_assert_str_or_null(a.language, c->lang);
	ck_assert_str_or_null(a.text, c->text);
	html_article_free(&a);
	free(html);
}
END_TEST

/* Small inline documents for the edges of the metadata rules. */
typedef struct meta_case {
	const char *html, *base_url;
	const char *title, *author, *date, *site, *canonical;
} meta_case;

static const meta_case metas[] = {
    /* <title> suffix naming the site goes, even without og:site_name */
    {"<title>Talks resume in Doha | Gulf Wire</title><p>x</p>", NULL, "Talks resume in Doha", NULL,
     NULL, NULL, NULL},
    /* JSON-LD author as a plain string; date with an offset -> UTC */
    {"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\","
     "\"author\":\"Ana Ruiz\",\"datePublished\":\"2024-06-01T23:30:00-02:00\","
     "\"publisher\":{\"name\":\"Wire\"}}</script><p>x</p>",
     NULL, "H", "Ana Ruiz", "2024-06-02T01:30:00Z", "Wire", NULL},
    /* a profile URL is not an author name; meta name=author wins after it */
    {"<meta property=\"article:author\" content=\"https://x.example/u/1\"><meta name=\"author\" "
     "content=\"By Lee Chan\"><h1>T</h1>",
     NULL, "T", "Lee Chan", NULL, NULL, NULL},
    /* relative canonical resolved against the page URL, tracking removed */
    {"<link rel=\"canonical\" href=\"/a/b?fbclid=1\"><h1>T</h1>", "https://Site.example/x/y", "T",
     NULL, NULL, NULL, "https://site.example/a/b"},
    /* <time datetime> when no meta date exists; broken JSON-LD is ignored */
    {"<script type=\"application/ld+json\">{broken</script><h1>T</h1>"
     "<time datetime=\"2023-12-31\">New Year's Eve</time>",
     NULL, "T", NULL, "2023-12-31", NULL, NULL},
};

START_TEST(test_meta_rules)
{
	const meta_case *c = &metas[_i];
	html_article a;
	char *err = NULL;
	ck_assert_int_eq(html_article_extract(c->html, strlen(c->html), c->base_url, &a, &err), 0);
	ck_assert_str_or_null(a.title, c->title);
	ck_assert_str_or_null(a.author, c->author);
	ck_assert_str_or_null(a.published_at, c->date);
	ck_assert_str_or_null(a.site_name, c->site);
	ck_assert_str_or_null(a.canonical_url, c->canonical);
	html_article_free(&a);
}
END_TEST

START_TEST(test_empty_and_text_only)
{
	html_article a;
	char *err = NULL;
	ck_assert_int_eq(html_article_extract("", 0, NULL, &a, &err), 0);
	ck_assert_str_eq(a.text, "");
	html_article_free(&a);
	const char *bare = "Just one line of text, no markup at all.";
	ck_assert_int_eq(html_article_extract(bare, strlen(bare), NULL, &a, &err), 0);
	ck_assert_str_eq(a.text, bare);
	ck_assert_ptr_null(a.title);
	html_article_free(&a);
}
END_TEST

/* Line-level furniture inside the body, which carries no class hints: the
 * boilerplate pass drops it, while prose that merely mentions the same
 * words stays. */
#define PROSE_A                                                                                    \
	"The delegation travelled to Nairobi for two days of talks on the ceasefire, officials "   \
	"said on Sunday."
#define PROSE_B                                                                                    \
	"Officials said readers could read more about the agenda online, and that the talks, "     \
	"which are closed, would end on Tuesday."

static const struct {
	const char *html, *text;
} lines[] = {
    {"<div><p>" PROSE_A
     "</p><p>Advertisement</p><p>Read more: Earlier talks collapsed</p><p>" PROSE_B "</p></div>",
     PROSE_A "\n\n" PROSE_B},
    /* datelines and bylines at the edges, share buttons, a closing plug */
    {"<div><p>By Sam Okafor</p><p>Posted 12.03.2025 14:10</p><p>" PROSE_A
     "</p><p>WhatsApp</p><p>" PROSE_B
     "</p><p>Follow us on Facebook and Instagram for more updates.</p></div>",
     PROSE_A "\n\n" PROSE_B},
    /* a link-only teaser paragraph goes, a paragraph with one link stays */
    {"<div><p>" PROSE_A " " PROSE_B
     "</p><p><a href=\"/x\">Talks collapse in Nairobi as rebels walk out</a></p>"
     "<p>The <a href=\"/au\">African Union</a> mediator, who chaired the session, said "
     "both delegations had signed the agenda, which runs to four pages.</p></div>",
     PROSE_A " " PROSE_B
             "\n\nThe African Union mediator, who chaired the session, said both delegations "
             "had signed the agenda, which runs to four pages."},
    /* a short closing sentence with a date is prose, not a dateline */
    {"<div><p>" PROSE_A " " PROSE_B "</p><p>Talks resume on March 3, 2025.</p></div>",
     PROSE_A " " PROSE_B "\n\nTalks resume on March 3, 2025."},
    /* data tables keep one line per row */
    {"<div><p>" PROSE_A "</p><table class=\"results\"><tr><th>Country</th><th>Votes</th></tr>"
     "<tr class=\"row player-1\"><td><a href=\"/k\">Kenya</a></td><td>12</td></tr>"
     "<tr class=\"row player-2\"><td><a href=\"/u\">Uganda</a></td><td>9</td></tr>"
     "<tr class=\"row player-3\"><td>Tanzania</td><td>7</td></tr></table></div>",
     PROSE_A "\n\nCountry Votes\n\nKenya 12\n\nUganda 9\n\nTanzania 7"},
};

START_TEST(test_boilerplate_lines)
{
	html_article a;
	char *err = NULL;
	const char *html = lines[_i].html;
	ck_assert_int_eq(html_article_extract(html, strlen(html), NULL, &a, &err), 0);
	ck_assert_str_eq(a.text, lines[_i].text);
	html_article_free(&a);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("parse/html");
	TCase *tc = tcase_create("html");
	tcase_add_loop_test(tc, test_fixture_page, 0, sizeof pages / sizeof *pages);
	tcase_add_loop_test(tc, test_meta_rules, 0, sizeof metas / sizeof *metas);
	tcase_add_test(tc, test_empty_and_text_only);
	tcase_add_loop_test(tc, test_boilerplate_lines, 0, sizeof lines / sizeof *lines);
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
