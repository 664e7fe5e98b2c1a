/*
 * html_score — picks the main-content nodes, Readability-style: every
 * prose-like block (paragraph, cell, text-bearing div) gives its ancestors
 * points for length and commas, fading with distance; a container's score
 * is then discounted by its link density and nudged by its tag and class
 * hints.  The best container wins, and siblings that score close to it (or
 * look like stray article paragraphs) join it, since many sites split the
 * body into several adjacent wrappers around ads.
 */
#include "parse/html_internal.h"

#include "core/buf.h"

#include <string.h>

enum { MIN_PARA = 25, MAX_DEPTH = 5 };

/* Own text (direct text children) length, for divs used as paragraphs. */
static size_t own_text(const xmlNode *n)
{
	size_t t = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			for (const xmlChar *s = c->content; *s; s++)
				t += *s > ' ';
	return t;
}

static double tag_weight(const xmlNode *n, html_cut cut)
{
	double w = 0;
	static const char *const plus3[] = {"pre", "td", "blockquote", NULL};
	static const char *const minus3[] = {"address", "ol", "ul",   "dl", "dd",
	                                     "dt",      "li", "form", NULL};
	static const char *const minus5[] = {"h1", "h2", "h3", "h4", "h5", "h6", "th", NULL};
	if (dom_is(n, "div") || dom_is(n, "article") || dom_is(n, "section"))
		w = 5;
	else if (dom_is_any(n, plus3))
		w = 3;
	else if (dom_is_any(n, minus3))
		w = -3;
	else if (dom_is_any(n, minus5))
		w = -5;
	if (cut != CUT_LENIENT) {
		if (dom_hint_positive(n))
			w += 25;
		if (dom_hint_unlikely(n))
			w -= 25;
	}
	return w;
}

static void credit(xmlNode *n, double points, html_cut cut)
{
	for (int level = 0; n && n->type == XML_ELEMENT_NODE && level < MAX_DEPTH;
	     level++, n = n->parent) {
		dom_stats *s = dom_st(n);
		if (!s || dom_is(n, "body") || dom_is(n, "html"))
			return;
		if (!s->scored) {
			s->scored = true;
			s->score = tag_weight(n, cut);
		}
		double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
		s->score += points / div;
	}
}

static bool is_para(const xmlNode *n)
{
	static const char *const tags[] = {"p", "pre", "td", NULL};
	return dom_is_any(n, tags);
}

static bool is_text_container(const xmlNode *n)
{
	static const char *const tags[] = {"div",  "section", "article",    "main", "span",
	                                   "font", "center",  "blockquote", NULL};
	return dom_is_any(n, tags) && own_text(n) >= MIN_PARA;
}

static void score_walk(xmlNode *n, html_cut cut)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const dom_stats *s = dom_st(n);
		if (is_para(n) && s->text >= MIN_PARA) {
			double pts = 1 + s->commas + (s->text / 100 < 3 ? s->text / 100 : 3);
			credit(n->parent, pts, cut);
		} else if (is_text_container(n)) {
			size_t t = own_text(n);
			double pts = 1 + (t / 100 < 3 ? t / 100 : 3);
			credit(n, pts, cut);
		}
		score_walk(n->children, cut);
	}
}

static void finalise_walk(xmlNode *n, xmlNode **best)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		dom_stats *s = dom_st(n);
		if (s->scored) {
			s->score *= 1 - dom_link_density(n);
			if (!*best || s->score > dom_st(*best)->score)
				*best = n;
		}
		finalise_walk(n->children, best);
	}
}

/* A parent that scores better than the winner is the real container: the
 * winner was one of several wrappers inside it. */
static xmlNode *climb(xmlNode *top)
{
	double last = dom_st(top)->score, floor = last / 3;
	for (xmlNode *p = top->parent; p && p->type == XML_ELEMENT_NODE && !dom_is(p, "body");
	     p = p->parent) {
		const dom_stats *s = dom_st(p);
		if (!s->scored)
			continue;
		if (s->score < floor)
			break;
		if (s->score > last)
			return p;
		last = s->score;
	}
	return top;
}

static bool ends_sentence(const xmlNode *n)
{
	buf b;
	buf_init(&b);
	dom_text(n, &b);
	while (b.len && b.data[b.len - 1] == ' ')
		b.len--;
	bool r = b.len && strchr(".!?\"”", b.data[b.len - 1]);
	buf_free(&b);
	return r;
}

static bool sibling_joins(xmlNode *sib, xmlNode *top, double threshold)
{
	const dom_stats *s = dom_st(sib);
	double bonus = 0;
	const char *tc = dom_attr(top, "class"), *sc = dom_attr(sib, "class");
	if (tc && sc && *tc && !strcmp(tc, sc))
		bonus = dom_st(top)->score * 0.2;
	if (s->scored && s->score + bonus >= threshold)
		return true;
	if (!dom_is(sib, "p"))
		return false;
	double ld = dom_link_density(sib);
	if (s->text > 80)
		return ld < 0.25;
	return s->text > 0 && ld == 0 && ends_sentence(sib);
}

xmlNode **html_pick_content(xmlNode *body, html_cut cut, size_t *n)
{
	*n = 0;
	score_walk(body->children, cut);
	xmlNode *top = NULL;
	finalise_walk(body->children, &top);
	if (!top)
		return NULL;
	while (top->parent && !dom_is(top->parent, "body") && dom_st(top->parent) &&
	       dom_st(top->parent)->text == dom_st(top)->text)
		top = top->parent; /* lone child: its wrapper holds the same text */
	top = climb(top);
	xmlNode *parent = top->parent;
	if (!parent || dom_is(parent, "html") || parent->type != XML_ELEMENT_NODE) {
		xmlNode **out = xmalloc(sizeof *out);
		out[(*n)++] = top;
		return out;
	}
	double threshold = dom_st(top)->score * 0.2;
	if (threshold < 10)
		threshold = 10;
	size_t cap = 8;
	xmlNode **out = xmalloc(cap * sizeof *out);
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || (c != top && !sibling_joins(c, top, threshold)))
			continue;
		if (*n == cap)
			out = xrealloc(out, (cap *= 2) * sizeof *out);
		out[(*n)++] = c;
	}
	return out;
}
