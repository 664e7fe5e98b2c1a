/*
 * source_spec — see source_spec.h.
 */
#include "ingest/source_spec.h"

#include "parse/url.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int source_spec_check(const char *url, const char *kind, long interval, int allow_local,
                      source_spec *out, const char **field, const char **why)
{
	memset(out, 0, sizeof *out);
	*field = "url";
	if (!url || !*url) {
		*why = "is required";
		return -1;
	}
	if (strlen(url) > SOURCE_URL_MAX) {
		*why = "is too long";
		return -1;
	}
	int is_file = !strncasecmp(url, "file://", 7);
	if (is_file && !allow_local) {
		*why = "file:// URLs need PARLEY_ALLOW_LOCAL_FETCH=1";
		return -1;
	}
	out->url = url_canonical(url);
	if (!out->url ||
	    (!is_file && strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8))) {
		*why = "must be an absolute http(s) URL";
		source_spec_free(out);
		return -1;
	}
	*field = "kind";
	if (kind && !strcmp(kind, "feed"))
		out->kind = "feed";
	else if (kind && !strcmp(kind, "page"))
		out->kind = "page";
	else if (kind) {
		*why = "must be \"feed\" or \"page\"";
		source_spec_free(out);
		return -1;
	}
	*field = "interval";
	if (interval < 0)
		interval = SOURCE_INTERVAL_DEFAULT;
	if (interval < SOURCE_INTERVAL_MIN || interval > SOURCE_INTERVAL_MAX) {
		*why = "must be between 60 and 604800 seconds";
		source_spec_free(out);
		return -1;
	}
	out->interval_s = (int)interval;
	*field = *why = NULL;
	return 0;
}

void source_spec_free(source_spec *s)
{
	free(s->url);
	s->url = NULL;
}
