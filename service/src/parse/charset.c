/*
 * charset — see charset.h.  The declaration order follows the WHATWG
 * encoding sniffing rules in spirit: a BOM beats everything, then the HTTP
 * header, then an in-document declaration (<meta charset>, http-equiv,
 * <?xml encoding?>) within the first KiB, then "valid UTF-8 means UTF-8",
 * else windows-1252.  Labels browsers treat as windows-1252 (ISO-8859-1,
 * ASCII) are widened to it, since pages so labelled routinely contain
 * 0x80-0x9F punctuation.  Stray invalid bytes become U+FFFD rather than
 * failing the page; only an unknown declared charset is an error.
 */
#include "parse/charset.h"

#include "core/buf.h"
#include "parse/sniff.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { SNIFF_BYTES = 4096, LABEL_MAX = 40 };

static const char replacement[] = "\xEF\xBF\xBD";

/* Copies a charset label starting at s (optionally quoted) into out. */
static bool take_label(const char *s, const char *end, char *out)
{
	while (s < end && (*s == ' ' || *s == '"' || *s == '\'' || *s == '='))
		s++;
	size_t n = 0;
	while (s < end && n + 1 < LABEL_MAX && (isalnum((unsigned char)*s) || strchr("-_.:", *s)))
		out[n++] = (char)tolower((unsigned char)*s++);
	out[n] = 0;
	return n > 0;
}

static bool label_from_header(const char *ct, char *out)
{
	if (!ct)
		return false;
	const char *end = ct + strlen(ct);
	const char *p = sniff_find_ci(ct, end, "charset");
	return p && take_label(p + 7, end, out);
}

/* <meta charset=x>, <meta http-equiv content="...; charset=x">, and
 * <?xml ... encoding="x"?> all put the label after one of these words. */
static bool label_from_document(const char *body, size_t len, char *out)
{
	const char *end = body + (len < SNIFF_BYTES ? len : SNIFF_BYTES);
	if (len >= 5 && !strncmp(body, "<?xml", 5)) {
		const char *close = sniff_find_ci(body, end, "?>");
		const char *enc = sniff_find_ci(body, close ? close : end, "encoding");
		if (enc)
			return take_label(enc + 8, end, out);
	}
	for (const char *p = body; (p = sniff_find_ci(p, end, "<meta")); p += 5) {
		const char *gt = memchr(p, '>', (size_t)(end - p));
		const char *cs = sniff_find_ci(p, gt ? gt : end, "charset");
		if (cs && take_label(cs + 7, end, out))
			return true;
	}
	return false;
}

static bool valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n = c < 0x80         ? 1
		           : (c >> 5) == 6  ? 2
		           : (c >> 4) == 14 ? 3
		           : (c >> 3) == 30 ? 4
		                            : 0;
		if (!n || i + n > len || (n == 2 && c < 0xC2))
			return false;
		for (size_t k = 1; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

static bool is_utf8_label(const char *l)
{
	return !strcmp(l, "utf-8") || !strcmp(l, "utf8") || !strcmp(l, "unicode-1-1-utf-8");
}

/* Labels browsers decode as windows-1252. */
static const char *widen(const char *l)
{
	static const char *const as_1252[] = {"iso-8859-1", "iso8859-1", "latin1",     "l1",
	                                      "us-ascii",   "ascii",     "iso_8859-1", "cp819",
	                                      "ibm819",     "x-cp1252",  NULL};
	for (const char *const *a = as_1252; *a; a++)
		if (!strcmp(l, *a))
			return "windows-1252";
	if (!strcmp(l, "x-cp1251") || !strcmp(l, "win-1251"))
		return "windows-1251";
	if (!strcmp(l, "koi8_r"))
		return "koi8-r";
	return l;
}

static char *iconv_convert(iconv_t cd, const char *in, size_t len, size_t *out_len)
{
	buf b;
	buf_init(&b);
	char *src = (char *)in;
	size_t left = len;
	while (left) {
		buf_reserve(&b, left * 2 + 16);
		char *dst = b.data + b.len;
		size_t room = b.cap - b.len - 1, before = room;
		size_t r = iconv(cd, &src, &left, &dst, &room);
		b.len += before - room;
		if (r == (size_t)-1 && errno == E2BIG)
			continue;
		if (r == (size_t)-1) { /* EILSEQ/EINVAL: one bad byte, mark and go on */
			buf_puts(&b, replacement);
			src++;
			left--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	b.data[b.len] = 0;
	*out_len = b.len;
	return buf_detach(&b);
}

/* UTF-8 with each invalid byte replaced by U+FFFD. */
static char *repair_utf8(const char *s, size_t len, size_t *out_len)
{
	buf b;
	buf_init(&b);
	buf_reserve(&b, len);
	size_t i = 0;
	while (i < len) {
		size_t n = 1;
		while (n <= 4 && i + n <= len && !valid_utf8((const unsigned char *)s + i, n))
			n++;
		if (n > 4 || i + n > len) {
			buf_puts(&b, replacement);
			i++;
		} else {
			buf_append(&b, s + i, n);
			i += n;
		}
	}
	*out_len = b.len;
	return buf_detach(&b);
}

static char *convert(const char *body, size_t len, const char *label, size_t *out_len, char **err)
{
	if (is_utf8_label(label))
		return valid_utf8((const unsigned char *)body, len)
		           ? (*out_len = len, xstrndup(body, len))
		           : repair_utf8(body, len, out_len);
	iconv_t cd = iconv_open("UTF-8", widen(label));
	if (cd == (iconv_t)-1) {
		buf e;
		buf_init(&e);
		buf_printf(&e, "charset: unknown charset '%s'", label);
		*err = buf_detach(&e);
		return NULL;
	}
	char *r = iconv_convert(cd, body, len, out_len);
	iconv_close(cd);
	return r;
}

static const char *bom_label(const char **body, size_t *len)
{
	const unsigned char *s = (const unsigned char *)*body;
	size_t skip = 0;
	const char *label = NULL;
	if (*len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		skip = 3, label = "utf-8";
	else if (*len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		skip = 2, label = "utf-16le";
	else if (*len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		skip = 2, label = "utf-16be";
	*body += skip;
	*len -= skip;
	return label;
}

char *charset_to_utf8(const char *body, size_t len, const char *content_type, size_t *out_len,
                      char **err)
{
	*err = NULL;
	*out_len = 0;
	if (!body)
		body = "";
	char label[LABEL_MAX];
	const char *bom = bom_label(&body, &len);
	if (bom)
		snprintf(label, sizeof label, "%s", bom);
	else if (!label_from_header(content_type, label) && !label_from_document(body, len, label))
		snprintf(label, sizeof label, "%s",
		         valid_utf8((const unsigned char *)body, len) ? "utf-8" : "windows-1252");
	/* A page cannot really be UTF-16 if we just read ASCII markup to find
	 * that label: browsers treat it as UTF-8 too. */
	if (!bom && !strncmp(label, "utf-16", 6))
		snprintf(label, sizeof label, "utf-8");
	return convert(body, len, label, out_len, err);
}
