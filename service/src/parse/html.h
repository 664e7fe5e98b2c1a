/*
 * html — main text and metadata of an article page (libxml2's HTML parser,
 * readability-style block scoring).  Pure: bytes in, struct out.
 */
#ifndef PARLEY_PARSE_HTML_H
#define PARLEY_PARSE_HTML_H

#include <stddef.h>

typedef struct html_article {
	char *title;
	char *author;
	char *published_at; /* ISO 8601 ("2025-08-27" or "2025-08-27T10:00:00Z"), or NULL */
	char *site_name;
	char *canonical_url;
	char *language;
	char *description;
	char *text; /* main text, paragraphs separated by "\n\n"; never NULL on success */
} html_article;

/* html must be UTF-8 (see charset.h).  base_url resolves relative links and
 * may be NULL.  Returns 0, or -1 with *err set (free() it). */
int html_article_extract(const char *html, size_t len, const char *base_url, html_article *out,
                         char **err);
void html_article_free(html_article *a);

#endif
