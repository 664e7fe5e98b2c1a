/*
 * hosts — DNS rebinding and cross-site writes.  With no API key, writes
 * are trusted from loopback; a page on any site can reach loopback through
 * a name of its own that it rebinds to 127.0.0.1, but the browser still
 * names that site in Host.  So when no key is set (or PARLEY_ALLOWED_HOSTS
 * is), every request must name us: localhost, an IP literal (a literal
 * cannot be rebound), the listen address, or a name listed in
 * PARLEY_ALLOWED_HOSTS ("*" allows any).  A request without Host (HTTP/1.0)
 * cannot come from a browser and passes.
 *
 * A write must also not come from a foreign page: its Origin is absent
 * (not a browser), the same as Host, or listed in PARLEY_CORS_ORIGINS —
 * "*" there counts only when an API key guards writes, else it would let
 * every site on the web write.
 */
#include "api/api.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#define HOST_MAX 256

/* The name part of a Host value ("[::1]:8080" -> "::1", "A.b.:80" ->
 * "a.b"), lower-cased, without a trailing dot.  0 when malformed. */
static int host_name(const char *h, size_t len, char out[HOST_MAX])
{
	const char *end = h + len, *name = h, *rest;
	size_t n;
	if (len && *h == '[') {
		const char *close = memchr(h, ']', len);
		if (!close)
			return 0;
		name = h + 1;
		n = (size_t)(close - name);
		rest = close + 1;
	} else {
		const char *colon = memchr(h, ':', len);
		n = colon ? (size_t)(colon - h) : len;
		rest = h + n;
	}
	if (rest < end) { /* ":port" */
		if (*rest != ':' || rest + 1 == end)
			return 0;
		for (const char *p = rest + 1; p < end; p++)
			if (!isdigit((unsigned char)*p))
				return 0;
	}
	if (n && name[n - 1] == '.')
		n--;
	if (n == 0 || n >= HOST_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c <= ' ' || c >= 0x7f || c == '/' || c == '@')
			return 0;
		out[i] = (char)tolower(c);
	}
	out[n] = '\0';
	return 1;
}

static int is_ip_literal(const char *name)
{
	unsigned char addr[16];
	return inet_pton(AF_INET, name, addr) == 1 || inet_pton(AF_INET6, name, addr) == 1;
}

/* 1 when name is in the comma-separated list (entries may carry a port),
 * 2 when the list has "*". */
static int listed(const char *list, const char *name)
{
	const char *item;
	size_t len;
	while (list && api_list_next(&list, &item, &len)) {
		char entry[HOST_MAX];
		if (len == 1 && *item == '*')
			return 2;
		if (host_name(item, len, entry) && !strcmp(entry, name))
			return 1;
	}
	return 0;
}

static int host_allowed(const config *cfg, const char *host)
{
	char name[HOST_MAX];
	if (listed(cfg->allowed_hosts, "") == 2)
		return 1;
	if (!host_name(host, strlen(host), name))
		return 0;
	if (!strcmp(name, "localhost") || is_ip_literal(name))
		return 1;
	char own[HOST_MAX];
	const char *lh = cfg->listen_host;
	if (lh && host_name(lh, strlen(lh), own) && !strcmp(own, name))
		return 1;
	return listed(cfg->allowed_hosts, name) != 0;
}

int api_check_host(const app *a, const http_request *req, http_response *res)
{
	const config *cfg = a->cfg;
	if (cfg->api_key && !cfg->allowed_hosts)
		return 0;
	const char *host = http_header(req, "Host");
	if (!host || host_allowed(cfg, host))
		return 0;
	api_error(res, 421, "host_not_allowed",
	          "this server does not answer for that host name; add it to "
	          "PARLEY_ALLOWED_HOSTS if it is yours",
	          NULL);
	return -1;
}

int api_check_origin(const app *a, const http_request *req, http_response *res)
{
	const char *origin = http_header(req, "Origin");
	if (!origin)
		return 0;
	int cors = api_cors_origin_allowed(a->cfg, origin);
	if (cors == 1 || (cors == 2 && a->cfg->api_key))
		return 0;
	const char *authority = strstr(origin, "://");
	const char *host = http_header(req, "Host");
	if (authority && host && !strcasecmp(authority + 3, host))
		return 0;
	api_error(res, 403, "origin_not_allowed",
	          "writes are not accepted from a page on another origin; list it in "
	          "PARLEY_CORS_ORIGINS",
	          NULL);
	return -1;
}
