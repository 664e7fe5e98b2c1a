/*
 * html_meta — article metadata from the untouched tree.  Sources are tried
 * from the most to the least deliberate: JSON-LD (written for machines),
 * then Open Graph / article:* / named meta tags, then visible markup (<h1>,
 * <time>, rel=author, bylines), then the URL.  One walk collects every
 * candidate; the choice per field is then a plain precedence list.
 */
#include "core/buf.h"
#include "parse/date.h"
#include "parse/html_internal.h"
#include "parse/url.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

typedef struct ld_fields {
	char *headline, *author, *date, *publisher, *description;
} ld_fields;

typedef struct meta_seen {
	xmlNode *html, *title, *h1, *time, *rel_author, *byline, *canonical;
	xmlNode *metas[256];
	size_t n_metas;
	ld_fields ld;
} meta_seen;

/* Value of the first <meta> whose property/name/itemprop is key. */
static const char *meta(const meta_seen *m, const char *key)
{
	for (size_t i = 0; i < m->n_metas; i++) {
		const char *k = dom_attr(m->metas[i], "property");
		if (!k)
			k = dom_attr(m->metas[i], "name");
		if (!k)
			k = dom_attr(m->metas[i], "itemprop");
		const char *v = dom_attr(m->metas[i], "content");
		if (k && v && *v && !strcasecmp(k, key))
			return v;
	}
	return NULL;
}

static char *dup_trim(const char *s)
{
	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

/* ------------------------------------------------------------ JSON-LD */

static const char *json_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* "name" of an object, a plain string, or the first of an array of those. */
static const char *json_name(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_string(v))
		return json_string_value(v);
	return json_is_object(v) ? json_str(v, "name") : NULL;
}

static bool is_article_type(json_t *o)
{
	json_t *t = json_object_get(o, "@type");
	if (json_is_array(t))
		t = json_array_get(t, 0);
	const char *s = json_is_string(t) ? json_string_value(t) : "";
	return strstr(s, "Article") || strstr(s, "Posting") || !strcmp(s, "WebPage") ||
	       !strcmp(s, "Report");
}

static void set_once(char **dst, const char *v)
{
	if (!*dst && v && *v)
		*dst = dup_trim(v);
}

static void ld_visit(json_t *v, ld_fields *f, int depth)
{
	if (depth > 4)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) ld_visit(e, f, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	ld_visit(json_object_get(v, "@graph"), f, depth + 1);
	if (!is_article_type(v))
		return;
	set_once(&f->headline, json_str(v, "headline"));
	set_once(&f->date, json_str(v, "datePublished"));
	set_once(&f->author, json_name(json_object_get(v, "author")));
	set_once(&f->publisher, json_name(json_object_get(v, "publisher")));
	set_once(&f->description, json_str(v, "description"));
}

static void ld_read(const xmlNode *script, ld_fields *f)
{
	buf b;
	buf_init(&b);
	for (const xmlNode *c = script->children; c; c = c->next)
		if (c->content)
			buf_puts(&b, (const char *)c->content);
	json_t *root = json_loads(b.data, JSON_DECODE_ANY, NULL);
	buf_free(&b);
	if (root)
		ld_visit(root, f, 0);
	json_decref(root);
}

static void ld_free(ld_fields *f)
{
	free(f->headline);
	free(f->author);
	free(f->date);
	free(f->publisher);
	free(f->description);
}

/* ------------------------------------------------------------ the walk */

static bool rel_has(const xmlNode *n, const char *word)
{
	const char *rel = dom_attr(n, "rel");
	return rel && strcasestr(rel, word);
}

static void see(meta_seen *m, xmlNode *n)
{
	if (dom_is(n, "meta") && m->n_metas < sizeof m->metas / sizeof *m->metas)
		m->metas[m->n_metas++] = n;
	else if (dom_is(n, "title") && !m->title)
		m->title = n;
	else if (dom_is(n, "h1") && !m->h1)
		m->h1 = n;
	else if (dom_is(n, "time") && !m->time && dom_attr(n, "datetime"))
		m->time = n;
	else if (dom_is(n, "link") && rel_has(n, "canonical") && !m->canonical)
		m->canonical = n;
	else if (dom_is(n, "a") && rel_has(n, "author") && !m->rel_author)
		m->rel_author = n;
	else if (dom_is(n, "script")) {
		const char *t = dom_attr(n, "type");
		if (t && strcasestr(t, "ld+json"))
			ld_read(n, &m->ld);
	} else if (!m->byline && n->type == XML_ELEMENT_NODE) {
		const char *cls = dom_attr(n, "class"), *ip = dom_attr(n, "itemprop");
		if ((cls && strcasestr(cls, "byline")) || (ip && !strcasecmp(ip, "author")))
			m->byline = n;
	}
}

static void walk(meta_seen *m, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		see(m, n);
		walk(m, n->children);
	}
}

/* ------------------------------------------------------------ fields */

/* "Story title | Site" / "Story title - Site": the site part goes. */
static char *strip_site_suffix(char *t, const char *site)
{
	static const char *const seps[] = {
	    " | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " :: ", " \xc2\xbb ", NULL};
	if (!t)
		return NULL;
	for (const char *const *s = seps; *s; s++) {
		char *last = NULL;
		for (char *p = strstr(t, *s); p; p = strstr(p + 1, *s))
			last = p;
		if (!last)
			continue;
		const char *tail = last + strlen(*s);
		bool named = site && !strcasecmp(tail, site);
		bool short_tail = strlen(tail) < 40 && (size_t)(last - t) > strlen(tail);
		if (named || (short_tail && !strcmp(*s, " | ")) ||
		    (short_tail && strlen(tail) < 25)) {
			*last = 0;
			break;
		}
	}
	return t;
}

static char *pick_title(const meta_seen *m, const char *site)
{
	char *t = dup_trim(meta(m, "og:title"));
	if (!t)
		t = dup_trim(m->ld.headline);
	if (!t)
		t = dom_text_dup(m->h1);
	if (!t)
		t = dom_text_dup(m->title);
	return strip_site_suffix(t, site);
}

static char *clean_author(char *a)
{
	if (!a)
		return NULL;
	const char *p = a;
	if (!strncasecmp(p, "by ", 3))
		p += 3;
	if (strstr(p, "://")) { /* article:author is often a profile URL */
		free(a);
		return NULL;
	}
	char *r = dup_trim(p);
	free(a);
	return r;
}

static char *pick_author(const meta_seen *m)
{
	char *a = clean_author(dup_trim(m->ld.author));
	if (!a)
		a = clean_author(dup_trim(meta(m, "author")));
	if (!a)
		a = clean_author(dup_trim(meta(m, "article:author")));
	if (!a)
		a = clean_author(dom_text_dup(m->rel_author));
	if (!a && m->byline) {
		char *b = dom_text_dup(m->byline);
		/* a byline with digits carries a date too: not a clean name */
		a = b && strlen(b) < 60 && !strpbrk(b, "0123456789@") ? clean_author(b)
		                                                      : (free(b), NULL);
	}
	return a;
}

static char *pick_date(const meta_seen *m, const char *url)
{
	const char *cands[] = {m->ld.date,
	                       meta(m, "article:published_time"),
	                       meta(m, "datePublished"),
	                       meta(m, "og:published_time"),
	                       meta(m, "pubdate"),
	                       meta(m, "publishdate"),
	                       meta(m, "date"),
	                       meta(m, "dc.date"),
	                       meta(m, "dc.date.issued"),
	                       meta(m, "sailthru.date"),
	                       meta(m, "parsely-pub-date"),
	                       m->time ? dom_attr(m->time, "datetime") : NULL};
	for (size_t i = 0; i < sizeof cands / sizeof *cands; i++) {
		char *d = date_normalize(cands[i]);
		if (d)
			return d;
	}
	return date_from_url(url);
}

static char *pick_canonical(const meta_seen *m, const char *base_url)
{
	const char *raw = m->canonical ? dom_attr(m->canonical, "href") : NULL;
	if (!raw || !*raw)
		raw = meta(m, "og:url");
	if (!raw || !*raw)
		return base_url ? url_canonical(base_url) : NULL;
	char *abs = url_resolve(base_url, raw);
	char *c = url_canonical(abs);
	if (!c)
		return abs;
	free(abs);
	return c;
}

static char *pick_language(const meta_seen *m)
{
	char *l = dup_trim(m->html ? dom_attr(m->html, "lang") : NULL);
	if (!l)
		l = dup_trim(meta(m, "og:locale"));
	for (char *p = l; p && *p; p++)
		if (*p == '_')
			*p = '-';
	return l;
}

void html_meta_extract(xmlDoc *doc, const char *base_url, html_article *out)
{
	meta_seen m = {0};
	m.html = xmlDocGetRootElement(doc);
	walk(&m, m.html);
	out->site_name = dup_trim(meta(&m, "og:site_name"));
	if (!out->site_name)
		out->site_name = dup_trim(m.ld.publisher);
	out->title = pick_title(&m, out->site_name);
	out->author = pick_author(&m);
	out->canonical_url = pick_canonical(&m, base_url);
	out->published_at = pick_date(&m, base_url ? base_url : out->canonical_url);
	if (!out->published_at && base_url)
		out->published_at = date_from_url(out->canonical_url);
	out->language = pick_language(&m);
	out->description = dup_trim(meta(&m, "og:description"));
	if (!out->description)
		out->description = dup_trim(meta(&m, "description"));
	if (!out->description)
		out->description = dup_trim(m.ld.description);
	ld_free(&m.ld);
}
