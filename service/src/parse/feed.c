/*
 * feed — see feed.h.  The three formats differ mostly in names, so one
 * item reader handles all of them by local element name (libxml2 strips
 * namespace prefixes from node->name): RSS <item>, RDF <item> (siblings of
 * <channel>, not children) and Atom <entry>.  Summaries are usually escaped
 * HTML, so they are flattened to text with the HTML parser.
 */
#include "parse/feed.h"

#include "core/buf.h"
#include "parse/date.h"
#include "parse/html_dom.h"
#include "parse/url.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <string.h>
#include <strings.h>

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* Escaped HTML in <description>/<summary> becomes plain text. */
static char *html_to_text(char *s)
{
	if (!s || !strchr(s, '<'))
		return s;
	htmlDocPtr d = htmlReadMemory(s, (int)strlen(s), NULL, "UTF-8",
	                              HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	                                  HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	xmlNode *root = d ? xmlDocGetRootElement(d) : NULL;
	if (!root) {
		xmlFreeDoc(d);
		return s;
	}
	char *r = dom_text_dup(root);
	xmlFreeDoc(d);
	free(s);
	return r;
}

/* Atom: <link rel="alternate" href> (rel defaults to alternate). */
static const char *atom_link(const xmlNode *entry)
{
	for (const xmlNode *c = entry->children; c; c = c->next) {
		if (!named(c, "link"))
			continue;
		const char *rel = dom_attr(c, "rel");
		if (!rel || !strcmp(rel, "alternate"))
			return dom_attr(c, "href");
	}
	return NULL;
}

static char *first_text(const xmlNode *n, const char *const *names)
{
	for (; *names; names++) {
		char *t = dom_text_dup(child(n, *names));
		if (t)
			return t;
	}
	return NULL;
}

static void read_item(const xmlNode *n, const char *base, feed_item *it)
{
	static const char *const date_names[] = {"pubDate", "published", "date", "issued",
	                                         "updated", "modified",  NULL};
	static const char *const summary_names[] = {"description", "summary", "encoded", "content",
	                                            NULL};
	static const char *const author_names[] = {"creator", "author", NULL};
	it->title = html_to_text(dom_text_dup(child(n, "title")));
	const char *href = atom_link(n);
	char *link = href ? xstrdup(href) : dom_text_dup(child(n, "link"));
	if (!link && dom_attr(n, "about")) /* RDF items name themselves */
		link = xstrdup(dom_attr(n, "about"));
	it->link = link ? url_resolve(base, link) : NULL;
	free(link);
	it->guid = dom_text_dup(child(n, "guid"));
	if (!it->guid)
		it->guid = dom_text_dup(child(n, "id"));
	if (!it->guid && it->link)
		it->guid = xstrdup(it->link);
	char *d = first_text(n, date_names);
	it->published_at = date_normalize(d);
	free(d);
	xmlNode *author = child(n, "author");
	it->author = child(author, "name") ? dom_text_dup(child(author, "name"))
	                                   : first_text(n, author_names);
	it->summary = html_to_text(first_text(n, summary_names));
}

static void add_item(feed *f, size_t *cap, const xmlNode *n, const char *base)
{
	if (f->n_items == *cap)
		f->items = xrealloc(f->items, (*cap = *cap ? *cap * 2 : 16) * sizeof *f->items);
	feed_item *it = &f->items[f->n_items++];
	memset(it, 0, sizeof *it);
	read_item(n, base, it);
}

static void collect(feed *f, size_t *cap, const xmlNode *parent, const char *item, const char *base)
{
	for (const xmlNode *c = parent->children; c; c = c->next)
		if (named(c, item))
			add_item(f, cap, c, base);
}

static int fail(char **err, const char *msg, xmlDoc *doc)
{
	*err = xstrdup(msg);
	xmlFreeDoc(doc);
	return -1;
}

int feed_parse(const char *xml, size_t len, const char *base_url, feed *out, char **err)
{
	memset(out, 0, sizeof *out);
	*err = NULL;
	if (!xml || len > (size_t)INT32_MAX)
		return fail(err, "feed: no document", NULL);
	xmlDoc *doc = xmlReadMemory(xml, (int)len, base_url, NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                                XML_PARSE_NOCDATA);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root)
		return fail(err, "feed: invalid XML", doc);
	xmlNode *channel = child(root, "channel");
	size_t cap = 0;
	if (named(root, "rss") && channel) {
		collect(out, &cap, channel, "item", base_url);
	} else if (named(root, "RDF")) {
		collect(out, &cap, root, "item", base_url);
	} else if (named(root, "feed")) {
		collect(out, &cap, root, "entry", base_url);
		channel = root;
	} else {
		return fail(err, "feed: not an RSS, RDF or Atom document", doc);
	}
	out->title = dom_text_dup(child(channel, "title"));
	const char *href = named(root, "feed") ? atom_link(root) : NULL;
	char *link = href ? xstrdup(href) : dom_text_dup(child(channel, "link"));
	out->link = link ? url_resolve(base_url, link) : NULL;
	free(link);
	xmlFreeDoc(doc);
	return 0;
}

void feed_free(feed *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_items; i++) {
		feed_item *it = &f->items[i];
		free(it->link);
		free(it->guid);
		free(it->title);
		free(it->published_at);
		free(it->author);
		free(it->summary);
	}
	free(f->items);
	free(f->title);
	free(f->link);
	memset(f, 0, sizeof *f);
}
