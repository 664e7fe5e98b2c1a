/*
 * html_dom — see html_dom.h.  Class/id hints are matched on a lower-cased
 * "class id" string: long words as substrings (they survive BEM prefixes
 * such as "c-article__share-bar"), short ones only as whole tokens so that
 * "ad" does not fire on "header" or "nav" on "canvas".
 */
#include "parse/html_dom.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool dom_is(const xmlNode *n, const char *tag)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, tag);
}

bool dom_is_any(const xmlNode *n, const char *const *tags)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return false;
	for (; *tags; tags++)
		if (!strcmp((const char *)n->name, *tags))
			return true;
	return false;
}

const char *dom_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!strcasecmp((const char *)a->name, name))
			return a->children && a->children->type == XML_TEXT_NODE
			           ? (const char *)a->children->content
			           : "";
	return NULL;
}

static const char *const block_tags[] = {
    "address", "article", "aside",   "blockquote", "body",    "center",   "dd",         "details",
    "dialog",  "dir",     "div",     "dl",         "dt",      "fieldset", "figcaption", "figure",
    "footer",  "form",    "h1",      "h2",         "h3",      "h4",       "h5",         "h6",
    "header",  "hgroup",  "hr",      "li",         "main",    "menu",     "nav",        "ol",
    "p",       "pre",     "section", "table",      "tbody",   "tfoot",    "thead",      "tr",
    "ul",      "caption", "html",    "noscript",   "summary", NULL,
};

bool dom_is_block(const xmlNode *n)
{
	return dom_is_any(n, block_tags);
}

bool dom_is_heading(const xmlNode *n)
{
	static const char *const h[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};
	return dom_is_any(n, h);
}

/* Lower-cased "class id" of n into out (bounded: hints live in the first
 * few hundred bytes). */
static size_t hint_string(const xmlNode *n, char *out, size_t cap)
{
	size_t len = 0;
	const char *parts[] = {dom_attr(n, "class"), dom_attr(n, "id"), dom_attr(n, "role"),
	                       dom_attr(n, "itemprop")};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		for (const char *s = parts[i]; s && *s && len + 2 < cap; s++)
			out[len++] = (char)tolower((unsigned char)*s);
		if (len + 2 < cap)
			out[len++] = ' ';
	}
	out[len] = 0;
	return len;
}

static bool has_token(const char *s, const char *tok)
{
	size_t tl = strlen(tok);
	for (const char *p = s; (p = strstr(p, tok)); p++) {
		bool left = p == s || !isalnum((unsigned char)p[-1]);
		bool right = !isalnum((unsigned char)p[tl]);
		if (left && right)
			return true;
	}
	return false;
}

static bool match_hints(const xmlNode *n, const char *const *subs, const char *const *toks,
                        const char *const *except)
{
	char s[512];
	if (!hint_string(n, s, sizeof s) || !s[strspn(s, " ")])
		return false;
	for (; except && *except; except++)
		if (strstr(s, *except))
			return false;
	for (; *subs; subs++)
		if (strstr(s, *subs))
			return true;
	for (; *toks; toks++)
		if (has_token(s, *toks))
			return true;
	return false;
}

bool dom_hint_unlikely(const xmlNode *n)
{
	static const char *const subs[] = {
	    "comment",
	    "share",
	    "sharing",
	    "social",
	    "related",
	    "recommend",
	    "newsletter",
	    "subscri",
	    "signup",
	    "sign-up",
	    "cookie",
	    "consent",
	    "gdpr",
	    "banner",
	    "breadcrumb",
	    "sidebar",
	    "footer",
	    "masthead",
	    "menu",
	    "navbar",
	    "navigation",
	    "pagination",
	    "pager",
	    "popup",
	    "modal",
	    "promo",
	    "sponsor",
	    "advert",
	    "outbrain",
	    "taboola",
	    "disqus",
	    "caption",
	    "credit",
	    "byline",
	    "author",
	    "toolbar",
	    "widget",
	    "more-stor",
	    "read-more",
	    "readmore",
	    "popular",
	    "trending",
	    "skip",
	    "login",
	    "paywall",
	    "header",
	    "timestamp",
	    "tagline",
	    "tag-list",
	    "taglist",
	    "keywords",
	    "follow",
	    "rating",
	    "print",
	    "jump",
	    "tooltip",
	    "overlay",
	    "sr-only",
	    "visually-hidden",
	    "screen-reader",
	    "copyright",
	    "disclaimer",
	    "complementary",
	    "contentinfo",
	    "banner",
	    "carousel",
	    "slideshow",
	    "gallery",
	    "playlist",
	    "video",
	    "inline-link",
	    "also-read",
	    "see-also",
	    "more-on",
	    "next-article",
	    "prev-article",
	    "article-tags",
	    "topics",
	    "newsfeed",
	    "teaser-list",
	    "nocontent",
	    "privacy",
	    NULL,
	};
	static const char *const toks[] = {
	    "ad",     "ads",      "nav",     "tag",       "tags",      "meta",  "aside",
	    "rss",    "hide",     "tools",   "date",      "time",      "more",  "extra",
	    "links",  "icons",    "icon",    "alert",     "related",   "promo", "sponsored",
	    "subnav", "dropdown", "utility", "utilities", "secondary", "rail",  NULL};
	/* Names of in-article text parts that contain a furniture word
	 * ("subheader", "story-summary"): headings and ledes are prose. */
	static const char *const text_parts[] = {"subhead", "summary", "lede", "intro", NULL};
	return match_hints(n, subs, toks, text_parts);
}

bool dom_hint_strong_unlikely(const xmlNode *n)
{
	static const char *const subs[] = {
	    "comment",  "share",     "sharing",   "social",   "related", "recommend", "newsletter",
	    "cookie",   "consent",   "privacy",   "promo",    "advert",  "outbrain",  "taboola",
	    "disqus",   "caption",   "credit",    "subscri",  "popular", "trending",  "read-more",
	    "readmore", "more-stor", "also-read", "see-also", "sponsor", NULL,
	};
	static const char *const toks[] = {"ad", "ads", "related", "promo", NULL};
	return match_hints(n, subs, toks, NULL);
}

bool dom_hint_positive(const xmlNode *n)
{
	static const char *const subs[] = {"article", "content", "entry", "story", "post-body",
	                                   "main",    "prose",   "text",  "blog",  NULL};
	static const char *const toks[] = {"body", "post", "articlebody", NULL};
	return match_hints(n, subs, toks, NULL);
}

bool dom_hidden(const xmlNode *n)
{
	if (dom_attr(n, "hidden"))
		return true;
	const char *ah = dom_attr(n, "aria-hidden");
	if (ah && !strcasecmp(ah, "true"))
		return true;
	const char *st = dom_attr(n, "style");
	if (!st)
		return false;
	char s[256];
	size_t k = 0;
	for (; *st && k + 1 < sizeof s; st++)
		if (!isspace((unsigned char)*st))
			s[k++] = (char)tolower((unsigned char)*st);
	s[k] = 0;
	return strstr(s, "display:none") || strstr(s, "visibility:hidden");
}

/* ------------------------------------------------------------ stats */

static size_t count_elements(const xmlNode *n)
{
	size_t c = 0;
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			c += 1 + count_elements(n->children);
	return c;
}

static void text_figures(const xmlChar *s, size_t *text, unsigned *commas)
{
	for (; *s; s++) {
		if (!isspace(*s))
			(*text)++;
		if (*s == ',')
			(*commas)++;
	}
}

static void stats_walk(xmlNode *n, dom_stats_arena *a, bool in_link, dom_stats *parent)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (!parent || !n->content)
				continue;
			size_t t = 0;
			unsigned c = 0;
			text_figures(n->content, &t, &c);
			parent->text += t;
			parent->commas += c;
			if (in_link)
				parent->link += t;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		dom_stats *s = &a->v[a->n++];
		memset(s, 0, sizeof *s);
		n->_private = s;
		static const char *const opaque[] = {"script", "style", "template", NULL};
		if (!dom_is_any(n, opaque))
			stats_walk(n->children, a, in_link || dom_is(n, "a"), s);
		if (dom_is(n, "p") || dom_is(n, "br"))
			s->paras++;
		if (parent) {
			parent->text += s->text;
			parent->link += s->link;
			parent->commas += s->commas;
			parent->paras += s->paras;
		}
	}
}

void dom_stats_compute(xmlNode *root, dom_stats_arena *a)
{
	size_t need = count_elements(root);
	if (need > a->cap) {
		a->v = xrealloc(a->v, need * sizeof *a->v);
		a->cap = need;
	}
	a->n = 0;
	stats_walk(root, a, false, NULL);
}

void dom_stats_free(dom_stats_arena *a)
{
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

unsigned dom_count_tag(const xmlNode *n, const char *tag)
{
	unsigned c = 0;
	for (const xmlNode *k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			c += dom_is(k, tag) + dom_count_tag(k, tag);
	return c;
}

bool dom_is_quote_embed(const xmlNode *n)
{
	const dom_stats *s = dom_st(n);
	return s && s->text < 2000 && (dom_is(n, "blockquote") || dom_count_tag(n, "blockquote"));
}

double dom_link_density(const xmlNode *n)
{
	const dom_stats *s = dom_st(n);
	return s && s->text ? (double)s->link / (double)s->text : 0.0;
}

void dom_drop(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

void dom_text(const xmlNode *n, buf *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const xmlChar *s = c->content; s && *s; s++) {
				bool sp = isspace(*s);
				if (sp && (!out->len || out->data[out->len - 1] == ' '))
					continue;
				buf_putc(out, sp ? ' ' : (char)*s);
			}
		} else if (c->type == XML_ELEMENT_NODE && !dom_is(c, "script") &&
		           !dom_is(c, "style")) {
			bool gap = out->len && out->data[out->len - 1] != ' ';
			if (gap && (dom_is_block(c) || dom_is(c, "br")))
				buf_putc(out, ' ');
			dom_text(c, out);
		}
	}
}

char *dom_text_dup(const xmlNode *n)
{
	if (!n)
		return NULL;
	buf b;
	buf_init(&b);
	dom_text(n, &b);
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = 0;
	char *r = b.len ? xstrdup(b.data + (b.data[0] == ' ')) : NULL;
	buf_free(&b);
	return r && *r ? r : (free(r), NULL);
}
