/*
 * tagger — part-of-speech tagger: one greedy left-to-right pass, each token
 * gets a joint UPOS+XPOS class from an averaged perceptron.
 *
 * Design note
 * -----------
 * Features (Collins 2002 / the classic greedy tagger): the word, its
 * lowercase, shape, 1-3 byte prefixes and 1-4 byte suffixes, flags; the two
 * previous predicted classes alone, together and with the word; the words,
 * suffixes and shapes around it (+-2).  Frequent words seen with a single
 * class >= 97% of the time (a "tag dictionary") skip the model.  Training
 * decodes greedily with its own predictions as history, so training and use
 * see the same kind of context; sentences visit in a fixed shuffled order.
 */
#include "lang/internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG_START 255
#define TAG_MAX_FEATS 40

enum {
	T_BIAS = 1,
	T_FORM,
	T_LOWER,
	T_SHAPE,
	T_PRE1,
	T_PRE2,
	T_PRE3,
	T_SUF1,
	T_SUF2,
	T_SUF3,
	T_SUF4,
	T_FLAGS,
	T_P1,
	T_P2,
	T_P1P2,
	T_P1W,
	T_WM1,
	T_WM2,
	T_WP1,
	T_WP2,
	T_SUFM1,
	T_SUFP1,
	T_SHAPEM1,
	T_SHAPEP1,
	T_WM1W,
	T_WWP1,
	T_P1SUF,
	T_FIRST,
	T_FLAGSP1,
	T_DICTP1,
	T_DICTP2,
	T_DICTP1W,
	T_P1DICTP1,
	T_SHAPEWP1,
};

static const lx_tok pad_tok = {.lower = 0x5eed5eed, .suf3 = 0x5eed5eee, .shape = 0x5eed5eef};

static const lx_tok *at(const lx_sent *s, int i)
{
	return i >= 0 && i < s->n ? &s->t[i] : &pad_tok;
}

/* Feature k is the hash of its template id (tid[k]) and one value or
 * two (pc_mix of each in turn): values first, hashed afterwards, so that lx_tag hashes a
 * token's features side by side (pc_mix_n, four at a time).  The values
 * are kept with those of one value first (order[]), feature k at pos_of[k]:
 * those from TAG_N1 on get a second step of pc_mix (pc_mix_n's rounding up
 * to 4 then writes past the end only). */
#define TAG_NFEATS 34
#define TAG_N1 23
_Static_assert(TAG_NFEATS + 4 <= TAG_MAX_FEATS, "room for pc_mix_n");
static const uint8_t tid[TAG_NFEATS] = {
    T_BIAS,  T_FORM,    T_LOWER,  T_SHAPE,  T_PRE1,    T_PRE2,     T_PRE3,    T_SUF1, T_SUF2,
    T_SUF3,  T_SUF4,    T_FLAGS,  T_P1,     T_P2,      T_P1P2,     T_P1W,     T_WM1,  T_WM2,
    T_WP1,   T_WP2,     T_SUFM1,  T_SUFP1,  T_SHAPEM1, T_SHAPEP1,  T_WM1W,    T_WWP1, T_P1SUF,
    T_FIRST, T_FLAGSP1, T_DICTP1, T_DICTP2, T_DICTP1W, T_P1DICTP1, T_SHAPEWP1};
static const uint8_t order[TAG_NFEATS] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                          12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 29, 14,
                                          15, 24, 25, 26, 27, 28, 30, 31, 32, 33};
static const uint8_t pos_of[TAG_NFEATS] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                           12, 13, 23, 24, 14, 15, 16, 17, 18, 19, 20, 21,
                                           25, 26, 27, 28, 29, 22, 30, 31, 32, 33};

/* Values and template ids in order[]'s order, room for pc_mix_n. */
typedef struct tvals {
	uint64_t a[TAG_NFEATS + 4], b[TAG_NFEATS + 4], id[TAG_NFEATS + 4],
	    idk[TAG_NFEATS + 4]; /* pc_mix_pre(id) */
} tvals;

static void tvals_init(tvals *v)
{
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < TAG_NFEATS; i++) {
		v->id[i] = tid[order[i]];
		v->idk[i] = pc_mix_pre(v->id[i]);
	}
}

/* pos_of inverts order (checked at load). */
static int layout_ok(void)
{
	for (size_t i = 0; i < TAG_NFEATS; i++)
		if (pos_of[order[i]] != i)
			return 0;
	return 1;
}

#define V1(k, x) (v->a[pos_of[k]] = (x))
#define V2(k, x, y) (v->a[pos_of[k]] = (x), v->b[pos_of[k]] = (y))

/* dc: each token's tag-dictionary class (-1 when not in it): unambiguous
 * words to the right act as known tags (lookahead for a greedy tagger). */
static void tag_values(const lx_sent *s, const int *dc, int i, unsigned p1, unsigned p2, tvals *v)
{
	uint64_t d1 = i + 1 < s->n ? (uint64_t)(dc[i + 1] + 1) : 999,
	         d2 = i + 2 < s->n ? (uint64_t)(dc[i + 2] + 1) : 999;
	const lx_tok *w = &s->t[i], *m1 = at(s, i - 1), *m2 = at(s, i - 2), *q1 = at(s, i + 1),
	             *q2 = at(s, i + 2);
	V1(0, 0);
	V1(1, w->form);
	V1(2, w->lower);
	V1(3, w->shape);
	V1(4, w->pre1);
	V1(5, w->pre2);
	V1(6, w->pre3);
	V1(7, w->suf1);
	V1(8, w->suf2);
	V1(9, w->suf3);
	V1(10, w->suf4);
	V1(11, w->flags);
	V1(12, p1);
	V1(13, p2);
	V2(14, p1, p2);
	V2(15, p1, w->lower);
	V1(16, m1->lower);
	V1(17, m2->lower);
	V1(18, q1->lower);
	V1(19, q2->lower);
	V1(20, m1->suf3);
	V1(21, q1->suf3);
	V1(22, m1->shape);
	V1(23, q1->shape);
	V2(24, m1->lower, w->lower);
	V2(25, w->lower, q1->lower);
	V2(26, p1, w->suf3);
	V2(27, i == 0, w->flags & LX_FLAG_UPPER_INIT);
	V2(28, w->flags, q1->flags);
	V1(29, d1);
	V2(30, d1, d2);
	V2(31, d1, w->lower);
	V2(32, p1, d1);
	V2(33, w->shape, q1->shape);
}
#undef V1
#undef V2

/* The features of token I, feature k at f[k] (training). */
static size_t tag_features(const lx_sent *s, const int *dc, int i, unsigned p1, unsigned p2,
                           uint64_t *f)
{
	tvals v;
	tag_values(s, dc, i, p1, p2, &v);
	for (size_t k = 0; k < TAG_NFEATS; k++) {
		size_t j = pos_of[k];
		f[k] = pc_mix(tid[k], v.a[j]);
		if (j >= TAG_N1)
			f[k] = pc_mix(f[k], v.b[j]);
	}
	return TAG_NFEATS;
}

/* The same features at run time, in order[]'s order, hashed four at a time
 * (F has room for TAG_NFEATS + 4). */
static size_t tag_features_fast(const lx_sent *s, const int *dc, int i, unsigned p1, unsigned p2,
                                tvals *v, uint64_t *f)
{
	tag_values(s, dc, i, p1, p2, v);
	pc_mix_pre_n(f, v->id, v->idk, v->a, TAG_NFEATS);
	pc_mix_n(f + TAG_N1, f + TAG_N1, v->b + TAG_N1, TAG_NFEATS - TAG_N1);
	return TAG_NFEATS;
}

uint64_t lx_tag_hash(const char *upos, const char *xpos)
{
	return pc_mix(pc_hash(upos, strlen(upos)), pc_hash(xpos, strlen(xpos)));
}

static int dict_lookup(const lx_tagger *m, uint64_t key)
{
	size_t lo = 0, hi = m->ndict;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->dict_key[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->ndict && m->dict_key[lo] == key ? m->dict_cls[lo] : -1;
}

void lx_tag(const lx_tagger *m, lx_sent *s)
{
	uint64_t f[TAG_MAX_FEATS];
	int32_t sc[PC_MAX_CLASSES + 1]; /* nclass rounded up to 8: see pc_score */
	int dc[LN_MAX_SENT_TOKENS];
	unsigned p1 = TAG_START, p2 = TAG_START;
	tvals v;
	tvals_init(&v);
	for (int i = 0; i < s->n; i++)
		dc[i] = dict_lookup(m, s->t[i].form);
	for (int i = 0; i < s->n; i++) {
		int c = dc[i];
		if (c < 0) {
			size_t nf = tag_features_fast(s, dc, i, p1, p2, &v, f);
			memset(sc, 0, sizeof(int32_t) * m->nclass);
			pc_score(&m->pc, f, nf, sc);
			c = (int)pc_argmax(sc, m->nclass);
		}
		s->t[i].tag = (uint8_t)c;
		s->t[i].upos = m->cls_upos[c];
		s->t[i].xpos = m->cls_xpos[c];
		s->t[i].ptag = m->cls_hash[c];
		p2 = p1;
		p1 = (unsigned)c;
	}
}

void lx_tagger_free(lx_tagger *m)
{
	if (!m)
		return;
	free(m->owned);
	pc_model_free(&m->pc); /* the compact copy; the rest lives in the image */
	memset(m, 0, sizeof *m);
}

int lx_tagger_read(lx_tagger *m, blob_r *r, char **err)
{
	memset(m, 0, sizeof *m);
	size_t n8 = 0, n16 = 0;
	m->nclass = blob_get_u32(r);
	m->cls_upos = blob_get_array(r, 1, &n8);
	m->cls_xpos = blob_get_array(r, 2, &n16);
	m->nxpos = blob_get_u32(r);
	if (r->failed || m->nclass == 0 || m->nclass > PC_MAX_CLASSES || n8 != m->nclass ||
	    n16 != m->nclass || m->nxpos == 0 || m->nxpos > 65535)
		goto bad;
	m->xpos = calloc(m->nxpos, sizeof *m->xpos);
	m->owned = m->xpos;
	if (!m->xpos)
		goto bad;
	for (size_t i = 0; i < m->nxpos; i++)
		if (!(m->xpos[i] = blob_get_str(r)))
			goto bad;
	for (size_t c = 0; c < m->nclass; c++) {
		if (m->cls_upos[c] >= LN_UPOS_COUNT || m->cls_xpos[c] >= m->nxpos)
			goto bad;
		m->cls_hash[c] =
		    lx_tag_hash(ln_upos_names[m->cls_upos[c]], m->xpos[m->cls_xpos[c]]);
	}
	size_t nd = 0, nd2 = 0;
	m->dict_key = blob_get_array(r, 8, &nd);
	m->dict_cls = blob_get_array(r, 1, &nd2);
	if (r->failed || nd != nd2)
		goto bad;
	m->ndict = nd;
	for (size_t i = 0; i < nd; i++)
		if (m->dict_cls[i] >= m->nclass || (i && m->dict_key[i - 1] >= m->dict_key[i]))
			goto bad;
	if (pc_model_read(&m->pc, r, err) != 0)
		goto fail;
	if (m->pc.nclass != m->nclass) {
		if (err && asprintf(err, "class count mismatch") < 0)
			*err = NULL;
		goto fail;
	}
	pc_model_compact(&m->pc);  /* on failure scoring falls back to the file's table */
	int ordered = layout_ok(); /* once per load */
	assert(ordered);
	(void)ordered;
	return 0;
bad:
	if (err && asprintf(err, "bad tag tables") < 0)
		*err = NULL;
fail:
	lx_tagger_free(m);
	return -1;
}

/* ---- training ---------------------------------------------------------- */

typedef struct dict_count {
	uint64_t key;
	uint32_t used, total;
	uint32_t per[PC_MAX_CLASSES];
} dict_count;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

int lx_tagger_train(lx_gold *g, size_t n, const lx_train_opts *o, blob_w *b)
{
	int rc = -1;
	const char *xpos[1024];
	size_t nxpos = 1;
	xpos[0] = "_";
	uint8_t cls_upos[PC_MAX_CLASSES];
	uint16_t cls_xpos[PC_MAX_CLASSES];
	unsigned nclass = 0;
	size_t *idx = NULL, nkeys = 0, ndict = 0;
	dict_count *dc = NULL;
	int *dcl = NULL;
	uint64_t *dkey = NULL;
	uint8_t *dcls = NULL;
	pc_trainer *t = NULL;
	pc_model pm = {0};
	/* Classes: (UPOS, XPOS) pairs in order of first appearance. */
	for (size_t k = 0; k < n; k++) {
		for (int i = 0; i < g[k].s->n; i++) {
			int u = ln_upos_from_name(g[k].upos[i]);
			if (u < 0)
				u = LN_UPOS_X;
			int x = lx_name_index(xpos, nxpos, g[k].xpos[i]);
			if (x < 0) {
				if (nxpos == 1024)
					goto out;
				x = (int)nxpos;
				xpos[nxpos++] = g[k].xpos[i];
			}
			unsigned c = 0;
			while (c < nclass && !(cls_upos[c] == u && cls_xpos[c] == x))
				c++;
			if (c == nclass) {
				if (nclass == PC_MAX_CLASSES)
					goto out;
				cls_upos[c] = (uint8_t)u;
				cls_xpos[c] = (uint16_t)x;
				nclass++;
			}
			g[k].s->t[i].tag = (uint8_t)c;
		}
	}
	/* Tag dictionary: form hash -> class counts (open addressing). */
	size_t cap = 1 << 17;
	dc = calloc(cap, sizeof *dc);
	if (!dc)
		goto out;
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < g[k].s->n; i++) {
			uint64_t key = g[k].s->t[i].form;
			size_t h = key & (cap - 1);
			while (dc[h].used && dc[h].key != key)
				h = (h + 1) & (cap - 1);
			if (!dc[h].used) {
				if (++nkeys > cap / 2)
					goto out;
				dc[h].key = key;
				dc[h].used = 1;
			}
			dc[h].total++;
			dc[h].per[g[k].s->t[i].tag]++;
		}
	uint64_t(*pairs)[2] = malloc((nkeys + 1) * 16);
	dkey = malloc((nkeys + 1) * 8);
	dcls = malloc(nkeys + 1);
	if (!pairs || !dkey || !dcls) {
		free(pairs);
		goto out;
	}
	for (size_t h = 0; h < cap; h++) {
		if (!dc[h].used || dc[h].total < 20)
			continue;
		unsigned best = 0;
		for (unsigned c = 1; c < nclass; c++)
			if (dc[h].per[c] > dc[h].per[best])
				best = c;
		if (dc[h].per[best] * 100 >= dc[h].total * 97) {
			pairs[ndict][0] = dc[h].key;
			pairs[ndict][1] = best;
			ndict++;
		}
	}
	qsort(pairs, ndict, 16, cmp_u64);
	for (size_t i = 0; i < ndict; i++) {
		dkey[i] = pairs[i][0];
		dcls[i] = (uint8_t)pairs[i][1];
	}
	free(pairs);
	lx_tagger dict = {.nclass = nclass, .ndict = ndict, .dict_key = dkey, .dict_cls = dcls};
	if (o->verbose)
		fprintf(stderr, "tagger: %u classes, %zu xpos, %zu dictionary words\n", nclass,
		        nxpos, ndict);

	t = pc_trainer_new(nclass);
	idx = malloc(n * sizeof *idx);
	if (!t || !idx)
		goto out;
	for (size_t k = 0; k < n; k++)
		idx[k] = k;
	unsigned seed = o->seed;
	uint64_t f[TAG_MAX_FEATS];
	float sc[PC_MAX_CLASSES];
	dcl = malloc(sizeof(int) * LN_MAX_SENT_TOKENS);
	if (!dcl)
		goto out;
	for (int e = 0; e < o->epochs; e++) {
		lx_shuffle(idx, n, &seed);
		size_t right = 0, total = 0;
		for (size_t k = 0; k < n; k++) {
			lx_sent *s = g[idx[k]].s;
			unsigned p1 = TAG_START, p2 = TAG_START;
			for (int i = 0; i < s->n; i++)
				dcl[i] = dict_lookup(&dict, s->t[i].form);
			for (int i = 0; i < s->n; i++) {
				unsigned gold = s->t[i].tag, guess;
				if (dcl[i] >= 0) {
					guess = (unsigned)dcl[i];
				} else {
					size_t nf = tag_features(s, dcl, i, p1, p2, f);
					memset(sc, 0, sizeof(float) * nclass);
					pc_trainer_score(t, f, nf, sc);
					guess = 0;
					for (unsigned c = 1; c < nclass; c++)
						if (sc[c] > sc[guess])
							guess = c;
					if (pc_trainer_update(t, f, nf, gold, guess) != 0)
						goto out;
				}
				right += guess == gold;
				total++;
				p2 = p1;
				p1 = guess;
			}
		}
		if (o->verbose)
			fprintf(stderr, "tagger epoch %d: train accuracy %.4f\n", e + 1,
			        total ? (double)right / total : 0);
	}
	free(dcl);
	dcl = NULL;
	if (pc_trainer_compile(t, o->prune, &pm) != 0)
		goto out;
	blob_put_u32(b, nclass);
	blob_put_array(b, cls_upos, nclass);
	blob_put_array(b, cls_xpos, nclass * 2);
	blob_put_u32(b, (uint32_t)nxpos);
	for (size_t i = 0; i < nxpos; i++)
		blob_put_str(b, xpos[i]);
	blob_put_array(b, dkey, ndict * 8);
	blob_put_array(b, dcls, ndict);
	if (pc_model_write(&pm, b) != 0)
		goto out;
	rc = b->failed ? -1 : 0;
out:
	pc_model_free(&pm);
	pc_trainer_free(t);
	free(idx);
	free(dc);
	free(dcl);
	free(dkey);
	free(dcls);
	return rc;
}
