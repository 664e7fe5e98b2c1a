/*
 * auth — writes need "Authorization: Bearer $PARLEY_API_KEY", compared in
 * constant time; with no key configured, writes are taken only from
 * loopback (serve warns about this at start).  Also the JSON body gate.
 */
#include "api/api.h"

#include <string.h>
#include <strings.h>

/* Compares every byte whatever the first difference, so timing tells an
 * attacker nothing about how much of the key they guessed. */
static int same_secret(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = (unsigned char)(la != lb);
	for (size_t i = 0; i < la; i++)
		diff |= (unsigned char)a[i] ^ (unsigned char)(lb ? b[i % lb] : 0);
	return diff == 0;
}

int api_require_write(const app *a, const http_request *req, http_response *res)
{
	const char *key = a->cfg->api_key;
	if (!key) {
		if (req->from_loopback)
			return 0;
		api_error(res, 403, "forbidden",
			  "writes are accepted only from loopback when no API key is set", NULL);
		return -1;
	}
	const char *h = http_header(req, "Authorization");
	if (h && !strncasecmp(h, "Bearer ", 7) && same_secret(h + 7, key))
		return 0;
	http_set_header(res, "WWW-Authenticate", "Bearer realm=\"parley\"");
	api_error(res, 401, "unauthorized",
		  h ? "the API key is wrong" : "this endpoint needs 'Authorization: Bearer <key>'",
		  NULL);
	return -1;
}

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
		json_t *d = json_pack("{s:s, s:i, s:i}", "reason", e.text, "line", e.line,
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
