/*
 * router — a linear scan over a small static table.  With a few dozen
 * routes a scan costs less than building and walking a tree, and the
 * table reads as the API's table of contents.
 */
#include "http/http.h"

#include <string.h>

/* Matches one pattern; {name} takes one non-empty segment. */
static int match_pattern(const char *pattern, const char *path, char storage[][128], int *n)
{
	*n = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t len = strcspn(s, "/");
			if (!close || len == 0 || len >= 128 || *n >= 4)
				return 0;
			memcpy(storage[*n], s, len);
			storage[*n][len] = '\0';
			(*n)++;
			p = close + 1;
			s += len;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	/* A trailing slash is the same resource. */
	if (*s == '/' && s[1] == '\0')
		s++;
	return *p == '\0' && *s == '\0';
}

route_result http_route_match(const http_route *routes, http_request *req,
                              char params_storage[][128], http_handler *handler, buf *allow)
{
	int path_known = 0;
	const char *method = req->method;
	int is_head = !strcmp(method, "HEAD");
	for (const http_route *r = routes; r->pattern; r++) {
		int n;
		if (!match_pattern(r->pattern, req->path, params_storage, &n))
			continue;
		if (!path_known && allow)
			buf_reset(allow);
		if (allow && !strstr(allow->data, r->method)) {
			if (allow->len)
				buf_puts(allow, ", ");
			buf_puts(allow, r->method);
			if (!strcmp(r->method, "GET"))
				buf_puts(allow, ", HEAD");
		}
		path_known = 1;
		if (strcmp(r->method, method) && !(is_head && !strcmp(r->method, "GET")))
			continue;
		*handler = r->handler;
		for (int i = 0; i < n; i++)
			req->path_params[i] = params_storage[i];
		req->n_path_params = n;
		req->route = r->pattern;
		return ROUTE_FOUND;
	}
	return path_known ? ROUTE_NO_METHOD : ROUTE_NO_PATH;
}
