/*
 * utf8 — see utf8.h.  Decoding follows RFC 3629 (Table 3-7 of Unicode):
 * shortest form only, no surrogates, nothing above U+10FFFF.
 */
#include "core/utf8.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6"

size_t utf8_seq(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len == 0)
		return 0;
	unsigned c = p[0];
	size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
	if (n == 0 || n > len)
		return 0;
	uint32_t v = n == 1 ? c : c & (0x7fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3fu);
	}
	static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
	if (v < min[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	if (cp)
		*cp = v;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(s + i, len - i, NULL);
		if (n == 0 || s[i] == '\0')
			return 0;
		i += n;
	}
	return 1;
}

size_t buf_put_utf8(buf *b, const char *s, size_t len, size_t max)
{
	size_t i = 0, out = 0;
	while (i < len) {
		size_t n = utf8_seq(s + i, len - i, NULL);
		int bad = n == 0 || s[i] == '\0';
		size_t w = bad ? 3 : n;
		if (out + w > max)
			break;
		if (bad)
			buf_append(b, UTF8_REPLACEMENT, 3);
		else
			buf_append(b, s + i, n);
		i += bad ? 1 : n;
		out += w;
	}
	return i;
}

char *utf8_sanitize(const char *s, size_t len, size_t max)
{
	assert(max >= 3);
	buf b;
	buf_init(&b);
	if (!s)
		return buf_detach(&b);
	if (buf_put_utf8(&b, s, len, max) < len) {
		/* Cut: start again with room for the ellipsis, so the result
		 * still fits in max. */
		buf_reset(&b);
		buf_put_utf8(&b, s, len, max - 3);
		buf_append(&b, ELLIPSIS, 3);
	}
	return buf_detach(&b);
}

size_t utf8_copy(char *dst, size_t cap, const char *s, size_t len)
{
	assert(cap >= 4);
	char *t = utf8_sanitize(s, len, cap - 1);
	size_t n = strlen(t);
	memcpy(dst, t, n + 1);
	free(t);
	return n;
}
