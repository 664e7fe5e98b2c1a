/*
 * mojibake — see mojibake.h.  What a repaired character may be is kept to
 * what a Western mis-decoding produces in news text: the Latin-1 letters
 * and signs, Latin Extended-A (Central European names), the Romanian
 * comma-below letters, general punctuation (’ “ ” – — …), the euro and
 * the trademark sign.  Anything else the bytes happen to spell ("CAFÉ”"
 * reads as É then the byte 0x94, which would make U+0254) is honest text
 * and stays.
 */
#include "parse/mojibake.h"

#include "core/buf.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* windows-1252's characters for the bytes 0x80-0x9F (0 where it has none;
 * a decoder then gives the C1 control of the same number). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* The byte a windows-1252 or Latin-1 decoder read as code point cp, or -1. */
static int byte_of(uint32_t cp)
{
	if (cp >= 0x80 && cp <= 0xFF)
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (cp1252_high[i] && cp1252_high[i] == cp)
			return 0x80 + i;
	return -1;
}

static bool plausible(uint32_t cp)
{
	return (cp >= 0xA0 && cp <= 0x17F) || (cp >= 0x218 && cp <= 0x21B) ||
	       (cp >= 0x2010 && cp <= 0x206F) || cp == 0x20AC || cp == 0x2122;
}

/* Text normalised after it was mangled has "Ã" as "A" and a combining
 * tilde (NFD): when the letter *cp at s is followed by one combining mark
 * and the two compose into one character, *cp becomes it and the mark's
 * length is returned, else 0. */
static size_t composed_lead(const char *s, size_t len, uint32_t *cp)
{
	uint32_t mark;
	size_t m = len > 1 && *cp < 0x80 ? utf8_seq(s + 1, len - 1, &mark) : 0;
	if (!m || mark < 0x300 || mark > 0x36F)
		return 0;
	utf8proc_int32_t pair[2] = {(utf8proc_int32_t)*cp, (utf8proc_int32_t)mark};
	utf8proc_ssize_t n = utf8proc_normalize_utf32(pair, 2, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (n != 1)
		return 0;
	*cp = (uint32_t)pair[0];
	return m;
}

/* At s[0..len): the length of a mangled character and its repaired bytes
 * in out (n_out), or 0. */
static size_t mangled_at(const char *s, size_t len, unsigned char out[4], size_t *n_out)
{
	uint32_t cp;
	size_t k = utf8_seq(s, len, &cp);
	k += k ? composed_lead(s, len, &cp) : 0;
	int lead = k ? byte_of(cp) : -1;
	if (lead < 0xC2 || lead > 0xF4)
		return 0;
	size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
	out[0] = (unsigned char)lead;
	size_t at = k;
	for (size_t j = 1; j <= need; j++) {
		size_t m = at < len ? utf8_seq(s + at, len - at, &cp) : 0;
		int b = m ? byte_of(cp) : -1;
		if (b < 0x80 || b > 0xBF)
			return 0;
		out[j] = (unsigned char)b;
		at += m;
	}
	uint32_t fixed;
	if (utf8_seq((const char *)out, need + 1, &fixed) != need + 1 || !plausible(fixed))
		return 0;
	*n_out = need + 1;
	return at;
}

char *mojibake_repair(const char *s, size_t len, size_t *out_len)
{
	buf b;
	buf_init(&b);
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		unsigned char fixed[4];
		size_t n_fixed = 0;
		size_t k = mangled_at(s + i, len - i, fixed, &n_fixed);
		if (k) {
			buf_append(&b, (const char *)fixed, n_fixed);
			i += k;
			continue;
		}
		if (c < 0x80) {
			size_t j = i;
			/* up to a letter a combining mark follows */
			while (j < len && (unsigned char)s[j] < 0x80 &&
			       !(j + 1 < len && ((unsigned char)s[j + 1] & 0xFE) == 0xCC))
				j++;
			if (j == i)
				j++; /* that letter, when it is no mangled lead */
			buf_append(&b, s + i, j - i);
			i = j;
			continue;
		}
		uint32_t cp;
		size_t m = utf8_seq(s + i, len - i, &cp);
		buf_append(&b, s + i, m ? m : 1);
		i += m ? m : 1;
	}
	if (out_len)
		*out_len = b.len;
	return buf_detach(&b);
}
