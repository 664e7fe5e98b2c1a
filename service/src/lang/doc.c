/*
 * doc — an ln_doc's life (init, free, growth), and the glue that runs
 * every stage: ln_doc_analyze() and ln_doc_entities().
 *
 * Growth doubles each array and fails cleanly (-1) past 2^31 entries; the
 * lemma arena likewise.  Nothing here looks at the text.
 */
#include "lang/doc_build.h"
#include "lang/internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void ln_doc_init(ln_doc *d, const char *text, size_t len)
{
	memset(d, 0, sizeof *d);
	d->text = text;
	d->len = len;
}

void ln_doc_free(ln_doc *d)
{
	free(d->tok);
	free(d->sent);
	free(d->ent);
	free(d->lemmas);
	memset(d, 0, sizeof *d);
}

#define MAX_ITEMS ((size_t)1 << 31)

/* Makes room for one more item of size sz in *arr; 0 or -1. */
static int grow(void **arr, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 64;
	if (nc > MAX_ITEMS)
		return -1;
	void *p = realloc(*arr, nc * sz);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

long ln_push_token(ln_doc *d, uint32_t start, uint32_t end, uint8_t flags)
{
	assert(start < end && end <= d->len);
	if (grow((void **)&d->tok, d->ntok, &d->tok_cap, sizeof *d->tok))
		return -1;
	ln_token *t = &d->tok[d->ntok];
	memset(t, 0, sizeof *t);
	t->start = start;
	t->end = end;
	t->flags = flags;
	return (long)d->ntok++;
}

int ln_push_sentence(ln_doc *d, uint32_t first, uint32_t count)
{
	assert(count > 0 && first + count <= d->ntok);
	if (grow((void **)&d->sent, d->nsent, &d->sent_cap, sizeof *d->sent))
		return -1;
	ln_sentence *s = &d->sent[d->nsent++];
	s->first = first;
	s->count = count;
	s->start = d->tok[first].start;
	s->end = d->tok[first + count - 1].end;
	return 0;
}

uint32_t ln_push_lemma(ln_doc *d, const char *s, size_t n)
{
	if (!d->lemmas_len) { /* byte 0 is the empty lemma */
		if (grow((void **)&d->lemmas, 0, &d->lemmas_cap, 1))
			return 0;
		d->lemmas[0] = '\0';
		d->lemmas_len = 1;
	}
	if (d->lemmas_len + n + 1 > UINT32_MAX)
		return 0;
	while (d->lemmas_len + n + 1 > d->lemmas_cap) {
		size_t nc = d->lemmas_cap * 2;
		char *p = realloc(d->lemmas, nc);
		if (!p)
			return 0;
		d->lemmas = p;
		d->lemmas_cap = nc;
	}
	uint32_t off = (uint32_t)d->lemmas_len;
	memcpy(d->lemmas + off, s, n);
	d->lemmas[off + n] = '\0';
	d->lemmas_len += n + 1;
	return off;
}

size_t ln_u8_at(const char *s, size_t len, size_t i, int32_t *cp)
{
	assert(i < len);
	utf8proc_int32_t c;
	utf8proc_ssize_t n =
	    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (size_t)n;
}

int ln_is_space(int32_t cp)
{
	if (cp < 0)
		return 0;
	if (cp <= ' ' || cp == 0x7f)
		return 1;
	if (cp < 0x80)
		return 0;
	if (cp == 0xfeff || cp == 0x200b) /* byte-order mark, zero-width space */
		return 1;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CC;
}

int ln_is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

int ln_is_digit(int32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO;
}

int ln_is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int ln_is_wordch(int32_t cp)
{
	if (cp < 0 || cp == '_')
		return 1;
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	if (ln_is_space(cp))
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	/* punctuation (P*) and symbols (S*) are tokens of their own */
	return !(c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_SO);
}

int ln_doc_entities(ln_doc *d)
{
	d->nent = 0;
	for (size_t si = 0; si < d->nsent; si++) {
		const ln_sentence *s = &d->sent[si];
		size_t i = s->first, end = (size_t)s->first + s->count;
		while (i < end) {
			uint8_t l = d->tok[i].ner;
			if (l == LN_NER_O || l >= LN_NER_LABELS) {
				i++;
				continue;
			}
			/* B-X, or a stray I-X, opens a span of type X; I-X continue it. */
			uint8_t type = (uint8_t)((l - 1) / 2);
			size_t j = i + 1;
			while (j < end && d->tok[j].ner == LN_NER_I(type))
				j++;
			if (grow((void **)&d->ent, d->nent, &d->ent_cap, sizeof *d->ent))
				return -1;
			d->ent[d->nent++] = (ln_entity){.first = (uint32_t)i,
			                                .count = (uint32_t)(j - i),
			                                .start = d->tok[i].start,
			                                .end = d->tok[j - 1].end,
			                                .type = type};
			i = j;
		}
	}
	return 0;
}

int ln_doc_analyze(const ln_models *m, ln_doc *d)
{
	if (ln_doc_tokenize(d))
		return -1;
	if (m && m->has_sb && (lx_sb_resplit(&m->sb, d) || ln_doc_split_final_periods(d)))
		return -1;
	if (m && ln_annotate(m, d))
		return -1;
	if (ln_doc_lemmatize(m, d))
		return -1;
	return ln_doc_entities(d);
}
