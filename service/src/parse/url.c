/*
 * url — see url.h.  Canonicalisation is done by hand on the string rather
 * than via xmlParseURI/xmlSaveUri because libxml2 re-escapes paths and
 * queries on output, which would make two spellings of the same URL differ
 * in new ways; here only the parts we mean to normalise are touched.
 */
#include "parse/url.h"

#include "core/buf.h"

#include <ctype.h>
#include <libxml/uri.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Query parameters that only track the click, never select content. */
static bool tracking_param(const char *key, size_t len)
{
	static const char *const exact[] = {"fbclid", "gclid",  "dclid",  "msclkid", "yclid",
	                                    "igshid", "mc_cid", "mc_eid", "_ga",     "_gl",
	                                    "gclsrc", "twclid", "ncid",   "cmpid",   NULL};
	if (len >= 4 && !strncasecmp(key, "utm_", 4))
		return true;
	for (const char *const *e = exact; *e; e++)
		if (strlen(*e) == len && !strncasecmp(key, *e, len))
			return true;
	return false;
}

static void put_query(buf *out, const char *q, size_t len)
{
	bool first = true;
	const char *end = q + len;
	while (q < end) {
		const char *amp = memchr(q, '&', (size_t)(end - q));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(q, '=', (size_t)(stop - q));
		size_t klen = (size_t)((eq ? eq : stop) - q);
		if (stop > q && !tracking_param(q, klen)) {
			buf_putc(out, first ? '?' : '&');
			buf_append(out, q, (size_t)(stop - q));
			first = false;
		}
		q = amp ? amp + 1 : end;
	}
}

static void put_authority(buf *out, const char *a, size_t len, const char *scheme)
{
	const char *at = memchr(a, '@', len);
	if (at) { /* userinfo is kept verbatim */
		buf_append(out, a, (size_t)(at - a) + 1);
		len -= (size_t)(at - a) + 1;
		a = at + 1;
	}
	const char *colon = NULL;
	for (size_t i = 0; i < len; i++)
		if (a[i] == ':' && (a[0] != '[' || memchr(a, ']', i)))
			colon = a + i;
	size_t hlen = colon ? (size_t)(colon - a) : len;
	while (hlen && a[hlen - 1] == '.')
		hlen--; /* "example.com." names the same host */
	for (size_t i = 0; i < hlen; i++)
		buf_putc(out, (char)tolower((unsigned char)a[i]));
	if (!colon)
		return;
	const char *port = colon + 1;
	size_t plen = len - (size_t)(port - a);
	bool dflt = plen == 0 ||
	            (!strcmp(scheme, "http") && plen == 2 && !strncmp(port, "80", 2)) ||
	            (!strcmp(scheme, "https") && plen == 3 && !strncmp(port, "443", 3));
	if (!dflt) {
		buf_putc(out, ':');
		buf_append(out, port, plen);
	}
}

/* Lower-cased scheme of url into scheme[8]; the position after "scheme:",
 * or NULL when it is not http, https or file. */
static const char *take_scheme(const char *url, size_t len, char *scheme)
{
	const char *colon = memchr(url, ':', len);
	if (!colon || colon == url || (size_t)(colon - url) > 5)
		return NULL;
	memset(scheme, 0, 8);
	for (size_t i = 0; url + i < colon; i++)
		scheme[i] = (char)tolower((unsigned char)url[i]);
	if (strcmp(scheme, "http") && strcmp(scheme, "https") && strcmp(scheme, "file"))
		return NULL;
	return colon + 1;
}

char *url_canonical(const char *url)
{
	if (!url)
		return NULL;
	while (isspace((unsigned char)*url))
		url++;
	size_t len = strlen(url);
	while (len && isspace((unsigned char)url[len - 1]))
		len--;
	char scheme[8];
	const char *p = take_scheme(url, len, scheme), *end = url + len;
	if (!p)
		return NULL;
	if (end - p < 2 || p[0] != '/' || p[1] != '/')
		return NULL;
	p += 2;
	const char *hash = memchr(p, '#', (size_t)(end - p));
	if (hash)
		end = hash;
	size_t alen = strcspn(p, "/?#");
	if ((size_t)(end - p) < alen)
		alen = (size_t)(end - p);
	if (!alen && strcmp(scheme, "file"))
		return NULL;
	buf out;
	buf_init(&out);
	buf_printf(&out, "%s://", scheme);
	put_authority(&out, p, alen, scheme);
	p += alen;
	const char *q = memchr(p, '?', (size_t)(end - p));
	const char *path_end = q ? q : end;
	if (path_end == p)
		buf_putc(&out, '/');
	else
		buf_append(&out, p, (size_t)(path_end - p));
	if (q)
		put_query(&out, q + 1, (size_t)(end - q - 1));
	return buf_detach(&out);
}

char *url_resolve(const char *base, const char *ref)
{
	if (!ref)
		return NULL;
	while (isspace((unsigned char)*ref))
		ref++;
	size_t n = strlen(ref);
	while (n && isspace((unsigned char)ref[n - 1]))
		n--; /* href values often carry stray whitespace; xmlBuildURI rejects it */
	char *trimmed = xstrndup(ref, n);
	xmlChar *r = xmlBuildURI((const xmlChar *)trimmed, (const xmlChar *)(base ? base : ""));
	free(trimmed);
	if (!r)
		return NULL;
	char *out = xstrdup((const char *)r);
	xmlFree(r);
	return out;
}
