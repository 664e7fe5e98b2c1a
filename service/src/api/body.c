/*
 * body — the gate every write passes: a JSON object, declared as such,
 * with no field the resource does not know (a typo must not be dropped
 * silently), and one error shape for a bad field.
 */
#include "api/api.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

json_t *api_json_body(const http_request *req, http_response *res)
{
	const char *ct = http_header(req, "Content-Type");
	size_t n = strcspn(ct ? ct : "", ";");
	while (ct && n && ct[n - 1] == ' ')
		n--;
	if (!ct || n != 16 || strncasecmp(ct, "application/json", 16)) {
		api_error(res, 415, "unsupported_media_type", "the body must be application/json",
		          NULL);
		return NULL;
	}
	json_error_t e;
	json_t *doc = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &e);
	if (!doc) {
		/* jansson's reason quotes the offending bytes: sanitised. */
		json_t *d = json_pack("{s:o, s:i, s:i}", "reason", api_text(e.text), "line", e.line,
		                      "column", e.column);
		api_error(res, 400, "invalid_json", "the body is not valid JSON", d);
		return NULL;
	}
	if (!json_is_object(doc)) {
		json_decref(doc);
		api_error(res, 422, "invalid_body", "the body must be a JSON object", NULL);
		return NULL;
	}
	return doc;
}

json_t *api_write_body(app *a, const http_request *req, http_response *res)
{
	if (api_require_write(a, req, res) || api_check_params(req, NULL, res))
		return NULL;
	return api_json_body(req, res);
}

void api_invalid_field(http_response *res, const char *field, const char *why)
{
	api_error_about(res, 422, "invalid_body", "field", field, why, NULL);
}

int api_only_fields(json_t *doc, const char *const *allowed, http_response *res)
{
	const char *key;
	json_t *v;
	json_object_foreach(doc, key, v)
	{
		int ok = 0;
		for (const char *const *f = allowed; *f; f++)
			ok |= !strcmp(*f, key);
		if (!ok) {
			api_invalid_field(res, key, "unknown field");
			return -1;
		}
	}
	return 0;
}
