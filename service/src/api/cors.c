/*
 * cors — lets a dashboard on another origin call the API, for the origins
 * listed in PARLEY_CORS_ORIGINS only.  "*" allows any origin but then
 * never with credentials, as the CORS rules require.
 */
#include "api/api.h"

#include <string.h>

int api_list_next(const char **cursor, const char **item, size_t *len)
{
	const char *p = *cursor;
	while (*p == ' ' || *p == ',')
		p++;
	if (!*p)
		return 0;
	size_t n = strcspn(p, ",");
	size_t m = n;
	while (m && p[m - 1] == ' ')
		m--;
	*item = p;
	*len = m;
	*cursor = p + n;
	return 1;
}

int api_cors_origin_allowed(const config *cfg, const char *origin)
{
	const char *list = cfg->cors_origins, *item;
	size_t len;
	if (!list || !origin || !*origin)
		return 0;
	size_t olen = strlen(origin);
	int wildcard = 0;
	while (api_list_next(&list, &item, &len)) {
		if (len == olen && !strncmp(item, origin, olen))
			return 1;
		if (len == 1 && *item == '*')
			wildcard = 1;
	}
	return wildcard ? 2 : 0;
}

void api_cors_headers(const app *a, const http_request *req, http_response *res)
{
	const char *origin = http_header(req, "Origin");
	int allowed = api_cors_origin_allowed(a->cfg, origin);
	if (!allowed)
		return;
	http_set_header(res, "Access-Control-Allow-Origin", allowed == 1 ? origin : "*");
	if (allowed == 1) {
		http_set_header(res, "Access-Control-Allow-Credentials", "true");
		http_set_header(res, "Vary", "Origin, Accept-Encoding");
	}
	http_set_header(res, "Access-Control-Expose-Headers", "ETag, Location, Retry-After");
}

int api_preflight(const app *a, const http_request *req, const char *allow, http_response *res)
{
	const char *origin = http_header(req, "Origin");
	const char *method = http_header(req, "Access-Control-Request-Method");
	if (!origin || !method) { /* a plain OPTIONS: say what the resource takes */
		res->status = 204;
		http_set_header(res, "Allow", allow);
		return 0;
	}
	if (!api_cors_origin_allowed(a->cfg, origin)) {
		api_error(res, 403, "cors_forbidden", "this origin may not call the API",
		          json_pack("{s:o}", "origin", api_text(origin)));
		return -1;
	}
	if (!strstr(allow, method)) {
		api_error(res, 405, "method_not_allowed", "this endpoint does not take that method",
		          json_pack("{s:s}", "allow", allow));
		http_set_header(res, "Allow", allow);
		return -1;
	}
	res->status = 204;
	api_cors_headers(a, req, res);
	http_set_header(res, "Access-Control-Allow-Methods", allow);
	http_set_header(res, "Access-Control-Allow-Headers",
	                "Authorization, Content-Type, If-None-Match, Accept");
	http_set_header(res, "Access-Control-Max-Age", "600");
	return 0;
}
