/*
 * ner — named-entity tagger: greedy left-to-right BIO labelling (PER, ORG,
 * LOC, MISC) by an averaged perceptron.
 *
 * Design note
 * -----------
 * No gazetteer: features are the word, its lowercase, shape, affixes and
 * flags (capitalisation, digits, hyphen), the predicted tags around it, the
 * words +-2, shapes and flags +-1, whether it starts the sentence, and the
 * two previous labels (alone and with the word).  Decoding only allows a
 * label the BIO scheme permits after the previous one (I-X continues B-X or
 * I-X), so every output is a well-formed span sequence, and only labels the
 * training data had (the model file keeps the set).
 */
#include "lang/internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NER_MAX_FEATS 40
#define NER_START 99

static const lx_tok ner_pad = {.lower = 0x7a7a, .shape = 0x7a7b, .ptag = 0x7a7c, .form = 0x7a7d};

static const lx_tok *nat(const lx_sent *s, int i)
{
	return i >= 0 && i < s->n ? &s->t[i] : &ner_pad;
}
static uint64_t N1(unsigned id, uint64_t a)
{
	return pc_mix(id + 500, a);
}
static uint64_t N2(unsigned id, uint64_t a, uint64_t b)
{
	return pc_mix(pc_mix(id + 500, a), b);
}
static uint64_t N3(unsigned id, uint64_t a, uint64_t b, uint64_t c)
{
	return pc_mix(pc_mix(pc_mix(id + 500, a), b), c);
}

static size_t ner_features(const lx_sent *s, int i, unsigned p1, unsigned p2, uint64_t *f)
{
	const lx_tok *w = &s->t[i], *m1 = nat(s, i - 1), *m2 = nat(s, i - 2), *q1 = nat(s, i + 1),
	             *q2 = nat(s, i + 2);
	size_t n = 0;
	unsigned id = 0;
	f[n++] = N1(id++, 0);
	f[n++] = N1(id++, w->form);
	f[n++] = N1(id++, w->lower);
	f[n++] = N1(id++, w->shape);
	f[n++] = N1(id++, w->pre2);
	f[n++] = N1(id++, w->pre3);
	f[n++] = N1(id++, w->suf2);
	f[n++] = N1(id++, w->suf3);
	f[n++] = N1(id++, w->suf4);
	f[n++] = N1(id++, w->flags);
	f[n++] = N1(id++, w->ptag);
	f[n++] = N2(id++, w->ptag, w->flags);
	f[n++] = N1(id++, m1->ptag);
	f[n++] = N1(id++, q1->ptag);
	f[n++] = N2(id++, m1->ptag, w->ptag);
	f[n++] = N2(id++, w->ptag, q1->ptag);
	f[n++] = N1(id++, m1->lower);
	f[n++] = N1(id++, m2->lower);
	f[n++] = N1(id++, q1->lower);
	f[n++] = N1(id++, q2->lower);
	f[n++] = N2(id++, m1->lower, w->lower);
	f[n++] = N2(id++, w->lower, q1->lower);
	f[n++] = N1(id++, m1->shape);
	f[n++] = N1(id++, q1->shape);
	f[n++] = N3(id++, m1->shape, w->shape, q1->shape);
	f[n++] = N1(id++, m1->flags);
	f[n++] = N1(id++, q1->flags);
	f[n++] = N2(id++, i == 0, w->flags);
	f[n++] = N2(id++, i == 0, w->lower);
	f[n++] = N1(id++, p1);
	f[n++] = N2(id++, p1, p2);
	f[n++] = N2(id++, p1, w->lower);
	f[n++] = N2(id++, p1, w->shape);
	f[n++] = N2(id++, p1, w->ptag);
	f[n++] = N2(id++, m1->suf3, w->flags);
	f[n++] = N2(id++, q1->suf3, w->flags);
	assert(n <= NER_MAX_FEATS);
	return n;
}

/* BIO: I-X only after B-X or I-X. */
static int allowed(unsigned prev, unsigned c)
{
	if (c == 0 || (c & 1))
		return 1;
	return prev != NER_START && prev != 0 && (prev - 1) / 2 == (c - 1) / 2;
}

void lx_ner_tag(const lx_ner *m, lx_sent *s)
{
	uint64_t f[NER_MAX_FEATS];
	int32_t sc[PC_MAX_CLASSES];
	unsigned p1 = NER_START, p2 = NER_START;
	for (int i = 0; i < s->n; i++) {
		size_t nf = ner_features(s, i, p1, p2, f);
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
}

int lx_ner_read(lx_ner *m, blob_r *r, char **err)
{
	m->live = blob_get_u32(r) | 1;
	if (pc_model_read(&m->pc, r, err) != 0)
		return -1;
	if (m->pc.nclass != LN_NER_LABELS) {
		if (err &&
		    asprintf(err, "expected %d labels, found %u", LN_NER_LABELS, m->pc.nclass) < 0)
			*err = NULL;
		return -1;
	}
	return 0;
}

int lx_ner_train(lx_sent **g, size_t n, const lx_train_opts *o, blob_w *b)
{
	int rc = -1;
	size_t *idx = malloc(sizeof *idx * (n + 1));
	pc_trainer *t = pc_trainer_new(LN_NER_LABELS);
	pc_model pm = {0};
	if (!idx || !t)
		goto out;
	for (size_t k = 0; k < n; k++)
		idx[k] = k;
	unsigned seed = o->seed;
	uint64_t f[NER_MAX_FEATS];
	float sc[LN_NER_LABELS];
	uint32_t live = 1;
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < g[k]->n; i++)
			live |= 1u << g[k]->t[i].ner;
	for (int e = 0; e < o->epochs; e++) {
		lx_shuffle(idx, n, &seed);
		size_t right = 0, total = 0;
		for (size_t k = 0; k < n; k++) {
			lx_sent *s = g[idx[k]];
			unsigned p1 = NER_START, p2 = NER_START;
			for (int i = 0; i < s->n; i++) {
				size_t nf = ner_features(s, i, p1, p2, f);
				memset(sc, 0, sizeof sc);
				pc_trainer_score(t, f, nf, sc);
				unsigned guess = 0, gold = s->t[i].ner;
				for (unsigned c = 1; c < LN_NER_LABELS; c++)
					if ((live >> c & 1) && sc[c] > sc[guess] && allowed(p1, c))
						guess = c;
				if (pc_trainer_update(t, f, nf, gold, guess) != 0)
					goto out;
				right += guess == gold;
				total++;
				p2 = p1;
				p1 = guess;
			}
		}
		if (o->verbose)
			fprintf(stderr, "ner epoch %d: train accuracy %.4f\n", e + 1,
			        total ? (double)right / total : 0);
	}
	blob_put_u32(b, live);
	if (pc_trainer_compile(t, o->prune, &pm) != 0 || pc_model_write(&pm, b) != 0)
		goto out;
	rc = b->failed ? -1 : 0;
out:
	pc_model_free(&pm);
	pc_trainer_free(t);
	free(idx);
	return rc;
}
