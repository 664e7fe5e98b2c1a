/*
 * sbound — the learned sentence-boundary model (sent.bin, optional).
 *
 * Design note
 * -----------
 * The rules of tokenize.c split a document first; this model then decides,
 * for every pair of neighbouring tokens, whether a sentence ends between
 * them.  It is a linear scorer (an averaged perceptron, trained by
 * parley-train on EWT train rendered as raw text the way UD renders it)
 * over hashed features: the two tokens on each side (lowercase form,
 * shape), the rules' token classes (terminator kind, closing quote,
 * sentence starter, address, emoticon, greeting word), the gap between
 * them (none, space, line break), the length of the line, and the rules'
 * own decision with the length of the rules' sentence around it — so the
 * model learns where to trust the rules.  Weights are int16 (the averaged
 * weights scaled so the largest is 32767), summed in 32 bits.  A blank line always ends a
 * sentence, and a sentence is cut at LN_MAX_SENT_TOKENS, as the rules do.
 *
 * Every feature reads a fixed number of tokens around the boundary (a word
 * form at most 24 bytes), and the per-document context is built in one
 * pass, so the cost is linear in the number of tokens.
 */
#include "lang/doc_build.h"
#include "lang/internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

int lx_sb_open(lx_sb *m, const void *img, size_t len, char **err)
{
	blob_r r;
	memset(m, 0, sizeof *m);
	if (blob_open(&r, img, len, LX_KIND_SENT, "sentence model", err) != 0)
		return -1;
	uint32_t bits = blob_get_u32(&r);
	size_t count = 0;
	const int16_t *w = blob_get_array(&r, sizeof(int16_t), &count);
	if (bits < 8 || bits > 24 || !w || count != ((size_t)1 << bits)) {
		if (err)
			*err = strdup("sentence model: bad weight table");
		return -1;
	}
	m->bits = bits;
	m->w = w;
	return 0;
}

/* Hash of the lowercase form (first 24 bytes). */
static uint64_t low_hash(const ln_doc *d, size_t i)
{
	char b[24];
	size_t n = d->tok[i].end - d->tok[i].start;
	if (n > sizeof b)
		n = sizeof b;
	const char *s = d->text + d->tok[i].start;
	for (size_t k = 0; k < n; k++)
		b[k] = (s[k] >= 'A' && s[k] <= 'Z') ? (char)(s[k] + 32) : s[k];
	return pc_hash(b, n);
}

/* Shape: X upper, x lower, d digit, other ASCII as itself, u non-ASCII;
 * runs collapsed, at most 6 symbols (first 32 bytes read). */
static uint64_t shape_hash(const ln_doc *d, size_t i)
{
	char b[6];
	size_t m = 0, n = d->tok[i].end - d->tok[i].start;
	const char *s = d->text + d->tok[i].start;
	if (n > 32)
		n = 32;
	for (size_t k = 0; k < n && m < sizeof b; k++) {
		unsigned char ch = (unsigned char)s[k];
		char c = ch >= 'A' && ch <= 'Z'   ? 'X'
		         : ch >= 'a' && ch <= 'z' ? 'x'
		         : ch >= '0' && ch <= '9' ? 'd'
		         : ch >= 0x80             ? 'u'
		                                  : (char)ch;
		if (ch >= 0x80 && ch < 0xc0)
			continue; /* continuation byte */
		if (m && b[m - 1] == c)
			continue;
		b[m++] = c;
	}
	return pc_hash(b, m) ^ 0x5a;
}

static uint64_t bucket(size_t v)
{
	static const size_t edges[] = {1, 2, 3, 4, 6, 9, 14, 24, 39};
	uint64_t b = 0;
	while (b < sizeof edges / sizeof edges[0] && v > edges[b])
		b++;
	return b;
}

void lx_sb_ctx_free(lx_sb_ctx *c)
{
	free(c->cls);
	free(c->rule_end);
	free(c->rule_first);
	free(c->rule_last);
	free(c->line_first);
	free(c->low);
	free(c->shape);
	memset(c, 0, sizeof *c);
}

int lx_sb_prepare(const ln_doc *d, lx_sb_ctx *c)
{
	size_t n = d->ntok;
	memset(c, 0, sizeof *c);
	c->n = n;
	size_t k = n ? n : 1;
	c->cls = malloc(k * sizeof *c->cls);
	c->rule_end = calloc(k, 1);
	c->rule_first = malloc(k * sizeof *c->rule_first);
	c->rule_last = malloc(k * sizeof *c->rule_last);
	c->line_first = malloc(k * sizeof *c->line_first);
	c->low = malloc(k * sizeof *c->low);
	c->shape = malloc(k * sizeof *c->shape);
	if (!c->cls || !c->rule_end || !c->rule_first || !c->rule_last || !c->line_first ||
	    !c->low || !c->shape) {
		lx_sb_ctx_free(c);
		return -1;
	}
	for (size_t s = 0; s < d->nsent; s++) {
		const ln_sentence *st = &d->sent[s];
		for (size_t i = st->first; i < (size_t)st->first + st->count && i < n; i++) {
			c->rule_first[i] = st->first;
			c->rule_last[i] = st->first + st->count - 1;
		}
		if (st->count && st->first + st->count - 1 < n)
			c->rule_end[st->first + st->count - 1] = 1;
	}
	size_t line = 0;
	for (size_t i = 0; i < n; i++) {
		c->cls[i] = (uint16_t)ln_tok_class(d, i);
		if (d->tok[i].flags & (LN_TOK_LINE_START | LN_TOK_PARA_START))
			line = i;
		c->line_first[i] = (uint32_t)line;
		c->low[i] = low_hash(d, i);
		c->shape[i] = shape_hash(d, i);
	}
	return 0;
}

#define F(t, v) (h[k++] = pc_mix((uint64_t)(t)*0x100000001b3ULL + 7, (v)))

size_t lx_sb_features(const ln_doc *d, const lx_sb_ctx *c, size_t i, uint64_t *h)
{
	size_t k = 0, n = d->ntok;
	size_t j = i + 1;
	uint64_t R = c->rule_end[i];
	const ln_token *b = &d->tok[j];
	uint64_t gap = (b->flags & LN_TOK_PARA_START)           ? 3
	               : (b->flags & LN_TOK_LINE_START)         ? 2
	               : (d->tok[i].flags & LN_TOK_SPACE_AFTER) ? 1
	                                                        : 0;
	uint64_t la = c->low[i], lb = c->low[j];
	uint64_t sa = c->shape[i], sb = c->shape[j];
	uint64_t lp = i ? c->low[i - 1] : 1, sp = i ? c->shape[i - 1] : 1;
	uint64_t sc = j + 1 < n ? c->shape[j + 1] : 1;
	uint64_t ca = c->cls[i], cb = c->cls[j];
	F(1, 0);
	F(2, R);
	F(3, R * 4 + gap);
	F(4, R * 4096 + (ca & 7) * 512 + (cb >> 3));
	F(5, pc_mix(R, pc_mix(sa, sb)));
	F(6, pc_mix(R, la));
	F(7, pc_mix(R, lb));
	F(8, pc_mix(la, sb));
	F(9, pc_mix(sa, lb));
	F(10, pc_mix(lp, la));
	F(11, pc_mix(R, pc_mix(sp, pc_mix(sa, sb))));
	F(12, R * 65536 * 4 + ca * 512 + cb);
	if (gap == 2) {
		size_t ll = d->tok[i].end - d->tok[c->line_first[i]].start;
		F(13, R * 64 + (ll > 630 ? 63 : ll / 10));
	}
	F(14, R * 16 + bucket(i + 1 - c->rule_first[i]));
	F(15, R * 16 + bucket(c->rule_last[i] - i));
	F(16, pc_mix(lb, sc));
	F(17, pc_mix(gap, pc_mix(sa, sb)));
	F(18, pc_mix(R, pc_mix(la, lb)));
	F(19, pc_mix(gap * 8 + (ca & 7), sb));
	return k;
}

/* Scores are independent of earlier decisions, so the features of a chunk
 * of boundaries are hashed and their weights prefetched before any is
 * summed: the table (2 MiB) misses the cache, and the misses overlap. */
#define SB_CHUNK 32

int lx_sb_resplit(const lx_sb *m, ln_doc *d)
{
	size_t n = d->ntok;
	if (n < 2)
		return 0;
	lx_sb_ctx c;
	if (lx_sb_prepare(d, &c))
		return -1;
	static_assert(LX_SB_MAX_FEATS <= 32, "feature buffer");
	uint64_t h[LX_SB_MAX_FEATS];
	uint32_t idx[SB_CHUNK][LX_SB_MAX_FEATS];
	uint8_t nf[SB_CHUNK];
	uint64_t mask = ((uint64_t)1 << m->bits) - 1;
	d->nsent = 0;
	size_t first = 0;
	int rc = 0;
	for (size_t c0 = 0; c0 < n && !rc; c0 += SB_CHUNK) {
		size_t c1 = c0 + SB_CHUNK < n ? c0 + SB_CHUNK : n;
		for (size_t i = c0; i < c1; i++) {
			nf[i - c0] = 0;
			if (i + 1 >= n || (d->tok[i + 1].flags & LN_TOK_PARA_START))
				continue;
			size_t k = lx_sb_features(d, &c, i, h);
			for (size_t f = 0; f < k; f++) {
				idx[i - c0][f] = (uint32_t)(h[f] & mask);
				__builtin_prefetch(&m->w[idx[i - c0][f]]);
			}
			nf[i - c0] = (uint8_t)k;
		}
		for (size_t i = c0; i < c1 && !rc; i++) {
			int end = i + 1 == n || (d->tok[i + 1].flags & LN_TOK_PARA_START) ||
			          i + 1 - first >= LN_MAX_SENT_TOKENS;
			if (!end) {
				int32_t sc = 0;
				for (size_t f = 0; f < nf[i - c0]; f++)
					sc += m->w[idx[i - c0][f]];
				end = sc > 0;
			}
			if (end) {
				rc =
				    ln_push_sentence(d, (uint32_t)first, (uint32_t)(i + 1 - first));
				first = i + 1;
			}
		}
	}
	lx_sb_ctx_free(&c);
	return rc;
}
