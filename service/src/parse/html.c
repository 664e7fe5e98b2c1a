/*
 * html — article extraction orchestration: parse with libxml2's forgiving
 * HTML parser, read metadata from the untouched tree, then clean, score and
 * serialise the main text.  When the strict pass keeps almost nothing (class
 * hints removed the article itself), the page is re-parsed and run again,
 * first guarded (hinted elements holding most of the prose survive), then
 * with the hint-driven cuts off; a retry wins only by doubling the text, so
 * a genuinely short story is not swapped for its page furniture.  Retrying
 * the rare failure is cheaper than being clever on every page.
 */
#include "parse/html.h"

#include "core/buf.h"
#include "parse/html_internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { MIN_STRICT_TEXT = 250 };

static xmlDoc *parse(const char *html, size_t len, const char *base_url)
{
	if (len > (size_t)INT32_MAX)
		return NULL;
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	           HTML_PARSE_NONET | HTML_PARSE_COMPACT;
	return htmlReadMemory(html, (int)len, base_url, "UTF-8", opts);
}

static xmlNode *find_body(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root)
		return NULL;
	for (xmlNode *c = root->children; c; c = c->next)
		if (dom_is(c, "body"))
			return c;
	return root;
}

/* Whole visible text of the body: the answer when nothing scores (a page of
 * bare text, a tiny fixture). */
static char *fallback_text(xmlNode *body)
{
	xmlNode *one[] = {body};
	return html_nodes_text(one, 1, CUT_LENIENT);
}

static char *main_text(xmlDoc *doc, html_cut cut)
{
	xmlNode *body = find_body(doc);
	if (!body)
		return xstrdup("");
	dom_stats_arena arena = {0};
	dom_stats_compute(body, &arena);
	html_clean(body, cut);
	dom_stats_compute(body, &arena);
	size_t n = 0;
	xmlNode **nodes = html_pick_content(body, cut, &n);
	char *text = nodes ? html_nodes_text(nodes, n, cut) : fallback_text(body);
	free(nodes);
	dom_stats_free(&arena);
	return text;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n\f", s[i]) || !s[i])
			return false;
	return true;
}

int html_article_extract(const char *html, size_t len, const char *base_url, html_article *out,
                         char **err)
{
	memset(out, 0, sizeof *out);
	xmlDoc *doc = parse(html, len, base_url);
	if (!doc && blank(html, len)) {
		out->text = xstrdup(""); /* an empty page is an empty article, not an error */
		return 0;
	}
	if (!doc) {
		*err = xstrdup("html: document could not be parsed");
		return -1;
	}
	html_meta_extract(doc, base_url, out);
	out->text = main_text(doc, CUT_STRICT);
	xmlFreeDoc(doc);
	for (html_cut cut = CUT_GUARDED; cut <= CUT_LENIENT; cut++) {
		if (strlen(out->text) >= MIN_STRICT_TEXT || !(doc = parse(html, len, base_url)))
			break;
		char *retry = main_text(doc, cut);
		xmlFreeDoc(doc);
		if (strlen(retry) > 2 * strlen(out->text)) {
			free(out->text);
			out->text = retry;
		} else {
			free(retry);
		}
	}
	return 0;
}

void html_article_free(html_article *a)
{
	if (!a)
		return;
	free(a->title);
	free(a->author);
	free(a->published_at);
	free(a->site_name);
	free(a->canonical_url);
	free(a->language);
	free(a->description);
	free(a->text);
	memset(a, 0, sizeof *a);
}
