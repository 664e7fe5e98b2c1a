/*
 * auth — writes need "Authorization: Bearer $PARLEY_API_KEY", compared in
 * constant time; with no key configured, writes are taken only from
 * loopback (serve warns about this at start).
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
