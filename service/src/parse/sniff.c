/*
 * sniff — looks at the first bytes of a fetched body: what kind of document
 * it is (doc_detect, declared in feed.h, since the fetcher asks it to pick
 * between feed_parse and html_article_extract) and the case-insensitive
 * bounded search the charset sniffer shares.  Only a prefix is examined:
 * declarations that matter sit at the top, and bodies can be megabytes.
 */
#include "parse/sniff.h"

#include "parse/feed.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static bool starts_ci(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(end - p) >= n && !strncasecmp(p, w, n);
}

const char *sniff_find_ci(const char *p, const char *end, const char *w)
{
	for (; p < end; p++)
		if (starts_ci(p, end, w))
			return p;
	return NULL;
}

doc_kind doc_detect(const char *body, size_t len, const char *content_type)
{
	if (!body || !len)
		return DOC_UNKNOWN;
	const char *p = body, *end = body + (len < 2048 ? len : 2048);
	if (starts_ci(p, end, "\xEF\xBB\xBF"))
		p += 3;
	while (p < end && strchr(" \t\r\n", *p))
		p++;
	if (sniff_find_ci(p, end, "<rss") || sniff_find_ci(p, end, "<feed") ||
	    sniff_find_ci(p, end, "<rdf:rdf"))
		return DOC_FEED;
	if (sniff_find_ci(p, end, "<html") || sniff_find_ci(p, end, "<!doctype html") ||
	    sniff_find_ci(p, end, "<head") || sniff_find_ci(p, end, "<body"))
		return DOC_HTML;
	if (content_type && strcasestr(content_type, "html"))
		return DOC_HTML;
	if (p < end && *p == '<')
		return content_type && strcasestr(content_type, "xml") ? DOC_UNKNOWN : DOC_HTML;
	return DOC_TEXT;
}
