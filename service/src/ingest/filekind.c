/*
 * filekind — see filekind.h.
 */
#include "ingest/filekind.h"

#include <string.h>
#include <strings.h>

file_kind filekind_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	if (!dot)
		return FILE_TEXT;
	static const char *const html[] = {".html", ".htm", ".xhtml", NULL};
	static const char *const feed[] = {".xml", ".rss", ".atom", ".rdf", NULL};
	for (const char *const *e = html; *e; e++)
		if (!strcasecmp(dot, *e))
			return FILE_HTML;
	for (const char *const *e = feed; *e; e++)
		if (!strcasecmp(dot, *e))
			return FILE_FEED;
	return FILE_TEXT;
}

int filekind_is_url(const char *arg)
{
	return !strncasecmp(arg, "http://", 7) || !strncasecmp(arg, "https://", 8) ||
	       !strncasecmp(arg, "file://", 7);
}

content_class content_type_class(const char *ct)
{
	if (!ct)
		return CT_NONE;
	while (*ct == ' ')
		ct++;
	size_t n = strcspn(ct, "; \t");
	if (!n)
		return CT_NONE;
	static const struct {
		const char *type;
		content_class cls;
	} known[] = {
	    {"text/html", CT_HTML},           {"application/xhtml+xml", CT_HTML},
	    {"text/plain", CT_TEXT},          {"application/rss+xml", CT_XML},
	    {"application/atom+xml", CT_XML}, {"application/rdf+xml", CT_XML},
	    {"application/xml", CT_XML},      {"text/xml", CT_XML},
	};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (strlen(known[i].type) == n && !strncasecmp(ct, known[i].type, n))
			return known[i].cls;
	return CT_OTHER;
}
