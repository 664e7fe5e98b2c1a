/*
 * html_clean — removes page furniture before scoring: elements that never
 * carry article prose (scripts, navigation, forms, figures and their
 * captions), hidden elements, and elements whose class/id name them as
 * furniture (share bars, cookie notices, related links, comments...).
 *
 * Class names lie in both directions, so a hinted element that still holds
 * a good share of the page's prose with few links is kept: a single
 * "social" word on the article wrapper must not delete the article.
 */
#include "parse/html_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const always_drop[] = {
    "script", "style",      "noscript", "iframe",   "object",   "embed", "svg",   "canvas",
    "button", "select",     "input",    "textarea", "template", "nav",   "aside", "footer",
    "figure", "figcaption", "video",    "audio",    "picture",  "head",  "map",   "dialog",
    "menu",   "label",      "link",     "meta",     "img",      NULL,
};

/* Containers that only sometimes wrap the article (ASP.NET pages put the
 * whole body in a <form>; some sites use <header> for the lede). */
static const char *const maybe_drop[] = {"header", "form", NULL};

/* Holds at least share/10 of the page's paragraphs (and some minimum),
 * with few links. */
static bool holds_prose(const xmlNode *n, unsigned page_paras, unsigned share, unsigned min)
{
	const dom_stats *s = dom_st(n);
	if (!s)
		return false;
	unsigned need = page_paras * share / 10;
	if (need < min)
		need = min;
	return s->paras >= need && dom_link_density(n) < 0.25;
}

static bool should_drop(const xmlNode *n, html_cut cut, unsigned page_paras, bool shielded)
{
	if (dom_is_any(n, always_drop) || dom_hidden(n))
		return true;
	static const char *const keep[] = {"html", "body", "main", "a", NULL};
	if (dom_is_any(n, keep))
		return false;
	if (dom_is_any(n, maybe_drop))
		return dom_st(n) && dom_st(n)->paras < 3;
	/* inside tables and paragraphs, class names describe rows, cells and
	 * inline phrases ("author-name" in "said <span>...</span>"), not furniture */
	if (cut == CUT_LENIENT || shielded || dom_is(n, "article") || dom_is_quote_embed(n))
		return false;
	/* strong words ("comment", "share", "ad") win, unless the strict pass
	 * already showed that they sit on the article wrapper itself */
	if (dom_hint_strong_unlikely(n))
		return cut == CUT_STRICT || !holds_prose(n, page_paras, 5, 5);
	return dom_hint_unlikely(n) && !dom_hint_positive(n) && !holds_prose(n, page_paras, 3, 3);
}

static bool shields(const xmlNode *n)
{
	static const char *const tags[] = {"table", "p", "h2", "h3", "h4", "h5", "h6", NULL};
	return dom_is_any(n, tags);
}

static void clean_walk(xmlNode *n, html_cut cut, unsigned page_paras, bool shielded)
{
	while (n) {
		xmlNode *next = n->next;
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
		    n->type == XML_DTD_NODE) {
			dom_drop(n);
		} else if (n->type == XML_ELEMENT_NODE) {
			if (should_drop(n, cut, page_paras, shielded))
				dom_drop(n);
			else
				clean_walk(n->children, cut, page_paras, shielded || shields(n));
		}
		n = next;
	}
}

void html_clean(xmlNode *body, html_cut cut)
{
	const dom_stats *s = dom_st(body);
	clean_walk(body->children, cut, s ? s->paras : 0, false);
}
