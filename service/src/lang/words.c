/*
 * words — the word features every model shares: hashes of the form, its
 * ASCII lowercase, its shape ("Paris" -> "Xxx", "1960s" -> "ddx"), byte
 * prefixes and suffixes of the lowercase, and a few flag bits.  Computed
 * once per token; bytes beyond the first 64 do not count (a 10,000-byte
 * "word" costs the same as a short one).
 */
#include "lang/internal.h"

#include <string.h>

#define WORD_CAP 64

void lx_word_features(lx_tok *t)
{
	char low[WORD_CAP], shape[WORD_CAP];
	size_t n = t->len < WORD_CAP ? t->len : WORD_CAP, ns = 0;
	uint8_t flags = 0;
	int letters = 0, upper = 0;
	char last = 0;
	int run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t->s[i];
		char k;
		if (c >= 'A' && c <= 'Z') {
			low[i] = (char)(c + 32);
			k = 'X';
			letters++;
			upper++;
			if (i == 0)
				flags |= LX_FLAG_UPPER_INIT;
		} else if (c >= 'a' && c <= 'z') {
			low[i] = (char)c;
			k = 'x';
			letters++;
		} else if (c >= '0' && c <= '9') {
			low[i] = (char)c;
			k = 'd';
			flags |= LX_FLAG_DIGIT;
		} else if (c >= 0x80) {
			low[i] = (char)c;
			flags |= LX_FLAG_NONASCII;
			if ((c & 0xC0) == 0x80)
				continue; /* continuation byte: one shape char per code point */
			k = 'u';
			letters++;
		} else {
			low[i] = (char)c;
			k = (char)c;
			if (c == '-')
				flags |= LX_FLAG_HYPHEN;
			if (c == '.')
				flags |= LX_FLAG_PERIOD;
		}
		run = k == last ? run + 1 : 1;
		last = k;
		if (run <= 2)
			shape[ns++] = k;
	}
	if (letters == 0)
		flags |= LX_FLAG_NONALPHA;
	if (letters > 1 && upper == letters)
		flags |= LX_FLAG_ALL_UPPER;
	t->flags = flags;
	t->form = pc_hash(t->s, n);
	t->lower = pc_hash(low, n);
	t->shape = pc_hash(shape, ns);
	t->pre1 = pc_hash(low, n < 1 ? n : 1);
	t->pre2 = pc_hash(low, n < 2 ? n : 2);
	t->pre3 = pc_hash(low, n < 3 ? n : 3);
	t->suf1 = pc_hash(low + (n > 1 ? n - 1 : 0), n < 1 ? n : 1);
	t->suf2 = pc_hash(low + (n > 2 ? n - 2 : 0), n < 2 ? n : 2);
	t->suf3 = pc_hash(low + (n > 3 ? n - 3 : 0), n < 3 ? n : 3);
	t->suf4 = pc_hash(low + (n > 4 ? n - 4 : 0), n < 4 ? n : 4);
}

void lx_shuffle(size_t *idx, size_t n, unsigned *seed)
{
	for (size_t i = n; i > 1; i--) {
		*seed = *seed * 1103515245u + 12345u;
		size_t j = ((*seed >> 8) * (uint64_t)i) >> 24;
		size_t tmp = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = tmp;
	}
}

int lx_name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}
