/*
 * parser — labelled dependency parser: greedy arc-eager transitions scored
 * by an averaged perceptron, trained with a dynamic oracle.
 *
 * Design note
 * -----------
 * Configuration: a stack (the artificial root 0 at its bottom), a buffer
 * front b, arcs so far.  Transitions: SHIFT, REDUCE, LEFT-l (b -> s0),
 * RIGHT-l (s0 -> b); at most 2n per sentence, so time is linear.  The root
 * takes exactly one child (RIGHT from 0 only with label "root", once); a
 * word still headless when the buffer empties is attached afterwards (to 0
 * when the root has no child yet, else to the root's child), so every
 * sentence gets a tree: one root, no cycles, every head in range.
 *
 * Features are Zhang & Nivre (2011): words and tags of s0, n0-n2, s0's head
 * and grand-head, leftmost/rightmost children of s0 and n0 and their
 * labels, distance s0-n0, valencies and label sets.  Tags are the tagger's
 * predictions (training uses jack-knifed tags, see tools/train).
 *
 * Training follows Goldberg & Nivre (2012): the oracle gives each valid
 * transition the number of gold arcs it makes unreachable; the model is
 * updated when its choice costs more than the best, and from the second
 * epoch on it follows its own (possibly wrong) choice 90% of the time, so
 * it learns to recover from its mistakes.  Non-projective sentences are
 * left out of training (the arc-eager oracle is exact only on projective
 * trees).
 */
#include "lang/internal.h"
#include "lang/simd.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define P_MAXN (LN_MAX_SENT_TOKENS + 1)
#define P_MAX_FEATS 84
#define P_NFEATS 81 /* features of a configuration */
#define SHIFT 0
#define REDUCE 1
#define LEFT(l) (2 + 2 * ((l)-1))
#define RIGHT(l) (3 + 2 * ((l)-1))

typedef struct pstate {
	int n, sp, b, root_child;
	int st[P_MAXN + 1];
	int head[P_MAXN], lab[P_MAXN];
	int lc1[P_MAXN], lc2[P_MAXN], rc1[P_MAXN], rc2[P_MAXN], nl[P_MAXN], nr[P_MAXN];
	uint64_t ls[P_MAXN], rs[P_MAXN];
	uint8_t on_stack[P_MAXN];
} pstate;

static void init(pstate *p, int n)
{
	p->n = n;
	p->sp = 1;
	p->st[0] = 0;
	p->b = 1;
	p->root_child = 0;
	for (int i = 0; i <= n; i++) {
		p->head[i] = -1;
		p->lab[i] = 0;
		p->lc1[i] = p->lc2[i] = p->rc1[i] = p->rc2[i] = -1;
		p->nl[i] = p->nr[i] = 0;
		p->ls[i] = p->rs[i] = 0;
		p->on_stack[i] = 0;
	}
	p->on_stack[0] = 1;
}

static void add_arc(pstate *p, int h, int d, int l)
{
	p->head[d] = h;
	p->lab[d] = l;
	if (h == 0)
		p->root_child = d;
	if (d < h) {
		p->nl[h]++;
		p->ls[h] |= 1ULL << (l & 63);
		if (p->lc1[h] < 0 || d < p->lc1[h]) {
			p->lc2[h] = p->lc1[h];
			p->lc1[h] = d;
		} else if (p->lc2[h] < 0 || d < p->lc2[h]) {
			p->lc2[h] = d;
		}
	} else {
		p->nr[h]++;
		p->rs[h] |= 1ULL << (l & 63);
		if (p->rc1[h] < 0 || d > p->rc1[h]) {
			p->rc2[h] = p->rc1[h];
			p->rc1[h] = d;
		} else if (p->rc2[h] < 0 || d > p->rc2[h]) {
			p->rc2[h] = d;
		}
	}
}

static int valid(const pstate *p, int c, int root_label)
{
	int s0 = p->st[p->sp - 1];
	if (c == SHIFT)
		return p->b <= p->n;
	if (c == REDUCE)
		return s0 != 0 && p->head[s0] >= 0;
	int l = (c - 2) / 2 + 1;
	if ((c & 1) == 0) /* LEFT */
		return p->b <= p->n && s0 != 0 && p->head[s0] < 0 && l != root_label;
	/* RIGHT */
	if (p->b > p->n)
		return 0;
	if (s0 == 0)
		return l == root_label && !p->root_child;
	return l != root_label;
}

static void apply(pstate *p, int c)
{
	int s0 = p->st[p->sp - 1];
	if (c == SHIFT) {
		p->on_stack[p->b] = 1;
		p->st[p->sp++] = p->b++;
	} else if (c == REDUCE) {
		p->on_stack[s0] = 0;
		p->sp--;
	} else if ((c & 1) == 0) {
		add_arc(p, p->b, s0, (c - 2) / 2 + 1);
		p->on_stack[s0] = 0;
		p->sp--;
	} else {
		add_arc(p, s0, p->b, (c - 2) / 2 + 1);
		p->on_stack[p->b] = 1;
		p->st[p->sp++] = p->b++;
	}
}

/* Headless words when the buffer is empty: give them a head. */
static void finish(pstate *p, const lx_parser *m, const lx_sent *s)
{
	for (int i = 1; i <= p->n; i++) {
		if (p->head[i] >= 0)
			continue;
		if (!p->root_child)
			add_arc(p, 0, i, m->root_label);
		else
			add_arc(p, p->root_child, i,
			        s->t[i - 1].upos == LN_UPOS_PUNCT ? m->punct_label : m->dep_label);
	}
}

/* ---- features ---------------------------------------------------------- */

enum { NONE_W = 0x51, ROOT_W = 0x52 };

static uint64_t W(const lx_sent *s, int i)
{
	return i < 0 ? NONE_W : i == 0 ? ROOT_W : s->t[i - 1].lower;
}
static uint64_t P(const lx_sent *s, int i)
{
	return i < 0 ? NONE_W : i == 0 ? ROOT_W : s->t[i - 1].ptag;
}
static uint64_t U(const lx_sent *s, int i)
{
	return i < 0 ? NONE_W : i == 0 ? ROOT_W : s->t[i - 1].upos;
}
static uint64_t L(const pstate *p, int i)
{
	return i < 0 ? NONE_W : (uint64_t)p->lab[i];
}

static int dist_bucket(int d)
{
	return d < 5 ? d : d < 10 ? 5 : 6;
}

/* Feature k (template id 100 + k) is the hash of two values a, b
 * (pc_mix(pc_mix(100 + k, a), b)), or of three, c too, when is_h3 says so:
 * values first, hashed afterwards, so that lx_parse hashes the features it
 * needs side by side (pc_mix_n, four at a time).  The values are kept in
 * the order of lx_parse's groups (order[], below): feature k at pos_of[k]. */
static int is_h3(int k)
{
	return k == 20 || (k >= 21 && k <= 25) || k == 30 || k == 31 || (k >= 62 && k <= 65) ||
	       k == 73 || k >= 77;
}

/* The groups, each with its features of three values last: those that
 * read neither the stack top's nor the buffer front's own state alone
 * (mixed); the buffer front's own state (its word and left children: n0);
 * the stack top's word, head, grand-head and left children (s0a) and its
 * right children (s0r); the buffer's words alone (buf: n0, n1, n2).  s0's
 * head and left children change only when it gets a head (RIGHT: its left
 * children are all there once it leaves the buffer), its right children
 * when it gets one, n0's state when it gets a left child, so their scores
 * are kept and reused while that state lasts: after LEFT the new stack top
 * is as it was when last on top, after REDUCE the front is and the new
 * stack top has only a new right child; those of the buffer's words are
 * added up once per front. */
static const uint8_t order[] = {
    /* mixed */
    12, 13, 14, 15, 16, 17, 18, 26, 27, 28, 29, 72, 74, 75, 76, 21, 22, 23, 24, 25, 30, 31, 73, 77,
    78, 79, 80,
    /* n0 (NONE_N0LEFT from 31) */
    36, 37, 70, 71, 47, 48, 49, 59, 60, 61, 65,
    /* s0a (NONE_LEFT from 45, NONE_HEAD from 51) */
    0, 1, 2, 34, 35, 68, 69, 41, 42, 43, 53, 54, 55, 38, 39, 40, 50, 51, 52, 62, 64,
    /* s0r (NONE_RIGHT from 63) */
    32, 33, 66, 67, 44, 45, 46, 56, 57, 58, 63,
    /* buf */
    3, 4, 5, 6, 7, 8, 9, 10, 11, 19, 20};
/* where each group starts in order[], how many it has, how many of two values */
#define MIXED_AT 0
#define MIXED_N 27
#define MIXED_H2 15
#define N0_AT 27
#define N0_N 11
#define N0_H2 10
#define S0A_AT 38
#define S0A_N 21
#define S0A_H2 19
#define S0R_AT 59
#define S0R_N 11
#define S0R_H2 10
#define BUF_AT 70
#define BUF_N 11
#define BUF_H2 10
_Static_assert(sizeof order == P_NFEATS && BUF_AT + BUF_N == P_NFEATS,
               "every feature in one group");
/* the inverse of order[] */
static const uint8_t pos_of[P_NFEATS] = {
    38, 39, 40, 70, 71, 72, 73, 74, 75, 76, 77, 78, 0,  1,  2,  3,  4,  5,  6,  79, 80,
    15, 16, 17, 18, 19, 7,  8,  9,  10, 20, 21, 59, 60, 41, 42, 27, 28, 51, 52, 53, 45,
    46, 47, 63, 64, 65, 31, 32, 33, 54, 55, 56, 48, 49, 50, 66, 67, 68, 34, 35, 36, 57,
    69, 58, 37, 61, 62, 43, 44, 29, 30, 11, 22, 12, 13, 14, 23, 24, 25, 26};

/* Six features of a group that read only a missing word: the stack top's
 * head (38-40, 50-52: none), its left children (41-43, 53-55), its right
 * children (44-46, 56-58), the front's left children (47-49, 59-61).  While
 * the word is missing their values are the same, so are their hashes and
 * scores: lx_parse looks them up once per sentence and adds the row kept
 * (used only when the hashes are the very same, so never a different sum). */
enum { NONE_HEAD, NONE_LEFT, NONE_RIGHT, NONE_N0LEFT, NONE_SETS };
#define NONE_N 6
static const uint8_t none_at[NONE_SETS] = {51, 45, 63, 31}; /* places in order[] */
static const uint8_t none_k[NONE_SETS][NONE_N] = {{38, 39, 40, 50, 51, 52},
                                                  {41, 42, 43, 53, 54, 55},
                                                  {44, 45, 46, 56, 57, 58},
                                                  {47, 48, 49, 59, 60, 61}};

/* pos_of inverts order, and each group has its features of two values first. */
static int layout_ok(void)
{
	static const uint8_t at[] = {MIXED_AT, N0_AT, S0A_AT, S0R_AT, BUF_AT},
	                     n[] = {MIXED_N, N0_N, S0A_N, S0R_N, BUF_N},
	                     n2[] = {MIXED_H2, N0_H2, S0A_H2, S0R_H2, BUF_H2};
	for (size_t i = 0; i < P_NFEATS; i++)
		if (pos_of[order[i]] != i)
			return 0;
	for (size_t j = 0; j < NONE_SETS; j++)
		for (size_t i = 0; i < NONE_N; i++)
			if (pos_of[none_k[j][i]] != none_at[j] + i)
				return 0;
	for (size_t g = 0; g < sizeof at; g++) {
		if (g && at[g] != at[g - 1] + n[g - 1])
			return 0;
		for (size_t j = 0; j < n[g]; j++)
			if (is_h3(order[at[g] + j]) != (j >= n2[g]))
				return 0;
	}
	return 1;
}

/* Values (a, b, c) and template ids of the features in order[]'s order,
 * room for pc_mix_n's rounding up to 4 past the last. */
#define P_NPAD (P_NFEATS + 4)
typedef struct fvals {
	uint64_t a[P_NPAD], b[P_NPAD], c[P_NPAD], id[P_NPAD], idk[P_NPAD]; /* idk: pc_mix_pre(id) */
} fvals;

static void fvals_init(fvals *v)
{
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < P_NFEATS; i++) {
		v->id[i] = 100 + (uint64_t)order[i];
		v->idk[i] = pc_mix_pre(v->id[i]);
	}
}

#define V2(k, x, y) (v->a[pos_of[k]] = (x), v->b[pos_of[k]] = (y))
#define V3(k, x, y, z) (v->a[pos_of[k]] = (x), v->b[pos_of[k]] = (y), v->c[pos_of[k]] = (z))

/* Features that depend on the buffer front alone (n0, n1, n2: words and
 * tags; 3-11, 19 and 20): their scores stay the same while the front does
 * not move (REDUCE, LEFT), so lx_parse adds them up once per front instead
 * of once per transition. */
static void buf_values(const lx_sent *s, int n, int b, fvals *v)
{
	int n0 = b <= n ? b : -1, n1 = b + 1 <= n ? b + 1 : -1, n2 = b + 2 <= n ? b + 2 : -1;
	uint64_t n0w = W(s, n0), n0p = P(s, n0), n1w = W(s, n1), n1p = P(s, n1), n2w = W(s, n2),
	         n2p = P(s, n2);
	V2(3, pc_mix(n0w, n0p), 0);
	V2(4, n0w, 0);
	V2(5, n0p, 0);
	V2(6, pc_mix(n1w, n1p), 0);
	V2(7, n1w, 0);
	V2(8, n1p, 0);
	V2(9, pc_mix(n2w, n2p), 0);
	V2(10, n2w, 0);
	V2(11, n2p, 0);
	V2(19, n0p, n1p);
	V3(20, n0p, n1p, n2p);
}

/* The values of the features of the configuration: of the groups in WHAT
 * (G_* below), the others' left as they are. */
enum { G_S0A = 1, G_N0 = 2, G_MIXED = 4, G_BUF = 8, G_S0R = 16, G_S0 = G_S0A | G_S0R };
static void feature_values(const pstate *p, const lx_sent *s, fvals *v, unsigned what)
{
	int s0 = p->sp > 0 ? p->st[p->sp - 1] : -1;
	int n0 = p->b <= p->n ? p->b : -1, n1 = p->b + 1 <= p->n ? p->b + 1 : -1;
	int s0h = s0 > 0 ? p->head[s0] : -1, s0h2 = s0h > 0 ? p->head[s0h] : -1;
	int s0l = s0 >= 0 ? p->lc1[s0] : -1, s0r = s0 >= 0 ? p->rc1[s0] : -1;
	int s0l2 = s0 >= 0 ? p->lc2[s0] : -1, s0r2 = s0 >= 0 ? p->rc2[s0] : -1;
	int n0l = n0 >= 0 ? p->lc1[n0] : -1, n0l2 = n0 >= 0 ? p->lc2[n0] : -1;
	int s1 = p->sp > 1 ? p->st[p->sp - 2] : -1;
	uint64_t s0w = W(s, s0), s0p = P(s, s0), n0w = W(s, n0), n0p = P(s, n0), n1p = P(s, n1);
	uint64_t s0wp = pc_mix(s0w, s0p), n0wp = pc_mix(n0w, n0p);
	uint64_t d = s0 >= 0 && n0 >= 0 ? (uint64_t)dist_bucket(n0 - s0) : 9;
	if (what & G_BUF)
		buf_values(s, p->n, p->b, v);
	if (what & G_S0A) {
		uint64_t s0vl = s0 >= 0 ? (uint64_t)p->nl[s0] : 99, s0sl = s0 >= 0 ? p->ls[s0] : 0;
		/* single words */
		V2(0, s0wp, 0);
		V2(1, s0w, 0);
		V2(2, s0p, 0);
		/* valency */
		V2(34, s0w, s0vl);
		V2(35, s0p, s0vl);
		/* unigrams of heads and children */
		V2(38, W(s, s0h), 0);
		V2(39, P(s, s0h), 0);
		V2(40, L(p, s0), 0);
		V2(41, W(s, s0l), 0);
		V2(42, P(s, s0l), 0);
		V2(43, L(p, s0l), 0);
		/* third order */
		V2(50, W(s, s0h2), 0);
		V2(51, P(s, s0h2), 0);
		V2(52, L(p, s0h), 0);
		V2(53, W(s, s0l2), 0);
		V2(54, P(s, s0l2), 0);
		V2(55, L(p, s0l2), 0);
		V3(62, s0p, P(s, s0l), P(s, s0l2));
		V3(64, s0p, P(s, s0h), P(s, s0h2));
		/* label sets */
		V2(68, s0w, s0sl);
		V2(69, s0p, s0sl);
	}
	if (what & G_S0R) { /* the same of the right children */
		uint64_t s0vr = s0 >= 0 ? (uint64_t)p->nr[s0] : 99, s0sr = s0 >= 0 ? p->rs[s0] : 0;
		V2(32, s0w, s0vr);
		V2(33, s0p, s0vr);
		V2(44, W(s, s0r), 0);
		V2(45, P(s, s0r), 0);
		V2(46, L(p, s0r), 0);
		V2(56, W(s, s0r2), 0);
		V2(57, P(s, s0r2), 0);
		V2(58, L(p, s0r2), 0);
		V3(63, s0p, P(s, s0r), P(s, s0r2));
		V2(66, s0w, s0sr);
		V2(67, s0p, s0sr);
	}
	if (what & G_N0) {
		uint64_t n0vl = n0 >= 0 ? (uint64_t)p->nl[n0] : 99, n0sl = n0 >= 0 ? p->ls[n0] : 0;
		V2(36, n0w, n0vl);
		V2(37, n0p, n0vl);
		V2(47, W(s, n0l), 0);
		V2(48, P(s, n0l), 0);
		V2(49, L(p, n0l), 0);
		V2(59, W(s, n0l2), 0);
		V2(60, P(s, n0l2), 0);
		V2(61, L(p, n0l2), 0);
		V3(65, n0p, P(s, n0l), P(s, n0l2));
		V2(70, n0w, n0sl);
		V2(71, n0p, n0sl);
	}
	if (what & G_MIXED) {
		/* word pairs */
		V2(12, s0wp, n0wp);
		V2(13, s0wp, n0w);
		V2(14, s0w, n0wp);
		V2(15, s0wp, n0p);
		V2(16, s0p, n0wp);
		V2(17, s0w, n0w);
		V2(18, s0p, n0p);
		V3(21, s0p, n0p, n1p);
		V3(22, P(s, s0h), s0p, n0p);
		V3(23, s0p, P(s, s0l), n0p);
		V3(24, s0p, P(s, s0r), n0p);
		V3(25, s0p, n0p, P(s, n0l));
		/* distance */
		V2(26, s0w, d);
		V2(27, s0p, d);
		V2(28, n0w, d);
		V2(29, n0p, d);
		V3(30, s0w, n0w, d);
		V3(31, s0p, n0p, d);
		/* second stack item (arc-eager keeps headless words there) */
		V2(72, P(s, s1), s0p);
		V3(73, P(s, s1), s0p, n0p);
		V2(74, W(s, s1), n0w);
		V2(75, s1 > 0 ? (uint64_t)(p->head[s1] >= 0) : 7,
		   s0 > 0 ? (uint64_t)(p->head[s0] >= 0) : 7);
		/* coarse tags (UPOS) as a back-off to the fine joint tags */
		uint64_t s0u = U(s, s0), n0u = U(s, n0), n1u = U(s, n1);
		V2(76, s0u, n0u);
		V3(77, s0u, n0u, n1u);
		V3(78, U(s, s1), s0u, n0u);
		V3(79, s0u, n0u, d);
		V3(80, s0u, U(s, s0h), n0u);
	}
}
#undef V2
#undef V3

/* All P_NFEATS features of the configuration, feature k at f[k] (training). */
static size_t features(const pstate *p, const lx_sent *s, uint64_t *f)
{
	fvals v;
	feature_values(p, s, &v, G_S0 | G_N0 | G_MIXED | G_BUF);
	for (int k = 0; k < P_NFEATS; k++) {
		size_t i = pos_of[k];
		f[k] = pc_mix(pc_mix(100 + (unsigned)k, v.a[i]), v.b[i]);
		if (is_h3(k))
			f[k] = pc_mix(f[k], v.c[i]);
	}
	return P_NFEATS;
}

/* OUT[j] = feature order[j] of V for the N features of a group starting at
 * AT (N2 of two values), and past them garbage up to three places
 * (pc_mix_n rounds up to 4): groups are hashed in order[]'s order. */
static void hash_group(const fvals *v, size_t at, size_t n, size_t n2, uint64_t *out)
{
	pc_mix_pre_n(out + at, v->id + at, v->idk + at, v->a + at, n);
	pc_mix_n(out + at, out + at, v->b + at, n);
	pc_mix_n(out + at + n2, out + at + n2, v->c + at + n2, n - n2);
}

/* The state of token I that its s0a features read, and its s0r features
 * (never 0). */
static uint32_t s0a_state(const pstate *p, int i)
{
	return 1u << 31 | (uint32_t)p->nl[i] << 1 | (p->head[i] >= 0);
}
static uint32_t s0r_state(const pstate *p, int i)
{
	return 1u << 31 | (uint32_t)p->nr[i];
}

/* Run-time working memory: the configuration; the features' values and
 * hashes (order[]'s order) and each one's score row; per buffer front the
 * scores of its buf features, all looked up before the first transition
 * in one stream of lookups instead of once per front; per token the scores
 * of its s0a and s0r features and the states they were for, and those of
 * the front's n0 features. */
typedef struct pwork {
	pstate p;
	fvals v;
	uint64_t g[P_NPAD];
	int32_t *gd[P_NFEATS];
	uint64_t *bf;                     /* [n * BUF_N] */
	int32_t **dst;                    /* [n * BUF_N] */
	int32_t *bsc;                     /* [n * nc]: nc, nclass rounded up to 8 */
	int32_t *s0asc;                   /* [(n + 1) * nc] */
	int32_t *s0rsc;                   /* [(n + 1) * nc] */
	int32_t *n0sc;                    /* [nc] */
	uint32_t *s0akey;                 /* [n + 1], 0: none yet */
	uint32_t *s0rkey;                 /* [n + 1] */
	int32_t *nrow;                    /* [NONE_SETS * nc]: the none sets' scores */
	uint64_t nkey[NONE_SETS][NONE_N]; /* their hashes */
	uint8_t nknown[NONE_SETS];
	/* this transition's lookups (in g, gd) and the kept rows to add */
	size_t ng, npend;
	int32_t *pend_row[NONE_SETS], *pend_dst[NONE_SETS];
} pwork;

static pwork *pwork_new(int n, int nclass)
{
	size_t k = (size_t)(n > 0 ? n : 1), nc = (size_t)nclass;
	pwork *w = malloc(sizeof *w + k * BUF_N * (sizeof(uint64_t) + sizeof(int32_t *)) +
	                  (k + 2 * (k + 1) + 1 + NONE_SETS) * nc * sizeof(int32_t) +
	                  2 * (k + 1) * sizeof(uint32_t));
	if (!w)
		return NULL;
	fvals_init(&w->v);
	w->bf = (uint64_t *)(w + 1);
	w->dst = (int32_t **)(w->bf + k * BUF_N);
	w->bsc = (int32_t *)(w->dst + k * BUF_N);
	w->s0asc = w->bsc + k * nc;
	w->s0rsc = w->s0asc + (k + 1) * nc;
	w->n0sc = w->s0rsc + (k + 1) * nc;
	w->nrow = w->n0sc + nc;
	memset(w->nknown, 0, sizeof w->nknown);
	w->s0akey = (uint32_t *)(w->nrow + NONE_SETS * nc);
	w->s0rkey = w->s0akey + k + 1;
	memset(w->s0akey, 0, 2 * (k + 1) * sizeof(uint32_t));
	return w;
}

/* dst[0, n) += row[0, n), n a multiple of 8 */
static void add_row(int32_t *restrict dst, const int32_t *restrict row, size_t n)
{
	for (size_t c = 0; c < n; c++)
		dst[c] += row[c];
}
#if LN_AVX2
LN_TARGET_AVX2 static void add_row_avx2(int32_t *restrict dst, const int32_t *restrict row,
                                        size_t n)
{
	for (size_t c = 0; c < n; c += 8)
		_mm256_storeu_si256(
		    (__m256i *)(dst + c),
		    _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(dst + c)),
		                     _mm256_loadu_si256((const __m256i *)(row + c))));
}
#endif

/* The hashes at AT, N of them, to the lookups with score row DST (moved
 * down in place: the list never passes the hashes still to take). */
static void take(pwork *w, size_t at, size_t n, int32_t *dst)
{
	uint64_t *restrict g = w->g;
	int32_t **restrict gd = w->gd;
	size_t ng = w->ng;
	for (size_t i = 0; i < n; i++) {
		g[ng + i] = g[at + i];
		gd[ng + i] = dst;
	}
	w->ng = ng + n;
}

/* None set J of a group with score row DST, whose word is missing when
 * MISSING: its kept row added later instead of its lookups when its hashes
 * are those kept; looked up into its row the first time. */
static void take_none(pwork *w, int j, int missing, int32_t *dst, size_t nc)
{
	const uint64_t *h = w->g + none_at[j];
	int32_t *row = w->nrow + (size_t)j * nc;
	if (missing && w->nknown[j] && !memcmp(w->nkey[j], h, sizeof w->nkey[j])) {
		w->pend_row[w->npend] = row;
		w->pend_dst[w->npend++] = dst;
		return;
	}
	if (missing && !w->nknown[j]) {
		memcpy(w->nkey[j], h, sizeof w->nkey[j]);
		w->nknown[j] = 1;
		memset(row, 0, sizeof(int32_t) * nc);
		w->pend_row[w->npend] = row;
		w->pend_dst[w->npend++] = dst;
		dst = row;
	}
	take(w, none_at[j], NONE_N, dst);
}

/* Kinds of class for valid(): a class is valid when its kind is in the
 * set valid_kinds() gives for the configuration (LEFT and RIGHT with the
 * root label apart: they are valid in other configurations). */
enum { CK_SHIFT = 1, CK_REDUCE = 2, CK_LEFT = 4, CK_RIGHT = 8, CK_RIGHT_ROOT = 16 };

static void class_kinds(lx_parser *m)
{
	memset(m->ckind, 0, sizeof m->ckind);
	for (uint32_t c = 0; c < m->pc.nclass; c++) {
		int l = c < 2 ? 0 : (int)(c - 2) / 2 + 1;
		m->ckind[c] = c == SHIFT           ? CK_SHIFT
		              : c == REDUCE        ? CK_REDUCE
		              : (c & 1) == 0       ? (l == m->root_label ? 0 : CK_LEFT)
		              : l == m->root_label ? CK_RIGHT_ROOT
		                                   : CK_RIGHT;
	}
}

/* The kinds valid() accepts while the buffer has words. */
static int32_t valid_kinds(const pstate *p)
{
	int s0 = p->st[p->sp - 1];
	int32_t k = CK_SHIFT;
	if (s0 != 0 && p->head[s0] >= 0)
		k |= CK_REDUCE;
	if (s0 != 0 && p->head[s0] < 0)
		k |= CK_LEFT;
	if (s0 == 0)
		k |= p->root_child ? 0 : CK_RIGHT_ROOT;
	else
		k |= CK_RIGHT;
	return k;
}

/* The valid class of the highest score A + B + C + D, the first of equals (as
 * testing each class in turn with valid()). */
static int best_plain(const lx_parser *m, const pstate *p, const int32_t *a, const int32_t *b,
                      const int32_t *c, const int32_t *d)
{
	int32_t ok = valid_kinds(p);
	int best = SHIFT; /* always valid while the buffer has words */
	int32_t top = a[0] + b[0] + c[0] + d[0];
	for (uint32_t k = 1; k < m->pc.nclass; k++) {
		int32_t v = a[k] + b[k] + c[k] + d[k];
		if (v > top && (m->ckind[k] & ok)) {
			top = v;
			best = (int)k;
		}
	}
	return best;
}

#if LN_AVX2
/* best_plain eight classes at a time: the maximum of the valid sums, then
 * the first valid class that has it. */
LN_TARGET_AVX2 static int best_avx2(const lx_parser *m, const pstate *p, const int32_t *a,
                                    const int32_t *b, const int32_t *c, const int32_t *d)
{
	int32_t sum[PC_MAX_CLASSES + 1] __attribute__((aligned(32)));
	const __m256i ok = _mm256_set1_epi32(valid_kinds(p)), zero = _mm256_setzero_si256(),
	              low = _mm256_set1_epi32(INT32_MIN);
	__m256i top = low;
	uint32_t n8 = (m->pc.nclass + 7) & ~7u;
	for (uint32_t k = 0; k < n8; k += 8) {
		__m256i v = _mm256_add_epi32(
		    _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(a + k)),
		                     _mm256_loadu_si256((const __m256i *)(b + k))),
		    _mm256_add_epi32(_mm256_loadu_si256((const __m256i *)(c + k)),
		                     _mm256_loadu_si256((const __m256i *)(d + k))));
		__m256i valid = _mm256_cmpgt_epi32(
		    _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(m->ckind + k)), ok),
		    zero);
		v = _mm256_blendv_epi8(low, v, valid);
		_mm256_store_si256((__m256i *)(sum + k), v);
		top = _mm256_max_epi32(top, v);
	}
	top = _mm256_max_epi32(top, _mm256_permute2x128_si256(top, top, 1));
	top = _mm256_max_epi32(top, _mm256_shuffle_epi32(top, 0x4e));
	top = _mm256_max_epi32(top, _mm256_shuffle_epi32(top, 0xb1));
	for (uint32_t k = 0; k < n8; k += 8) {
		__m256i v = _mm256_load_si256((const __m256i *)(sum + k));
		__m256i valid = _mm256_cmpgt_epi32(
		    _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(m->ckind + k)), ok),
		    zero);
		int bits = _mm256_movemask_ps(
		    _mm256_castsi256_ps(_mm256_and_si256(_mm256_cmpeq_epi32(v, top), valid)));
		if (bits)
			return (int)k + __builtin_ctz((unsigned)bits);
	}
	return SHIFT;
}
#endif

void lx_parse(const lx_parser *m, lx_sent *s)
{
	int32_t sc[PC_MAX_CLASSES + 1];
	int nclass = (int)m->pc.nclass, n = s->n;
	size_t nc = ((size_t)nclass + 7) & ~(size_t)7; /* rows of whole vectors for best_avx2 */
	pwork *w = pwork_new(n, (int)nc);
	if (!w) { /* no memory: a flat tree still satisfies the contract */
		for (int i = 0; i < n; i++) {
			s->t[i].head = (int16_t)(i == 0 ? 0 : 1);
			s->t[i].deprel = i == 0 ? m->root_label : m->dep_label;
		}
		return;
	}
	pstate *p = &w->p;
	init(p, n);
	assert(n < P_MAXN);
	uint64_t *g = w->g;
	int32_t **gd = w->gd;
	for (int b = 1; b <= n; b++) {
		int32_t *row = w->bsc + (size_t)(b - 1) * nc;
		memset(row, 0, sizeof(int32_t) * nc);
		buf_values(s, n, b, &w->v);
		hash_group(&w->v, BUF_AT, BUF_N, BUF_H2, g);
		memcpy(w->bf + (size_t)(b - 1) * BUF_N, g + BUF_AT, sizeof(uint64_t) * BUF_N);
		for (int k = 0; k < BUF_N; k++)
			w->dst[(b - 1) * BUF_N + k] = row;
	}
	pc_score_each(&m->pc, w->bf, (size_t)n * BUF_N, w->dst);
	int n0b = -1, n0nl = -1; /* the front and state n0sc is for */
	while (p->b <= p->n) {
		int s0 = p->st[p->sp - 1], b = p->b;
		uint32_t akey = s0a_state(p, s0), rkey = s0r_state(p, s0);
		int32_t *s0asc = w->s0asc + (size_t)s0 * nc, *s0rsc = w->s0rsc + (size_t)s0 * nc;
		int anew = w->s0akey[s0] != akey, rnew = w->s0rkey[s0] != rkey,
		    n0new = n0b != b || n0nl != p->nl[b];
		feature_values(p, s, &w->v,
		               G_MIXED | (anew ? G_S0A : 0) | (rnew ? G_S0R : 0) |
		                   (n0new ? G_N0 : 0));
		/* the features whose scores are not at hand, each to its row, the
		 * groups hashed in order[]'s order (see hash_group), then moved
		 * together */
		hash_group(&w->v, MIXED_AT, MIXED_N, MIXED_H2, g);
		if (n0new)
			hash_group(&w->v, N0_AT, N0_N, N0_H2, g);
		if (anew)
			hash_group(&w->v, S0A_AT, S0A_N, S0A_H2, g);
		if (rnew)
			hash_group(&w->v, S0R_AT, S0R_N, S0R_H2, g);
		w->ng = w->npend = 0;
		take(w, MIXED_AT, MIXED_N, sc);
		if (n0new) {
			memset(w->n0sc, 0, sizeof(int32_t) * nc);
			n0b = b;
			n0nl = p->nl[b];
			take(w, N0_AT, 4, w->n0sc);
			take_none(w, NONE_N0LEFT, p->lc1[b] < 0, w->n0sc, nc);
			take(w, N0_AT + 10, 1, w->n0sc);
		}
		if (anew) {
			memset(s0asc, 0, sizeof(int32_t) * nc);
			w->s0akey[s0] = akey;
			take(w, S0A_AT, 7, s0asc);
			take_none(w, NONE_LEFT, p->lc1[s0] < 0, s0asc, nc);
			take_none(w, NONE_HEAD, p->head[s0] < 0, s0asc, nc);
			take(w, S0A_AT + 19, 2, s0asc);
		}
		if (rnew) {
			memset(s0rsc, 0, sizeof(int32_t) * nc);
			w->s0rkey[s0] = rkey;
			take(w, S0R_AT, 4, s0rsc);
			take_none(w, NONE_RIGHT, p->rc1[s0] < 0, s0rsc, nc);
			take(w, S0R_AT + 10, 1, s0rsc);
		}
		memcpy(sc, w->bsc + (size_t)(b - 1) * nc, sizeof(int32_t) * nc);
		pc_score_each(&m->pc, g, w->ng, gd);
#if LN_AVX2
		if (m->pc.avx2) {
			for (size_t j = 0; j < w->npend; j++)
				add_row_avx2(w->pend_dst[j], w->pend_row[j], nc);
		} else
#endif
			for (size_t j = 0; j < w->npend; j++)
				add_row(w->pend_dst[j], w->pend_row[j], nc);
#if LN_AVX2
		int best = m->pc.avx2 ? best_avx2(m, p, sc, s0asc, s0rsc, w->n0sc)
		                      : best_plain(m, p, sc, s0asc, s0rsc, w->n0sc);
#else
		int best = best_plain(m, p, sc, s0asc, s0rsc, w->n0sc);
#endif
		apply(p, best);
	}
	finish(p, m, s);
	for (int i = 1; i <= p->n; i++) {
		s->t[i - 1].head = (int16_t)p->head[i];
		s->t[i - 1].deprel = (uint8_t)p->lab[i];
	}
	free(w);
}

void lx_parser_free(lx_parser *m)
{
	if (!m)
		return;
	free(m->owned);
	pc_model_free(&m->pc); /* the compact copy; the rest lives in the image */
	memset(m, 0, sizeof *m);
}

int lx_parser_read(lx_parser *m, blob_r *r, char **err)
{
	memset(m, 0, sizeof *m);
	m->nlabel = blob_get_u32(r);
	if (r->failed || m->nlabel < 2 || m->nlabel > (PC_MAX_CLASSES - 2) / 2 + 1)
		goto bad;
	m->label = calloc(m->nlabel, sizeof *m->label);
	m->owned = m->label;
	if (!m->label)
		goto bad;
	for (size_t i = 0; i < m->nlabel; i++)
		if (!(m->label[i] = blob_get_str(r)))
			goto bad;
	uint32_t root = blob_get_u32(r), punct = blob_get_u32(r), dep = blob_get_u32(r);
	if (r->failed || !root || !punct || !dep || root >= m->nlabel || punct >= m->nlabel ||
	    dep >= m->nlabel)
		goto bad;
	m->root_label = (uint8_t)root;
	m->punct_label = (uint8_t)punct;
	m->dep_label = (uint8_t)dep;
	if (pc_model_read(&m->pc, r, err) != 0)
		goto fail;
	if (m->pc.nclass != 2 + 2 * (m->nlabel - 1)) {
		if (err && asprintf(err, "class count mismatch") < 0)
			*err = NULL;
		goto fail;
	}
	pc_model_compact(&m->pc); /* on failure scoring falls back to the file's table */
	class_kinds(m);
	int ordered = layout_ok(); /* a few hundred tests, once per load */
	assert(ordered);
	(void)ordered;
	return 0;
bad:
	if (err && asprintf(err, "bad label table") < 0)
		*err = NULL;
fail:
	lx_parser_free(m);
	return -1;
}

/* ---- training ---------------------------------------------------------- */

static int projective(const lx_sent *s)
{
	for (int d = 1; d <= s->n; d++) {
		int h = s->t[d - 1].head, lo = h < d ? h : d, hi = h < d ? d : h;
		for (int k = lo + 1; k < hi; k++) {
			/* k must descend from h */
			int a = k, steps = 0;
			while (a != h && a != 0 && steps++ <= s->n)
				a = s->t[a - 1].head;
			if (a != h)
				return 0;
		}
	}
	return 1;
}

/* Gold arcs a transition makes unreachable (Goldberg & Nivre 2012). */
static int cost(const pstate *p, int c, const int *gh, const int *gl)
/* label mistakes are added by the caller */
{
	int s0 = p->st[p->sp - 1], b = p->b, k, n = 0;
	if (c == SHIFT) {
		for (int i = 0; i < p->sp; i++) {
			k = p->st[i];
			n += gh[b] == k;
			n += k != 0 && gh[k] == b && p->head[k] < 0;
		}
		return n;
	}
	if (c == REDUCE) {
		for (k = b; k <= p->n; k++)
			n += gh[k] == s0;
		return n;
	}
	if ((c & 1) == 0) { /* LEFT: b -> s0 */
		for (k = b; k <= p->n; k++) {
			n += k != b && gh[s0] == k;
			n += gh[k] == s0;
		}
		return n;
	}
	/* RIGHT: s0 -> b */
	for (int i = 0; i < p->sp; i++) {
		k = p->st[i];
		n += k != s0 && gh[b] == k;
		n += k != 0 && gh[k] == b && p->head[k] < 0;
	}
	for (k = b + 1; k <= p->n; k++)
		n += gh[b] == k;
	return n;
}

int lx_parser_train(lx_gold *g, size_t n, const lx_train_opts *o, blob_w *b)
{
	int rc = -1;
	const char *labels[128];
	size_t nlabel = 1;
	labels[0] = "_";
	int *gh = NULL, *gl = NULL;
	size_t *idx = NULL, ntrain = 0;
	pstate *p = malloc(sizeof *p);
	pc_trainer *t = NULL;
	pc_model pm = {0};
	gh = malloc(sizeof(int) * P_MAXN);
	gl = malloc(sizeof(int) * P_MAXN);
	idx = malloc(sizeof *idx * (n + 1));
	if (!p || !gh || !gl || !idx)
		goto out;
	/* fixed first labels: root, punct, and the label of a word left headless
	 * at the end (attached to the root's child): parataxis, the usual
	 * relation of a clause loosely run on */
	labels[nlabel++] = "root";
	labels[nlabel++] = "punct";
	labels[nlabel++] = "parataxis";
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < g[k].s->n; i++) {
			int l = lx_name_index(labels, nlabel, g[k].deprel[i]);
			if (l <= 0) { /* 0 is "no label" */
				if (nlabel == 127 || 2 + 2 * nlabel > PC_MAX_CLASSES)
					goto out;
				l = (int)nlabel;
				labels[nlabel++] = g[k].deprel[i];
			}
			g[k].s->t[i].deprel = (uint8_t)l;
		}
	lx_parser m = {
	    .nlabel = nlabel, .label = labels, .root_label = 1, .punct_label = 2, .dep_label = 3};
	int nclass = 2 + 2 * ((int)nlabel - 1);
	t = pc_trainer_new((unsigned)nclass);
	if (!t)
		goto out;
	for (size_t k = 0; k < n; k++)
		if (g[k].s->n > 0 && g[k].s->n < P_MAXN && projective(g[k].s))
			idx[ntrain++] = k;
	if (o->verbose)
		fprintf(stderr, "parser: %zu labels, %zu of %zu sentences projective\n", nlabel - 1,
		        ntrain, n);
	unsigned seed = o->seed, coin = o->seed ^ 0x5bd1e995u;
	uint64_t f[P_MAX_FEATS];
	float sc[PC_MAX_CLASSES];
	int cst[PC_MAX_CLASSES];
	for (int e = 0; e < o->epochs; e++) {
		lx_shuffle(idx, ntrain, &seed);
		size_t right = 0, total = 0;
		for (size_t k = 0; k < ntrain; k++) {
			lx_sent *s = g[idx[k]].s;
			gh[0] = -1;
			gl[0] = 0;
			for (int i = 1; i <= s->n; i++) {
				gh[i] = s->t[i - 1].head;
				gl[i] = s->t[i - 1].deprel;
			}
			init(p, s->n);
			while (p->b <= p->n) {
				size_t nf = features(p, s, f);
				memset(sc, 0, sizeof(float) * (size_t)nclass);
				pc_trainer_score(t, f, nf, sc);
				int guess = -1, best = -1, mincost = 1 << 30;
				/* structural costs are per transition type: each once */
				int s0 = p->st[p->sp - 1], bb = p->b;
				int cs = cost(p, SHIFT, gh, gl), cr = cost(p, REDUCE, gh, gl);
				int cl = bb <= p->n && s0 != 0 ? cost(p, LEFT(1), gh, gl) : 0;
				int crt = bb <= p->n ? cost(p, RIGHT(1), gh, gl) : 0;
				for (int c = 0; c < nclass; c++) {
					if (!valid(p, c, m.root_label)) {
						cst[c] = -1;
						continue;
					}
					int l = (c - 2) / 2 + 1;
					if (c == SHIFT)
						cst[c] = cs;
					else if (c == REDUCE)
						cst[c] = cr;
					else if ((c & 1) == 0)
						cst[c] = cl + (gh[s0] == bb && gl[s0] != l);
					else
						cst[c] = crt + (gh[bb] == s0 && gl[bb] != l);
					if (cst[c] < mincost)
						mincost = cst[c];
					if (guess < 0 || sc[c] > sc[guess])
						guess = c;
				}
				for (int c = 0; c < nclass; c++)
					if (cst[c] == mincost && (best < 0 || sc[c] > sc[best]))
						best = c;
				assert(guess >= 0 && best >= 0);
				int wrong = cst[guess] > mincost;
				if (pc_trainer_update(t, f, nf, (unsigned)best,
				                      wrong ? (unsigned)guess : (unsigned)best) !=
				    0)
					goto out;
				right += !wrong;
				total++;
				coin = coin * 1103515245u + 12345u;
				int follow = e > 0 && ((coin >> 16) % 10) != 0;
				apply(p, follow ? guess : best);
			}
		}
		if (o->verbose)
			fprintf(stderr, "parser epoch %d: %.4f of transitions optimal\n", e + 1,
			        total ? (double)right / total : 0);
	}
	if (pc_trainer_compile(t, o->prune, &pm) != 0)
		goto out;
	blob_put_u32(b, (uint32_t)nlabel);
	for (size_t i = 0; i < nlabel; i++)
		blob_put_str(b, labels[i]);
	blob_put_u32(b, m.root_label);
	blob_put_u32(b, m.punct_label);
	blob_put_u32(b, m.dep_label);
	if (pc_model_write(&pm, b) != 0)
		goto out;
	rc = b->failed ? -1 : 0;
out:
	pc_model_free(&pm);
	pc_trainer_free(t);
	free(p);
	free(gh);
	free(gl);
	free(idx);
	return rc;
}
