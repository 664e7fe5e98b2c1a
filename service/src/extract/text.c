/*
 * text — turns the caller's UTF-8 into the work text every stage matches on.
 *
 * Matching wants one spelling per character: curly and straight quotes,
 * guillemets, dashes and odd spaces are folded to ASCII, and decomposed
 * accents are composed (NFC) so "Erdog\u0306an" and its precomposed twin meet.
 * Reports must still point into the original, so each work byte records
 * the code point it came from; folding changes bytes, never that count.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int px_utf8_decode(const char *s, const char *end, int32_t *cp)
{
	utf8proc_ssize_t n =
	    utf8proc_iterate((const utf8proc_uint8_t *)s, end - s, (utf8proc_int32_t *)cp);
	if (n <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (int)n;
}

bool px_is_upper_at(const char *s, const char *end)
{
	if ((unsigned char)*s < 0x80)
		return *s >= 'A' && *s <= 'Z';
	int32_t c;
	px_utf8_decode(s, end, &c);
	return utf8proc_isupper(c) != 0;
}

bool px_is_letter_at(const char *s, const char *end)
{
	if ((unsigned char)*s < 0x80)
		return (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z');
	int32_t c;
	px_utf8_decode(s, end, &c);
	utf8proc_category_t cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* The ASCII stand-in for a code point, or NULL to keep it as it is. */
static const char *fold_cp(int32_t c)
{
	switch (c) {
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x201B:
	case 0x2032:
	case 0x02BC: return "'";
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x00AB:
	case 0x00BB:
	case 0x2033: return "\"";
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212: return "-";
	case 0x00A0:
	case 0x202F:
	case 0x205F:
	case 0x3000:
	case '\t':
	case '\v':
	case '\f': return " ";
	case 0x200B:
	case 0x200C:
	case 0x200D:
	case 0xFEFF:
	case 0x00AD:
	case '\r': return "";
	case 0x2026: return "...";
	case 0x2028:
	case 0x2029:
	case 0x0085: return "\n";
	}
	if (c >= 0x2000 && c <= 0x200A)
		return " ";
	if (c == 0xFFFD)
		return "?";
	return NULL;
}

/* Output never outgrows the input: every fold is at most as long as what
 * it replaces, and composition only shortens.  So both arrays are sized
 * once and filled directly. */
typedef struct out {
	char *s;
	uint32_t *cp;
	size_t len;
} out;

static void emit(out *o, const char *bytes, size_t n, uint32_t cpi)
{
	for (size_t i = 0; i < n; i++) {
		o->s[o->len] = bytes[i];
		o->cp[o->len++] = cpi;
	}
}

/* Length in bytes of the combining marks that follow position p. */
static size_t combining_tail(const char *p, const char *end)
{
	const char *q = p;
	while (q < end && (unsigned char)*q >= 0x80) {
		int32_t c;
		int n = px_utf8_decode(q, end, &c);
		if (utf8proc_get_property(c)->combining_class == 0)
			break;
		q += n;
	}
	return (size_t)(q - p);
}

/* Composes base + marks (NFC); returns the code points the cluster spans. */
static uint32_t emit_cluster(out *o, const char *p, size_t n, const char *end, uint32_t cpi)
{
	utf8proc_uint8_t *composed = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n,
	                                  &composed, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (m > 0 && (size_t)m <= n)
		emit(o, (const char *)composed, (size_t)m, cpi);
	else
		emit(o, p, n, cpi);
	free(composed);
	uint32_t count = 0;
	for (const char *q = p; q < p + n; count++) {
		int32_t dummy;
		q += px_utf8_decode(q, end, &dummy);
	}
	return count;
}

/* Where each original code point starts, so spans can be copied verbatim. */
static size_t *original_offsets(const char *src, size_t len, uint32_t n_cp)
{
	size_t *off = xmalloc((n_cp + 1) * sizeof *off);
	size_t i = 0;
	for (uint32_t k = 0; k < n_cp; k++) {
		off[k] = i;
		if (i < len && (unsigned char)src[i] < 0x80) {
			i++;
		} else if (i < len) {
			int32_t c;
			i += (size_t)px_utf8_decode(src + i, src + len, &c);
		}
	}
	off[n_cp] = len;
	return off;
}

static bool opens_single(const char *s, size_t i, size_t a, size_t b)
{
	if (s[i] != '\'' || i + 1 >= b)
		return false;
	unsigned char next = (unsigned char)s[i + 1];
	bool word_next = isalnum(next) || next >= 0x80;
	return word_next && (i == a || strchr(" \t([-", s[i - 1]));
}

static bool closes_single(const char *s, size_t j, size_t b)
{
	if (s[j] != '\'' || (j + 1 < b && !strchr(" \t,.;:!?)-", s[j + 1])))
		return false;
	/* "the allies' demands": a plural possessive, unless punctuation
	 * shows the quotation ends ("... talks,' he said") */
	return s[j - 1] != 's' || (j + 1 < b && strchr(",.;:!?", s[j + 1]));
}

/* British style quotes with single marks ('We will not give up,' she
 * said): in a line with no double quotes, a pair of single marks around
 * words becomes a quotation, as does an opening mark at the start of a line
 * whose quotation runs on.  Apostrophes ("Ukraine's", "allies'") stay.
 * Same width, so offsets hold. */
static void promote_single_quotes(char *s, size_t len)
{
	for (size_t a = 0; a < len;) {
		const char *nl = memchr(s + a, '\n', len - a);
		size_t b = nl ? (size_t)(nl - s) : len;
		if (!memchr(s + a, '"', b - a)) {
			for (size_t i = a; i < b; i++) {
				const char *q = memchr(s + i, '\'', b - i);
				if (!q)
					break;
				i = (size_t)(q - s);
				if (!opens_single(s, i, a, b))
					continue;
				/* "Brussels' " may close the quotation or be a
				 * possessive; a new quotation opening before any
				 * plain closer shows it closed ("the 'allies' say
				 * 'no'") */
				size_t j = i + 2, plural = 0;
				while (j < b && !closes_single(s, j, b)) {
					if (!plural && s[j] == '\'' && s[j - 1] == 's' &&
					    (j + 1 == b || s[j + 1] == ' '))
						plural = j;
					else if (plural && opens_single(s, j, a, b)) {
						j = plural;
						break;
					}
					j++;
				}
				if (j < b) {
					s[i] = s[j] = '"';
					i = j;
				} else if (i == a) {
					s[i] = '"';
				}
			}
		}
		a = b + 1;
	}
}

void px_text_prepare(px_text *t, const char *src, size_t len)
{
	out o = {xmalloc(len + 1), xmalloc((len + 1) * sizeof(uint32_t)), 0};
	const char *p = src, *end = src + len;
	uint32_t cpi = 0;
	while (p < end) {
		unsigned char b = (unsigned char)*p;
		if (b >= 0x20 && b < 0x7F) { /* plain ASCII, the common case */
			if (p + 1 >= end || (unsigned char)p[1] < 0x80) {
				o.s[o.len] = (char)b;
				o.cp[o.len++] = cpi++;
				p++;
				continue;
			}
		}
		int32_t c;
		int n = px_utf8_decode(p, end, &c);
		const char *f = fold_cp(c);
		size_t tail = f ? 0 : combining_tail(p + n, end);
		if (f) {
			emit(&o, f, strlen(f), cpi);
			cpi++;
		} else if (tail) {
			cpi += emit_cluster(&o, p, (size_t)n + tail, end, cpi);
		} else {
			emit(&o, p, (size_t)n, cpi);
			cpi++;
		}
		p += (size_t)n + tail;
	}
	o.s[o.len] = '\0';
	o.cp[o.len] = cpi;
	promote_single_quotes(o.s, o.len);
	t->s = o.s;
	t->cp = o.cp;
	t->len = o.len;
	t->orig = src;
	t->orig_off = original_offsets(src, len, cpi);
}

void px_text_free(px_text *t)
{
	free(t->s);
	free(t->cp);
	free(t->orig_off);
	t->s = NULL;
	t->cp = NULL;
	t->orig_off = NULL;
}
