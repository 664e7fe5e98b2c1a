/*
 * cursor — opaque keyset cursors.  The client sees base64url of
 * "sort|id" (the last row's sort key and id); we decode and validate it
 * before it reaches SQL, so a forged cursor is a 400, never a 500.
 */
#include "api/api.h"

#include <string.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *api_cursor_encode(const char *sort, const char *id)
{
	buf raw, out;
	buf_init(&raw);
	buf_init(&out);
	buf_printf(&raw, "%s|%s", sort ? sort : "", id);
	const unsigned char *s = (const unsigned char *)raw.data;
	for (size_t i = 0; i < raw.len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < raw.len)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < raw.len)
			v |= s[i + 2];
		buf_putc(&out, b64[(v >> 18) & 63]);
		buf_putc(&out, b64[(v >> 12) & 63]);
		if (i + 1 < raw.len)
			buf_putc(&out, b64[(v >> 6) & 63]);
		if (i + 2 < raw.len)
			buf_putc(&out, b64[v & 63]);
	}
	buf_free(&raw);
	return buf_detach(&out);
}

static int b64_value(char c)
{
	const char *p = c ? strchr(b64, c) : NULL;
	return p ? (int)(p - b64) : -1;
}

int api_cursor_decode(const char *cursor, char *sort, size_t sort_size, char *id, size_t id_size)
{
	char raw[96];
	size_t n = 0, len = strlen(cursor);
	if (len == 0 || len > 120 || len % 4 == 1)
		return -1;
	for (size_t i = 0; i < len; i += 4) {
		unsigned v = 0;
		int k;
		for (k = 0; k < 4 && i + (size_t)k < len; k++) {
			int d = b64_value(cursor[i + (size_t)k]);
			if (d < 0)
				return -1;
			v |= (unsigned)d << (18 - 6 * k);
		}
		for (int j = 0; j < k - 1; j++) {
			if (n + 1 >= sizeof raw)
				return -1;
			raw[n++] = (char)((v >> (16 - 8 * j)) & 255);
		}
	}
	raw[n] = '\0';
	char *bar = strchr(raw, '|');
	if (!bar || strlen(bar + 1) >= id_size || (size_t)(bar - raw) >= sort_size)
		return -1;
	memcpy(sort, raw, (size_t)(bar - raw));
	sort[bar - raw] = '\0';
	strcpy(id, bar + 1);
	if (!api_valid_id(id))
		return -1;
	return 0;
}
