/*
 * html_text — turns the chosen content nodes into plain text: one paragraph
 * per block element, whitespace collapsed, "\n\n" between paragraphs.
 *
 * Two filters run here rather than in html_clean because they need the
 * winner's context: containers inside the article that are mostly links or
 * nearly empty (inline "related" boxes, tag lists, ad slots) are skipped,
 * Readability's "clean conditionally"; and a boilerplate-line pass trims
 * short furniture lines ("Advertisement", "Read more", "Share this", photo
 * credits) that sites leave at the edges of the body without class hints.
 */
#include "parse/html_internal.h"

#include "core/buf.h"
#include "parse/date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { LINK_LINE_MAX = 250 };

typedef struct paras {
	char **v;
	size_t n, cap;
	buf cur;
} paras;

static void flush(paras *p)
{
	while (p->cur.len && p->cur.data[p->cur.len - 1] == ' ')
		p->cur.data[--p->cur.len] = 0;
	if (!p->cur.len)
		return;
	if (p->n == p->cap)
		p->v = xrealloc(p->v, (p->cap = p->cap ? p->cap * 2 : 16) * sizeof *p->v);
	p->v[p->n++] = xstrdup(p->cur.data);
	buf_reset(&p->cur);
}

/* Appends text with whitespace (and U+00A0) collapsed to single spaces. */
static void put_text(paras *p, const xmlChar *s)
{
	for (; *s; s++) {
		bool sp = isspace(*s) != 0;
		if (s[0] == 0xC2 && s[1] == 0xA0) {
			sp = true;
			s++;
		}
		if (sp && (!p->cur.len || p->cur.data[p->cur.len - 1] == ' '))
			continue;
		buf_putc(&p->cur, sp ? ' ' : (char)*s);
	}
}

/* Readability's conditional cleaning, for containers inside the winner. */
static bool skip_container(const xmlNode *n, html_cut cut)
{
	static const char *const containers[] = {"div",   "section", "ul",       "ol",     "dl",
	                                         "table", "form",    "fieldset", "center", NULL};
	if (cut == CUT_LENIENT || !dom_is_any(n, containers) || dom_is_quote_embed(n))
		return false;
	const dom_stats *s = dom_st(n);
	if (s->commas >= 10)
		return false;
	bool list = dom_is(n, "ul") || dom_is(n, "ol") || dom_is(n, "dl");
	double w = (dom_hint_positive(n) ? 25 : 0) - (dom_hint_unlikely(n) ? 25 : 0);
	double ld = dom_link_density(n);
	if (w < 0)
		return true;
	if (!list && s->text < 25 && !dom_count_tag(n, "p"))
		return true;
	if (list && dom_count_tag(n, "li") > 0 && ld > 0.5)
		return true;
	/* data tables link their row labels; only mostly-link tables are menus */
	if (dom_is(n, "table"))
		return ld > 0.5;
	return w < 25 ? ld > 0.33 : ld > 0.5;
}

/* A short paragraph that is all link: a teaser for another story. */
static bool link_line(const xmlNode *n, html_cut cut)
{
	const dom_stats *s = dom_st(n);
	return cut != CUT_LENIENT && dom_is(n, "p") && s->text < LINK_LINE_MAX &&
	       dom_link_density(n) > 0.8;
}

static bool skip_heading(const xmlNode *n)
{
	return dom_is(n, "h1") || dom_link_density(n) > 0.33 || dom_hint_unlikely(n);
}

static void walk(paras *p, const xmlNode *n, html_cut cut)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				put_text(p, n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (dom_is(n, "br")) {
			flush(p);
			continue;
		}
		if (skip_container(n, cut) || (dom_is_heading(n) && skip_heading(n)) ||
		    link_line(n, cut))
			continue;
		bool block = dom_is_block(n);
		if (block)
			flush(p);
		walk(p, n->children, cut);
		if (block)
			flush(p);
		else if (dom_is(n, "td") || dom_is(n, "th"))
			buf_putc(&p->cur, ' ');
	}
}

/* Lines sites print around article bodies; matched as a prefix of a short
 * paragraph, case-insensitively. */
static const char *const furniture_prefixes[] = {
    "advertisement",
    "sponsored",
    "read more",
    "read next",
    "also read",
    "read also",
    "related:",
    "related stories",
    "related articles",
    "related coverage",
    "share this",
    "share:",
    "share on",
    "follow us",
    "sign up",
    "subscribe",
    "click here",
    "photo:",
    "photo credit",
    "image:",
    "image copyright",
    "image caption",
    "photograph:",
    "getty images",
    "copyright",
    "\xc2\xa9",
    "all rights reserved",
    "continue reading",
    "story continues",
    "recommended for you",
    "recommended:",
    "you may also like",
    "more from",
    "see also",
    "leave a comment",
    "tags:",
    "topics:",
    "filed under",
    "loading...",
    "loading\xe2\x80\xa6",
    "watch:",
    "listen:",
    "skip to",
    "top stories",
    "don't miss",
    "don\xe2\x80\x99t miss",
    "see more",
    "also:",
    "more:",
    "[related",
    "like this story",
    "this slideshow",
    "additional reporting",
    "sign in to",
    "log in to",
    "download the app",
    NULL,
};

/* Whole-line share buttons. */
static const char *const share_words[] = {
    "facebook",  "twitter",   "whatsapp",    "email",       "e-mail",     "copy",
    "copy link", "flipboard", "linkedin",    "pinterest",   "reddit",     "print",
    "messenger", "telegram",  "share",       "tweet",       "comment",    "comments",
    "tags",      "topics",    "advertising", "recommended", "newsletter", NULL};

/* "Follow us on Facebook, Twitter and Instagram": a short line naming two
 * or more networks is a promotion, whatever its wording. */
static bool names_networks(const char *s)
{
	static const char *const nets[] = {"facebook", "twitter", "instagram", "youtube",
	                                   "linkedin", "tiktok",  "whatsapp",  NULL};
	int hits = 0;
	for (const char *const *n = nets; *n; n++)
		hits += strcasestr(s, *n) != NULL;
	return hits >= 2;
}

static bool is_furniture_line(const char *s)
{
	size_t len = strlen(s);
	if (len > 90)
		return false;
	for (const char *const *f = furniture_prefixes; *f; f++) {
		size_t n = strlen(*f);
		/* whole words only: "Advertisements for the summit..." is prose */
		if (!strncasecmp(s, *f, n) && !isalpha((unsigned char)s[n]))
			return true;
	}
	for (const char *const *w = share_words; *w; w++)
		if (!strcasecmp(s, *w))
			return true;
	return names_networks(s) || strcasestr(s, "contributed reporting");
}

/* A short line with no sentence punctuation at the very edge of the body is
 * almost always a byline, dateline or kicker rather than prose. */
/* A year plus a clock time or a numeric date: "22 de outubro de 2010 às
 * 20:13", "05/10/2018 - Publicado por ..." — a timestamp in any language. */
static bool has_timestamp(const char *s)
{
	bool year = false, stamp = false;
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		size_t n = strspn(p, "0123456789");
		if (n == 4 && (!strncmp(p, "19", 2) || !strncmp(p, "20", 2)))
			year = true;
		if (n <= 2 && (p[n] == ':' || p[n] == '/' || p[n] == '.') &&
		    isdigit((unsigned char)p[n + 1]))
			stamp = true;
	}
	return year && stamp;
}

static bool is_edge_stub(const char *s)
{
	static const char *const stamps[] = {"by ",     "posted",       "published",
	                                     "updated", "last updated", NULL};
	size_t len = strlen(s);
	for (const char *const *w = stamps; *w && len <= 60; w++)
		if (!strncasecmp(s, *w, strlen(*w)))
			return true;
	/* datelines never end like a sentence; "Talks resume on March 3." does */
	bool sentence = len && strchr(".!?", s[len - 1]);
	if (len <= 80 && !sentence && has_timestamp(s))
		return true;
	if (len <= 60 && !sentence && strpbrk(s, "0123456789")) {
		char *d = date_normalize(s);
		free(d);
		if (d)
			return true;
	}
	/* a lone e-mail address or bare link: the author's contact line */
	return len <= 60 && !strchr(s, ' ') && (strchr(s, '@') || strchr(s, '/'));
}

/* The closing plug many sites append to every story: follow us, join our
 * forum, subscribe, e-mail the author. */
static bool is_call_to_action(const char *s)
{
	/* phrased as addressed to the reader, so news about countries that
	 * "sign up to" a treaty is not mistaken for one */
	static const char *const cta[] = {"follow us",
	                                  "follow him on",
	                                  "follow her on",
	                                  "join our",
	                                  "click here",
	                                  "sign up for",
	                                  "subscribe to our",
	                                  "subscribe now",
	                                  "our newsletter",
	                                  "get access",
	                                  "tell us what",
	                                  "let us know",
	                                  "send us",
	                                  "delivered to your",
	                                  "download our",
	                                  "our app",
	                                  NULL};
	if (strlen(s) > 350)
		return false;
	for (const char *const *c = cta; *c; c++)
		if (strcasestr(s, *c))
			return true;
	return false;
}

static void drop_para(paras *p, size_t i)
{
	free(p->v[i]);
	memmove(p->v + i, p->v + i + 1, (p->n - i - 1) * sizeof *p->v);
	p->n--;
}

static void trim_edges(paras *p)
{
	for (size_t i = 0; i < p->n;) {
		if (is_furniture_line(p->v[i]))
			drop_para(p, i);
		else
			i++;
	}
	while (p->n > 1 && is_edge_stub(p->v[0]))
		drop_para(p, 0);
	while (p->n > 1 && (is_edge_stub(p->v[p->n - 1]) || is_call_to_action(p->v[p->n - 1])))
		drop_para(p, p->n - 1);
}

char *html_nodes_text(xmlNode **nodes, size_t n, html_cut cut)
{
	paras p = {0};
	buf_init(&p.cur);
	for (size_t i = 0; i < n; i++) {
		flush(&p);
		/* The chosen nodes themselves are not re-judged, only their
		 * descendants. */
		if (dom_is_heading(nodes[i]) && skip_heading(nodes[i]))
			continue;
		walk(&p, nodes[i]->children, cut);
		flush(&p);
	}
	flush(&p);
	trim_edges(&p);
	buf out;
	buf_init(&out);
	for (size_t i = 0; i < p.n; i++) {
		if (i)
			buf_puts(&out, "\n\n");
		buf_puts(&out, p.v[i]);
		free(p.v[i]);
	}
	free(p.v);
	buf_free(&p.cur);
	return buf_detach(&out);
}
