/*
 * ner — named-entity tagger: greedy left-to-right BIO labelling (PER, ORG,
 * LOC, MISC) by an averaged perceptron.
 *
 * Design note
 * -----------
 * Features are the word, its lowercase, shape, affixes and
 * flags (capitalisation, digits, hyphen), the predicted tags +-2, the words
 * +-2 (cased +-1), shapes +-2 and in pairs, flags +-1, whether it starts the
 * sentence, its place in a run of capitalised words, how the whole sentence
 * is cased (headline, all caps, no capitals), and the two previous labels
 * (alone, with the word and with the previous word).  Decoding only allows a
 * label the BIO scheme permits after the previous one (I-X continues B-X or
 * I-X), so every output is a well-formed span sequence, and only labels the
 * training data had (the model file keeps the set).
 *
 * Document memory (Ratinov & Roth's "prediction history"): the labels the
 * tagger gave the same word form earlier in the document are features, so
 * "Schlafly" tagged PER after "Phyllis" stays a PER alone three paragraphs
 * later.  Training reads whole documents in order with the tagger's own
 * guesses in the memory, as at run time.
 *
 * Casing table: how often a word is capitalised inside sentences of the
 * training text ("florida" almost always, "posted" almost never), so a
 * lowercased name in chat text or a capitalised word in a headline is
 * judged by its usual casing.  Learned by the trainer, kept in the model.
 *
 * Word lexicon: what open word lists say of a word (LX_LEX_* bits): a word
 * of a person's, place's or organisation's name in WordNet ("Putin" ends
 * one), a given name of names.tsv, a person title of titles.tsv, a lowercase
 * or a capitalised (proper) word of the SCOWL dictionary.  Unknown names are
 * still found by context; the lexicon tells "Rahu" from "Visit" when the
 * context cannot.  Built by the trainer from the lists, kept in the model,
 * so nothing but the model file is read at run time.
 *
 * Seen names: in how many training documents each word was part of a PER,
 * ORG and LOC entity (0, 1, 2-3, 4+), the word's own document left out
 * while training, so the feature means "so named in other documents" both
 * in training and at run time ("Garland" met as a person in one article of
 * the training months is likelier one in the next month's).
 *
 * Per sentence, the casing code, lexicon bits and seen-names code of every
 * word are looked up once (three binary searches per word), not once per
 * feature.
 */
#include "lang/internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NER_MAX_FEATS 96
#define NER_RUN_CAP 4
#define NER_START 99

static const lx_tok ner_pad = {.lower = 0x7a7a, .shape = 0x7a7b, .ptag = 0x7a7c, .form = 0x7a7d};

static const lx_tok *nat(const lx_sent *s, int i)
{
	return i >= 0 && i < s->n ? &s->t[i] : &ner_pad;
}

/* Capitalised word (not all-punctuation): part of a name-like run. */
static int capword(const lx_sent *s, int i)
{
	return i >= 0 && i < s->n && (s->t[i].flags & LX_FLAG_UPPER_INIT);
}

/* How the sentence is cased, in 6 classes: headlines and e-mail subjects
 * capitalise every word, chat text none; a capital means less in either. */
static unsigned sent_case(const lx_sent *s)
{
	int alpha = 0, cap = 0, upper = 0;
	for (int i = 1; i < s->n; i++) {
		uint8_t fl = s->t[i].flags;
		if (fl & LX_FLAG_NONALPHA)
			continue;
		alpha++;
		cap += (fl & LX_FLAG_UPPER_INIT) != 0;
		upper += (fl & LX_FLAG_ALL_UPPER) != 0;
	}
	if (alpha < 2)
		return 0;
	if (upper * 5 >= alpha * 4)
		return 1;
	if (cap == 0)
		return 2;
	if (cap * 5 < alpha)
		return 3;
	return cap * 5 < alpha * 3 ? 4 : 5;
}

void lx_ner_hist_clear(lx_ner_hist *h)
{
	memset(h->key, 0, sizeof h->key);
	h->used = 0;
}

static int hist_find(const lx_ner_hist *h, uint64_t key)
{
	uint64_t k = key ? key : 1;
	for (unsigned i = (unsigned)(k >> 20) & (LX_HIST_SLOTS - 1);;
	     i = (i + 1) & (LX_HIST_SLOTS - 1)) {
		if (h->key[i] == k || !h->key[i])
			return (int)i;
	}
}

/* What the memory says of token W: a small code (0 = nothing known). */
static unsigned hist_code(const lx_ner_hist *h, const lx_tok *w)
{
	if (!h || (w->flags & LX_FLAG_NONALPHA))
		return 0;
	int i = hist_find(h, w->form);
	if (!h->key[i])
		return 0;
	const uint16_t *c = h->count[i];
	unsigned best = 1, ent = 0, tot = c[0];
	for (unsigned t = 1; t <= LN_ENT_COUNT; t++) {
		ent += c[t];
		tot += c[t];
		if (c[t] > c[best])
			best = t;
	}
	if (!ent)
		return 1 + (tot > 1); /* 1, 2: only ever O */
	/* 3..: majority type, whether O was also seen, once or more */
	return 3 + (best - 1) * 4 + (c[0] > 0) * 2 + (tot > 1);
}

static void hist_add(lx_ner_hist *h, const lx_sent *s)
{
	for (int i = 0; i < s->n; i++) {
		const lx_tok *w = &s->t[i];
		if (w->flags & LX_FLAG_NONALPHA)
			continue;
		int j = hist_find(h, w->form);
		if (!h->key[j]) {
			if (h->used * 4 >= LX_HIST_SLOTS * 3)
				continue;
			h->key[j] = w->form ? w->form : 1;
			memset(h->count[j], 0, sizeof h->count[j]);
			h->used++;
		}
		unsigned t = w->ner ? (w->ner - 1) / 2 + 1 : 0;
		if (h->count[j][t] < UINT16_MAX)
			h->count[j][t]++;
	}
}

/* Index of KEY in the sorted KEYS[0, n), or n. */
size_t lx_find_key(const uint64_t *keys, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && keys[lo] == key ? lo : n;
}

/* Per sentence, looked up once per token: the casing code and the lexicon
 * bits of each word (0 = unknown), read by the features of three tokens. */
typedef struct ner_ctx {
	unsigned sc; /* sent_case() */
	const lx_ner_hist *h;
	uint8_t cc[LN_MAX_SENT_TOKENS], lx[LN_MAX_SENT_TOKENS], sn[LN_MAX_SENT_TOKENS];
	uint8_t
	    hc[LN_MAX_SENT_TOKENS]; /* hist_code of each word (the memory grows after a sentence) */
	unsigned hpad;              /* and of the padding past either end */
} ner_ctx;

/* Training: the (lowercase, type) pairs of the document being learned,
 * left out of the seen-names counts so the feature means "named so in
 * other documents", as it will at run time.  Sorted. */
typedef struct own_names {
	uint64_t *key; /* lower * 4 + type, mixed */
	size_t n, cap;
} own_names;

static unsigned bucket(unsigned c)
{
	return c == 0 ? 0 : c == 1 ? 1 : c < 4 ? 2 : 3;
}

static uint64_t own_key(uint64_t lower, unsigned type)
{
	return pc_mix(lower, type + 1);
}

static unsigned seen_code(const lx_seen_table *st, const own_names *own, const lx_tok *w)
{
	if (!st || !st->n)
		return 0;
	size_t k = lx_find_key(st->key, st->n, w->lower);
	if (k == st->n)
		return 0;
	unsigned code = 0;
	for (unsigned t = 0; t < 3; t++) {
		unsigned c = st->docs[3 * k + t];
		if (own && c && lx_find_key(own->key, own->n, own_key(w->lower, t)) < own->n)
			c--;
		code |= bucket(c) << (2 * t);
	}
	return code;
}

/* The memory's code of every word of S, once per sentence. */
static void ctx_hist(ner_ctx *x, const lx_sent *s)
{
	for (int i = 0; i < s->n; i++)
		x->hc[i] = (uint8_t)hist_code(x->h, &s->t[i]);
	x->hpad = hist_code(x->h, &ner_pad);
}

static void ctx_fill(ner_ctx *x, const lx_sent *s, const lx_ner_hist *h, const lx_case_table *ct,
                     const lx_lex_table *lex, const lx_seen_table *st, const own_names *own)
{
	assert(s->n <= LN_MAX_SENT_TOKENS);
	x->sc = sent_case(s);
	x->h = h;
	for (int i = 0; i < s->n; i++) {
		const lx_tok *w = &s->t[i];
		x->cc[i] = x->lx[i] = x->sn[i] = 0;
		if (w->flags & LX_FLAG_NONALPHA)
			continue;
		x->sn[i] = (uint8_t)seen_code(st, own, w);
		size_t k = ct ? lx_find_key(ct->key, ct->n, w->lower) : 0;
		if (ct && k < ct->n)
			x->cc[i] = ct->code[k];
		k = lex ? lx_find_key(lex->key, lex->n, w->lower) : 0;
		if (lex && k < lex->n)
			x->lx[i] = lex->bits[k];
	}
	ctx_hist(x, s);
}

static const lx_word_slot *word_find(const lx_ner *m, uint64_t key)
{
	uint32_t i = (uint32_t)(key ^ key >> 32) & m->wmask;
	while (m->words[i].used && m->words[i].key != key)
		i = (i + 1) & m->wmask;
	return &m->words[i];
}

/* ctx_fill at run time, from the merged table: the same codes. */
static void ctx_fill_fast(ner_ctx *x, const lx_sent *s, const lx_ner_hist *h, const lx_ner *m)
{
	assert(s->n <= LN_MAX_SENT_TOKENS);
	x->sc = sent_case(s);
	x->h = h;
	for (int i = 0; i < s->n; i++)
		if (!(s->t[i].flags & LX_FLAG_NONALPHA))
			__builtin_prefetch(
			    &m->words[(uint32_t)(s->t[i].lower ^ s->t[i].lower >> 32) & m->wmask]);
	for (int i = 0; i < s->n; i++) {
		x->cc[i] = x->lx[i] = x->sn[i] = 0;
		if (s->t[i].flags & LX_FLAG_NONALPHA)
			continue;
		const lx_word_slot *w = word_find(m, s->t[i].lower);
		if (w->used) {
			x->cc[i] = w->cc;
			x->lx[i] = w->lx;
			x->sn[i] = w->sn;
		}
	}
	ctx_hist(x, s);
}

/* Merge the casing, lexicon and seen-names tables into m->words; on no
 * memory the binary searches stay in use. */
static void words_build(lx_ner *m)
{
	size_t n = m->cases.n + m->lex.n + m->seen.n, slots = 1024;
	while (slots < n * 2)
		slots *= 2;
	lx_word_slot *w = blob_alloc_big(slots * sizeof *w);
	if (!w)
		return;
	m->words = w;
	m->wmask = (uint32_t)(slots - 1);
	const uint64_t *keys[3] = {m->cases.key, m->lex.key, m->seen.key};
	size_t nk[3] = {m->cases.n, m->lex.n, m->seen.n};
	for (int t = 0; t < 3; t++)
		for (size_t k = 0; k < nk[t]; k++) {
			lx_word_slot *e = (lx_word_slot *)word_find(m, keys[t][k]);
			if (e->used)
				continue;
			lx_tok tok = {.lower = keys[t][k]};
			e->used = 1;
			e->key = keys[t][k];
			e->sn = (uint8_t)seen_code(&m->seen, NULL, &tok);
			size_t i = lx_find_key(m->cases.key, m->cases.n, tok.lower);
			e->cc = i < m->cases.n ? m->cases.code[i] : 0;
			i = lx_find_key(m->lex.key, m->lex.n, tok.lower);
			e->lx = i < m->lex.n ? m->lex.bits[i] : 0;
		}
}

static unsigned at(const uint8_t *a, const lx_sent *s, int i)
{
	return i >= 0 && i < s->n ? a[i] : 0;
}

/* Feature k (template id 500 + k) is the hash of one, two or three values
 * (N1, N2, N3): values first, hashed afterwards, so that lx_ner_tag hashes
 * a token's features side by side (pc_mix_n, four at a time).  The values
 * are kept with those of one value first, then two, then three (order[]),
 * feature k at pos_of[k]: every one gets a step of pc_mix, those from
 * NER_N1 on a second, from NER_N12 on a third (pc_mix_n's rounding up to 4
 * then writes past the end only). */
#define NER_NFEATS 78
#define NER_N1 31  /* the first NER_N1 of order[] have one value */
#define NER_N12 63 /* then two up to NER_N12, then three */
static const uint8_t order[NER_NFEATS] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 12, 13, 16, 17, 18, 19, 22, 23, 25,
    26, 29, 36, 37, 42, 43, 45, 46, 47, 48, 57, 11, 14, 15, 20, 21, 27, 28, 30, 31,
    32, 33, 34, 35, 38, 39, 40, 41, 44, 49, 53, 54, 55, 58, 59, 60, 61, 62, 66, 67,
    68, 69, 75, 24, 50, 51, 52, 56, 63, 64, 65, 70, 71, 72, 73, 74, 76, 77};
_Static_assert(NER_NFEATS + 4 <= NER_MAX_FEATS, "room for pc_mix_n");
static const uint8_t pos_of[NER_NFEATS] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 31, 11, 12, 32, 33, 13, 14, 15, 16,
    34, 35, 17, 18, 63, 19, 20, 36, 37, 21, 38, 39, 40, 41, 42, 43, 22, 23, 44, 45,
    46, 47, 24, 25, 48, 26, 27, 28, 29, 49, 64, 65, 66, 50, 51, 52, 67, 30, 53, 54,
    55, 56, 57, 68, 69, 70, 58, 59, 60, 61, 71, 72, 73, 74, 75, 62, 76, 77};

/* pos_of inverts order (checked at load). */
static int layout_ok(void)
{
	for (size_t i = 0; i < NER_NFEATS; i++)
		if (pos_of[order[i]] != i)
			return 0;
	return 1;
}

/* Values and template ids in order[]'s order, room for pc_mix_n's rounding
 * up to 4 past the last. */
typedef struct nvals {
	uint64_t a[NER_NFEATS + 4], b[NER_NFEATS + 4], c[NER_NFEATS + 4], id[NER_NFEATS + 4],
	    idk[NER_NFEATS + 4]; /* pc_mix_pre(id) */
} nvals;

static void nvals_init(nvals *v)
{
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < NER_NFEATS; i++) {
		v->id[i] = 500 + (uint64_t)order[i];
		v->idk[i] = pc_mix_pre(v->id[i]);
	}
}

#define V1(k, x) (v->a[pos_of[k]] = (x))
#define V2(k, x, y) (v->a[pos_of[k]] = (x), v->b[pos_of[k]] = (y))
#define V3(k, x, y, z) (v->a[pos_of[k]] = (x), v->b[pos_of[k]] = (y), v->c[pos_of[k]] = (z))

static void ner_values(const lx_sent *s, int i, unsigned p1, unsigned p2, const ner_ctx *x,
                       nvals *v)
{
	unsigned sc = x->sc;
	const lx_tok *w = &s->t[i], *m1 = nat(s, i - 1), *m2 = nat(s, i - 2), *q1 = nat(s, i + 1),
	             *q2 = nat(s, i + 2);
	V1(0, 0);
	V1(1, w->form);
	V1(2, w->lower);
	V1(3, w->shape);
	V1(4, w->pre2);
	V1(5, w->pre3);
	V1(6, w->suf2);
	V1(7, w->suf3);
	V1(8, w->suf4);
	V1(9, w->flags);
	V1(10, w->ptag);
	V2(11, w->ptag, w->flags);
	V1(12, m1->ptag);
	V1(13, q1->ptag);
	V2(14, m1->ptag, w->ptag);
	V2(15, w->ptag, q1->ptag);
	V1(16, m1->lower);
	V1(17, m2->lower);
	V1(18, q1->lower);
	V1(19, q2->lower);
	V2(20, m1->lower, w->lower);
	V2(21, w->lower, q1->lower);
	V1(22, m1->shape);
	V1(23, q1->shape);
	V3(24, m1->shape, w->shape, q1->shape);
	V1(25, m1->flags);
	V1(26, q1->flags);
	V2(27, i == 0, w->flags);
	V2(28, i == 0, w->lower);
	V1(29, p1);
	V2(30, p1, p2);
	V2(31, p1, w->lower);
	V2(32, p1, w->shape);
	V2(33, p1, w->ptag);
	V2(34, m1->suf3, w->flags);
	V2(35, q1->suf3, w->flags);
	/* wider context: shapes +-2, word pairs with the neighbours' shapes,
	 * the cased neighbours, the previous label with the previous word */
	V1(36, m2->shape);
	V1(37, q2->shape);
	V2(38, m1->shape, w->shape);
	V2(39, w->shape, q1->shape);
	V2(40, w->lower, q1->shape);
	V2(41, m1->shape, w->lower);
	V1(42, m1->form);
	V1(43, q1->form);
	V2(44, p1, m1->lower);
	V1(45, q2->ptag);
	V1(46, m2->ptag);
	V1(47, q1->suf3);
	V1(48, m1->suf3);
	V2(49, w->pre3, w->flags);
	/* position in a run of capitalised words (capped each side) */
	int before = 0, after = 0;
	while (before < NER_RUN_CAP && capword(s, i - 1 - before))
		before++;
	while (after < NER_RUN_CAP && capword(s, i + 1 + after))
		after++;
	V3(50, before, after, w->flags & LX_FLAG_UPPER_INIT);
	V3(51, before, after, w->ptag);
	V3(52, before + after, i == before, w->flags & LX_FLAG_UPPER_INIT);
	V2(53, sc, w->flags);
	V2(54, sc, w->shape);
	V2(55, sc, w->lower);
	V3(56, sc, before, after);
	unsigned hc = x->hc[i], hn = i + 1 < s->n ? x->hc[i + 1] : x->hpad,
	         hp = i > 0 ? x->hc[i - 1] : x->hpad;
	V1(57, hc);
	V2(58, hc, w->flags);
	V2(59, hc, p1);
	V2(60, hc, hn);
	V2(61, hp, hc);
	unsigned cc = at(x->cc, s, i), cn = at(x->cc, s, i + 1), cp = at(x->cc, s, i - 1);
	V2(62, cc, w->flags);
	V3(63, cc, w->flags, i == 0);
	V3(64, cc, sc, w->flags & LX_FLAG_UPPER_INIT);
	V3(65, cp, cc, cn);
	V2(66, cc, w->ptag);
	/* the lexicon: what open word lists say of the word and its neighbours */
	unsigned up = w->flags & LX_FLAG_UPPER_INIT, lw = at(x->lx, s, i), ln = at(x->lx, s, i + 1),
	         lp = at(x->lx, s, i - 1);
	V2(67, lw, up);
	V2(68, lp, up);
	V2(69, ln, up);
	V3(70, lp, lw, up);
	V3(71, lw, ln, up);
	V3(72, lw, cc, x->sc);
	V3(73, lw, before, after);
	V3(74, at(x->lx, s, i - 2), lp, up);
	/* names of the training data (other documents than this one) */
	unsigned sw = x->sn[i], sp = at(x->sn, s, i - 1), sq = at(x->sn, s, i + 1);
	V2(75, sw, up);
	V3(76, sp, sw, sq);
	V3(77, sw, lw, up);
}
#undef V1
#undef V2
#undef V3

/* The features of token I, feature k at f[k] (training). */
static size_t ner_features(const lx_sent *s, int i, unsigned p1, unsigned p2, const ner_ctx *x,
                           uint64_t *f)
{
	nvals v;
	ner_values(s, i, p1, p2, x, &v);
	for (size_t k = 0; k < NER_NFEATS; k++) {
		size_t j = pos_of[k];
		f[k] = pc_mix(500 + k, v.a[j]);
		if (j >= NER_N1)
			f[k] = pc_mix(f[k], v.b[j]);
		if (j >= NER_N12)
			f[k] = pc_mix(f[k], v.c[j]);
	}
	return NER_NFEATS;
}

/* The same features at run time, in order[]'s order, hashed four at a time
 * (F has room for NER_NFEATS + 4). */
static size_t ner_features_fast(const lx_sent *s, int i, unsigned p1, unsigned p2, const ner_ctx *x,
                                nvals *v, uint64_t *f)
{
	ner_values(s, i, p1, p2, x, v);
	pc_mix_pre_n(f, v->id, v->idk, v->a, NER_NFEATS);
	pc_mix_n(f + NER_N1, f + NER_N1, v->b + NER_N1, NER_NFEATS - NER_N1);
	pc_mix_n(f + NER_N12, f + NER_N12, v->c + NER_N12, NER_NFEATS - NER_N12);
	return NER_NFEATS;
}

/* BIO: I-X only after B-X or I-X. */
static int allowed(unsigned prev, unsigned c)
{
	if (c == 0 || (c & 1))
		return 1;
	return prev != NER_START && prev != 0 && (prev - 1) / 2 == (c - 1) / 2;
}

void lx_ner_tag(const lx_ner *m, lx_sent *s, lx_ner_hist *h)
{
	uint64_t f[NER_MAX_FEATS];
	int32_t sc[PC_MAX_CLASSES + 1]; /* see pc_score */
	unsigned p1 = NER_START, p2 = NER_START;
	ner_ctx x;
	if (m->words)
		ctx_fill_fast(&x, s, h, m);
	else
		ctx_fill(&x, s, h, &m->cases, &m->lex, &m->seen, NULL);
	nvals v;
	nvals_init(&v);
	for (int i = 0; i < s->n; i++) {
		size_t nf = ner_features_fast(s, i, p1, p2, &x, &v, f);
		memset(sc, 0, sizeof(int32_t) * m->pc.nclass);
		pc_score(&m->pc, f, nf, sc);
		unsigned best = 0;
		for (unsigned c = 1; c < m->pc.nclass; c++)
			if ((m->live >> c & 1) && sc[c] > sc[best] && allowed(p1, c))
				best = c;
		s->t[i].ner = (uint8_t)best;
		p2 = p1;
		p1 = best;
	}
	if (h)
		hist_add(h, s);
}

/* A table of sorted, distinct word hashes and PER_KEY bytes per word.
 * Returns 1, or 0 when the blob does not hold one. */
static int read_table(blob_r *r, size_t per_key, const uint64_t **key, const uint8_t **val,
                      size_t *n)
{
	size_t nk = 0, nv = 0;
	*key = blob_get_array(r, 8, &nk);
	*val = blob_get_array(r, 1, &nv);
	int ok = !r->failed && nv == per_key * nk;
	for (size_t i = 1; ok && i < nk; i++)
		ok = (*key)[i - 1] < (*key)[i];
	*n = ok ? nk : 0;
	return ok;
}

void lx_ner_free(lx_ner *m)
{
	if (!m)
		return;
	pc_model_free(&m->pc); /* the compact copy; the rest lives in the image */
	free(m->words);
	m->words = NULL;
}

int lx_ner_read(lx_ner *m, blob_r *r, char **err)
{
	m->words = NULL;
	m->wmask = 0;
	m->live = blob_get_u32(r) | 1;
	if (pc_model_read(&m->pc, r, err) != 0)
		return -1;
	if (m->pc.nclass != LN_NER_LABELS) {
		if (err &&
		    asprintf(err, "expected %d labels, found %u", LN_NER_LABELS, m->pc.nclass) < 0)
			*err = NULL;
		return -1;
	}
	/* whole rows in place when the live labels are few (7 of 9 today);
	 * else the compact table; on failure the file's table */
	if (pc_model_compact_rows(&m->pc, m->live) != 0)
		pc_model_compact(&m->pc);
	int ordered = layout_ok(); /* once per load */
	assert(ordered);
	(void)ordered;
	int ok = read_table(r, 1, &m->cases.key, &m->cases.code, &m->cases.n);
	for (size_t i = 0; ok && i < m->cases.n; i++)
		ok = m->cases.code[i] >= 1 && m->cases.code[i] <= 10;
	const char *bad = !ok                                                       ? "casing table"
	                  : !read_table(r, 1, &m->lex.key, &m->lex.bits, &m->lex.n) ? "word lexicon"
	                  : !read_table(r, 3, &m->seen.key, &m->seen.docs, &m->seen.n)
	                      ? "table of seen names"
	                      : NULL;
	if (bad) {
		if (err && asprintf(err, "bad %s", bad) < 0)
			*err = NULL;
		return -1;
	}
	words_build(m);
	return 0;
}

/* ---- training ------------------------------------------------------- */

typedef struct seen_obs {
	uint64_t lower, sig;
	unsigned type;
} seen_obs;

static int cmp_seen(const void *a, const void *b)
{
	const seen_obs *x = a, *y = b;
	if (x->lower != y->lower)
		return x->lower < y->lower ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->sig < y->sig ? -1 : x->sig > y->sig;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The seen-names table of the training documents DOC [first[d], first[d+1]):
 * a document counted twice (UNER is) is one document, told by the hash of
 * its words.  Returns 0 or -1. */
static int build_seen(lx_sent **g, const size_t *first, size_t ndoc, lx_seen_table *st)
{
	size_t n = 0, cap = 0;
	seen_obs *o = NULL;
	for (size_t d = 0; d < ndoc; d++) {
		uint64_t sig = 0;
		for (size_t k = first[d]; k < first[d + 1]; k++)
			for (int i = 0; i < g[k]->n; i++)
				sig = pc_mix(sig, g[k]->t[i].form);
		for (size_t k = first[d]; k < first[d + 1]; k++)
			for (int i = 0; i < g[k]->n; i++) {
				const lx_tok *w = &g[k]->t[i];
				unsigned type = w->ner ? (w->ner - 1u) / 2 : 3;
				if (type > LN_ENT_LOC || (w->flags & LX_FLAG_NONALPHA))
					continue;
				if (n == cap) {
					cap = cap ? 2 * cap : 1 << 16;
					seen_obs *no = realloc(o, cap * sizeof *o);
					if (!no) {
						free(o);
						return -1;
					}
					o = no;
				}
				o[n++] = (seen_obs){w->lower, sig, type};
			}
	}
	qsort(o, n, sizeof *o, cmp_seen);
	uint64_t *key = malloc(sizeof *key * (n + 1));
	uint8_t *docs = calloc(3 * n + 3, 1);
	size_t m = 0;
	if (!key || !docs) {
		free(o);
		free(key);
		free(docs);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (i && o[i].lower == o[i - 1].lower && o[i].type == o[i - 1].type &&
		    o[i].sig == o[i - 1].sig)
			continue; /* same document */
		if (!m || key[m - 1] != o[i].lower)
			key[m++] = o[i].lower;
		uint8_t *c = &docs[3 * (m - 1) + o[i].type];
		if (*c < 255)
			(*c)++;
	}
	free(o);
	*st = (lx_seen_table){m, key, docs};
	return 0;
}

/* The entity words of one training document (gold labels), sorted. */
static int own_fill(own_names *own, lx_sent **g, size_t from, size_t to)
{
	own->n = 0;
	for (size_t k = from; k < to; k++)
		for (int i = 0; i < g[k]->n; i++) {
			const lx_tok *w = &g[k]->t[i];
			unsigned type = w->ner ? (w->ner - 1u) / 2 : 3;
			if (type > LN_ENT_LOC || (w->flags & LX_FLAG_NONALPHA))
				continue;
			if (own->n == own->cap) {
				size_t nc = own->cap ? 2 * own->cap : 256;
				uint64_t *nk = realloc(own->key, nc * sizeof *nk);
				if (!nk)
					return -1;
				own->key = nk;
				own->cap = nc;
			}
			own->key[own->n++] = own_key(w->lower, type);
		}
	qsort(own->key, own->n, sizeof *own->key, cmp_u64);
	return 0;
}

int lx_ner_train(lx_sent **g, const uint8_t *newdoc, size_t n, const lx_case_table *ct,
                 const lx_lex_table *lex, const lx_train_opts *o, blob_w *b)
{
	int rc = -1;
	size_t *idx = malloc(sizeof *idx * (n + 1)), *first = malloc(sizeof *first * (n + 2)),
	       ndoc = 0;
	pc_trainer *t = pc_trainer_new(LN_NER_LABELS);
	pc_model pm = {0};
	lx_ner_hist *h = malloc(sizeof *h);
	uint8_t *guess_lab = malloc(LN_MAX_SENT_TOKENS + 1);
	ner_ctx *x = malloc(sizeof *x);
	lx_seen_table seen = {0};
	own_names own = {0};
	if (!idx || !first || !t || !h || !guess_lab || !x)
		goto out;
	for (size_t k = 0; k < n; k++)
		if (k == 0 || newdoc[k])
			first[ndoc++] = k;
	first[ndoc] = n;
	for (size_t k = 0; k < ndoc; k++)
		idx[k] = k;
	unsigned seed = o->seed;
	uint64_t f[NER_MAX_FEATS];
	float sc[LN_NER_LABELS];
	uint32_t live = 1;
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < g[k]->n; i++)
			live |= 1u << g[k]->t[i].ner;
	if (build_seen(g, first, ndoc, &seen) != 0)
		goto out;
	for (int e = 0; e < o->epochs; e++) {
		lx_shuffle(idx, ndoc, &seed);
		size_t right = 0, total = 0;
		for (size_t d = 0; d < ndoc; d++) {
			lx_ner_hist_clear(h);
			if (own_fill(&own, g, first[idx[d]], first[idx[d] + 1]) != 0)
				goto out;
			for (size_t k = first[idx[d]]; k < first[idx[d] + 1]; k++) {
				lx_sent *s = g[k];
				unsigned p1 = NER_START, p2 = NER_START;
				ctx_fill(x, s, h, ct, lex, &seen, &own);
				for (int i = 0; i < s->n; i++) {
					size_t nf = ner_features(s, i, p1, p2, x, f);
					memset(sc, 0, sizeof sc);
					pc_trainer_score(t, f, nf, sc);
					unsigned guess = 0, gold = s->t[i].ner;
					for (unsigned c = 1; c < LN_NER_LABELS; c++)
						if ((live >> c & 1) && sc[c] > sc[guess] &&
						    allowed(p1, c))
							guess = c;
					if (pc_trainer_update(t, f, nf, gold, guess) != 0)
						goto out;
					right += guess == gold;
					total++;
					guess_lab[i] = (uint8_t)guess;
					p2 = p1;
					p1 = guess;
				}
				/* the memory holds the guesses, as at run time */
				for (int i = 0; i < s->n; i++) {
					uint8_t gold = s->t[i].ner;
					s->t[i].ner = guess_lab[i];
					guess_lab[i] = gold;
				}
				hist_add(h, s);
				for (int i = 0; i < s->n; i++)
					s->t[i].ner = guess_lab[i];
			}
		}
		if (o->verbose)
			fprintf(stderr, "ner epoch %d: train accuracy %.4f\n", e + 1,
			        total ? (double)right / total : 0);
	}
	blob_put_u32(b, live);
	if (pc_trainer_compile(t, o->prune, &pm) != 0 || pc_model_write(&pm, b) != 0)
		goto out;
	blob_put_array(b, ct->key, ct->n * 8);
	blob_put_array(b, ct->code, ct->n);
	blob_put_array(b, lex->key, lex->n * 8);
	blob_put_array(b, lex->bits, lex->n);
	blob_put_array(b, seen.key, seen.n * 8);
	blob_put_array(b, seen.docs, seen.n * 3);
	rc = b->failed ? -1 : 0;
out:
	pc_model_free(&pm);
	pc_trainer_free(t);
	free(idx);
	free(first);
	free(h);
	free(guess_lab);
	free(x);
	free((void *)seen.key);
	free((void *)seen.docs);
	free(own.key);
	return rc;
}
